using Bookmaker.Venues.Simulated.Flow;

namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// Kolmogorov–Smirnov distances: the largest gap between two cumulative distributions (0 = identical, 1 = disjoint).
/// Two samples are compared exactly (at every observed value, ties handled by stepping past them together); a sample
/// against a profile's <see cref="QuantileDistribution"/> uses the profile's interpolated CDF (resolution 1/40).
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The two-sample distance sup |F₁ − F₂|; NaN when either is empty.</summary>
    public static double Distance(IReadOnlyCollection<double> a, IReadOnlyCollection<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return double.NaN;
        var x = a.Order().ToArray();
        var y = b.Order().ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs(i / (double)x.Length - j / (double)y.Length));
        }

        return d;
    }

    /// <summary>
    /// The distance between a sample's empirical CDF and a profile distribution's CDF, both taken right-continuous and
    /// compared at every sample value and every kept quantile; NaN when either is empty.
    /// </summary>
    public static double Distance(IReadOnlyCollection<double> sample, QuantileDistribution profile)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(profile);
        if (sample.Count == 0 || profile.IsEmpty) return double.NaN;
        var x = sample.Order().ToArray();
        double d = 0;
        foreach (double v in x.Concat(profile.Quantiles).Distinct())
        {
            int atOrBelow = UpperBound(x, v);
            d = Math.Max(d, Math.Abs(atOrBelow / (double)x.Length - profile.Cdf(v)));
        }

        return d;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
