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

/// <summary><c>bookmaker risk status</c> reports what the runs journaled.</summary>
public sealed class RiskStatusJournalTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string JournalFile => Path.Combine(_cli.Directory, "data", "journal.db");

    [Fact]
    public void Status_shows_the_limits_the_run_journaled_not_its_own_configuration()
    {
        Assert.Equal(0, _cli.Run("paper", "--speed", "max", "--duration", "1m", "--set", "Risk:DailyLossLimit=7").ExitCode);

        var r = _cli.Run("risk", "status", "--json");

        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        Assert.Equal("7", doc.RootElement.GetProperty("limits").GetProperty("daily_loss_limit").GetString());
        Assert.StartsWith("journaled by the run", doc.RootElement.GetProperty("limits_source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_counts_a_gain_as_no_loss_used()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await using (var j = SqliteJournal.Open(JournalFile))
        {
            j.Append(new JournalEntry(1, JournalKind.PnlSnapshot, 0, null, "{\"cash\":\"1372.01\",\"realized\":\"372.01\",\"unrealized\":\"0\",\"fees\":\"0\",\"rebates\":\"0\",\"equity\":\"1372.01\",\"daily\":\"372.01\",\"state\":\"ACTIVE\"}"));
            await j.FlushAsync();
        }

        var r = _cli.Run("risk", "status");

        Assert.Contains("daily_pnl: 372.01", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("daily_loss_used: 0 of 50", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_when_the_last_run_ended_uncleanly()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalFile)!);
        await using (var j = SqliteJournal.Open(JournalFile))
        {
            j.StartSession("hash", 1, "simulated", 1);
            j.Append(new JournalEntry(2, JournalKind.Note, 0, null, "{\"text\":\"x\"}"));
            await j.FlushAsync(); // and no SessionStopped: the run was killed
        }

        var r = _cli.Run("risk", "status");

        Assert.Contains("last run: session 1", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("ended uncleanly", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_journal_is_refused_by_paper_and_by_status_with_one_line()
    {
        Assert.Equal(0, _cli.Run("paper", "--speed", "max", "--duration", "20m").ExitCode);
        DamagePages(JournalFile);

        var paper = _cli.Run("paper", "--speed", "max", "--duration", "1m");
        var status = _cli.Run("risk", "status");

        Assert.Equal(2, paper.ExitCode);
        Assert.Contains("it is damaged", Assert.Single(paper.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("it is damaged", Assert.Single(status.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    /// <summary>Overwrites the middle of three pages in the middle of the file with garbage.</summary>
    private static void DamagePages(string path)
    {
        long pages = new FileInfo(path).Length / 4096;
        Assert.True(pages > 30, "the journal is big enough to damage in the middle");
        var rng = new Random(7);
        using var f = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        for (int k = 0; k < 3; k++)
        {
            var junk = new byte[3000];
            rng.NextBytes(junk);
            f.Position = (pages / 2 + k * 7) * 4096 + 100;
            f.Write(junk);
        }
    }
}
