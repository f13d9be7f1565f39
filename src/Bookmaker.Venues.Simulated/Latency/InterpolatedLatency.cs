namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// A delay that follows a recorded time series, like hftbacktest's <c>IntpOrderLatency</c>: rows of (time, measured
/// delay), for example from regularly submitted unexecutable probe orders. The delay at a send time is linearly
/// interpolated between the surrounding rows and held flat before the first and after the last. It draws nothing
/// from the random stream: the recording is the randomness. Built in code (no spec form).
/// </summary>
public sealed class InterpolatedLatency : ILatencyModel
{
    private readonly long[] _times;
    private readonly long[] _delays;

    /// <summary>From rows of (UTC ticks on the engine clock, delay); at least one row, delays ≥ 0.</summary>
    public InterpolatedLatency(IEnumerable<(long TimeTicks, TimeSpan Delay)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = rows.OrderBy(r => r.TimeTicks).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("at least one row is needed", nameof(rows));
        if (sorted.Any(r => r.Delay < TimeSpan.Zero)) throw new ArgumentException("delays must be >= 0", nameof(rows));
        _times = sorted.Select(r => r.TimeTicks).ToArray();
        _delays = sorted.Select(r => r.Delay.Ticks).ToArray();
    }

    /// <inheritdoc />
    public TimeSpan Draw(long sendTimeTicks, Random random)
    {
        int i = Array.BinarySearch(_times, sendTimeTicks);
        if (i >= 0) return TimeSpan.FromTicks(_delays[i]);
        int hi = ~i;
        if (hi == 0) return TimeSpan.FromTicks(_delays[0]);
        if (hi == _times.Length) return TimeSpan.FromTicks(_delays[^1]);
        int lo = hi - 1;
        double frac = (double)(sendTimeTicks - _times[lo]) / (_times[hi] - _times[lo]);
        return TimeSpan.FromTicks((long)Math.Round(_delays[lo] + frac * (_delays[hi] - _delays[lo])));
    }

    /// <inheritdoc />
    public override string ToString() => $"interpolated({_times.Length} rows)";
}
