using System.Globalization;
using System.Text;
using Bookmaker.Venues.Simulated.Flow;

namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// <c>bookmaker calibrate --check</c>: the profile's simulated flow beside the recording, figure by figure, with the
/// Kolmogorov–Smirnov distance of each distribution (synthetic against recorded, and synthetic against the profile).
/// </summary>
public sealed class CalibrationCheck
{
    private readonly List<(string Figure, string Recorded, string Profile, string Synthetic, string KsRecorded, string KsProfile)> _rows = [];

    private CalibrationCheck(FlowProfile profile, RecordingCalibrator.Recorded? recorded, FlowEstimates synthetic, int seed, TimeSpan duration)
    {
        Profile = profile;
        Recorded = recorded;
        Synthetic = synthetic;
        Seed = seed;
        Duration = duration;
    }

    /// <summary>The profile checked.</summary>
    public FlowProfile Profile { get; }

    /// <summary>The recording, or null when the check compares with the profile alone.</summary>
    public RecordingCalibrator.Recorded? Recorded { get; }

    /// <summary>What the simulation showed.</summary>
    public FlowEstimates Synthetic { get; }

    /// <summary>Seed of the simulation.</summary>
    public int Seed { get; }

    /// <summary>Seeds pooled (<see cref="Seed"/> onwards).</summary>
    public int Seeds { get; private init; } = 1;

    /// <summary>Simulated time per seed.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The flow targets of issue 15 measured on the synthetic run (<see cref="FlowTargets"/>).</summary>
    public IReadOnlyList<FlowTarget> Targets => FlowTargets.Evaluate(Synthetic, SizeDistance, SpreadDistance, DepthDistance, (double)Profile.Market.ReferencePrice);

    /// <summary>K–S distance of the taker sizes, synthetic against the profile.</summary>
    public double SizeDistance { get; private set; }

    /// <summary>K–S distance of the spreads, synthetic against the profile.</summary>
    public double SpreadDistance { get; private set; }

    /// <summary>K–S distance of the touch depth, synthetic against the profile.</summary>
    public double DepthDistance { get; private set; }

    /// <summary>
    /// Simulates <paramref name="profile"/> for <paramref name="duration"/> (default: the recording's span per market, at
    /// least ten minutes) and compares.
    /// </summary>
    public static CalibrationCheck Run(FlowProfile profile, RecordingCalibrator.Recorded? recorded, int seed, TimeSpan? duration = null, int seeds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        ArgumentNullException.ThrowIfNull(profile);
        var perMarket = recorded is null ? TimeSpan.Zero : TimeSpan.FromSeconds(recorded.Estimates.ObservedSeconds / Math.Max(1, recorded.Estimates.Markets));
        var span = duration ?? (perMarket > TimeSpan.FromMinutes(10) ? perMarket : TimeSpan.FromMinutes(10));
        // Several seeds are pooled like several markets of one recording.
        var synthetic = FlowEstimates.Of(Enumerable.Range(seed, seeds).Select(s => SyntheticObservation.Run(profile, s, span)).ToList());
        var check = new CalibrationCheck(profile, recorded, synthetic, seed, span) { Seeds = seeds };
        check.Build();
        return check;
    }

