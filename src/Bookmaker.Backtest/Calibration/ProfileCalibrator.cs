using Bookmaker.Venues.Simulated.Flow;

namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// Turns what a recording showed (<see cref="RecordingCalibrator.Recorded"/>) into a <see cref="FlowProfile"/>: the
/// distributions as quantiles, the lognormal fit of the taker sizes (mean and standard deviation of ln size), the
/// scalars as measured. A figure the recording cannot give (no prints: no taker rate, sizes, sign persistence, impact
/// or markouts) takes a documented prior and is listed in <see cref="FlowProfile.Priors"/>.
/// </summary>
public static class ProfileCalibrator
{
    /// <summary>Prior taker rate per market when a recording has no prints (issue 15's band is 0.005–0.1 /s).</summary>
    public const double PriorTakerRate = 0.02;

    /// <summary>Prior median taker size, quote currency.</summary>
    public const double PriorSizeMedian = 20;

    /// <summary>Prior p95 / median of taker sizes.</summary>
    public const double PriorSizeTail = 12;

    /// <summary>Prior lag-1 sign autocorrelation.</summary>
    public const double PriorSignAutocorrelation = 0.25;

    /// <summary>Builds the profile named <paramref name="name"/> from <paramref name="recorded"/>.</summary>
    public static FlowProfile Calibrate(RecordingCalibrator.Recorded recorded, string name)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var e = recorded.Estimates;
        var priors = new List<string>();
        if (e.SpreadTicks.Count == 0) throw new InvalidOperationException("the recording never shows a two-sided book for a whole second; nothing to calibrate");
        bool prints = e.TakerSizes.Count >= 3;
        var sizes = prints ? QuantileDistribution.Of(e.TakerSizes) : PriorSizes();
        double logMean = prints ? e.TakerSizes.Where(s => s > 0).Average(s => Math.Log(s)) : Math.Log(PriorSizeMedian);
        double logSigma = prints ? FlowEstimates.StandardDeviation(e.TakerSizes.Where(s => s > 0).Select(s => Math.Log(s)).ToList()) : Math.Log(PriorSizeTail) / 1.6449;
        double halfSpread = prints && double.IsFinite(e.HalfSpreadTicks) ? e.HalfSpreadTicks : QuantileDistribution.Of(e.SpreadTicks).Median / 2;
        if (!prints)
        {
            priors.AddRange(["takers.ratePerSecond", "takers.sizeQuote", "takers.sizeLogMean", "takers.sizeLogSigma", "takers.signAutocorrelation", "takers.impact10sTicks", "touchFills"]);
        }

        double Measured(double value, double prior, string path)
        {
            if (double.IsFinite(value)) return Math.Round(value, 6);
            if (!priors.Contains(path)) priors.Add(path);
            return prior;
        }

        var profile = new FlowProfile
        {
            Name = name,
            Source = string.Join(", ", recorded.Files),
            Venue = recorded.Venue,
            Market = recorded.Market,
            ObservedSeconds = Math.Round(e.ObservedSeconds, 3),
            Takers = new ProfileTakers
            {
                RatePerSecond = prints ? Math.Round(e.TakerRate, 6) : PriorTakerRate,
                Orders = e.TakerSizes.Count,
                SizeQuote = sizes,
                SizeLogMean = Math.Round(logMean, 6),
                SizeLogSigma = Math.Round(logSigma, 6),
                SignAutocorrelation = prints ? Measured(e.SignAutocorrelation, PriorSignAutocorrelation, "takers.signAutocorrelation") : PriorSignAutocorrelation,
                Impact10sTicks = prints ? Measured(e.Impact10sTicks, halfSpread, "takers.impact10sTicks") : Math.Round(halfSpread, 6),
            },
            Book = new ProfileBook
            {
                SpreadTicks = QuantileDistribution.Of(e.SpreadTicks),
                OneTickShare = Math.Round(e.OneTickShare, 6),
                TouchDepthQuote = QuantileDistribution.Of(e.TouchDepthQuote),
            },
            VolatilityTicksPerMinute = Measured(e.VolatilityTicksPerMinute, 1, "volatilityTicksPerMinute"),
            TouchFills = prints
                ? new ProfileTouchFills
                {
                    HalfSpreadTicks = Math.Round(halfSpread, 6),
                    Markout1sTicks = Round(e.Markout1sTicks),
                    Markout10sTicks = Round(e.Markout10sTicks),
                    Markout60sTicks = Round(e.Markout60sTicks),
                }
                : new ProfileTouchFills { HalfSpreadTicks = Math.Round(halfSpread, 6), Markout1sTicks = double.NaN, Markout10sTicks = double.NaN, Markout60sTicks = double.NaN },
            Priors = priors,
        };
        return profile;
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 6) : double.NaN;

    /// <summary>The prior size distribution: lognormal with median <see cref="PriorSizeMedian"/> and p95 / median <see cref="PriorSizeTail"/>.</summary>
    public static QuantileDistribution PriorSizes()
    {
        double sigma = Math.Log(PriorSizeTail) / 1.6449;
        var q = new double[QuantileDistribution.Levels];
        for (int k = 0; k < q.Length; k++)
        {
            double p = Math.Clamp(k / (double)(q.Length - 1), 0.001, 0.999);
            q[k] = Math.Round(PriorSizeMedian * Math.Exp(sigma * NormalQuantile(p)), 6);
        }

        return new QuantileDistribution { Count = 0, Quantiles = q };
    }

    /// <summary>Inverse standard normal CDF (Acklam's rational approximation, |error| &lt; 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        double[] a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
        double[] b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
        double[] c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
        double[] d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - 0.02425) return -NormalQuantile(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
