namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// Statistics of a return series (doubles: model figures, not money): mean, Sharpe and Sortino annualized by
/// √(periods a year) — crypto and prediction markets trade every day, so a year is 365 days — and the probabilistic
/// Sharpe ratio of Bailey and López de Prado (the probability that the true Sharpe is above 0, given the sample's
/// length, skew and kurtosis). NaN where the sample is too short (fewer than 2 returns) or flat. <see cref="Skew"/> and
/// <see cref="Kurtosis"/> (not excess: 3 for a normal sample) are kept so that a sweep can deflate the best of its
/// trials' Sharpe ratios.
/// </summary>
public readonly record struct ReturnStatistics(int Count, double Mean, double StdDev, double Sharpe, double Sortino, double ProbabilisticSharpe,
    double Skew = double.NaN, double Kurtosis = double.NaN)
{
    /// <summary>Computes the statistics of <paramref name="returns"/>, <paramref name="periodsPerYear"/> periods a year.</summary>
    public static ReturnStatistics Of(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        int n = returns.Count;
        if (n < 2) return new ReturnStatistics(n, n == 1 ? returns[0] : double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = returns.Average();
        double variance = returns.Sum(r => (r - mean) * (r - mean)) / (n - 1);
        double sd = Math.Sqrt(variance);
        double downside = Math.Sqrt(returns.Sum(r => r < 0 ? r * r : 0) / n);
        double scale = Math.Sqrt(periodsPerYear);
        double sr = sd > 0 ? mean / sd : double.NaN;
        double sharpe = sr * scale;
        double sortino = downside > 0 ? mean / downside * scale : double.NaN;
        double psr = double.NaN, skew = double.NaN, kurt = double.NaN;
        if (sd > 0 && n > 2)
        {
            double m3 = returns.Sum(r => Math.Pow(r - mean, 3)) / n;
            double m4 = returns.Sum(r => Math.Pow(r - mean, 4)) / n;
            double pop = variance * (n - 1) / n;
            skew = m3 / Math.Pow(pop, 1.5);
            kurt = m4 / (pop * pop);
            double denominator = 1 - skew * sr + (kurt - 1) / 4 * sr * sr;
            if (denominator > 0) psr = NormalCdf(sr * Math.Sqrt(n - 1) / Math.Sqrt(denominator));
        }

        return new ReturnStatistics(n, mean, sd, sharpe, sortino, psr, skew, kurt);
    }

    // Φ(x) through erf (Abramowitz–Stegun 7.1.26; |error| < 1.5e-7, ample for a probability shown to 4 places).
    /// <summary>Φ(x), the standard normal distribution function.</summary>
    public static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
