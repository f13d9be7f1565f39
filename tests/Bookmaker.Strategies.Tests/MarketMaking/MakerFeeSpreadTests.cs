using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Strategies.Tests.MarketMaking;

/// <summary>The maker's fee or rebate in the quoted half-spread and its floor.</summary>
public sealed class MakerFeeSpreadTests
{
    private static Instrument Btc(Price tick) => new(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, tick,
        Quantity.Parse("0.001"), Quantity.Parse("0.001"), tick, Price.Parse("10000000"), "bybit");

    [Fact]
    public void A_maker_rebate_is_a_negative_net_cost()
    {
        var tier = BybitFeeModel.FromBps(5.5m, -1m);

        double net = FeeEdge.NetCostBps(tier, Side.Buy, Price.Parse("50000"), Quantity.Parse("0.01"), Liquidity.Maker, fair: 50_000);

        Assert.Equal(-1.0, net, 6);
        Assert.Equal(0, FeeEdge.CostBps(tier, Side.Buy, Price.Parse("50000"), Quantity.Parse("0.01"), Liquidity.Maker, fair: 50_000));
    }

    [Fact]
    public void The_floor_adds_a_maker_fee_to_the_configured_minimum()
    {
        Assert.Equal(1.0 + 10.0, MakerFeeSpread.Floor(tickHalfSpread: 0.05, minHalfSpread: 1.0, makerCost: 10.0), 9);
    }

    [Fact]
    public void A_rebate_never_takes_the_floor_below_the_tick_minimum()
    {
        Assert.Equal(0.05, MakerFeeSpread.Floor(tickHalfSpread: 0.05, minHalfSpread: 1.0, makerCost: -5.0), 9);
    }

    [Fact]
    public void Quoted_half_spread_is_at_least_the_fee_adjusted_floor_for_any_maker_rate()
    {
        var gen =
            from rate in Gen.Choose(-250, 1000)        // maker rate in 0.01 bps: a 2.5 bp rebate to a 10 bp fee
            from tickCode in Gen.Choose(0, 1)
            from fairCents in Gen.Choose(10_000, 10_000_000)
            from modelHalfThirds in Gen.Choose(0, 600)
            from minHalfTicks in Gen.Choose(0, 50)
            from below in Gen.Choose(0, 20)
            from width in Gen.Choose(1, 20)
            from q in Gen.Choose(-5, 5)
            select (rate, tickCode, fairCents, modelHalfThirds, minHalfTicks, below, width, q);
        var ladder = new QuoteLadder(new QuoteLadderOptions(LevelOffsetsTicks: [0, 2], LevelSizes: [Quantity.Parse("0.01"), Quantity.Parse("0.02")], MaxInventory: Quantity.FromUnits(1)));
        var buf = new LadderQuote[ladder.MaxQuotes];
        var size = Quantity.Parse("0.01");
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var tick = c.tickCode == 0 ? Price.Parse("0.1") : Price.Parse("0.01");
            var inst = Btc(tick);
            var fees = new BybitFeeModel(0.00055m, c.rate / 1_000_000m);
            double fair = c.fairCents / 100.0;
            double t = tick.ToDouble();
            double model = c.modelHalfThirds * t / 3.0;
            double cost = MakerFeeSpread.PerShare(FeeEdge.PairCostBps(fees, Price.FromModelBid(fair - model, tick), Price.FromModelAsk(fair + model, tick), size, Liquidity.Maker, fair, net: true), fair);
            double floor = MakerFeeSpread.Floor(t * 0.5, c.minHalfTicks * t, cost);
            double half = Math.Max(MakerFeeSpread.Quoted(model, cost), floor);
            var bestBid = Price.FromModelBid(fair, tick) - new Price(tick.Raw * c.below);
            var top = new BookTop(bestBid, Quantity.FromUnits(1), bestBid + new Price(tick.Raw * c.width), Quantity.FromUnits(1));
            int n = ladder.Build(fair, half, new Quantity(Quantity.Parse("0.1").Raw * c.q), top, inst, buf);

            if (c.rate > 0 && !(floor >= cost)) throw new InvalidOperationException($"floor {floor} below the fee {cost} for {c}");
            if (!(floor >= t * 0.5)) throw new InvalidOperationException($"floor {floor} below the tick minimum for {c}");
            for (int i = 0; i < n; i++)
            {
                var x = buf[i];
                double distance = x.Side == Side.Buy ? fair - x.Price.ToDouble() : x.Price.ToDouble() - fair;
                if (distance < floor - 1e-6) throw new InvalidOperationException($"{x} inside the floor {floor} around {fair} for {c}");
                if (x.Side == Side.Buy ? x.Price >= top.BestAsk : x.Price <= top.BestBid) throw new InvalidOperationException($"{x} crosses {top} for {c}");
                if (x.Price.Raw % tick.Raw != 0) throw new InvalidOperationException($"{x} off tick for {c}");
            }
        }).QuickCheckThrowOnFailure();
    }
}
