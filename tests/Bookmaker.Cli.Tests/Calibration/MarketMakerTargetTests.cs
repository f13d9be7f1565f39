using System.Globalization;
using System.Text.Json;

namespace Bookmaker.Cli.Tests.Calibration;

/// <summary>
/// Issue 15's targets on our own market maker (T2, T3, T5) in the default <c>paper</c> scenario — the simulated venue
/// on the calibrated <c>liquid</c> flow, default markets, default settings, $1,000 — over seeds 1–10, each a real
/// <c>paper --strategies mm</c> run of <see cref="Hours"/> simulated hours read back from its summary JSON: a change to
/// the flow model, the profile or the market maker that makes its fills truthful no longer fails here.
/// docs/simulation-calibration.md has the same figures from bench/sim-targets.sh.
/// </summary>
public sealed class MarketMakerTargetTests(MarketMakerTargetTests.Runs runs) : IClassFixture<MarketMakerTargetTests.Runs>
{
    /// <summary>Simulated hours per seed: long enough that inventory swings do not swamp the P&amp;L a day.</summary>
    public const int Hours = 6;

    /// <remarks>The median over the seeds of each run's median (the summary keeps no single fills).</remarks>
    [Fact]
    public void Median_ten_second_markout_of_our_fills_is_between_minus_one_and_zero_ticks()
    {
        double median = Median(runs.Summaries.Select(s => s.Markout10sMedian));
        Assert.InRange(median, -1, 0);
    }

    [Fact]
    public void Mean_sixty_second_markout_of_our_fills_is_between_minus_one_and_a_quarter_tick()
    {
        double mean = runs.Summaries.Average(s => s.Markout60sMean);
        Assert.InRange(mean, -1, 0.25);
    }

    [Fact]
    public void Between_45_and_65_percent_of_our_fills_are_adverse_ten_seconds_later()
    {
        double share = runs.Summaries.Average(s => s.Adverse10sShare);
        Assert.InRange(share, 0.45, 0.65);
    }

    [Fact]
    public void Market_maker_pnl_before_rewards_is_within_one_percent_of_capital_a_day()
    {
        double perDay = runs.Summaries.Average(s => s.PnlPercentOfCapitalPerDay);
        Assert.InRange(perDay, -1, 1);
    }

    [Fact]
    public void Market_maker_pnl_is_at_most_20_bps_of_what_it_trades()
    {
        double bps = runs.Summaries.Sum(s => s.Pnl) / runs.Summaries.Sum(s => s.Volume) * 10_000;
        Assert.True(bps <= 20, $"{bps.ToString("0.0", CultureInfo.InvariantCulture)} bps of traded volume");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>One run's figures (from its summary JSON).</summary>
    public sealed record Figures(double Pnl, double Volume, double Hours, double Markout10sMedian, double Markout60sMean, double Adverse10sShare)
    {
        /// <summary>P&amp;L in % of the $1,000 starting capital, scaled to a day.</summary>
        public double PnlPercentOfCapitalPerDay => Pnl / 1_000 * 100 * 24 / Hours;
    }

    /// <summary>The ten seeds' runs, made once for the class (two at a time: the machine has two cores).</summary>
    public sealed class Runs : IDisposable
    {
        private readonly CliRunner _cli = new();

        public Runs()
        {
            var figures = new Figures[10];
            Parallel.For(0, figures.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                int seed = i + 1;
                string summary = Path.Combine(_cli.Directory, $"seed-{seed}.json");
                var r = _cli.Run("paper", "--speed", "max", "--duration", $"{Hours}h", "--strategies", "mm", "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--journal", Path.Combine(_cli.Directory, $"seed-{seed}.db"), "--summary-json", summary);
                if (r.ExitCode != 0) throw new InvalidOperationException($"seed {seed}: exit {r.ExitCode}: {r.Stderr}");
                using var json = JsonDocument.Parse(File.ReadAllText(summary));
                var root = json.RootElement;
                double D(string name) => root.GetProperty(name).GetDouble();
                figures[i] = new Figures(
                    D("realized_pnl") + D("unrealized_pnl") - D("fees") + D("rebates"), D("volume"), D("sim_seconds") / 3600,
                    D("fill_markout_10s_median_ticks"), D("fill_markout_60s_mean_ticks"), D("fill_adverse_10s_share"));
            });
            Summaries = figures;
        }

        public IReadOnlyList<Figures> Summaries { get; }

        public void Dispose() => _cli.Dispose();
    }
}
