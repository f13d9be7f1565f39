using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bookmaker.Engine.Operations;

/// <summary>An operator's request to a running engine (<c>bookmaker risk halt|resume|reset|cancel-all</c>).</summary>
/// <param name="Id">Unique id; the answer carries it.</param>
/// <param name="Kind">One of <see cref="OperatorMailbox.Kinds"/>.</param>
/// <param name="Actor">Who asked.</param>
/// <param name="Reason">Why (free text), or null.</param>
/// <param name="At">When it was written (wall clock, UTC).</param>
/// <param name="Expires">After this the engine ignores it (answers <c>expired</c>): a request nobody picked up never acts later.</param>
public sealed record OperatorRequest(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("expires")] DateTimeOffset Expires);

/// <summary>The engine's answer to an <see cref="OperatorRequest"/>, written once the command took effect on the loop.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="Applied">True when it did what was asked; false when refused or expired (see <paramref name="Detail"/>).</param>
/// <param name="State">Trading state right after.</param>
/// <param name="OpenOrders">Orders open at that moment (a halt then cancels them).</param>
/// <param name="EngineTime">Engine clock when it took effect.</param>
/// <param name="Detail">One line for the operator.</param>
/// <param name="Pid">Process id of the engine that answered.</param>
public sealed record OperatorResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("applied")] bool Applied,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("open_orders")] int OpenOrders,
    [property: JsonPropertyName("engine_time")] DateTimeOffset EngineTime,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("pid")] int Pid);

/// <summary>
/// The file protocol between <c>bookmaker risk …</c> and a running engine: a folder beside the journal
/// (<c>&lt;journal&gt;.ops/</c>) holding <c>&lt;id&gt;.request.json</c> files the engine picks up, answers it writes as
/// <c>&lt;id&gt;.response.json</c>, and the engine's <c>status.json</c>. The command never writes the engine's journal:
/// the engine journals the command itself, so there is one writer. Files are written atomically (temp file, rename).
/// </summary>
public static class OperatorMailbox
{
    /// <summary>Halt: HALTED, cancel everything.</summary>
    public const string Halt = "halt";

    /// <summary>Resume trading after an operator halt (never lifts a breach).</summary>
    public const string Resume = "resume";

    /// <summary>Reset a daily-loss breach.</summary>
    public const string Reset = "reset";

    /// <summary>Cancel every open order, state unchanged.</summary>
    public const string CancelAll = "cancel-all";

    /// <summary>Every request kind.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Halt, Resume, Reset, CancelAll];

    /// <summary>How long a request stays valid by default.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(30);

    private const string RequestSuffix = ".request.json";
    private const string ResponseSuffix = ".response.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The mailbox folder of a journal.</summary>
    public static string DirectoryFor(string journalPath) => Path.GetFullPath(journalPath) + ".ops";

    /// <summary>Writes a request (creating the folder).</summary>
    public static string WriteRequest(string directory, OperatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, request.Id + RequestSuffix);
        WriteAtomically(path, JsonSerializer.Serialize(request, Json));
        return path;
    }

    /// <summary>Pending requests, oldest first (unreadable files are skipped and deleted).</summary>
    public static IReadOnlyList<OperatorRequest> PendingRequests(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var list = new List<OperatorRequest>();
        foreach (string file in Directory.GetFiles(directory, "*" + RequestSuffix))
        {
            try
            {
                if (JsonSerializer.Deserialize<OperatorRequest>(File.ReadAllText(file), Json) is { Id.Length: > 0 } r) list.Add(r);
                else File.Delete(file);
            }
            catch (JsonException)
            {
                TryDelete(file);
            }
            catch (IOException)
            {
                // Being written or already taken: seen next time.
            }
        }

        list.Sort((a, b) => a.At.CompareTo(b.At));
        return list;
    }

    /// <summary>Removes a request once it has been taken.</summary>
    public static void RemoveRequest(string directory, string id) => TryDelete(Path.Combine(directory, id + RequestSuffix));

    /// <summary>Writes the answer to a request.</summary>
    public static void WriteResponse(string directory, OperatorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, response.Id + ResponseSuffix), JsonSerializer.Serialize(response, Json));
    }

    /// <summary>Reads and removes the answer to request <paramref name="id"/>, or null when there is none yet.</summary>
    public static OperatorResponse? TakeResponse(string directory, string id)
    {
        string path = Path.Combine(directory, id + ResponseSuffix);
        if (!File.Exists(path)) return null;
        try
        {
            var r = JsonSerializer.Deserialize<OperatorResponse>(File.ReadAllText(path), Json);
            TryDelete(path);
            return r;
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

    /// <summary>Answers left behind that nobody read are removed after this long.</summary>
    public static void SweepOldResponses(string directory, TimeSpan olderThan, DateTimeOffset now)
    {
        if (!Directory.Exists(directory)) return;
        foreach (string file in Directory.GetFiles(directory, "*" + ResponseSuffix))
            if (now - File.GetLastWriteTimeUtc(file) > olderThan) TryDelete(file);
    }

    internal static void WriteAtomically(string path, string text)
    {
        string tmp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
