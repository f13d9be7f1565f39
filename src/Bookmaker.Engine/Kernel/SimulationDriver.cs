using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// Runs an <see cref="EventLoop"/> on a <see cref="SimulatedTimeProvider"/>: drain everything pending, jump the clock to
/// the next due timer (which is how simulated venues deliver latency-delayed messages and how synthetic flow ticks),
/// repeat. Nothing depends on wall-clock time, so a run is a pure function of its seed and inputs.
/// </summary>
public sealed class SimulationDriver(EventLoop loop, SimulatedTimeProvider clock)
{
    /// <summary>The loop being driven.</summary>
    public EventLoop Loop { get; } = loop ?? throw new ArgumentNullException(nameof(loop));

    /// <summary>The simulated clock.</summary>
    public SimulatedTimeProvider Clock { get; } = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Clock steps taken.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Runs until simulated time reaches <paramref name="end"/>, or until <paramref name="stop"/> returns true (then the clock stays where it stopped).
    /// Returns events processed.
    /// </summary>
    public long RunUntil(DateTimeOffset end, Func<bool>? stop = null)
    {
        long processed = Loop.DrainPending();
        bool stopped = false;
        while (!(stopped = stop is not null && stop()))
        {
            var next = Clock.NextDue;
            if (next is null || next.Value > end) break;
            Clock.AdvanceTo(next.Value);
            Steps++;
            processed += Loop.DrainPending();
        }

        // Stopped early by the predicate: the clock stays where the run stopped.
        if (!stopped && Clock.GetUtcNow() < end) Clock.AdvanceTo(end);
        processed += Loop.DrainPending();
        return processed;
    }

    /// <summary>Runs for a span of simulated time.</summary>
    public long RunFor(TimeSpan duration) => RunUntil(Clock.GetUtcNow() + duration);
}
