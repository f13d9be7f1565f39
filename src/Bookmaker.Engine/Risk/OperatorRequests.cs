using System.Text.Json;

namespace Bookmaker.Engine.Risk;

/// <summary>An operator request left for a running engine: what, who, when.</summary>
/// <param name="Kind">"resume" or "reset".</param>
/// <param name="Actor">Who asked.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Why.</param>
public sealed record OperatorRequest(string Kind, string Actor, DateTimeOffset At, string? Reason);

/// <summary>
/// The file channel between <c>bookmaker risk resume|reset</c> and a running engine. A request is a small JSON file next
/// to the kill-switch file (<c>KILL.resume</c>, <c>KILL.reset</c>); the engine's housekeeping consumes it (reads,
/// deletes, journals it as an operator command). Files, not sockets: they work when the engine is busy, survive a
/// restart, and need no port.
/// </summary>
public static class OperatorRequests
{
    /// <summary>Request kinds.</summary>
    public const string Resume = "resume";

    /// <summary>Reset of a daily-loss breach.</summary>
    public const string Reset = "reset";

    /// <summary>The request file for <paramref name="kind"/> beside <paramref name="killSwitchPath"/>.</summary>
    public static string PathFor(string killSwitchPath, string kind) => System.IO.Path.GetFullPath(killSwitchPath) + "." + kind;

    /// <summary>Writes a request atomically.</summary>
    public static void Write(string killSwitchPath, OperatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string path = PathFor(killSwitchPath, request.Kind);
        string? dir = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(request));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Reads and deletes a pending request, if any.</summary>
    public static OperatorRequest? TryConsume(string killSwitchPath, string kind)
    {
        string path = PathFor(killSwitchPath, kind);
        if (!File.Exists(path)) return null;
        OperatorRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<OperatorRequest>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            request = new OperatorRequest(kind, "unknown", File.GetLastWriteTimeUtc(path), "unreadable request file");
        }

        File.Delete(path);
        return request ?? new OperatorRequest(kind, "unknown", DateTimeOffset.UnixEpoch, null);
    }
}
