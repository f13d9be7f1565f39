using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>How a <see cref="SimulatedVenue"/> behaves: name, seed, delays, faults and account.</summary>
public sealed record SimulatedVenueOptions
{
    /// <summary>Venue name reported in events (default <c>sim</c>).</summary>
    public string Venue { get; init; } = VenueNames.Simulated;

    /// <summary>Seed of every random stream of the venue (latency, faults, timeout coin, agents).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Feed, order-entry and response delays.</summary>
    public LatencyProfile Latency { get; init; } = LatencyProfile.Zero;

    /// <summary>Faults to inject.</summary>
    public FaultSpec Faults { get; init; } = FaultSpec.None;

    /// <summary>How long the client waits for an HTTP answer before it reports a status-0 failure (timeout and late faults).</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Chance that a request hit by the <c>timeout</c> fault was nevertheless executed (seeded coin).</summary>
    public double TimeoutExecutedProbability { get; init; } = 0.5;

    /// <summary>Our account's starting cash.</summary>
    public Money StartingCash { get; init; } = Money.FromUnits(10_000);

    /// <summary>Levels per side published to the feed (the top N of the matching engine's book).</summary>
    public int BookDepth { get; init; } = 50;

    /// <summary>After a dropped or reordered feed message, a fresh snapshot follows after this delay (the client's resubscribe).</summary>
    public TimeSpan ResyncDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Error texts and batch limit (default Polymarket: 15 per batch).</summary>
    public VenueRules Rules { get; init; } = VenueRules.Polymarket;
}
