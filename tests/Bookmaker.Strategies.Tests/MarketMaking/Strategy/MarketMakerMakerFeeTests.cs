using Bookmaker.Core.Books;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// The instrument's maker fee tier in the quoted half-spread (a Bybit-like linear perpetual, tick 0.1, book
/// 50,000/50,000.5 of equal sizes ⇒ fair 50,000.25): a rebate tightens the quotes by itself, a maker fee widens them,
/// <c>RebateBps</c> overrides the tier.
/// </summary>
public sealed class MarketMakerMakerFeeTests
{
    private static Price P(string s) => Price.Parse(s);

    /// <summary>Linear model, half-spread 10 USD (2 bps), one level; the edge guard is off so only the spread is measured.</summary>
    private static MarketMakerOptions Options(double baseSpread = 20, string minSpread = "0", double? rebateBps = null) => new(
        Model: new AvellanedaStoikovOptions(Model: QuoteModel.LinearSkew, SkewCentsPer100: 0, BaseSpread: baseSpread),
        Ladder: new QuoteLadderOptions(LevelOffsetsTicks: [0], LevelSizes: [Quantity.Parse("0.01")], MaxInventory: Quantity.FromUnits(1)),
        Gap: new GapGuardOptions(P("100")), Edge: new EdgeGuardOptions(-1_000_000))
    {
        MinSpread = P(minSpread),
        RebateBps = rebateBps,
    };

    private static (Price Bid, Price Ask) Quotes(MarketMakerOptions options, IFeeModel? fees)
    {
        using var h = new MmHarness(options, markets: 0, crypto: true, fees: fees);
        var snap = new BookSnapshot();
        snap.Bids.Add(new BookLevel(P("50000"), Quantity.FromUnits(2)));
        snap.Asks.Add(new BookLevel(P("50000.5"), Quantity.FromUnits(2)));
        h.Snapshot(h.Crypto!, snap);
        h.Drain();
        h.Advance(TimeSpan.FromSeconds(1));
        var resting = h.Resting(h.Crypto!);
        return (resting.Single(o => o.Side == Side.Buy).Request.Price, resting.Single(o => o.Side == Side.Sell).Request.Price);
    }

    [Fact]
    public void Without_a_fee_the_model_half_spread_is_quoted()
    {
        // 50,000.25 ∓ 10, the bid rounded down and the ask up to the tick.
        Assert.Equal((P("49990.2"), P("50010.3")), Quotes(Options(), fees: null));
    }

    [Fact]
    public void A_maker_rebate_tier_tightens_the_quotes_by_the_rebate()
    {
        // 1 bp rebate ≈ 5 USD a side: half-spread 10 − 4.999 (the bid's rebate, the smaller of the two).
        Assert.Equal((P("49995.2"), P("50005.3")), Quotes(Options(), BybitFeeModel.FromBps(5.5m, -1m)));
    }

    [Fact]
    public void A_maker_fee_widens_the_quotes_by_the_fee()
    {
        // 2 bps maker fee ≈ 10 USD a side: half-spread 10 + 10.002 (the ask's fee, the larger of the two).
        Assert.Equal((P("49980.2"), P("50020.3")), Quotes(Options(), BybitFeeModel.FromBps(5.5m, 2m)));
    }

    [Fact]
    public void A_configured_rebate_overrides_the_instruments_maker_fee()
    {
        // RebateBps 1 replaces the tier's 2 bps fee: 1 bp of 50,000.25 off the half-spread.
        Assert.Equal((P("49995.2"), P("50005.3")), Quotes(Options(rebateBps: 1), BybitFeeModel.FromBps(5.5m, 2m)));
    }

    [Fact]
    public void The_minimum_spread_floor_is_widened_by_the_maker_fee()
    {
        // Model half 0.1, minimum half 1: the floor 1 + 10.002 decides.
        Assert.Equal((P("49989.2"), P("50011.3")), Quotes(Options(baseSpread: 0.2, minSpread: "2"), BybitFeeModel.FromBps(5.5m, 2m)));
    }

    [Fact]
    public void A_rebate_larger_than_the_model_half_spread_quotes_at_the_tick_minimum_without_crossing()
    {
        // Model half 0.1 − a 5 USD rebate is below the one-tick floor: half a tick each side, inside the 0.5 spread.
        var (bid, ask) = Quotes(Options(baseSpread: 0.2), BybitFeeModel.FromBps(5.5m, -1m));
        Assert.True(bid < ask);
        Assert.True(bid < P("50000.5") && ask > P("50000"), $"{bid}/{ask} crosses the 50000/50000.5 book");
        Assert.InRange(bid.Raw, P("50000.1").Raw, P("50000.2").Raw);
        Assert.InRange(ask.Raw, P("50000.3").Raw, P("50000.4").Raw);
    }
}