    private void Build()
    {
        var r = Recorded?.Estimates ?? new FlowEstimates();
        var s = Synthetic;
        var p = Profile;
        SizeDistance = KolmogorovSmirnov.Distance(s.TakerSizes, p.Takers.SizeQuote);
        SpreadDistance = KolmogorovSmirnov.Distance(s.SpreadTicks, p.Book.SpreadTicks);
        DepthDistance = KolmogorovSmirnov.Distance(s.TouchDepthQuote, p.Book.TouchDepthQuote);
        Scalar("taker orders per second per market", r.TakerRate, p.Takers.RatePerSecond, s.TakerRate, "0.####");
        Distribution("taker size median (quote)", r.TakerSizes, p.Takers.SizeQuote.Median, s.TakerSizes, 0.5, KolmogorovSmirnov.Distance(s.TakerSizes, r.TakerSizes), SizeDistance);
        Distribution("taker size p95 (quote)", r.TakerSizes, p.Takers.SizeQuote.P95, s.TakerSizes, 0.95, double.NaN, double.NaN);
        Scalar("taker size p95 / median", Ratio(r.TakerSizes), p.Takers.SizeQuote.P95 / p.Takers.SizeQuote.Median, Ratio(s.TakerSizes), "0.##");
        Distribution("spread median (ticks)", r.SpreadTicks, p.Book.SpreadTicks.Median, s.SpreadTicks, 0.5, KolmogorovSmirnov.Distance(s.SpreadTicks, r.SpreadTicks), SpreadDistance);
        Scalar("one-tick spread share", r.OneTickShare, p.Book.OneTickShare, s.OneTickShare, "0.###");
        Distribution("touch depth median (quote)", r.TouchDepthQuote, p.Book.TouchDepthQuote.Median, s.TouchDepthQuote, 0.5, KolmogorovSmirnov.Distance(s.TouchDepthQuote, r.TouchDepthQuote), DepthDistance);
        Scalar("volatility (ticks per minute, σ)", r.VolatilityTicksPerMinute, p.VolatilityTicksPerMinute, s.VolatilityTicksPerMinute, "0.###");
        Scalar("trade-sign autocorrelation (lag 1)", r.SignAutocorrelation, p.Takers.SignAutocorrelation, s.SignAutocorrelation, "0.###");
        Scalar("taker impact at 10 s (ticks)", r.Impact10sTicks, p.Takers.Impact10sTicks, s.Impact10sTicks, "0.###");
        Scalar("effective half spread (ticks)", r.HalfSpreadTicks, p.TouchFills.HalfSpreadTicks, s.HalfSpreadTicks, "0.###");
        Scalar("touch-fill markout 1 s (ticks)", r.Markout1sTicks, p.TouchFills.Markout1sTicks, s.Markout1sTicks, "0.###");
        Scalar("touch-fill markout 10 s (ticks)", r.Markout10sTicks, p.TouchFills.Markout10sTicks, s.Markout10sTicks, "0.###");
        Scalar("touch-fill markout 60 s (ticks)", r.Markout60sTicks, p.TouchFills.Markout60sTicks, s.Markout60sTicks, "0.###");
    }

    private static double Ratio(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : QuantileDistribution.SortedQuantile(sorted, 0.95) / QuantileDistribution.SortedQuantile(sorted, 0.5);
    }

    private void Scalar(string figure, double recorded, double profile, double synthetic, string format) =>
        _rows.Add((figure, Recorded is null ? "–" : F(recorded, format), F(profile, format), F(synthetic, format), "", ""));

    private void Distribution(string figure, IReadOnlyList<double> recorded, double profile, IReadOnlyList<double> synthetic, double level, double ksRecorded, double ksProfile)
    {
        string Q(IReadOnlyList<double> v) => v.Count == 0 ? "–" : F(QuantileDistribution.SortedQuantile(v.Order().ToList(), level), "0.###");
        _rows.Add((figure, Q(recorded), F(profile, "0.###"), Q(synthetic), F(ksRecorded, "0.###"), F(ksProfile, "0.###")));
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>The comparison as a Markdown table with a header naming the profile, recording, seed and duration.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (Recorded is { } recorded)
        {
            sb.Append(c, $"profile '{Profile.Name}' ({Profile.Source}) against {string.Join(", ", recorded.Files)}: ");
            sb.Append(c, $"recorded {recorded.Estimates.ObservedSeconds:0.#} s over {recorded.Estimates.Markets} market(s), {recorded.Estimates.TakerSizes.Count} taker orders; ");
        }
        else
        {
            sb.Append(c, $"profile '{Profile.Name}' ({Profile.Source}), no recording: ");
        }

        sb.Append(c, $"synthetic {Duration.TotalSeconds:0} s, seed {(Seeds == 1 ? Seed.ToString(c) : $"{Seed}–{Seed + Seeds - 1} pooled")}, {Synthetic.TakerSizes.Count} taker orders").AppendLine();
        if (Profile.Priors.Count > 0) sb.Append("priors in the profile (not measured): ").AppendJoin(", ", Profile.Priors).AppendLine();
        sb.AppendLine();
        sb.AppendLine("| figure | recorded | profile | synthetic | K–S synthetic vs recorded | K–S synthetic vs profile |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in _rows) sb.AppendLine(c, $"| {row.Figure} | {row.Recorded} | {row.Profile} | {row.Synthetic} | {row.KsRecorded} | {row.KsProfile} |");
        sb.AppendLine();
        sb.AppendLine("| target (issue 15, flow part) | synthetic | holds |");
        sb.AppendLine("|---|---:|---|");
        foreach (var t in Targets) sb.AppendLine(c, $"| {t.Id} {t.Description} | {F(t.Value, "0.###")} | {(t.Holds ? "yes" : "no")} |");
        return sb.ToString();
    }
}
