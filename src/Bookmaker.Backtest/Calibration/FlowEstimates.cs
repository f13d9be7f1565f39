namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// The flow statistics of one or more markets (pooled), with their raw samples kept for Kolmogorov–Smirnov distances.
/// Every figure is computed by <see cref="Of"/> the same way for a recording and for a simulation.
/// </summary>
public sealed record FlowEstimates
{
    /// <summary>Markets pooled.</summary>
    public int Markets { get; init; }

    /// <summary>Seconds observed, summed over markets.</summary>
    public double ObservedSeconds { get; init; }

    /// <summary>Spread samples, ticks.</summary>
    public IReadOnlyList<double> SpreadTicks { get; init; } = [];

    /// <summary>Touch depth samples, quote currency.</summary>
    public IReadOnlyList<double> TouchDepthQuote { get; init; } = [];

    /// <summary>Taker order sizes, quote currency.</summary>
    public IReadOnlyList<double> TakerSizes { get; init; } = [];

    /// <summary>Taker orders per second per market.</summary>
    public double TakerRate { get; init; }

    /// <summary>Lag-1 autocorrelation of taker signs (NaN with fewer than 3 orders).</summary>
    public double SignAutocorrelation { get; init; } = double.NaN;

    /// <summary>Mean sign × (mid 10 s after − mid before), ticks.</summary>
    public double Impact10sTicks { get; init; } = double.NaN;

    /// <summary>Mean effective half spread of the prints, ticks.</summary>
    public double HalfSpreadTicks { get; init; } = double.NaN;

    /// <summary>Mean maker markout 1 s after the print, ticks.</summary>
    public double Markout1sTicks { get; init; } = double.NaN;

    /// <summary>Mean maker markout 10 s after, ticks.</summary>
    public double Markout10sTicks { get; init; } = double.NaN;

    /// <summary>Mean maker markout 60 s after, ticks.</summary>
    public double Markout60sTicks { get; init; } = double.NaN;

    /// <summary>
    /// Standard deviation of the one-minute mid change, ticks: over overlapping one-minute windows when the samples span
    /// more than two minutes, else from one-second changes × √60.
    /// </summary>
    public double VolatilityTicksPerMinute { get; init; } = double.NaN;

    /// <summary>Share of spread samples of one tick.</summary>
    public double OneTickShare { get; init; } = double.NaN;

    /// <summary>Pools the observations of several markets.</summary>
    public static FlowEstimates Of(IReadOnlyList<FlowObservations> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        var spreads = markets.SelectMany(m => m.SpreadTicks).ToList();
        var depth = markets.SelectMany(m => m.TouchDepthQuote).ToList();
        var orders = markets.SelectMany(m => m.Orders).ToList();
        double seconds = markets.Sum(m => m.SpanSeconds);
        var impact = new List<double>();
        var half = new List<double>();
        var mk1 = new List<double>();
        var mk10 = new List<double>();
        var mk60 = new List<double>();
        var signPairs = new List<(double, double)>();
        var steps = new List<double>();
        var minuteSteps = new List<double>();
        foreach (var m in markets)
        {
            double tick = m.Tick;
            for (int i = 0; i < m.Orders.Count; i++)
            {
                var o = m.Orders[i];
                if (i > 0) signPairs.Add((m.Orders[i - 1].Sign, o.Sign));
                if (double.IsFinite(o.MidBefore))
                {
                    half.Add(o.Sign * (o.Price - o.MidBefore) / tick);
                    if (Within(m, o, 10)) impact.Add(o.Sign * (m.MidAt(o.Time + 10 * TimeSpan.TicksPerSecond) - o.MidBefore) / tick);
                }

                Markout(m, o, 1, mk1);
                Markout(m, o, 10, mk10);
                Markout(m, o, 60, mk60);
            }

            // One-minute changes (overlapping, one a second) when there are two minutes of samples; else one-second
            // changes scaled by √60 (which overstates a bouncing mid).
            if (m.SampledMids.Count > 120)
                for (int i = 60; i < m.SampledMids.Count; i++) minuteSteps.Add((m.SampledMids[i] - m.SampledMids[i - 60]) / tick);
            for (int i = 1; i < m.SampledMids.Count; i++) steps.Add((m.SampledMids[i] - m.SampledMids[i - 1]) / tick);
        }

        return new FlowEstimates
        {
            Markets = markets.Count,
            ObservedSeconds = seconds,
            SpreadTicks = spreads,
            TouchDepthQuote = depth,
            TakerSizes = orders.Select(o => o.Quote).ToList(),
            TakerRate = seconds > 0 ? orders.Count / seconds : 0,
            SignAutocorrelation = Correlation(signPairs),
            Impact10sTicks = Mean(impact),
            HalfSpreadTicks = Mean(half),
            Markout1sTicks = Mean(mk1),
            Markout10sTicks = Mean(mk10),
            Markout60sTicks = Mean(mk60),
            VolatilityTicksPerMinute = minuteSteps.Count >= 60 ? StandardDeviation(minuteSteps) : steps.Count < 2 ? double.NaN : StandardDeviation(steps) * Math.Sqrt(60),
            OneTickShare = spreads.Count == 0 ? double.NaN : spreads.Count(s => Math.Abs(s - 1) < 1e-6) / (double)spreads.Count,
        };
    }

    private static bool Within(FlowObservations m, TakerOrder o, int seconds) => o.Time + seconds * TimeSpan.TicksPerSecond <= m.LastTicks;

    /// <summary>The resting side's markout: it traded against the taker at the print price, so it earns −sign × (mid − price).</summary>
    private static void Markout(FlowObservations m, TakerOrder o, int seconds, List<double> into)
    {
        if (!Within(m, o, seconds)) return;
        double mid = m.MidAt(o.Time + seconds * TimeSpan.TicksPerSecond);
        if (double.IsFinite(mid)) into.Add(-o.Sign * (mid - o.Price) / m.Tick);
    }

    /// <summary>Mean, NaN when empty.</summary>
    public static double Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>Sample standard deviation.</summary>
    public static double StandardDeviation(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
    }

    private static double Correlation(List<(double X, double Y)> pairs)
    {
        if (pairs.Count < 2) return double.NaN;
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (x, y) in pairs)
        {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
