using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using FsCheck;
using FsCheck.Fluent;
using static Bookmaker.Strategies.Tests.Arbitrage.ArbTestData;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class PolymarketLegFeeModelTests
{
    [Fact]
    public void Fee_is_shares_times_rate_times_p_times_one_minus_p()
    {
        // 100 × 0.02 × 0.4 × 0.6 = 0.48
        Assert.Equal(M("0.48"), Fee2Pct.TakerFee(P("0.40"), Q("100")));
    }

    [Fact]
    public void Fee_is_floored_to_five_decimals()
    {
        // 48.37 × 0.02 × 0.45 × 0.55 = 0.2394315 → 0.23943
        Assert.Equal(M("0.23943"), Fee2Pct.TakerFee(P("0.45"), Q("48.37")));
    }

    [Fact]
    public void Exponent_two_squares_the_price_term()
    {
        var fee = new PolymarketLegFeeModel(0.25m, 2);
        // 10 × 0.25 × 0.25² = 0.15625; 1 share: 0.015625 → 0.01562
        Assert.Equal(M("0.15625"), fee.TakerFee(P("0.50"), Q("10")));
        Assert.Equal(M("0.01562"), fee.TakerFee(P("0.50"), Q("1")));
    }

    [Fact]
    public void Per_share_bound_is_exact_for_polymarket_ticks()
    {
        // 0.02 × 0.45 × 0.55 = 0.00495 = 4.95e15 in 1e-18 units
        Assert.Equal(4_950_000_000_000_000L, Fee2Pct.FeePerShareBound(P("0.45")));
    }

    [Fact]
    public void Bound_off_the_tick_grid_rounds_up_never_down()
    {
        // 0.25 × (0.123456789 × 0.876543211)² = 2927632932352617.5… × 1e-18 ⇒ bound 2927632932352618
        Assert.Equal(2_927_632_932_352_618L, new PolymarketLegFeeModel(0.25m, 2).FeePerShareBound(P("0.123456789")));
    }

    [Fact]
    public void Zero_rate_charges_nothing()
    {
        Assert.Equal(M("0"), new PolymarketLegFeeModel(0m, 1).TakerFee(P("0.5"), Q("1000")));
    }

    [Fact]
    public void Fee_equals_the_exact_curve_floored_to_five_decimals()
    {
        var gen = from p in Gen.Choose(1, 9999)
                  from s in Gen.Choose(1, 1_000_000)
                  select (Price: (long)p, Shares: (long)s);
        Prop.ForAll(gen.ToArbitrary(), t =>
            {
                var price = new Price(t.Price * 100_000); // 4-decimal prices
                var shares = Quantity.FromMicros(t.Shares * 10_000L); // 0.01 steps
                long fee = Fee2Pct.TakerFee(price, shares).Raw;
                // shares × 0.02 × p(1 − p) exactly in 1e-36 units, floored to 1e-5 (1e31 of those)
                Int128 exact = (Int128)shares.Raw * 20_000_000 * price.Raw * (1_000_000_000 - price.Raw);
                Int128 step = Int128.Parse("10000000000000000000000000000000");
                return fee == (long)(exact / step) * 10_000;
            }).QuickCheckThrowOnFailure();
    }
}
