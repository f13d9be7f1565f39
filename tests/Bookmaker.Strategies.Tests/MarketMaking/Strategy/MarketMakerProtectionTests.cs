using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

public sealed class MarketMakerProtectionTests
{
    private static Price P(string s) => Price.Parse(s);

    private static readonly AvellanedaStoikovOptions FixedSpread = new(Model: QuoteModel.LinearSkew, SkewCentsPer100: 0, BaseSpread: 0.04);

    private static ActiveProtections Active(MmHarness h) => h.Strategy.Report().Markets[0].Protections;

    /// <summary>Feeds the same book every 100 ms for <paramref name="span"/> (keeps it fresh while time passes).</summary>
    private static void Hold(MmHarness h, TimeSpan span, string bid, string ask)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromMilliseconds(100))
        {
            h.Advance(TimeSpan.FromMilliseconds(100));
            h.Book(0, bid, 100, ask, 100);
        }
    }

    [Fact]
    public void Gapped_market_cancels_resting_quotes_and_places_none()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);
        Assert.NotEmpty(h.Orders.LiveOrders);
        int submitted = h.Client.Submitted.Count;

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.40", 100, "0.52", 100);

        Assert.Empty(h.Orders.LiveOrders);
        Assert.Equal(submitted, h.Client.Submitted.Count);
        Assert.Equal(ActiveProtections.Gap, Active(h));
    }

    [Fact]
    public void A_still_book_keeps_its_quotes_while_the_feed_is_live()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);
        var resting = h.Orders.LiveOrders.Select(o => o.Id).ToHashSet();
        int submitted = h.Client.Submitted.Count;

        h.Advance(TimeSpan.FromSeconds(30));

        Assert.NotEmpty(resting);
        Assert.Equal(resting, h.Orders.LiveOrders.Select(o => o.Id).ToHashSet());
        Assert.Equal(submitted, h.Client.Submitted.Count);
    }

    [Fact]
    public void Stale_book_pulls_quotes_after_an_explicit_max_book_age_without_updates()
    {
        using var h = new MmHarness(new MarketMakerOptions(Stale: new StaleGuardOptions(TimeSpan.FromMilliseconds(500))));
        h.Book(0, "0.48", 100, "0.52", 100);

        h.Advance(TimeSpan.FromMilliseconds(400));
        Assert.NotEmpty(h.Orders.LiveOrders);
        h.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Empty(h.Orders.LiveOrders);
        Assert.Equal(ActiveProtections.Stale, Active(h));
    }

    [Fact]
    public void At_max_inventory_only_the_reducing_side_is_quoted()
    {
        using var h = new MmHarness(new MarketMakerOptions(Ladder: new QuoteLadderOptions(MaxInventory: Quantity.FromUnits(50))));
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 50, "0.50");

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.DoesNotContain(h.Resting(h.Yes[0]), o => o.Side == Side.Buy);
        Assert.Contains(h.Resting(h.Yes[0]), o => o.Side == Side.Sell);
        Assert.True(Active(h).HasFlag(ActiveProtections.MaxInventory));
    }

    [Fact]
    public void Position_held_past_max_hold_is_unwound_passively_then_forced_out_with_a_slippage_capped_taker()
    {
        var options = new MarketMakerOptions(HoldTime: new HoldTimeGuardOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), P("0.02")));
        using var h = new MmHarness(options);
        h.Book(0, "0.46", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 20, "0.50");

        Hold(h, TimeSpan.FromMilliseconds(2_300), "0.46", "0.52");

        Assert.Equal(ActiveProtections.HoldTimeUnwind, Active(h));
        var live = h.Orders.LiveOrders.Where(o => o.Status != OrderStatus.PendingCancel).ToList();
        var unwind = Assert.Single(live);
        Assert.Equal((h.Yes[0].Id, Side.Sell, P("0.51"), Quantity.FromUnits(20), true),
            (unwind.Instrument, unwind.Side, unwind.Request.Price, unwind.Request.Size, unwind.Request.PostOnly));

        int before = h.Client.Submitted.Count;
        Hold(h, TimeSpan.FromMilliseconds(1_000), "0.46", "0.52");

        var exit = h.Client.Submitted.Skip(before).Single(r => r.TimeInForce == TimeInForce.Fak);
        Assert.Equal((h.Yes[0].Id, Side.Sell, P("0.44"), false), (exit.Instrument, exit.Side, exit.Price, exit.PostOnly));
        Assert.True(Active(h).HasFlag(ActiveProtections.ForcedExit));
        Assert.Equal(1, h.Strategy.Report().Markets[0].ForcedExits);
    }

    [Fact]
    public void A_position_restored_after_a_restart_is_held_since_its_fills_not_since_the_restart()
    {
        // The journal's fill is 2.5 s old at the restart: past MaxHold (2 s), not yet past the forced-exit grace (1 s more).
        var options = new MarketMakerOptions(HoldTime: new HoldTimeGuardOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), P("0.02")));
        using var h = new MmHarness(options);
        var restored = new Engine.Journal.RecoveredState();
        restored.Fills.Add(new Fill("before-restart", ClientOrderId.From(1, 9), h.Yes[0].Id, Side.Buy, P("0.50"), Quantity.FromUnits(20),
            Money.Zero, Money.Zero, Liquidity.Maker, h.Clock.GetUtcNow().AddMilliseconds(-2_500)));
        h.Orders.Restore(restored);

        Hold(h, TimeSpan.FromMilliseconds(200), "0.46", "0.52");

        Assert.Equal(ActiveProtections.HoldTimeUnwind, Active(h));
        Assert.Equal(P("0.50"), h.Strategy.Report().Markets[0].AverageEntry);
    }

    [Fact]
    public void Dollar_stop_loss_unwinds_the_position()
    {
        var options = new MarketMakerOptions(StopLoss: new StopLossGuardOptions(Money.FromUnits(1), 50));
        using var h = new MmHarness(options);
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 100, "0.50");

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.45", 100, "0.49", 100);
        h.Advance(TimeSpan.FromMilliseconds(200)); // requoted on the next tick; the unwind follows once the cancels free the tokens

        Assert.Equal(ActiveProtections.StopLoss, Active(h));
        var unwind = Assert.Single(h.Orders.LiveOrders, o => o.Status != OrderStatus.PendingCancel);
        Assert.Equal((h.Yes[0].Id, Side.Sell, P("0.48")), (unwind.Instrument, unwind.Side, unwind.Request.Price));
    }

    [Fact]
    public void Adverse_move_beyond_the_percentage_stop_unwinds_the_position()
    {
        var options = new MarketMakerOptions(StopLoss: new StopLossGuardOptions(Money.FromUnits(1_000), 5));
        using var h = new MmHarness(options);
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 10, "0.50");

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.45", 100, "0.49", 100);
        h.Advance(TimeSpan.FromMilliseconds(200)); // requoted on the next tick; the unwind follows once the cancels free the tokens

        Assert.Equal(ActiveProtections.AdverseMove, Active(h));
        Assert.All(h.Orders.LiveOrders.Where(o => o.Status != OrderStatus.PendingCancel), o => Assert.Equal(Side.Sell, o.Side));
    }

    [Fact]
    public void Toxic_markouts_widen_the_spread_then_pause_the_market_until_the_cool_down_ends()
    {
        var options = new MarketMakerOptions(
            Model: FixedSpread,
            Markout: new MarkoutTrackerOptions(DecisionHorizon: 0, WindowFills: 5, MinFills: 2, ThresholdBps: -10, WidenFactor: 1.5, PauseAfter: TimeSpan.FromSeconds(2)),
            StopLoss: new StopLossGuardOptions(Money.FromUnits(1_000), 99)) { PauseCooldown = TimeSpan.FromSeconds(3) };
        using var h = new MmHarness(options);
        h.Book(0, "0.48", 100, "0.52", 100);
        Assert.Equal(0.02, h.Strategy.Report().Markets[0].HalfSpread, 9);
        var bid = h.Resting(h.Yes[0]).First(o => o.Side == Side.Buy);
        h.Fill(bid, 5);
        h.Fill(bid, 5);

        // The price falls after our buys: 1 s later the markouts are deeply negative.
        Hold(h, TimeSpan.FromMilliseconds(1_200), "0.44", "0.48");

        var market = h.Strategy.Report().Markets[0];
        Assert.True(market.Protections.HasFlag(ActiveProtections.MarkoutWiden));
        Assert.True(market.MarkoutBps[0] < -10);
        Assert.Equal(0.03, market.HalfSpread, 9);
        Assert.NotEmpty(h.Orders.LiveOrders);

        Hold(h, TimeSpan.FromMilliseconds(2_200), "0.44", "0.48");

        Assert.Equal(ActiveProtections.MarkoutPause, Active(h));
        Assert.Empty(h.Orders.LiveOrders);
        int submitted = h.Client.Submitted.Count;
        Hold(h, TimeSpan.FromSeconds(1), "0.44", "0.48");
        Assert.Equal(submitted, h.Client.Submitted.Count);
        Assert.Contains(h.Alerts.Active, a => a.Code == "mm_markout_pause");

        Hold(h, TimeSpan.FromSeconds(2.5), "0.44", "0.48");
        Assert.DoesNotContain(h.Alerts.Active, a => a.Code == "mm_markout_pause");
        Assert.False(Active(h).HasFlag(ActiveProtections.MarkoutPause));
        Assert.NotEmpty(h.Orders.LiveOrders);
    }

    [Fact]
    public void Expected_edge_below_the_minimum_freezes_quoting()
    {
        using var h = new MmHarness(new MarketMakerOptions(Model: FixedSpread, Edge: new EdgeGuardOptions(MinEdgeBps: 1_000)));

        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.Empty(h.Client.Submitted);
        Assert.Equal(ActiveProtections.EdgeFreeze, Active(h));
    }

    [Fact]
    public void Edge_freeze_leaves_resting_quotes_in_place()
    {
        // Half-spread 0.02 at fair 0.50 is 400 bps; at fair 0.90 it is 222 bps, below a 300 bps minimum.
        using var h = new MmHarness(new MarketMakerOptions(Model: FixedSpread, Edge: new EdgeGuardOptions(MinEdgeBps: 300)));
        h.Book(0, "0.48", 100, "0.52", 100);
        var resting = h.Orders.LiveOrders.Select(o => o.Id).ToList();
        Assert.NotEmpty(resting);

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.88", 100, "0.92", 100);

        Assert.Equal(ActiveProtections.EdgeFreeze, Active(h));
        Assert.Empty(h.Client.Cancels);
        Assert.Equal(resting, h.Orders.LiveOrders.Select(o => o.Id).ToList());
    }

    [Fact]
    public void Post_only_crossing_reject_is_retried_three_times_further_away_with_backoff_then_given_up()
    {
        var options = new MarketMakerOptions(
            Ladder: new QuoteLadderOptions(LevelOffsetsTicks: [0], LevelSizes: [Quantity.FromUnits(10)]),
            Stale: new StaleGuardOptions(TimeSpan.FromSeconds(30)));
        using var h = new MmHarness(options);
        h.Client.AutoAck = false;
        h.Book(0, "0.48", 100, "0.52", 100);
        var order = h.Resting(h.Yes[0]).Single(o => o.Side == Side.Buy);
        var prices = new List<Price> { order.Request.Price };
        var delays = new List<long>();

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            int before = h.Client.Submitted.Count;
            long rejectedAt = h.NowTicks;
            h.Reject(order.Id, h.Yes[0], RejectReason.PostOnlyWouldCross);
            Assert.Equal(before, h.Client.Submitted.Count);
            h.Advance(TimeSpan.FromMilliseconds(50 << (attempt - 1)));
            var retry = h.Client.Submitted.Skip(before).Single();
            delays.Add((h.Client.SubmittedAt[^1] - rejectedAt) / TimeSpan.TicksPerMillisecond);
            Assert.True(retry.PostOnly);
            Assert.Equal(Side.Buy, retry.Side);
            prices.Add(retry.Price);
            order = h.Orders.Find(retry.Id)!;
        }

        Assert.Equal([50L, 100L, 200L], delays);
        for (int i = 1; i < prices.Count; i++)
            Assert.True(prices[i] <= prices[i - 1] - new Price(P("0.01").Raw * i), $"retry {i} at {prices[i]} is not {i} tick(s) further than {prices[i - 1]}");

        int submitted = h.Client.Submitted.Count;
        h.Reject(order.Id, h.Yes[0], RejectReason.PostOnlyWouldCross);
        h.Advance(TimeSpan.FromMilliseconds(99));
        var report = h.Strategy.Report().Markets[0];
        Assert.Equal(3, report.PostOnlyRetries);
        Assert.Equal(1, report.PostOnlyGiveUps);
        Assert.DoesNotContain(h.Client.Submitted.Skip(submitted), r => r.Price < prices[^1]);
    }
}
