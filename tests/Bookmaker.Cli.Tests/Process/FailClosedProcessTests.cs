using Bookmaker.Engine.Operations;
using Bookmaker.Engine.Risk;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// The internal-fault campaign through the real <c>bookmaker</c> process on the simulated venue: each fault ends with
/// every order cancelled, the documented exit code, one line on stderr and the summary written; a restart trades again
/// without reusing an order id.
/// </summary>
public sealed class FailClosedProcessTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly ProcessRun _run = new();

    public void Dispose() => _run.Dispose();

    private Task<(int Code, BookmakerProcess Process)> Paper(params string[] extra) =>
        _run.RunAsync(Limit, ["paper", "--scenario", "stress", "--speed", "max", "--duration", "10m", "--journal", "j.db", "--summary-json", "s.json", .. extra]);

    [Fact]
    public async Task A_strategy_that_throws_is_stopped_alone_and_the_run_exits_1_with_one_line()
    {
        var (code, p) = await Paper("--drill", "strategy-throw@500");
        using var _ = p;

        Assert.Equal(1, code);
        string line = Assert.Single(p.StderrLines);
        Assert.Contains("strategy 'mm'", line, StringComparison.Ordinal);
        var s = _run.Summary();
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        Assert.Equal("strategy_fault", s.GetProperty("exit_reason").GetString());
        Assert.True(s.GetProperty("fills").GetInt32() > 0, "the other strategies kept trading");
    }

    [Fact]
    public async Task A_fault_in_the_engine_core_halts_cancels_everything_and_exits_3()
    {
        var (code, p) = await Paper("--drill", "core-throw@20000");
        using var _ = p;

        Assert.Equal(3, code);
        string line = Assert.Single(p.StderrLines);
        Assert.StartsWith("bookmaker: FAIL-CLOSED (exit 3)", line, StringComparison.Ordinal);
        Assert.Contains("every order cancelled and confirmed", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", p.Stdout + p.Stderr, StringComparison.Ordinal); // no stack trace on the screen
        Assert.Contains("   at ", File.ReadAllText(_run.PathOf("bookmaker-faults.log")), StringComparison.Ordinal);
        var s = _run.Summary();
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        Assert.Equal("HALTED", s.GetProperty("trading_state_at_exit").GetString());
        Assert.Equal(3, s.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task A_journal_that_cannot_write_halts_cancels_everything_and_exits_3()
    {
        var (code, p) = await Paper("--drill", "journal-fail@3000");
        using var _ = p;

        Assert.Equal(3, code);
        Assert.Contains("the journal cannot write", Assert.Single(p.StderrLines), StringComparison.Ordinal);
        var s = _run.Summary();
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        Assert.Equal(0, s.GetProperty("orders_accepted_while_halted").GetInt32());
    }

    [Fact]
    public async Task A_strategy_that_blocks_the_loop_is_a_stall_and_exits_4()
    {
        var (code, p) = await Paper("--drill", "strategy-block@3000=3s", "--set", "Engine:StallTimeout=1s");
        using var _ = p;

        Assert.Equal(4, code);
        string line = Assert.Single(p.StderrLines);
        Assert.Contains("made no progress", line, StringComparison.Ordinal);
        Assert.Contains("strategy 'mm'", line, StringComparison.Ordinal);
        Assert.Equal(0, _run.Summary().GetProperty("open_orders_at_exit").GetInt32());
    }

    [Fact]
    public async Task A_journal_removed_mid_run_fails_closed()
    {
        using var p = _run.Start("paper", "--duration", "60s", "--journal", "j.db", "--summary-json", "s.json");
        await p.WaitForLineAsync(l => l.Contains("state=ACTIVE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a status line");

        File.Delete(_run.PathOf("j.db"));
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, code);
        Assert.Contains("was removed", p.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _run.Summary().GetProperty("open_orders_at_exit").GetInt32());
    }

    [Fact]
    public async Task Sigterm_stops_a_paper_run_gracefully_with_its_summary()
    {
        using var p = _run.Start("paper", "--duration", "60s", "--journal", "j.db", "--summary-json", "s.json");
        await p.WaitForLineAsync(l => l.Contains("state=ACTIVE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a status line");

        p.Signal(BookmakerProcess.SigTerm);
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, code);
        var s = _run.Summary();
        Assert.Equal("signal:SIGTERM", s.GetProperty("exit_reason").GetString());
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        using var reader = JournalReader.Open(_run.PathOf("j.db"));
        Assert.NotEmpty(reader.ReadByKind(Engine.Journal.JournalKind.SessionStopped));
    }

    [Fact]
    public async Task Sigterm_stops_a_paper_run_on_the_emulator_gracefully()
    {
        using var p = _run.Start("paper", "--venue", "polymarket-emulator", "--duration", "60s", "--journal", "j.db", "--summary-json", "s.json");
        await p.WaitForLineAsync(l => l.Contains("state=ACTIVE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a status line");

        p.Signal(BookmakerProcess.SigTerm);
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, code);
        Assert.Equal("signal:SIGTERM", _run.Summary().GetProperty("exit_reason").GetString());
        Assert.Equal(0, _run.Summary().GetProperty("open_orders_at_exit").GetInt32());
    }

    [Fact]
    public async Task A_restart_after_failing_closed_trades_again_without_reusing_an_order_id()
    {
        var (first, p1) = await Paper("--drill", "core-throw@20000");
        p1.Dispose();
        Assert.Equal(3, first);

        var (second, p2) = await Paper();
        using var _ = p2;

        Assert.Equal(0, second);
        Assert.True(_run.Summary().GetProperty("orders_submitted").GetInt32() > 0);
        using var reader = JournalReader.Open(_run.PathOf("j.db"));
        var ids = reader.ReadByKind(Engine.Journal.JournalKind.OrderIntent).Select(r => r.Entry.OrderId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(2, reader.Sessions().Count);
    }

    [Fact]
    public async Task A_kill_switch_present_at_start_lets_no_order_out()
    {
        new KillSwitchFile(_run.PathOf("data/KILL")).Engage("ops", DateTimeOffset.UtcNow, "maintenance");

        var (code, p) = await Paper();
        using var _ = p;

        Assert.Equal(0, code);
        var s = _run.Summary();
        Assert.Equal(0, s.GetProperty("orders_submitted").GetInt32());
        Assert.Equal("HALTED", s.GetProperty("trading_state_at_exit").GetString());
    }
}
