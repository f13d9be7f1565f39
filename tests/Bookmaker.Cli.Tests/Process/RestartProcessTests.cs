using Bookmaker.Cli.Tests.Live;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Emulator;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// Restarts through the real <c>bookmaker</c> process: a breach that outlives the run, a <c>kill -9</c>, and a live
/// restart on an account that already has trade history (against the loopback emulator hosted by the test).
/// </summary>
public sealed class RestartProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_daily_loss_breach_survives_a_restart_and_the_restart_sends_nothing()
    {
        using var run = new ProcessRun();
        string[] args = ["paper", "--speed", "max", "--duration", "10m", "--strategies", "arb", "--journal", "b.db", "--summary-json", "s.json", "--set", "Risk:DailyLossLimit=1"];
        var (first, p1) = await run.RunAsync(Limit, args);
        p1.Dispose();
        Assert.Equal("HALTED", run.Summary().GetProperty("trading_state_at_exit").GetString());
        Assert.True(run.Summary().GetProperty("orders_submitted").GetInt32() > 0);

        var (second, p2) = await run.RunAsync(Limit, args);
        using var _ = p2;

        Assert.True(second == 0, p2.Stdout + p2.Stderr);
        Assert.Contains("starting HALTED — a daily-loss breach was never reset", p2.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, run.Summary().GetProperty("orders_submitted").GetInt32());
        Assert.Equal("HALTED", run.Summary().GetProperty("trading_state_at_exit").GetString());
    }

    [Fact]
    public async Task After_kill_9_a_restart_reports_the_unclean_end_and_carries_on()
    {
        using var run = new ProcessRun();
        using (var p = run.Start("paper", "--duration", "60s", "--journal", "j.db"))
        {
            await p.WaitForLineAsync(l => l.Contains("state=ACTIVE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a status line");
            p.Signal(BookmakerProcess.SigKill);
            await p.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var (code, again) = await run.RunAsync(Limit, "paper", "--speed", "max", "--duration", "2m", "--journal", "j.db", "--summary-json", "s.json");
        using var _ = again;

        Assert.True(code == 0, again.Stdout + again.Stderr);
        Assert.Contains("recovery: previous run (session 1, started", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("ended uncleanly", again.Stdout, StringComparison.Ordinal);
        using var reader = JournalReader.Open(run.PathOf("j.db"));
        Assert.Single(reader.ReadByKind(JournalKind.Note), r => r.Entry.Payload.StartsWith("{\"text\":\"recovery\"", StringComparison.Ordinal));
    }

    private static BookmakerProcess StartLive(LiveEmulatorFixture fx, ProcessRun run, params string[] extra)
    {
        foreach (var (k, v) in fx.Cli.Environment) run.Environment[k] = v;
        return run.Start(["live", "--venue", "polymarket", "--confirm-live", "--markets", fx.MarketsArgument, "--journal", "live.db", "--summary-json", "s.json",
            "--set", "Risk:MaxPositionPerInstrument=5000", .. extra]);
    }

    [Fact]
    public async Task A_live_restart_on_an_account_with_trade_history_books_no_old_trade_as_a_fill()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        // A still book: without the 500 ms stale pull the bids are there when the taker comes (see the kill -9 test).
        using (var first = StartLive(fx, run, "--duration", "120s", "--set", "MarketMaker:MaxBookAge=60s"))
        {
            // Our bid resting at the top of every market (above the house's 0.48) and steady: a take sent before it (at
            // start nothing is quoted until the account is reconciled, and quotes built on its inventory then replace
            // nothing) hits the house's bids instead of ours, and this still book brings no second chance.
            await UntilOurBidsLeadAsync(fx, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
            // Hit our bids: the account now has trades.
            foreach (var m in fx.Emulator.Markets) fx.Emulator.TakeLiquidity(m.YesTokenId, Side.Sell, Price.Parse("0.40"), Quantity.FromUnits(5));
            await BookmakerProcess.UntilAsync(() => FillsIn(run.PathOf("live.db"), 1) > 0, TimeSpan.FromSeconds(30), "a fill journaled");
            first.Signal(BookmakerProcess.SigTerm);
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        using var second = StartLive(fx, run, "--duration", "4s");
        int code = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, second.Stdout + second.Stderr);
        Assert.Contains("recovery: previous run (session 1", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, FillsIn(run.PathOf("live.db"), 2));
        Assert.Equal(0, run.Summary().GetProperty("fills").GetInt32());
        using var reader = JournalReader.Open(run.PathOf("live.db"));
        Assert.DoesNotContain(reader.ReadByKind(JournalKind.Reconciliation), r => r.Entry.Payload.Contains("FillForUnknownOrder", StringComparison.Ordinal));
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));
    }

    [Fact]
    public async Task A_trade_that_fails_while_the_engine_is_down_is_reversed_by_the_next_live_run()
    {
        // Trades stay MATCHED for an hour, so they can still fail on chain after the run that made them has stopped.
        await using var fx = await LiveEmulatorFixture.StartAsync(new EmulatorOptions { MinedAfter = TimeSpan.FromHours(1) });
        using var run = new ProcessRun();
        using (var first = StartLive(fx, run, "--duration", "120s"))
        {
            await UntilOurBidsLeadAsync(fx, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
            foreach (var m in fx.Emulator.Markets) fx.Emulator.TakeLiquidity(m.YesTokenId, Side.Sell, Price.Parse("0.40"), Quantity.FromUnits(5));
            await BookmakerProcess.UntilAsync(() => FillsIn(run.PathOf("live.db"), 1) > 0, TimeSpan.FromSeconds(30), "a fill journaled");
            first.Signal(BookmakerProcess.SigTerm);
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        var failed = TradesOfFills(run.PathOf("live.db"));
        Assert.NotEmpty(failed);
        foreach (var trade in failed) fx.Emulator.FailTrade(trade);

        using var second = StartLive(fx, run, "--duration", "6s");
        int code = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, second.Stdout + second.Stderr);
        using var reader = JournalReader.Open(run.PathOf("live.db"));
        var reversed = reader.ReadByKind(JournalKind.Fill).Where(r => r.Entry.Payload.Contains("\"reversed\":true", StringComparison.Ordinal)).ToList();
        Assert.Equal(failed.Count, reversed.Count);
        Assert.Equal(0, run.Summary().GetProperty("position_mismatches_at_exit").GetInt32());
    }

    /// <summary>The venue's trade ids of the fills journaled so far (a maker fill's id is "trade:order").</summary>
    private static List<string> TradesOfFills(string journal)
    {
        using var reader = JournalReader.Open(journal);
        return [.. reader.ReadByKind(JournalKind.Fill)
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Entry.Payload).RootElement.GetProperty("trade").GetString()!.Split(':')[0])
            .Distinct(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_live_restart_after_kill_9_takes_over_the_orders_left_at_the_venue_and_reuses_no_id()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        // The fixture's book is still: with the default stale guard (quotes pulled after 500 ms without a book update)
        // the quoter would pull and re-place its quotes all the time, and the kill could land between the two.
        using (var first = StartLive(fx, run, "--duration", "120s", "--set", "MarketMaker:MaxBookAge=60s"))
        {
            // Kill once quotes have stayed at the venue for half a second, which also lets the journal writer commit
            // their intents.
            await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) > 0, TimeSpan.FromSeconds(30), "quotes resting");
            await UntilQuotesStayAsync(fx, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
            first.Signal(BookmakerProcess.SigKill);
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.True(fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) > 0, "the killed run left orders at the venue");
        using var second = StartLive(fx, run, "--duration", "4s");
        int code = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, second.Stdout + second.Stderr);
        Assert.Contains("ended uncleanly", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));
        using var reader = JournalReader.Open(run.PathOf("live.db"));
        var ids = reader.ReadByKind(JournalKind.OrderIntent).Select(r => r.Entry.OrderId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>
    /// Waits until the account's best bid on every market's YES view has rested above the house's best bid (0.48) without
    /// a gap for <paramref name="steady"/>, so a taker selling down to 0.40 meets our bid first. The account holds both
    /// tokens (the emulator funds it), so once reconciled the market maker bids for YES as a NO ask at 1 − bid.
    /// </summary>
    private static async Task UntilOurBidsLeadAsync(LiveEmulatorFixture fx, TimeSpan steady, TimeSpan timeout)
    {
        var house = Price.Parse("0.48");
        var deadline = DateTime.UtcNow + timeout;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            bool leading = fx.Emulator.Markets.All(m => fx.Emulator.BestRestingYesBid(fx.Credentials.ApiKey, m.ConditionId) is { } bid && bid > house);
            if (!leading) since = DateTime.UtcNow;
            else if (DateTime.UtcNow - since >= steady) return;
            await Task.Delay(10);
        }

        throw new TimeoutException($"our bids did not lead every market's book (> {house}) for {steady.TotalMilliseconds} ms within {timeout.TotalSeconds} s");
    }

    /// <summary>Waits until the account has had orders resting at the venue without a gap for <paramref name="steady"/>.</summary>
    private static async Task UntilQuotesStayAsync(LiveEmulatorFixture fx, TimeSpan steady, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            if (fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) == 0) since = DateTime.UtcNow;
            else if (DateTime.UtcNow - since >= steady) return;
            await Task.Delay(10);
        }

        throw new TimeoutException($"no quotes stayed at the venue for {steady.TotalMilliseconds} ms within {timeout.TotalSeconds} s");
    }

    /// <summary>Fills journaled in session <paramref name="epoch"/> (the journal read while its engine may still run).</summary>
    private static int FillsIn(string journal, uint epoch)
    {
        if (!File.Exists(journal)) return 0;
        using var reader = JournalReader.Open(journal);
        var sessions = reader.Sessions();
        var s = sessions.FirstOrDefault(x => x.Epoch == epoch);
        if (s is null) return 0;
        long end = sessions.Where(x => x.Epoch > epoch).Select(x => x.StartSequence).DefaultIfEmpty(long.MaxValue).Min();
        return reader.ReadByKind(JournalKind.Fill).Count(r => r.Sequence > s.StartSequence && r.Sequence < end);
    }
}
