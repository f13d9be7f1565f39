using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// The market maker does not stop quoting a market for good, and never silently. A 24 h paper run had every market
/// fall quiet within hours, with no alert and no denial: books left stale by a message of trade prints only, dust
/// positions (below the minimum order size) that the position guards could not unwind but still stopped the quotes
/// for, and a loss cool-down whose end was never published (docs/market-maker.md, "Why the market maker went quiet").
/// </summary>
public sealed class MarketMakerKeepsQuotingTests
{
    // A fixed spread: the A-S spread after a gap's price jump can be too wide to quote at all, which is another reason.
    private static readonly MarketMakerOptions QuietAfterTwoSeconds = new(Model: new AvellanedaStoikovOptions(Model: QuoteModel.LinearSkew, SkewCentsPer100: 0, BaseSpread: 0.04))
    {
        QuietAlertAfter = TimeSpan.FromSeconds(2),
    };

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

    [Fact]
    public void A_market_without_a_quote_for_the_quiet_limit_raises_an_alert_naming_it_and_the_reason()
    {
        using var h = new MmHarness(QuietAfterTwoSeconds);
        h.Book(0, "0.48", 100, "0.52", 100);

        Hold(h, TimeSpan.FromMilliseconds(2_500), "0.40", "0.52");

        var alert = Assert.Single(h.Alerts.Active, a => a.Code == MarketMakerStrategy.NotQuotingAlert);
        Assert.Equal(h.Yes[0].Id.Symbol, alert.Key);
        Assert.Contains(h.Yes[0].Id.ToString(), alert.Message, StringComparison.Ordinal);
        Assert.Contains("protections Gap", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_not_quoting_alert_names_a_local_book_left_stale()
    {
        using var h = new MmHarness(QuietAfterTwoSeconds);
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Engine.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, h.Yes[0].Index, Side.Buy, default, default, 0, 0, h.NowTicks, h.NowTicks));

        // The venue keeps sending updates (the strategy sees each message) but the book waits for a snapshot.
        for (int i = 0; i < 25; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(100));
            LevelMessage(h, 10 + i, Side.Buy, "0.48", 100 + i);
        }

        var alert = Assert.Single(h.Alerts.Active, a => a.Code == MarketMakerStrategy.NotQuotingAlert);
        Assert.Contains("local book stale", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_not_quoting_alert_clears_when_the_market_quotes_again()
    {
        using var h = new MmHarness(QuietAfterTwoSeconds);
        h.Book(0, "0.48", 100, "0.52", 100);
        Hold(h, TimeSpan.FromMilliseconds(2_500), "0.40", "0.52");
        Assert.True(h.Alerts.IsActive(MarketMakerStrategy.NotQuotingAlert, h.Yes[0].Id.Symbol));

        Hold(h, TimeSpan.FromMilliseconds(300), "0.48", "0.52");

        Assert.False(h.Alerts.IsActive(MarketMakerStrategy.NotQuotingAlert, h.Yes[0].Id.Symbol));
        Assert.NotEmpty(Quoting(h));
    }

    [Fact]
    public void Time_halted_does_not_raise_the_not_quoting_alert()
    {
        using var h = new MmHarness(QuietAfterTwoSeconds);
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Gate.SetManualState(TradingState.Halted, "operator");

        Hold(h, TimeSpan.FromMilliseconds(3_000), "0.48", "0.52");

        Assert.Empty(Quoting(h));
        Assert.DoesNotContain(h.Alerts.Active, a => a.Code == MarketMakerStrategy.NotQuotingAlert);
    }
}
