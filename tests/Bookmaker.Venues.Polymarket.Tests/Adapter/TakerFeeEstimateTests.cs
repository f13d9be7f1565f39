using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Rest;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Polymarket.Tests.Adapter;

/// <summary>The adapter's taker fee estimate follows the reference (§7.2): the market's curve, else the exchange's bps formula.</summary>
public class TakerFeeEstimateTests
{
    [Fact]
    public void Rate_in_bps_charges_the_cheaper_side_of_the_outcome_not_the_notional()
    {
        // Exchange formula: 100 bps × min(0.90, 0.10) × 100 shares / 10⁴ = 0.10 USDC (notional × bps would say 0.90).
        Assert.Equal(Money.Parse("0.1"), TakerFeeEstimate.Of(Price.Parse("0.90"), Quantity.Parse("100"), 100, null));
    }

    [Fact]
    public void Rate_in_bps_buy_keeps_the_fee_divided_by_the_price_in_tokens()
    {
        // BUY fee in tokens = bps × min(p, 1 − p) × tokens / (p × 10⁴) = 0.1 / 0.9 = 0.1111… → 0.111112 (rounded up).
        var charge = TradeFills.TakerCharge(Side.Buy, Price.Parse("0.90"), Quantity.Parse("100"), 100);
        Assert.Equal((Quantity.Parse("0.111112"), Money.Zero), (charge.FeeShares, charge.CashFee));
    }

    [Fact]
    public void Curve_fee_is_shares_times_rate_times_p_one_minus_p_to_the_exponent_floored_to_five_decimals()
    {
        // 7 × 0.25 × (0.33 × 0.67)² = 0.0855491175 → 0.08554.
        var curve = new PolymarketFeeModel(0.25m, 2);
        Assert.Equal(Money.Parse("0.08554"), TakerFeeEstimate.Of(Price.Parse("0.33"), Quantity.Parse("7"), 0, curve));
    }

    [Fact]
    public void Curve_wins_over_the_trade_rate_when_the_market_published_one()
    {
        // 100 × 0.25 × 0.25² = 1.5625, whatever fee_rate_bps says.
        var curve = new PolymarketFeeModel(0.25m, 2);
        Assert.Equal(Money.Parse("1.5625"), TakerFeeEstimate.Of(Price.Parse("0.50"), Quantity.Parse("100"), 30, curve));
    }

    [Fact]
    public void Zero_rate_curve_falls_back_to_the_trade_rate()
    {
        var curve = new PolymarketFeeModel(0m, 1);
        Assert.Equal(Money.Parse("0.15"), TakerFeeEstimate.Of(Price.Parse("0.50"), Quantity.Parse("100"), 30, curve));
    }

    [Fact]
    public void Curve_estimate_equals_the_simulated_venues_fee_for_every_fill()
    {
        PolymarketFeeModel[] models = [new(0.25m, 2), new(0.0175m, 1), new(0.02m, 1), new(0.1m, 1.5)];
        var fills = (from m in Gen.Choose(0, models.Length - 1)
                     from p in Gen.Choose(1, 9_999)
                     from s in Gen.Choose(1, 1_000_000)
                     select (m, p * 100_000L, s * 10_000_000L)).ToArbitrary();
        Prop.ForAll(fills, f =>
        {
            var price = new Price(f.Item2);
            var size = new Quantity(f.Item3);
            return TakerFeeEstimate.Of(price, size, 0, models[f.m]) == models[f.m].TakerFee(price, size);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Rest_taker_buy_of_a_market_with_a_curve_carries_the_curves_fee_in_shares()
    {
        var market = new PolymarketMarket("0x" + new string('a', 64), "111", "222", Price.Parse("0.01"), false, Quantity.FromUnits(5))
        {
            Fees = new PolymarketFeeCurve(0.25m, 2),
        };
        var trade = new TradeDto
        {
            Id = "t1", TakerOrderId = "0xabc", AssetId = "111", Side = "BUY", Size = "100", Price = "0.50", FeeRateBps = "0",
            Status = "TRADE_STATUS_MATCHED", TraderSide = "TAKER", MakerOrders = [],
        };
        var fill = Assert.Single(TradeFills.FromRestTrade(trade, new VenueOrderMap(), "key", DateTimeOffset.UnixEpoch, new MarketFeeCurves([market])));
        // 1.5625 USDC at 0.50 = 3.125 shares kept; the position grows by 96.875.
        Assert.Equal((Quantity.Parse("3.125"), Quantity.Parse("96.875")), (fill.FeeShares, fill.PositionSize));
    }
}
