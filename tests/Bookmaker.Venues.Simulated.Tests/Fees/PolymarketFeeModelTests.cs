using Bookmaker.Core.Fees;
using FsCheck;
using FsCheck.Fluent;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Tests.Fees;

public class PolymarketFeeModelTests
{
    [Theory]
    // fee = shares × r × (p(1 − p))^e, floored to 5 decimals
    [InlineData("0.25", 2.0, "0.50", "100", "1.5625")]
    [InlineData("0.25", 2.0, "0.30", "10", "0.11025")]
    [InlineData("0.25", 2.0, "0.70", "10", "0.11025")]
    [InlineData("0.0175", 1.0, "0.33", "7", "0.02708")] // 0.02708475 floored
    [InlineData("0.1", 1.5, "0.50", "10", "0.125")] // fractional exponent: 0.25^1.5 = 0.125
    [InlineData("0.25", 2.0, "0.01", "1", "0.00002")] // 0.0000245025 floored
    [InlineData("0", 2.0, "0.50", "100", "0")]
    public void Taker_fee_follows_the_curve_and_is_floored_to_five_decimals(string r, double e, string p, string shares, string fee)
    {
        var model = new PolymarketFeeModel(decimal.Parse(r, System.Globalization.CultureInfo.InvariantCulture), e);
        var charge = model.ForFill(Price.Parse(p), Quantity.Parse(shares), Liquidity.Taker, Side.Sell);
        Assert.Equal(Money.Parse(fee), charge.Fee);
        Assert.Equal(Money.Zero, charge.Rebate);
    }

    [Fact]
    public void Maker_pays_nothing_and_earns_its_share_of_the_taker_fee()
    {
        var model = new PolymarketFeeModel(0.25m, 2, makerRebateShare: 0.20m);
        var charge = model.ForFill(Price.Parse("0.30"), Quantity.Parse("10"), Liquidity.Maker, Side.Buy);
        Assert.Equal(Money.Zero, charge.Fee);
        Assert.Equal(Money.Parse("0.02205"), charge.Rebate); // 20 % of 0.11025
    }

    [Fact]
    public void Rebate_share_is_configurable_per_market()
    {
        var sports = new PolymarketFeeModel(0.0175m, 1, makerRebateShare: 0.25m);
        var charge = sports.ForFill(Price.Parse("0.50"), Quantity.Parse("100"), Liquidity.Maker, Side.Buy);
        Assert.Equal(Money.Parse("0.10937"), charge.Rebate); // 0.25 × 0.4375 = 0.109375 floored
    }

    [Fact]
    public void Buy_headroom_covers_the_worst_price_at_or_below_the_limit()
    {
        var model = new PolymarketFeeModel(0.25m, 2);
        // Limit 0.80: p(1 − p) peaks at 0.50 inside the range, so the headroom is 100 × 0.015625 + one 1e-5 step.
        Assert.Equal(Money.Parse("1.56251"), model.BuyFeeHeadroom(Price.Parse("0.80"), Quantity.Parse("100"), Liquidity.Taker));
        Assert.Equal(Money.Zero, model.BuyFeeHeadroom(Price.Parse("0.80"), Quantity.Parse("100"), Liquidity.Maker));
    }

    [Fact]
    public void Fee_property_taker_fee_is_never_above_the_exact_curve_and_never_more_than_a_step_below()
    {
        var model = new PolymarketFeeModel(0.25m, 2);
        Prop.ForAll(
            Arb.From(Gen.Choose(1, 999)),
            Arb.From(Gen.Choose(1, 1_000_000)),
            (int milli, int centiShares) =>
            {
                var p = new Price(milli * 1_000_000L);
                var q = new Quantity(centiShares * 10_000_000L);
                decimal exact = q.ToDecimal() * 0.25m * (p.ToDecimal() * (1 - p.ToDecimal())) * (p.ToDecimal() * (1 - p.ToDecimal()));
                decimal fee = model.ForFill(p, q, Liquidity.Taker, Side.Sell).Fee.ToDecimal();
                return fee <= exact && exact - fee < 0.00001m;
            }).QuickCheckThrowOnFailure();
    }
}
