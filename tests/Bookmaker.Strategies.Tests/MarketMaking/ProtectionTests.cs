using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking.Protections;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class GapGuardTests
{
    [Fact]
    public void Pulls_quotes_when_the_spread_exceeds_the_maximum()
    {
        var d = GapGuard.Evaluate(new GapGuardOptions(), Top("0.40", "10", "0.49", "10"));
        Assert.Equal(new ProtectionDecision(ProtectionAction.PullQuotes, ProtectionReason.SpreadTooWide), d);
    }

    [Fact]
    public void Allows_quoting_at_exactly_the_maximum_spread()
    {
        Assert.True(GapGuard.Evaluate(new GapGuardOptions(), Top("0.40", "10", "0.48", "10")).IsClear);
    }

    [Fact]
    public void Pulls_quotes_when_a_side_is_empty()
    {
        Assert.Equal(ProtectionReason.BookOneSided, GapGuard.Evaluate(new GapGuardOptions(), Top("0.40", "10", "0", "0")).Reason);
    }
}

public class StaleGuardTests
{
    [Fact]
    public void Pulls_quotes_when_the_book_is_older_than_an_explicit_max_age_while_live()
    {
        var d = StaleGuard.Evaluate(new StaleGuardOptions(TimeSpan.FromMilliseconds(500)), Seconds(10.6), Seconds(10), venueLive: true);
        Assert.Equal(new ProtectionDecision(ProtectionAction.PullQuotes, ProtectionReason.BookStale), d);
    }

    [Fact]
    public void Stays_clear_with_a_fresh_book()
    {
        Assert.True(StaleGuard.Evaluate(new StaleGuardOptions(TimeSpan.FromMilliseconds(500)), Seconds(10.4), Seconds(10), true).IsClear);
    }

    [Fact]
    public void Stays_clear_on_a_still_book_while_the_feed_is_live_by_default()
    {
        Assert.True(StaleGuard.Evaluate(new StaleGuardOptions(), Seconds(3600), Seconds(10), venueLive: true).IsClear);
    }

    [Fact]
    public void Pulls_quotes_when_the_venue_is_not_live()
    {
        Assert.Equal(ProtectionReason.VenueNotLive, StaleGuard.Evaluate(new StaleGuardOptions(), Seconds(10), Seconds(10), false).Reason);
    }
}

public class HoldTimeGuardTests
{
    private static readonly HoldTimeGuardOptions Defaults = new();
    private static readonly long Hour = TimeSpan.FromHours(1).Ticks;

    [Fact]
    public void Does_nothing_within_the_hold_time()
    {
        var v = HoldTimeGuard.Evaluate(Defaults, Hour, 0, Q("50"), Top("0.48", "10", "0.52", "10"), Yes());
        Assert.True(v.Decision.IsClear);
    }

    [Fact]
    public void Unwinds_passively_one_tick_inside_the_touch_after_the_hold_time()
    {
        var v = HoldTimeGuard.Evaluate(Defaults, Hour + 1, 0, Q("50"), Top("0.48", "10", "0.52", "10"), Yes());
        Assert.Equal(new HoldTimeVerdict(new(ProtectionAction.PassiveUnwind, ProtectionReason.HoldTimeExceeded), Side.Sell, P("0.51"), Q("50"), false), v);
    }

    [Fact]
    public void Passive_unwind_never_crosses_a_one_tick_book()
    {
        var v = HoldTimeGuard.Evaluate(Defaults, Hour + 1, 0, Q("-50"), Top("0.48", "10", "0.49", "10"), Yes());
        Assert.Equal((Side.Buy, P("0.48")), (v.Side, v.Price));
    }

    [Fact]
    public void Forces_a_slippage_capped_taker_exit_after_the_grace_period()
    {
        long now = Hour + TimeSpan.FromMinutes(5).Ticks + 1;
        var v = HoldTimeGuard.Evaluate(Defaults, now, 0, Q("-50"), Top("0.48", "10", "0.52", "10"), Yes());
        // short ⇒ buy, limit = best ask + 0.02 = 0.54
        Assert.Equal(new HoldTimeVerdict(new(ProtectionAction.ForcedExit, ProtectionReason.HoldTimeForcedExit), Side.Buy, P("0.54"), Q("50"), true), v);
    }
}

public class StopLossGuardTests
{
    [Fact]
    public void Unwinds_when_the_dollar_loss_reaches_the_stop()
    {
        // long 500 @ 0.60 marked at 0.50 ⇒ −50 USDC
        Assert.Equal(Money.Parse("-50"), StopLossGuard.UnrealisedPnl(Q("500"), P("0.60"), P("0.50")));
        var d = StopLossGuard.Evaluate(new StopLossGuardOptions(), Q("500"), P("0.60"), P("0.50"));
        Assert.Equal(new ProtectionDecision(ProtectionAction.PassiveUnwind, ProtectionReason.StopLossDollars), d);
    }

    [Fact]
    public void Unwinds_when_the_adverse_move_reaches_the_percentage()
    {
        // short 10 @ 0.50 marked at 0.61 ⇒ 22 % adverse, only −1.10 USDC
        var d = StopLossGuard.Evaluate(new StopLossGuardOptions(), Q("-10"), P("0.50"), P("0.61"));
        Assert.Equal(ProtectionReason.StopLossAdverseMove, d.Reason);
    }

    [Fact]
    public void Stays_clear_when_the_position_is_in_profit()
    {
        Assert.True(StopLossGuard.Evaluate(new StopLossGuardOptions(), Q("500"), P("0.50"), P("0.70")).IsClear);
    }
}

