using Bookmaker.Backtest.Metrics;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// The deflated Sharpe ratio of Bailey and López de Prado ("The Deflated Sharpe Ratio", 2014): the probability that
/// the true Sharpe of the best of N trials is above 0 once we allow for having picked the best. The benchmark is the
/// Sharpe the best of N trials reaches by luck alone,
/// <c>SR₀ = √V[SRₙ] · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N·e)))</c> (γ the Euler–Mascheroni constant, V the variance
/// of the trials' Sharpes), and <c>DSR = Φ((SR* − SR₀) √(T − 1) / √(1 − γ₃ SR* + (γ₄ − 1)/4 · SR*²))</c> with SR*, T,
/// γ₃ (skew) and γ₄ (kurtosis) of the chosen trial. All Sharpes here are per period (not annualized). Model math in
/// doubles; NaN where undefined.
/// </summary>
public static class DeflatedSharpe
{
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>SR₀: the Sharpe (per period) the best of <paramref name="trials"/> reaches by chance, given the variance of the trials' Sharpes.</summary>
    public static double ExpectedMaxSharpe(int trials, double sharpeVariance)
    {
        if (trials < 2 || !(sharpeVariance >= 0)) return 0;
        double n = trials;
        return Math.Sqrt(sharpeVariance) * ((1 - EulerGamma) * InverseNormal(1 - 1 / n) + EulerGamma * InverseNormal(1 - 1 / (n * Math.E)));
    }

    /// <summary>DSR of the chosen trial: Sharpe <paramref name="sharpe"/> over <paramref name="periods"/> returns with the given skew and (non-excess) kurtosis.</summary>
    public static double Of(double sharpe, int periods, double skew, double kurtosis, double expectedMaxSharpe)
    {
        if (periods < 2 || !double.IsFinite(sharpe) || !double.IsFinite(skew) || !double.IsFinite(kurtosis)) return double.NaN;
        double denominator = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(denominator > 0)) return double.NaN;
        return ReturnStatistics.NormalCdf((sharpe - expectedMaxSharpe) * Math.Sqrt(periods - 1) / Math.Sqrt(denominator));
    }

    /// <summary>Sample variance (n − 1) of <paramref name="values"/>; NaN for fewer than two.</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return double.NaN;
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    /// <summary>Φ⁻¹(p), the standard normal quantile (Acklam's rational approximation, relative error &lt; 1.2e-9).</summary>
    public static double InverseNormal(double p)
    {
        if (!(p > 0 && p < 1)) return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
