using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// The faults in force: the options' spec until a fault campaign replaces it. Each replacement gets its own seeded
/// random streams (seed and generation), so a run stays a pure function of its seed and script.
/// </summary>
internal sealed class VenueFaults(FaultSpec initial, int seed)
{
    private int _generation;

    /// <summary>The injector every request and stream message draws from.</summary>
    public FaultInjector Injector { get; private set; } = new(initial, seed);

    /// <summary>Replaces the faults from now on.</summary>
    public void Replace(FaultSpec faults)
    {
        _generation++;
        Injector = new FaultInjector(faults, LatencyProfile.DeriveSeed(seed, 1000 + _generation));
    }
}