public class EdgeGuardTests
{
    [Fact]
    public void Freezes_when_expected_edge_is_below_the_threshold()
    {
        // half-spread 0.001 at fair 0.50 = 20 bps; + 2 rebate − 18 adverse = 4 bps < 5
        Assert.Equal(4, EdgeGuard.ExpectedEdgeBps(0.001, 0.50, 2, 18), 9);
        var d = EdgeGuard.Evaluate(new EdgeGuardOptions(), 0.001, 0.50, 2, 18);
        Assert.Equal(new ProtectionDecision(ProtectionAction.Freeze, ProtectionReason.EdgeTooLow), d);
    }

    [Fact]
    public void Stays_clear_when_edge_is_enough()
    {
        Assert.True(EdgeGuard.Evaluate(new EdgeGuardOptions(), 0.01, 0.50, 0, 20).IsClear);
    }
}

public class MarkoutTrackerTests
{
    private static MarkoutTracker Make() => new(new MarkoutTrackerOptions(DecisionHorizon: 0, MinFills: 1, WindowFills: 4));

    [Fact]
    public void Computes_markouts_at_each_horizon_from_the_later_fair_price()
    {
        var t = Make();
        t.RecordFill(0, Side.Buy, P("0.50"), Q("10"));
        t.OnFairPrice(Seconds(1), 0.49);   // 1 s: (0.49 − 0.50)/0.50 × 10,000 = −200 bps
        t.OnFairPrice(Seconds(5), 0.51);   // 5 s: +200 bps
        t.OnFairPrice(Seconds(30), 0.50);  // 30 s: 0
        Assert.Equal(-200, t.AverageBps(0), 9);
        Assert.Equal(200, t.AverageBps(1), 9);
        Assert.Equal(0, t.AverageBps(2), 9);
        Assert.Equal(0, t.Pending);
    }

    [Fact]
    public void A_sell_that_the_price_then_rises_against_has_a_negative_markout()
    {
        var t = Make();
        t.RecordFill(0, Side.Sell, P("0.40"), Q("10"));
        t.OnFairPrice(Seconds(2), 0.42); // −(0.42 − 0.40)/0.40 × 10,000 = −500 bps
        Assert.Equal(-500, t.AverageBps(0), 9);
    }

    [Fact]
    public void Rolling_average_is_size_weighted_over_the_window()
    {
        var t = Make();
        t.RecordFill(0, Side.Buy, P("0.50"), Q("10"));
        t.RecordFill(0, Side.Buy, P("0.40"), Q("30"));
        t.OnFairPrice(Seconds(1), 0.50); // 0 bps × 10 and +2,500 bps × 30 ⇒ 75,000 / 40 = 1,875
        Assert.Equal(1875, t.AverageBps(0), 9);
    }

    [Fact]
    public void Widens_spreads_below_the_threshold_then_pauses_when_it_persists()
    {
        var t = Make();
        t.RecordFill(0, Side.Buy, P("0.50"), Q("10"));
        t.OnFairPrice(Seconds(1), 0.49);
        Assert.Equal(new ProtectionDecision(ProtectionAction.WidenSpread, ProtectionReason.MarkoutBelowThreshold, 1.5), t.Evaluate(Seconds(1)));
        Assert.Equal(ProtectionAction.PauseMarket, t.Evaluate(Seconds(1 + 300)).Action);
    }

    [Fact]
    public void Stays_clear_before_enough_markouts_are_complete()
    {
        var t = new MarkoutTracker(new MarkoutTrackerOptions());
        t.RecordFill(0, Side.Buy, P("0.50"), Q("10"));
        t.OnFairPrice(Seconds(10), 0.10);
        Assert.True(t.Evaluate(Seconds(10)).IsClear);
    }
}

public class PostOnlyRetryTests
{
    [Fact]
    public void Retries_three_times_one_tick_further_each_time_with_backoff_then_gives_up()
    {
        var o = new PostOnlyRetryOptions();
        var top = Top("0.48", "10", "0.50", "10");
        var inst = Yes();
        long ms = TimeSpan.TicksPerMillisecond;
        var r1 = PostOnlyRetry.Next(o, 0, 0, Side.Buy, P("0.50"), top, inst);
        var r2 = PostOnlyRetry.Next(o, 1, 0, Side.Buy, P("0.49"), top, inst);
        var r3 = PostOnlyRetry.Next(o, 2, 0, Side.Buy, P("0.48"), top, inst);
        var r4 = PostOnlyRetry.Next(o, 3, 0, Side.Buy, P("0.47"), top, inst);
        Assert.Equal(new PostOnlyRetryDecision(true, 1, P("0.49"), 50 * ms), r1);
        Assert.Equal(new PostOnlyRetryDecision(true, 2, P("0.47"), 100 * ms), r2);
        Assert.Equal(new PostOnlyRetryDecision(true, 3, P("0.45"), 200 * ms), r3);
        Assert.False(r4.Retry);
    }

    [Fact]
    public void Ask_retries_move_up_from_the_best_bid()
    {
        var r = PostOnlyRetry.Next(new PostOnlyRetryOptions(), 0, 0, Side.Sell, P("0.47"), Top("0.48", "10", "0.50", "10"), Yes());
        Assert.Equal(P("0.49"), r.Price);
    }

    [Fact]
    public void Gives_up_when_the_retry_price_leaves_the_bounds()
    {
        var r = PostOnlyRetry.Next(new PostOnlyRetryOptions(), 0, 0, Side.Buy, P("0.01"), Top("0", "0", "0.01", "10"), Yes());
        Assert.False(r.Retry);
    }
}
