namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// A one-way delay of one channel of the simulated venue (feed, order entry or response). Implementations are
/// immutable descriptions; randomness comes from the caller's seeded <see cref="Random"/>, so one model can serve
/// several channels, each with its own stream, and a run with the same seed draws the same delays.
/// </summary>
public interface ILatencyModel
{
    /// <summary>
    /// Draws the delay of one message sent at <paramref name="sendTimeTicks"/> (engine clock, UTC ticks). Never
    /// negative. Models that vary over time (<see cref="InterpolatedLatency"/>) use the send time; others ignore it.
    /// </summary>
    TimeSpan Draw(long sendTimeTicks, Random random);

    /// <summary>The compact spec form, e.g. <c>const:5ms</c>, that <see cref="LatencyProfile.ParseModel"/> reads back.</summary>
    string ToString();
}
