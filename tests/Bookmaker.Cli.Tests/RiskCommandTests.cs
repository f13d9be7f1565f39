using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

public sealed class RiskCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Kill => Path.Combine(_cli.Directory, "data", "KILL");

    private string JournalFile => Path.Combine(_cli.Directory, "data", "journal.db");

    [Fact]
    public void Halt_creates_the_kill_switch_file_with_who()
    {
        var r = _cli.Run("risk", "halt", "--actor", "alice", "--reason", "drill");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("alice", new KillSwitchFile(Kill).Read()!.Actor);
    }

    [Fact]
    public void Halt_is_journaled_with_actor_and_time()
    {
        _cli.Run("risk", "halt", "--actor", "alice");

        using var reader = JournalReader.Open(JournalFile);
        var entry = Assert.Single(reader.ReadByKind(JournalKind.OperatorCommand));
        Assert.Contains("\"actor\":\"alice\"", entry.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains("Halt", entry.Entry.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_removes_the_file_and_leaves_an_explicit_resume_request()
    {
        _cli.Run("risk", "halt", "--actor", "alice");

        var r = _cli.Run("risk", "resume", "--actor", "bob");

        Assert.Equal(0, r.ExitCode);
        Assert.False(File.Exists(Kill));
        Assert.Equal("bob", OperatorRequests.TryConsume(Kill, OperatorRequests.Resume)!.Actor);
    }

    [Fact]
    public void Reset_without_confirm_is_refused_with_exit_2()
    {
        var r = _cli.Run("risk", "reset");

        Assert.Equal(2, r.ExitCode);
        Assert.Null(OperatorRequests.TryConsume(Kill, OperatorRequests.Reset));
    }

    [Fact]
    public void Reset_with_confirm_leaves_a_reset_request()
    {
        var r = _cli.Run("risk", "reset", "--confirm", "--actor", "carol");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("carol", OperatorRequests.TryConsume(Kill, OperatorRequests.Reset)!.Actor);
    }

    [Fact]
    public async Task Status_reads_state_denials_and_open_alerts_from_the_journal()
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
        Assert.Contains("state: HALTED (daily_loss_breached)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("daily_loss_breached: 1", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("CRITICAL daily_loss_breach", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stale_feed", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_reports_an_engaged_kill_switch_even_without_a_journal()
    {
        _cli.Run("risk", "halt");
        File.Delete(JournalFile);

        var r = _cli.Run("risk", "status", "--json");

        Assert.Contains("\"kill_switch_engaged\": true", r.Stdout, StringComparison.Ordinal);
    }
}
