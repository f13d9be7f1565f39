namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>The same delay every time (spec <c>const:5ms</c>). Draws nothing from the random stream.</summary>
public sealed class ConstantLatency : ILatencyModel
{
    /// <summary>A fixed delay.</summary>
    public ConstantLatency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Delay = delay;
    }

    /// <summary>No delay at all.</summary>
    public static ConstantLatency Zero { get; } = new(TimeSpan.Zero);

    /// <summary>The delay.</summary>
    public TimeSpan Delay { get; }

    /// <inheritdoc />
    public TimeSpan Draw(long sendTimeTicks, Random random) => Delay;

    /// <inheritdoc />
    public override string ToString() => "const:" + SpecDuration.Format(Delay);
}
