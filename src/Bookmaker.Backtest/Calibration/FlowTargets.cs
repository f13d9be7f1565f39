namespace Bookmaker.Backtest.Calibration;

/// <summary>One target of issue 15: its id (T1…T8), what is measured, the value and whether it is inside the band.</summary>
public sealed record FlowTarget(string Id, string Description, double Value, bool Holds);

/// <summary>
/// The targets of issue 15 that the flow alone decides (no market maker of ours in the run): T1 touch-fill 60 s markout
/// ÷ effective half spread in [−2, +0.3]; T4 impact at 10 s ≥ 0.5 × half spread and sign autocorrelation in
/// [0.1, 0.4]; T6 taker rate 0.005–0.1 /s, size median 10–50, p95 / median ≥ 10, size K–S ≤ 0.1 against the profile;
/// T7 touch depth median ≥ 10 × our quote size (10 shares at the reference price), spread and depth K–S ≤ 0.15; T8
/// volatility ≤ 1 tick per minute. T2, T3 and T5 are about our market maker's fills and P&amp;L (bench/sim-targets.sh).
/// </summary>
public static class FlowTargets
{
    /// <summary>Our default quote size, shares (<c>MarketMaker:QuoteSize</c>).</summary>
    public const double OurQuoteShares = 10;

    /// <summary>Evaluates the targets on <paramref name="s"/> with the K–S distances against the profile.</summary>
    public static IReadOnlyList<FlowTarget> Evaluate(FlowEstimates s, double sizeKs, double spreadKs, double depthKs, double referencePrice)
    {
        ArgumentNullException.ThrowIfNull(s);
        double t1 = s.Markout60sTicks / s.HalfSpreadTicks;
        double t4 = s.Impact10sTicks / s.HalfSpreadTicks;
        var sizes = s.TakerSizes.Order().ToList();
        double median = sizes.Count == 0 ? double.NaN : Venues.Simulated.Flow.QuantileDistribution.SortedQuantile(sizes, 0.5);
        double tail = sizes.Count == 0 ? double.NaN : Venues.Simulated.Flow.QuantileDistribution.SortedQuantile(sizes, 0.95) / median;
        var depth = s.TouchDepthQuote.Order().ToList();
        double depthMultiple = depth.Count == 0 ? double.NaN : Venues.Simulated.Flow.QuantileDistribution.SortedQuantile(depth, 0.5) / (OurQuoteShares * referencePrice);
        return
        [
            new("T1", "touch-fill 60 s markout ÷ effective half spread in [−2, +0.3]", t1, t1 is >= -2 and <= 0.3),
            new("T4", "taker impact at 10 s ÷ half spread ≥ 0.5", t4, t4 >= 0.5),
            new("T4", "trade-sign autocorrelation in [0.1, 0.4]", s.SignAutocorrelation, s.SignAutocorrelation is >= 0.1 and <= 0.4),
            new("T6", "taker rate per second per market in [0.005, 0.1]", s.TakerRate, s.TakerRate is >= 0.005 and <= 0.1),
            new("T6", "taker size median in [10, 50] (quote)", median, median is >= 10 and <= 50),
            new("T6", "taker size p95 ÷ median ≥ 10", tail, tail >= 10),
            new("T6", "taker size K–S against the profile ≤ 0.1", sizeKs, sizeKs <= 0.1),
            new("T7", "touch depth median ÷ our quote (10 shares) ≥ 10", depthMultiple, depthMultiple >= 10),
            new("T7", "spread K–S against the profile ≤ 0.15", spreadKs, spreadKs <= 0.15),
            new("T7", "touch depth K–S against the profile ≤ 0.15", depthKs, depthKs <= 0.15),
            new("T8", "volatility ≤ 1 tick per minute (σ)", s.VolatilityTicksPerMinute, s.VolatilityTicksPerMinute <= 1),
        ];
    }
}
