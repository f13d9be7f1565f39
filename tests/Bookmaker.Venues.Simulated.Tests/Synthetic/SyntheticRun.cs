using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Synthetic;
using Bookmaker.Venues.Simulated.Tests.Adapter;

namespace Bookmaker.Venues.Simulated.Tests.Synthetic;

/// <summary>The default synthetic scenario on a venue with a recording consumer.</summary>
internal static class SyntheticRun
{
    public static (VenueHarness Harness, SyntheticFlow Flow, SyntheticScenario Scenario) Create(int seed, int markets = 3, string? faults = null, string? latency = null)
    {
        var clock = new SimulatedTimeProvider(VenueHarness.Start);
        var scenario = SyntheticMarketFactory.CreateDefault(seed, markets, fees: SyntheticFees.Crypto);
        var options = new SimulatedVenueOptions
        {
            Seed = seed,
            Faults = FaultSpec.Parse(faults),
            Latency = latency is null ? LatencyProfile.Parse("feed=lognormal:20ms:0.5,entry=lognormal:15ms:0.3,response=uniform:5ms:15ms") : LatencyProfile.Parse(latency),
        };
        var (venue, flow) = scenario.CreateVenue(clock, options);
        return (new VenueHarness(venue, clock), flow, scenario);
    }

    /// <summary>
    /// A scripted client: after every 40th book message it quotes one tick inside the touch on that instrument (GTD
    /// 5 s), every 7th time it cancels everything, every 11th time it asks for reconciliation.
    /// </summary>
    public static void Script(VenueHarness h)
    {
        int books = 0;
        h.OnBook = (hh, e) =>
        {
            if (!e.EndOfMessage || e.Kind != MarketDataKind.LevelUpdate) return;
            if (++books % 40 != 0) return;
            var inst = hh.Venue.Instruments[e.InstrumentIndex];
            var price = e.Side == Side.Buy ? e.Price : Price.Parse("0.5");
            if (price.Raw <= inst.MinPrice.Raw || price.Raw >= inst.MaxPrice.Raw || !price.IsOnTick(inst.TickSize)) return;
            var request = new OrderRequest(hh.NextId(), inst.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtd, price, Quantity.FromUnits(10),
                ExpireAt: hh.Clock.GetUtcNow().AddSeconds(5));
            hh.Venue.Submit(request);
            int n = books / 40;
            if (n % 7 == 0) hh.Venue.CancelAll();
            if (n % 11 == 0) hh.Venue.RequestAccountSnapshot(n, VenueHarness.Start);
        };
    }
}
