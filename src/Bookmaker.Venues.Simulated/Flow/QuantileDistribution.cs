using System.Text.Json.Serialization;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// A recorded distribution kept as its quantiles at 41 evenly spaced levels (0, 2.5 %, …, 100 %), so a profile stays
/// small and a simulation can both draw from it (inverse CDF) and measure a Kolmogorov–Smirnov distance against it.
/// </summary>
public sealed record QuantileDistribution
{
    /// <summary>Number of quantile levels kept.</summary>
    public const int Levels = 41;

    /// <summary>How many observations the quantiles summarise (0: nothing was observed).</summary>
    [JsonPropertyName("count")] public int Count { get; init; }

    /// <summary>The quantiles at levels k / 40, ascending; empty when <see cref="Count"/> is 0.</summary>
    [JsonPropertyName("quantiles")] public IReadOnlyList<double> Quantiles { get; init; } = [];

    /// <summary>True when there is something to draw from.</summary>
    [JsonIgnore] public bool IsEmpty => Quantiles.Count == 0;

    /// <summary>Median.</summary>
    [JsonIgnore] public double Median => At(0.5);

    /// <summary>95th percentile.</summary>
    [JsonIgnore] public double P95 => At(0.95);

    /// <summary>Summarises <paramref name="samples"/> (any order).</summary>
    public static QuantileDistribution Of(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return new QuantileDistribution();
        var q = new double[Levels];
        for (int k = 0; k < Levels; k++) q[k] = Math.Round(SortedQuantile(sorted, k / (double)(Levels - 1)), 9);
        return new QuantileDistribution { Count = sorted.Length, Quantiles = q };
    }

    /// <summary>The quantile at level <paramref name="p"/> of a sorted array (linear interpolation between order statistics).</summary>
    public static double SortedQuantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) return double.NaN;
        double h = Math.Clamp(p, 0, 1) * (sorted.Count - 1);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The quantile at level <paramref name="p"/> (interpolated between the kept levels).</summary>
    public double At(double p)
    {
        if (IsEmpty) return double.NaN;
        double h = Math.Clamp(p, 0, 1) * (Quantiles.Count - 1);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, Quantiles.Count - 1);
        return Quantiles[lo] + (h - lo) * (Quantiles[hi] - Quantiles[lo]);
    }

    /// <summary>
    /// The share of the distribution at or below <paramref name="x"/>: the largest kept level whose quantile is ≤ x,
    /// interpolated linearly to the next one (a step of 1/40 at most off the recorded CDF).
    /// </summary>
    public double Cdf(double x)
    {
        if (IsEmpty) return double.NaN;
        var q = Quantiles;
        if (x < q[0]) return 0;
        if (x >= q[^1]) return 1;
        int last = 0;
        while (last + 1 < q.Count && q[last + 1] <= x) last++;
        double lower = q[last], upper = q[last + 1];
        double within = upper > lower ? (x - lower) / (upper - lower) : 0;
        return (last + within) / (q.Count - 1);
    }
}
