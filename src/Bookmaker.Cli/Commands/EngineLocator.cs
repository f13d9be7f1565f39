using System.Globalization;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Operations;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Commands;

/// <summary>Whether an engine runs on a journal, as far as another process can tell.</summary>
internal enum EngineLiveness
{
    /// <summary>No engine holds the journal.</summary>
    NotRunning,

    /// <summary>An engine holds the journal and reported within the last few seconds.</summary>
    Running,

    /// <summary>An engine holds the journal but has not reported for a while (stalled, or hanging on exit).</summary>
    NotResponding,
}

/// <summary>What <see cref="EngineLocator"/> found for one journal.</summary>
/// <param name="JournalPath">The journal (absolute).</param>
/// <param name="Liveness">Running or not.</param>
/// <param name="Status">The engine's last <c>status.json</c>, or null.</param>
/// <param name="HolderPid">Process id of the journal's writer when one holds it.</param>
/// <param name="HolderKillSwitch">The kill-switch path the writer published with its lock, or null.</param>
internal sealed record EngineTarget(string JournalPath, EngineLiveness Liveness, EngineStatus? Status, int? HolderPid, string? HolderKillSwitch = null)
{
    /// <summary>The kill-switch file the running engine watches (from its lock or its status), or null.</summary>
    public string? KillSwitch => HolderKillSwitch ?? Status?.KillSwitch;

    /// <summary>The operator folder of the journal.</summary>
    public string Mailbox => OperatorMailbox.DirectoryFor(JournalPath);

    /// <summary>How old the status is.</summary>
    public TimeSpan? StatusAge(DateTimeOffset now) => Status is null ? null : now - Status.UpdatedAt;

    /// <summary>One line for the operator.</summary>
    public string Describe(DateTimeOffset now) => Liveness switch
    {
        EngineLiveness.Running => string.Create(CultureInfo.InvariantCulture,
            $"running (pid {Status!.Pid}, {Status.Mode}, since {Status.StartedAt:u}): state {Status.State}, {Status.OpenOrders} open order(s), as of {StatusAge(now)!.Value.TotalSeconds:0.0} s ago"),
        EngineLiveness.NotResponding => string.Create(CultureInfo.InvariantCulture,
            $"NOT RESPONDING (pid {HolderPid} holds the journal; last report {(Status is null ? "never" : $"{StatusAge(now)!.Value.TotalSeconds:0} s ago, state then {Status.State}")})"),
        _ => Status is null ? "not running" : string.Create(CultureInfo.InvariantCulture, $"not running (last run pid {Status.Pid} reported {Status.State} at {Status.UpdatedAt:u})"),
    };
}

/// <summary>
/// Finds the engine an operator command is meant for: the journal named by <c>--journal</c>, or else whichever of the
/// configured paper and live journals has a running engine. A journal has a running engine while a process holds its
/// writer lock (<see cref="JournalLock"/>; the kernel drops it when the process dies, even on <c>kill -9</c>), and that
/// engine is responding while its status file is fresh; the kill-switch path and the mailbox come from the engine
/// itself, never from the caller's working directory.
/// </summary>
internal static class EngineLocator
{
    /// <summary>A status older than this means the engine is not responding.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    public static EngineTarget Inspect(string journalPath, DateTimeOffset now)
    {
        string full = Path.GetFullPath(journalPath);
        var status = EngineStatusFile.Read(full);
        // The journal's writer lock is the truth about "running": the kernel releases it when the process dies.
        var holder = JournalLock.TryReadHolder(full);
        if (holder is null) return new EngineTarget(full, EngineLiveness.NotRunning, status, null, null);
        bool fresh = status is not null && status.Pid == holder.Pid && now - status.UpdatedAt <= Fresh;
        return new EngineTarget(full, fresh ? EngineLiveness.Running : EngineLiveness.NotResponding, status, holder.IsUnknown ? null : holder.Pid,
            holder.Properties.TryGetValue(JournalFiles.KillSwitchFileProperty, out var kill) ? kill : null);
    }

    /// <summary>
    /// The target of a command: the explicit journal, or the one running engine among the configured journals.
    /// <paramref name="error"/> is set when two engines run and none was named.
    /// </summary>
    public static EngineTarget Locate(string? explicitJournal, BookmakerOptions options, CliContext context, DateTimeOffset now, out string? error)
    {
        error = null;
        if (explicitJournal is not null) return Inspect(context.ResolvePath(explicitJournal), now);
        var candidates = new[] { options.Paper.JournalPath, options.Live.JournalPath }
            .Select(context.ResolvePath).Distinct(StringComparer.Ordinal).Select(p => Inspect(p, now)).ToList();
        var running = candidates.Where(c => c.Liveness != EngineLiveness.NotRunning).ToList();
        if (running.Count == 1) return running[0];
        if (running.Count > 1)
        {
            error = "engines are running on " + string.Join(" and ", running.Select(r => r.JournalPath)) + ": name one with --journal";
            return running[0];
        }

        // Nobody runs: the journal with the most recent status (the last engine to run), else the paper journal.
        return candidates.Where(c => c.Status is not null).OrderByDescending(c => c.Status!.UpdatedAt).FirstOrDefault() ?? candidates[0];
    }

}
