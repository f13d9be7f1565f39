using System.Globalization;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// A simulated venue whose order flow comes from a <see cref="FlowProfile"/>: <c>n</c> markets of the profile's kind
/// (Polymarket-like binary markets at the profile's tick, or plain instruments with a ±20 % price band around the
/// reference price), the profile's latencies (lognormal, median feed delay and half the order round trip each way, with
/// the profile's jitter) and a <see cref="ProfileFlow"/> stepped every <see cref="Step"/>.
/// </summary>
public sealed class ProfileScenario
{
    /// <summary>Builds the markets of <paramref name="profile"/>, ids drawn from <paramref name="seed"/>.</summary>
    public ProfileScenario(FlowProfile profile, int seed, int markets)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(markets);
        var random = new Random(seed);
        var list = new List<SimulatedMarket>();
        string tick = profile.Market.Tick.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < markets; i++)
        {
            list.Add(profile.Market.Kind == ProfileMarketKind.Binary
                ? SyntheticMarketFactory.Binary(random, $"p{i}", tick, ZeroFeeModel.Instance, "zero", null)
                : Plain(profile.Market, i));
        }

        // The neg-risk event comes after the profile's markets and draws its ids after theirs, so they keep theirs.
        int outcomes = profile.Market.Kind == ProfileMarketKind.Binary ? profile.Arbitrage.EventOutcomes : 0;
        if (outcomes >= 2)
        {
            string eventId = "0x" + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())).ToLowerInvariant().PadLeft(64, '0');
            for (int k = 0; k < outcomes; k++)
                list.Add(SyntheticMarketFactory.Binary(random, $"e0-o{k}", tick, ZeroFeeModel.Instance, "zero", eventId));
        }

        EventOutcomes = Math.Max(0, outcomes);
        Markets = list;
    }

    /// <summary>Outcomes of the neg-risk event, the last markets of <see cref="Markets"/> (0: none).</summary>
    public int EventOutcomes { get; }

    /// <summary>The profile.</summary>
    public FlowProfile Profile { get; }

    /// <summary>The markets, in engine order.</summary>
    public IReadOnlyList<SimulatedMarket> Markets { get; }

    /// <summary>How often the agents act (simulated time): fine enough for 10–100 ms reactions.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>The profile's latencies as a venue latency profile.</summary>
    public LatencyProfile Latency
    {
        get
        {
            var m = Profile.Model;
            var oneWay = TimeSpan.FromMilliseconds(m.OrderRoundTripMs / 2);
            return new LatencyProfile(
                new LogNormalLatency(TimeSpan.FromMilliseconds(m.FeedLatencyMs), m.LatencyJitter),
                new LogNormalLatency(oneWay, m.LatencyJitter),
                new LogNormalLatency(oneWay, m.LatencyJitter));
        }
    }

    /// <summary>
    /// Builds the venue (with the profile's latency unless <paramref name="options"/> sets one) and attaches the flow:
    /// the makers quote at once, then every agent acts each <see cref="Step"/>.
    /// </summary>
    public (SimulatedVenue Venue, ProfileFlow Flow) CreateVenue(TimeProvider time, SimulatedVenueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        options ??= new SimulatedVenueOptions();
        if (ReferenceEquals(options.Latency, LatencyProfile.Zero)) options = options with { Latency = Latency };
        var venue = new SimulatedVenue(time, Markets, options);
        int plain = Markets.Count - EventOutcomes;
        var flow = new ProfileFlow(venue.Engine, Enumerable.Range(0, plain).ToList(), Profile, venue.Options.Seed ^ 0x0F10, Step, venue.ProcessAgentEvents,
            Enumerable.Range(plain, EventOutcomes).ToList());
        flow.Step(time.GetUtcNow().UtcTicks);
        var step = Step;
        void Tick()
        {
            flow.Step(venue.Scheduler.NowTicks);
            venue.Scheduler.After(step, Tick);
        }

        venue.Started += () => venue.Scheduler.After(step, Tick);
        return (venue, flow);
    }

    /// <summary>A plain instrument (spot-like) at the profile's rules, its ladder ±20 % around the reference price.</summary>
    public static SimulatedMarket Plain(ProfileMarket market, int index)
    {
        ArgumentNullException.ThrowIfNull(market);
        var tick = Price.FromDecimal(market.Tick);
        var reference = market.ReferencePrice;
        var low = new Price(Math.Max(tick.Raw, FixedPoint.FloorTo(Price.FromDecimal(reference * 0.8m).Raw, tick.Raw)));
        var high = new Price(FixedPoint.FloorTo(Price.FromDecimal(reference * 1.2m).Raw, tick.Raw));
        var id = new InstrumentId(VenueNames.Simulated, $"SIM{index}USD");
        var instrument = new Instrument(id, InstrumentKind.Spot, FixedPoint.SignificantDecimals(tick.Raw), tick,
            Quantity.FromDecimal(market.Lot), Quantity.FromDecimal(market.MinSize), low, high, "zero");
        return new SimulatedMarket(id.Symbol, instrument, null, ZeroFeeModel.Instance);
    }
}
