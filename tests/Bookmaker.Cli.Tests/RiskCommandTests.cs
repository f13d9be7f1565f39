using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Operations;
using Bookmaker.Engine.Risk;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

/// <summary>
/// <c>bookmaker risk …</c> in-process, without a running engine (the commands' own rules). Against running engines the
/// commands are tested through the real process in <c>Process/OperatorCommandProcessTests</c>.
/// </summary>
public sealed class RiskCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Kill => Path.Combine(_cli.Directory, "data", "KILL");

    private string JournalFile => Path.Combine(_cli.Directory, "data", "journal.db");

    private string Mailbox => OperatorMailbox.DirectoryFor(JournalFile);

    private JournalLock HoldJournal(string killSwitch)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        var held = JournalLock.Acquire(JournalFile, new JournalWriterInfo("paper", null, new Dictionary<string, string> { [JournalFiles.KillSwitchFileProperty] = killSwitch }));
        EngineStatusFile.Write(JournalFile, new EngineStatus(Environment.ProcessId, "paper", JournalFile, killSwitch, "ACTIVE", 0, null,
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
        return held;
    }

    [Fact]
    public void Halt_with_no_engine_running_engages_the_kill_switch_and_says_so()
    {
        var r = _cli.Run("risk", "halt", "--actor", "alice", "--reason", "drill");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("alice", new KillSwitchFile(Kill).Read()!.Actor);
        Assert.Contains("no engine is running", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("next start comes up HALTED", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Halt_never_writes_the_engines_journal()
    {
        _cli.Run("risk", "halt", "--actor", "alice");

        Assert.False(File.Exists(JournalFile));
    }

    [Fact]
    public void Resume_with_no_engine_running_leaves_no_request_behind()
    {
        _cli.Run("risk", "halt", "--actor", "alice");

        var r = _cli.Run("risk", "resume", "--actor", "bob");

        Assert.Equal(1, r.ExitCode);
        Assert.False(File.Exists(Kill));
        Assert.Contains("nothing was resumed", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(OperatorMailbox.PendingRequests(Mailbox));
    }

    [Fact]
    public void Reset_without_confirm_is_refused_with_exit_2()
    {
        var r = _cli.Run("risk", "reset");

        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Reset_with_no_engine_running_says_so_and_leaves_no_request()
    {
        var r = _cli.Run("risk", "reset", "--confirm", "--actor", "carol");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no engine is running", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(OperatorMailbox.PendingRequests(Mailbox));
    }

    [Fact]
    public void Halt_uses_the_kill_switch_the_engine_reported_not_the_callers_directory()
    {
        // An engine (this test process holds the journal's writer lock) that reports itself running but never answers.
        string elsewhere = Path.Combine(_cli.Directory, "elsewhere", "KILL");
        using var held = HoldJournal(elsewhere);

        var r = _cli.Run("risk", "halt", "--journal", JournalFile, "--wait", "300ms");

        Assert.True(File.Exists(elsewhere), "the engine's own kill switch is engaged");
        Assert.False(File.Exists(Kill), "nothing is created relative to the caller's working directory");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("NOT CONFIRMED", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_nobody_answered_is_withdrawn_and_never_acts_later()
    {
        using var held = HoldJournal(Kill);

        _cli.Run("risk", "cancel-all", "--journal", JournalFile, "--wait", "200ms");

        Assert.Empty(OperatorMailbox.PendingRequests(Mailbox));
    }

    [Fact]
    public async Task Status_of_a_stopped_engine_never_says_it_is_active()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await using (var j = SqliteJournal.Open(JournalFile))
        {
            j.Append(new JournalEntry(1, JournalKind.TradingState, 0, null, "{\"text\":\"ACTIVE\",\"from\":\"HALTED\",\"reason\":\"operator:bob\"}"));
            await j.FlushAsync();
        }

        var r = _cli.Run("risk", "status");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("engine: not running", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("state: NOT RUNNING (next start: ACTIVE)", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_reads_denials_and_open_alerts_and_the_breach_a_restart_inherits()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await using (var j = SqliteJournal.Open(JournalFile))
        {
            j.Append(new JournalEntry(1, JournalKind.TradingState, 0, null, "{\"text\":\"HALTED\",\"from\":\"ACTIVE\",\"reason\":\"daily_loss_breached\"}"));
            j.Append(new JournalEntry(2, JournalKind.RiskDenied, 5, "sim:a", "{\"text\":\"daily_loss_breached\"}"));
            j.Append(new JournalEntry(3, JournalKind.Alert, 0, null, "{\"text\":\"breached\",\"code\":\"daily_loss_breach\",\"severity\":\"CRITICAL\",\"key\":\"\",\"active\":\"true\"}"));
            j.Append(new JournalEntry(4, JournalKind.Alert, 0, null, "{\"text\":\"ok\",\"code\":\"stale_feed\",\"severity\":\"WARNING\",\"key\":\"\",\"active\":\"false\"}"));
            await j.FlushAsync();
        }

        var r = _cli.Run("risk", "status");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("next start: HALTED (daily-loss breach not reset)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("daily_loss_breached: 1", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("CRITICAL daily_loss_breach", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stale_feed", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_reports_an_engaged_kill_switch_even_without_a_journal()
    {
        _cli.Run("risk", "halt");

        var r = _cli.Run("risk", "status", "--json");

        Assert.Contains("\"kill_switch_engaged\": true", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"next_start\": \"HALTED (kill switch engaged)\"", r.Stdout, StringComparison.Ordinal);
    }
}
