using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bookmaker.Engine.Operations;

/// <summary>
/// What a running engine says about itself, rewritten every second into <c>&lt;journal&gt;.ops/status.json</c>: read
/// by <c>bookmaker risk status|halt</c>. <see cref="State"/> is never ACTIVE for an engine whose loop is stalled or
/// dead, and a reader treats a file older than a few seconds as "not responding" — a dead engine cannot update it.
/// </summary>
/// <param name="Pid">Process id.</param>
/// <param name="Mode">paper, live, …</param>
/// <param name="Journal">Absolute journal path.</param>
/// <param name="KillSwitch">Absolute kill-switch path the engine watches, or null.</param>
/// <param name="State">ACTIVE, REDUCING, HALTED, STALLED or DEAD.</param>
/// <param name="OpenOrders">Open orders.</param>
/// <param name="Fault">Why the engine failed closed, or null.</param>
/// <param name="StartedAt">When the engine started (wall clock).</param>
/// <param name="UpdatedAt">When this was written (wall clock).</param>
public sealed record EngineStatus(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("journal")] string Journal,
    [property: JsonPropertyName("kill_switch")] string? KillSwitch,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("open_orders")] int OpenOrders,
    [property: JsonPropertyName("fault")] string? Fault,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

/// <summary>Reads and writes <see cref="EngineStatus"/> in a journal's operator folder.</summary>
public static class EngineStatusFile
{
    /// <summary>File name inside the operator folder.</summary>
    public const string FileName = "status.json";

    /// <summary>The status file of a journal.</summary>
    public static string PathFor(string journalPath) => Path.Combine(OperatorMailbox.DirectoryFor(journalPath), FileName);

    /// <summary>Writes the status atomically.</summary>
    public static void Write(string journalPath, EngineStatus status)
    {
        string path = PathFor(journalPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        OperatorMailbox.WriteAtomically(path, JsonSerializer.Serialize(status));
    }

    /// <summary>The last status written, or null when there is none or it cannot be read.</summary>
    public static EngineStatus? Read(string journalPath)
    {
        string path = PathFor(journalPath);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<EngineStatus>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
