using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Flow;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.Synthetic;
using Bookmaker.Venues.Simulated.Tests.Adapter;

namespace Bookmaker.Venues.Simulated.Tests.Flow;

public sealed class CompetingArbitrageursTests
{
    private static readonly long Step = TimeSpan.FromMilliseconds(25).Ticks;

    /// <summary>Four outcomes of one event, each with 100 shares asked at 0.24 (the asks sum to 0.96).</summary>
    private static (MatchingEngine Engine, List<FlowMarket> Legs) MispricedEvent()
    {
        var engine = new MatchingEngine(new SimulatedTimeProvider(VenueHarness.Start));
        var random = new Random(5);
        var legs = new List<FlowMarket>();
        int seller = engine.OpenAccount(Money.FromUnits(10_000));
        var buffer = new MatchEventBuffer(64);
        for (int k = 0; k < 4; k++)
        {
            var m = SyntheticMarketFactory.Binary(random, $"o{k}", "0.01", ZeroFeeModel.Instance, "zero", "0xevent");
            int market = engine.AddBinaryMarket(m.Yes, m.No!, ZeroFeeModel.Instance);
            var leg = new FlowMarket(engine, market, 0.25, 1, TimeSpan.FromMilliseconds(25));
            engine.Split(seller, market, Quantity.FromUnits(1_000));
            engine.Submit(new SimOrder(seller, new ClientOrderId((ulong)(k + 1)), leg.Slot, Side.Sell, OrderType.Limit, TimeInForce.Gtc,
                Price.Parse("0.24"), Quantity.FromUnits(100), PostOnly: true), buffer);
            legs.Add(leg);
        }

        return (engine, legs);
    }

    private static CompetingArbitrageurs Competitor(MatchingEngine engine, double latencyMs, out int account)
    {
        account = engine.OpenAccount(Money.FromUnits(10_000));
        var settings = new ProfileArbitrage { Competitors = 1, LatencyMedianMs = latencyMs, LatencySigma = 0, SizeCapQuote = 10_000 };
        return new CompetingArbitrageurs(settings, [account], 4, new FlowRandom(1));
    }

    [Fact]
    public void Faster_competitor_takes_the_mispriced_asks_and_the_slower_finds_them_gone()
    {
        var (engine, legs) = MispricedEvent();
        var desk = new AgentDesk(engine, null);
        var fast = Competitor(engine, 30, out int fastAccount);
        var slow = Competitor(engine, 200, out int slowAccount);
        long now = VenueHarness.Start.UtcTicks;
        for (int i = 0; i < 20; i++, now += Step)
        {
            fast.Step(legs, now, desk);
            slow.Step(legs, now, desk);
        }

        Assert.All(legs, l => Assert.Equal(Quantity.FromUnits(100), engine.Account(fastAccount).Tokens(l.Slot)));
        Assert.All(legs, l => Assert.Equal(Quantity.Zero, engine.Account(slowAccount).Tokens(l.Slot)));
        Assert.Equal(1, slow.Shots);
    }

    [Fact]
    public void Competitor_does_nothing_while_the_asks_sum_to_at_least_one()
    {
        var (engine, legs) = MispricedEvent();
        var settings = new ProfileArbitrage { Competitors = 1, LatencyMedianMs = 30, LatencySigma = 0, Threshold = 0.05 };
        int account = engine.OpenAccount(Money.FromUnits(10_000));
        var c = new CompetingArbitrageurs(settings, [account], 4, new FlowRandom(1));
        long now = VenueHarness.Start.UtcTicks;
        for (int i = 0; i < 10; i++, now += Step) c.Step(legs, now, new AgentDesk(engine, null));
        Assert.Equal(0, c.Detections);
    }

    [Fact]
    public void Competitors_draw_latencies_on_both_sides_of_the_median()
    {
        var settings = new ProfileArbitrage { Competitors = 8, LatencyMedianMs = 110, LatencySigma = 0.6 };
        var c = new CompetingArbitrageurs(settings, Enumerable.Range(0, 8).ToArray(), 4, new FlowRandom(7));
        Assert.Contains(c.Latencies, l => l.TotalMilliseconds < 110);
        Assert.Contains(c.Latencies, l => l.TotalMilliseconds > 110);
    }
}
