namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// The deepest fall of equity from a running peak (exact money), as a fraction of that peak, and the longest time
/// spent below a peak (from the peak to the recovery, or to the end when equity never recovered).
/// </summary>
public readonly record struct DrawdownStatistics(long MaxDrawdownRaw, double MaxDrawdownFraction, long MaxDurationTicks)
{
    /// <summary>Computes the drawdown of the equity curve <c>initial + net[i]</c> sampled at <paramref name="times"/>.</summary>
    public static DrawdownStatistics Of(IReadOnlyList<long> times, IReadOnlyList<long> net, long initialRaw)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(net);
        long peak = long.MinValue;
        long peakTime = 0;
        long maxDd = 0;
        double maxFraction = 0;
        long longest = 0;
        bool underwater = false;
        for (int i = 0; i < net.Count; i++)
        {
            long equity = initialRaw + net[i];
            if (equity >= peak)
            {
                if (underwater) longest = Math.Max(longest, times[i] - peakTime);
                underwater = false;
                peak = equity;
                peakTime = times[i];
                continue;
            }

            underwater = true;
            long dd = peak - equity;
            if (dd > maxDd)
            {
                maxDd = dd;
                maxFraction = peak > 0 ? (double)dd / peak : double.NaN;
            }
        }

        if (underwater) longest = Math.Max(longest, times[^1] - peakTime);
        return new DrawdownStatistics(maxDd, maxFraction, longest);
    }

    /// <summary>The drawdown (peak − equity, raw) at every sample, for the chart.</summary>
    public static long[] Curve(IReadOnlyList<long> net, long initialRaw)
    {
        ArgumentNullException.ThrowIfNull(net);
        var curve = new long[net.Count];
        long peak = long.MinValue;
        for (int i = 0; i < net.Count; i++)
        {
            long equity = initialRaw + net[i];
            peak = Math.Max(peak, equity);
            curve[i] = peak - equity;
        }

        return curve;
    }
}
