using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// The market maker does not stop quoting a market for good. A 24 h paper run had every market fall quiet
/// within hours, with no alert and no denial: books left stale by a message of trade prints only, dust
/// positions (below the minimum order size) that the position guards could not unwind but still stopped the quotes
/// for, and a loss cool-down whose end was never published (docs/market-maker.md, "Why the market maker went quiet").
/// </summary>
public sealed class MarketMakerKeepsQuotingTests
{
    private static ActiveProtections Active(MmHarness h) => h.Strategy.Report().Markets[0].Protections;

    private static List<Order> Quoting(MmHarness h) => [.. h.Orders.LiveOrders.Where(o => o.Status != OrderStatus.PendingCancel)];

    /// <summary>Feeds the same book every 100 ms for <paramref name="span"/> (keeps it fresh while time passes).</summary>
    private static void Hold(MmHarness h, TimeSpan span, string bid, string ask)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromMilliseconds(100))
        {
            h.Advance(TimeSpan.FromMilliseconds(100));
            h.Book(0, bid, 100, ask, 100);
        }
    }

    /// <summary>One venue message of the YES book: a level change with its sequence and the link to the previous one.</summary>
    private static void LevelMessage(MmHarness h, long sequence, Side side, string price, long size) =>
        h.Engine.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, h.Yes[0].Index, side, Price.Parse(price), Quantity.FromUnits(size),
            sequence, sequence - 1, h.NowTicks, h.NowTicks, EndOfMessage: true));

    /// <summary>Partially fills our YES bid so that 4 shares are held: below the minimum order size (5).</summary>
    private static void HoldDust(MmHarness h)
    {
        var bid = h.Resting(h.Yes[0]).First(o => o.Side == Side.Buy);
        h.Fill(bid, 4);
        Assert.Equal(Quantity.FromUnits(4), h.Strategy.Report().Markets[0].Inventory);
    }

    [Fact]
    public void A_venue_message_of_trade_prints_only_does_not_stop_the_quotes()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);

        LevelMessage(h, 1, Side.Buy, "0.47", 50);
        h.Engine.OnMarketData(new MarketDataEvent(MarketDataKind.Trade, h.Yes[0].Index, Side.Buy, Price.Parse("0.52"), Quantity.FromUnits(10),
            2, 1, h.NowTicks, h.NowTicks, EndOfMessage: true));
        h.Advance(TimeSpan.FromMilliseconds(150));
        LevelMessage(h, 3, Side.Buy, "0.49", 100);
        h.Advance(TimeSpan.FromMilliseconds(150));

        Assert.False(h.Engine.Book(h.Yes[0]).IsStale);
        Assert.Equal(ActiveProtections.None, Active(h));
        Assert.Contains(Quoting(h), o => o.Instrument == h.Yes[0].Id && o.Side == Side.Buy);
    }

    [Fact]
    public void A_position_below_the_minimum_order_size_held_past_max_hold_leaves_both_sides_quoted()
    {
        using var h = new MmHarness(new MarketMakerOptions(HoldTime: new HoldTimeGuardOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), Price.Parse("0.02"))));
        h.Book(0, "0.46", 100, "0.52", 100);
        HoldDust(h);

        Hold(h, TimeSpan.FromMilliseconds(3_500), "0.46", "0.52");

        Assert.Equal(ActiveProtections.None, Active(h) & (ActiveProtections.HoldTimeUnwind | ActiveProtections.ForcedExit));
        var quotes = Quoting(h);
        Assert.Contains(quotes, o => o.Instrument == h.Yes[0].Id && o.Side == Side.Buy);
        // The reducing ask: 4 YES are too few to sell, so it goes out as a NO bid.
        Assert.Contains(quotes, o => o.Instrument == h.No[0].Id && o.Side == Side.Buy);
    }

    [Fact]
    public void A_position_below_the_minimum_order_size_past_the_adverse_move_stop_leaves_both_sides_quoted()
    {
        using var h = new MmHarness(new MarketMakerOptions(StopLoss: new StopLossGuardOptions(Money.FromUnits(1_000), 5)));
        h.Book(0, "0.48", 100, "0.52", 100);
        HoldDust(h);

        Hold(h, TimeSpan.FromMilliseconds(500), "0.40", "0.44");

        Assert.Equal(ActiveProtections.None, Active(h) & (ActiveProtections.AdverseMove | ActiveProtections.StopLoss));
        var quotes = Quoting(h);
        Assert.Contains(quotes, o => o.Instrument == h.Yes[0].Id && o.Side == Side.Buy);
        Assert.Contains(quotes, o => o.Instrument == h.No[0].Id && o.Side == Side.Buy);
    }

    [Fact]
    public void Once_a_loss_cooldown_ends_the_reducing_side_is_quoted()
    {
        var limits = new RiskLimits
        {
            DailyLossLimit = Money.FromUnits(10_000), MinBankroll = Money.FromUnits(1), MaxOrderNotional = Money.FromUnits(100_000),
            ConsecutiveLossLimit = 1, LossCooldown = TimeSpan.FromSeconds(2),
        };
        using var h = new MmHarness(new MarketMakerOptions(), limits: limits);
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 20, "0.50");
        h.Gate.OnRoundTrip(Money.FromUnits(-1));
        Assert.Equal(TradingState.Halted, h.Gate.State);

        Hold(h, TimeSpan.FromMilliseconds(2_500), "0.48", "0.52");

        Assert.True(Active(h).HasFlag(ActiveProtections.Reducing));
        var quotes = Quoting(h);
        Assert.Contains(quotes, o => o.Instrument == h.Yes[0].Id && o.Side == Side.Sell);
        Assert.DoesNotContain(quotes, o => o.Side == Side.Buy);
    }
}
