using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>A spot pair cannot be sold short nor bought on credit: the market maker offers only the base it holds and bids only the quote.</summary>
public sealed class MarketMakerSpotTests
{
    private static Price P(string s) => Price.Parse(s);

    private static MarketMakerOptions Options() => new(
        Ladder: new QuoteLadderOptions(LevelSizes: [Quantity.Parse("0.01"), Quantity.Parse("0.02"), Quantity.Parse("0.03")], MaxInventory: Quantity.FromUnits(1)),
        Gap: new GapGuardOptions(P("100")), Edge: new EdgeGuardOptions(-1_000_000));

    private static void PublishBook(MmHarness h)
    {
        var snap = new Core.Books.BookSnapshot();
        snap.Bids.Add(new Core.Books.BookLevel(P("50000"), Quantity.FromUnits(2)));
        snap.Asks.Add(new Core.Books.BookLevel(P("50000.5"), Quantity.FromUnits(2)));
        h.Snapshot(h.Crypto!, snap);
        h.Drain();
    }

    [Fact]
    public void Without_base_a_spot_market_maker_quotes_only_bids_and_asks_the_gate_for_nothing_it_would_deny()
    {
        using var h = new MmHarness(Options(), markets: 0, crypto: true, cryptoKind: InstrumentKind.Spot);

        PublishBook(h);
        h.Advance(TimeSpan.FromSeconds(5));

        var orders = h.Resting(h.Crypto!);
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Equal(Side.Buy, o.Side));
        Assert.False(h.Orders.Stats.DeniedByReason.ContainsKey("insufficient_tokens"));
    }

    [Fact]
    public void A_spot_market_maker_offers_no_more_base_than_it_holds()
    {
        using var h = new MmHarness(Options(), markets: 0, crypto: true, cryptoKind: InstrumentKind.Spot);
        PublishBook(h);
        // Our 0.01 bid is filled: that is all the base there is to offer.
        var buy = h.Resting(h.Crypto!).First(o => o.Side == Side.Buy);
        var fill = new Fill("t1", buy.Id, buy.Instrument, Side.Buy, buy.Request.Price, buy.Request.Size, Money.Zero, Money.Zero, Liquidity.Maker, h.Clock.GetUtcNow());
        h.Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, buy.Id, buy.Instrument, null, RejectReason.None, null, fill, null, h.Clock.GetUtcNow()));
        h.Advance(TimeSpan.FromSeconds(5));

        long held = h.Portfolio.QuantityOf(h.Crypto!.Id).Raw;
        long offered = h.Resting(h.Crypto!).Where(o => o.Side == Side.Sell).Sum(o => o.Request.Size.Raw);
        Assert.True(held > 0);
        Assert.InRange(offered, 1, held);
    }

    [Fact]
    public void A_spot_market_maker_bids_no_more_quote_than_it_holds()
    {
        // 700 USDT against a ladder of 0.01, 0.02 and 0.03 BTC near 50,000 (500, 1,000 and 1,500 USDT).
        using var h = new MmHarness(Options(), markets: 0, crypto: true, cryptoKind: InstrumentKind.Spot, cash: Money.FromUnits(700));

        PublishBook(h);
        h.Advance(TimeSpan.FromSeconds(5));

        var bids = h.Resting(h.Crypto!).Where(o => o.Side == Side.Buy).ToList();
        Assert.NotEmpty(bids);
        Money committed = bids.Aggregate(Money.Zero, (sum, o) => sum + Money.Notional(o.Request.Price, o.Request.Size));
        Assert.True(committed <= Money.FromUnits(700), $"bids commit {committed}");
        Assert.False(h.Orders.Stats.DeniedByReason.ContainsKey("insufficient_cash"));
    }
}
