namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>A delay uniform on [min, max] at tick resolution (spec <c>uniform:5ms:15ms</c>).</summary>
public sealed class UniformLatency : ILatencyModel
{
    /// <summary>Uniform between <paramref name="min"/> and <paramref name="max"/>, both included.</summary>
    public UniformLatency(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Min = min;
        Max = max;
    }

    /// <summary>Smallest delay.</summary>
    public TimeSpan Min { get; }

    /// <summary>Largest delay.</summary>
    public TimeSpan Max { get; }

    /// <inheritdoc />
    public TimeSpan Draw(long sendTimeTicks, Random random) =>
        TimeSpan.FromTicks(random.NextInt64(Min.Ticks, Max.Ticks + 1));

    /// <inheritdoc />
    public override string ToString() => $"uniform:{SpecDuration.Format(Min)}:{SpecDuration.Format(Max)}";
}
