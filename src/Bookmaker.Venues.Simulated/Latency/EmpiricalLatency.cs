namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// Draws from measured samples (spec <c>empirical:4ms|6ms|9ms|30ms</c>): the samples are sorted into an empirical
/// quantile function and a uniform draw u in [0, 1) is interpolated linearly between neighbouring order statistics, so
/// draws stay inside [min sample, max sample] and the distribution is continuous rather than a handful of spikes.
/// </summary>
public sealed class EmpiricalLatency : ILatencyModel
{
    private readonly long[] _sorted;

    /// <summary>From at least one non-negative sample.</summary>
    public EmpiricalLatency(IEnumerable<TimeSpan> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _sorted = samples.Select(s => s.Ticks).Order().ToArray();
        if (_sorted.Length == 0) throw new ArgumentException("at least one sample is needed", nameof(samples));
        if (_sorted[0] < 0) throw new ArgumentException("samples must be >= 0", nameof(samples));
    }

    /// <summary>The samples, ascending.</summary>
    public IReadOnlyList<TimeSpan> Samples => Array.ConvertAll(_sorted, TimeSpan.FromTicks);

    /// <inheritdoc />
    public TimeSpan Draw(long sendTimeTicks, Random random)
    {
        if (_sorted.Length == 1) return TimeSpan.FromTicks(_sorted[0]);
        double position = random.NextDouble() * (_sorted.Length - 1);
        int i = (int)position;
        double frac = position - i;
        double ticks = _sorted[i] + frac * (_sorted[i + 1] - _sorted[i]);
        return TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    /// <inheritdoc />
    public override string ToString() => "empirical:" + string.Join('|', _sorted.Select(t => SpecDuration.Format(TimeSpan.FromTicks(t))));
}
