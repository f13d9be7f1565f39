using Bookmaker.Core.Fees;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Flow;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// Runs a profile's flow alone on a matching engine (one market, seeded, on a simulated clock — no venue, no client,
/// so an hour takes about a second) and observes it exactly as a recording is observed: the top of book after every
/// step, every taker print.
/// </summary>
public static class SyntheticObservation
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Observes <paramref name="duration"/> of <paramref name="profile"/>'s flow under <paramref name="seed"/>.</summary>
    public static FlowObservations Run(FlowProfile profile, int seed, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var clock = new SimulatedTimeProvider(Start);
        var engine = new MatchingEngine(clock, VenueRules.Polymarket, SelfTradePrevention.CancelMaker);
        var random = new Random(seed);
        if (profile.Market.Kind == ProfileMarketKind.Binary)
        {
            var m = SyntheticMarketFactory.Binary(random, "c0", profile.Market.Tick.ToString(System.Globalization.CultureInfo.InvariantCulture), ZeroFeeModel.Instance, "zero", null);
            engine.AddBinaryMarket(m.Yes, m.No!, m.Fees);
        }
        else
        {
            var m = ProfileScenario.Plain(profile.Market, 0);
            engine.AddInstrument(m.Yes, m.Fees, sellRequiresInventory: true, VenueRules.Bybit);
        }

        var step = TimeSpan.FromMilliseconds(25);
        var flow = new ProfileFlow(engine, [0], profile, seed, step);
        var observed = new FlowObservations((double)profile.Market.Tick);
        var book = engine.Markets[0];
        flow.Desk.TakerPrint = (time, _, side, price, size) =>
            observed.OnPrint(time, time, side == Side.Buy ? 1 : -1, (double)price.ToDecimal(), (double)size.ToDecimal());
        long end = Start.UtcTicks + duration.Ticks;
        for (long t = Start.UtcTicks; t <= end; t += step.Ticks)
        {
            clock.AdvanceTo(new DateTimeOffset(t, TimeSpan.Zero));
            flow.Step(t);
            double bid = 0, bidSize = 0, ask = 0, askSize = 0;
            if (book.TryGetBestBid(out Price b, out Quantity bs)) (bid, bidSize) = ((double)b.ToDecimal(), (double)bs.ToDecimal());
            if (book.TryGetBestAsk(out Price a, out Quantity @as)) (ask, askSize) = ((double)a.ToDecimal(), (double)@as.ToDecimal());
            observed.OnTop(t, bid, bidSize, ask, askSize);
        }

        observed.Finish(end);
        return observed;
    }
}
