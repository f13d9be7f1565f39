namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// A log-normal delay (spec <c>lognormal:20ms:0.5</c>): <c>median · exp(sigma · Z)</c> with Z standard normal (Box–Muller
/// from two uniform draws). The median is exact; the mean is <c>median · exp(sigma²/2)</c>; the right tail is long, as
/// network and matching-engine delays are. An optional cap bounds pathological draws (default 1000 × median).
/// </summary>
public sealed class LogNormalLatency : ILatencyModel
{
    /// <summary>Log-normal with the given median and log-space standard deviation.</summary>
    public LogNormalLatency(TimeSpan median, double sigma, TimeSpan? cap = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(median, TimeSpan.Zero);
        if (!double.IsFinite(sigma) || sigma < 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and >= 0");
        Median = median;
        Sigma = sigma;
        Cap = cap ?? TimeSpan.FromTicks(median.Ticks > long.MaxValue / 1000 ? long.MaxValue : median.Ticks * 1000);
    }

    /// <summary>Median delay.</summary>
    public TimeSpan Median { get; }

    /// <summary>Standard deviation of ln(delay).</summary>
    public double Sigma { get; }

    /// <summary>Largest delay returned.</summary>
    public TimeSpan Cap { get; }

    /// <inheritdoc />
    public TimeSpan Draw(long sendTimeTicks, Random random)
    {
        // Box–Muller; 1 - NextDouble() is in (0, 1] so the log is finite.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        double ticks = Median.Ticks * Math.Exp(Sigma * z);
        if (!(ticks < Cap.Ticks)) return Cap;
        return TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"lognormal:{SpecDuration.Format(Median)}:{Sigma.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
