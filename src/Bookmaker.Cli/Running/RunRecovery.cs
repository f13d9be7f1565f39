using System.Globalization;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Running;

/// <summary>How the run before this one ended, read from the journal.</summary>
/// <param name="Epoch">Its session epoch.</param>
/// <param name="StartedTicks">When it started (engine clock).</param>
/// <param name="Clean">True when it wrote its stop record cleanly.</param>
/// <param name="Fault">Why it failed closed, when it did.</param>
internal sealed record LastRun(uint Epoch, long StartedTicks, bool Clean, string? Fault)
{
    /// <summary>
    /// The last run recorded in the journal before session <paramref name="beforeEpoch"/>: clean when its stop record
    /// says so, failed closed when it journaled an engine fault, else unclean (killed).
    /// </summary>
    public static LastRun? Read(JournalReader reader, uint beforeEpoch)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sessions = reader.Sessions();
        var last = sessions.Where(s => s.Epoch < beforeEpoch).OrderBy(s => s.Epoch).LastOrDefault();
        if (last is null) return null;
        long end = sessions.Where(s => s.Epoch > last.Epoch).Select(s => s.StartSequence).DefaultIfEmpty(long.MaxValue).Min();
        bool clean = false;
        string? fault = null;
        foreach (var r in reader.ReadSince(last.StartSequence))
        {
            if (r.Sequence >= end) break;
            if (r.Entry.Kind == JournalKind.SessionStopped) clean = !r.Entry.Payload.Contains("\"clean\":false", StringComparison.Ordinal);
            if (r.Entry.Kind == JournalKind.Note && r.Entry.Payload.StartsWith("{\"text\":\"engine_fault\"", StringComparison.Ordinal))
                fault ??= ReasonOf(r.Entry.Payload);
        }

        return new LastRun(last.Epoch, last.StartedTicks, clean && fault is null, fault);
    }

    private static string ReasonOf(string payload)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty("reason", out var why) ? why.GetString() ?? "engine fault" : "engine fault";
        }
        catch (System.Text.Json.JsonException)
        {
            return "engine fault";
        }
    }

    public string Describe()
    {
        string when = new DateTimeOffset(StartedTicks, TimeSpan.Zero).ToString("u", CultureInfo.InvariantCulture);
        string how = Fault is not null ? $"failed closed ({Fault})" : Clean ? "stopped cleanly" : "ended uncleanly (killed, or the machine stopped: no stop record)";
        return $"session {Epoch}, started {when}, {how}";
    }
}

/// <summary>
/// Recovery on every start: reads what the journal says about earlier runs (only entries before this run's session),
/// restores it into the engine through <see cref="OrderManager.Restore"/> before any strategy starts, prints one line
/// and journals it; then, once every venue answered its first reconciliation, prints and journals what the venue said
/// and what was repaired.
/// </summary>
internal sealed class RunRecovery
{
    private readonly List<ReconciliationFinding> _findings = [];
    private readonly HashSet<string> _pending;
    private readonly EngineHost _host;
    private readonly CliContext _context;
    private readonly string _label;
    private bool _done;
    private bool _previous;

    private RunRecovery(EngineHost host, CliContext context, string label)
    {
        _host = host;
        _context = context;
        _label = label;
        _pending = new HashSet<string>(host.Venues.Select(v => v.Venue), StringComparer.Ordinal);
        host.Engine.Orders.Reconciled += f =>
        {
            if (!_done) _findings.Add(f);
        };
        host.Engine.Orders.SnapshotHandled += OnSnapshot;
    }

    /// <summary>Restores the journal's earlier runs into <paramref name="host"/> (call before strategies are added).</summary>
    public static RunRecovery Restore(EngineHost host, SqliteJournal journal, JournalSession session, RecoveryScope scope, CliContext context, string label)
    {
        var recovery = new RunRecovery(host, context, label);
        using var reader = JournalReader.Open(journal.Path);
        var previous = LastRun.Read(reader, session.Epoch);
        if (previous is null) return recovery; // a new journal: nothing to take over
        var state = JournalRecovery.Recover(reader.ReadAll().TakeWhile(r => r.Sequence < session.StartSequence).Select(r => r.Entry), host.Engine.Instruments);
        var summary = host.Engine.Orders.Restore(state, scope);
        recovery._previous = true;
        string line = $"recovery: previous run ({previous.Describe()}); {summary.Describe()}";
        context.Stdout.WriteLine($"{label}: {line}");
        host.Engine.Orders.Note("recovery", line);
        return recovery;
    }

    // On the loop: the first complete answer of each venue closes the recovery report.
    private void OnSnapshot(Engine.Venues.AccountSnapshot snapshot)
    {
        if (_done || !snapshot.Complete || !_pending.Remove(snapshot.Venue) || _pending.Count > 0) return;
        _done = true;
        if (!_previous && _findings.Count == 0) return;
        string what = string.Join(", ", _findings.GroupBy(f => f.Issue).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        string line = _findings.Count == 0
            ? "recovery: first reconciliation: the venue agrees with the journal, nothing to repair"
            : $"recovery: first reconciliation repaired: {what}";
        _context.Stdout.WriteLine($"{_label}: {line}");
        _host.Engine.Orders.Note("recovery_reconciled", line);
    }
}
