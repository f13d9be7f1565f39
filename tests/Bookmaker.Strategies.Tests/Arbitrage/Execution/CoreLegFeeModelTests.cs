using Bookmaker.Core.Fees;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Strategies.Arbitrage;
using Bookmaker.Strategies.Arbitrage.Execution;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

public sealed class CoreLegFeeModelTests
{
    [Fact]
    public void Scanner_and_venue_charge_the_same_fee_for_every_tick_and_size()
    {
        var core = new PolymarketFeeModel(0.02m, 1);
        var leg = new CoreLegFeeModel(core);
        var cases = from tick in Gen.Choose(1, 99)
                    from cents in Gen.Choose(1, 1_000_000)
                    select (tick, cents);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var price = new Price(c.tick * 10_000_000L);
            var size = new Quantity(c.cents * 10_000_000L);
            return leg.TakerFee(price, size) == core.ForFill(price, size, Core.Orders.Liquidity.Taker, Side.Sell).Fee;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_per_share_bound_never_understates_the_fee()
    {
        var leg = new CoreLegFeeModel(new PolymarketFeeModel(0.0725m, 1.5));
        var cases = from tenThousandths in Gen.Choose(1, 9_999)
                    from cents in Gen.Choose(1, 10_000_000)
                    select (tenThousandths, cents);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var price = new Price(c.tenThousandths * 100_000L);
            long shares = c.cents * 10_000_000L;
            var bound = (Int128)shares * leg.FeePerShareBound(price); // 1e-27 units
            return (Int128)leg.TakerFee(price, new Quantity(shares)).Raw * 1_000_000_000_000_000_000L <= bound;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Agrees_with_the_scanners_own_polymarket_curve()
    {
        var leg = new CoreLegFeeModel(new PolymarketFeeModel(0.02m, 1));
        var own = new PolymarketLegFeeModel(0.02m, 1);
        for (long p = 1; p <= 99; p++)
        {
            var price = new Price(p * 10_000_000L);
            Assert.Equal(own.FeePerShareBound(price), leg.FeePerShareBound(price));
            Assert.Equal(own.TakerFee(price, Quantity.Parse("123.45")), leg.TakerFee(price, Quantity.Parse("123.45")));
        }
    }

    [Fact]
    public void Zero_fee_models_map_to_no_fee_and_unknown_models_are_refused()
    {
        Assert.Same(NoLegFee.Instance, LegFees.From(ZeroFeeModel.Instance));
        Assert.Throws<NotSupportedException>(() => LegFees.From(new BybitFeeModel(0.001m, 0.0002m)));
    }

    [Fact]
    public void Configuration_defaults_map_onto_scanner_and_executor_options()
    {
        var o = ArbitrageStrategyOptions.From(BookmakerOptions.Defaults().Arbitrage);

        Assert.Equal(Money.Parse("0.005"), o.Scanner.MinProfitPerSet);
        Assert.Equal(Core.Orders.TimeInForce.Fok, o.Executor.LegTimeInForce);
        Assert.Equal(TimeSpan.FromSeconds(10), o.Executor.UnwindTimeout);
        Assert.Equal(Money.FromUnits(1), o.Executor.Policy.LossCap);
        Assert.Equal(Price.Parse("0.02"), o.Executor.Policy.SlippageCap);
        Assert.Equal(10, o.Depth);
        Assert.Empty(o.Scanner.Validate());
    }
}
