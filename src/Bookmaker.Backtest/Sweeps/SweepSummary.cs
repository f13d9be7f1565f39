using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// Builds <c>sweep.json</c> from one or more sweep output directories (shards of one grid, on a shared volume or
/// copied from several machines): every finished run once (the first directory that holds a run id wins), ranked by
/// net P&amp;L and by Sharpe, the heatmap of two grid keys, and the number of trials with the deflated Sharpe of the
/// best one. Same directories ⇒ same bytes: runs are read in id order and links are relative to the output directory.
/// </summary>
public static class SweepSummary
{
    /// <summary>Builds the document; throws <see cref="SweepReportException"/> when it cannot be made as asked.</summary>
    /// <param name="directories">Sweep output directories (each with <c>runs/</c>).</param>
    /// <param name="outDir">Where sweep.json and sweep.html go (links to the runs' reports are relative to it).</param>
    /// <param name="x">Heatmap column key (default: the first grid key).</param>
    /// <param name="y">Heatmap row key (default: the second grid key, if any).</param>
    public static JsonObject Build(IReadOnlyList<string> directories, string outDir, string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var (grid, trials) = Read(directories);
        if (trials.Count == 0)
            throw new SweepReportException($"sweep report: no finished run under {string.Join(", ", directories.Select(d => $"'{d}'"))} (expected <dir>/runs/<id>/result.json and sweep-run.json)");
        var keys = grid?.Axes.Select(a => a.Key).ToList() ?? [.. trials[0].Parameters.Keys];
        string? xKey = Axis("--x", x, keys, keys.Count > 0 ? keys[0] : null);
        string? yKey = Axis("--y", y, keys, keys.Count > 1 ? keys.FirstOrDefault(k => k != xKey) : null);

        var byPnl = trials.OrderByDescending(t => t.NetPnl).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var bySharpe = trials.OrderByDescending(t => double.IsFinite(t.Sharpe) ? t.Sharpe : double.NegativeInfinity).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        // Ranks by position, looked up once per trial (IndexOf per trial made a large grid quadratic).
        var sharpeRank = new Dictionary<SweepTrial, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < bySharpe.Count; i++) sharpeRank[bySharpe[i]] = i + 1;
        var runs = new JsonArray();
        int pnlRank = 0;
        foreach (var t in byPnl)
        {
            var parameters = new JsonObject();
            foreach (string k in keys) parameters[k] = t.Parameters.TryGetValue(k, out var v) ? v : null;
            var stats = t.Result["statistics"]!;
            runs.Add(new JsonObject
            {
                ["rank_net_pnl"] = ++pnlRank,
                ["rank_sharpe"] = sharpeRank[t],
                ["id"] = t.Id,
                ["index"] = t.Index,
                ["parameters"] = parameters,
                ["net_pnl"] = t.NetPnl,
                ["fills"] = t.Fills,
                ["sharpe"] = Number(t.Sharpe),
                ["probabilistic_sharpe"] = stats["per_minute"]!["probabilistic_sharpe"]?.DeepClone(),
                ["max_drawdown"] = stats["max_drawdown"]?.DeepClone(),
                ["exit_reason"] = t.Result["run"]!["exit_reason"]!.DeepClone(),
                ["report"] = Link(outDir, Path.Combine(t.Directory, "report.html")),
            });
        }

        return new JsonObject
        {
            ["schema"] = 1,
            ["grid"] = grid is null ? null : SweepFiles.Plan(grid)["grid"]!.DeepClone(),
            ["runs_in_grid"] = grid?.Count,
            ["runs_finished"] = trials.Count,
            ["deflated_sharpe"] = Deflated(trials, bySharpe[0]),
            ["heatmap"] = xKey is null ? null : Heatmap(trials, grid, xKey, yKey),
            ["runs"] = runs,
        };
    }

    private static (SweepGrid? Grid, List<SweepTrial> Trials) Read(IReadOnlyList<string> directories)
    {
        SweepGrid? grid = null;
        string? planText = null;
        var trials = new SortedDictionary<string, SweepTrial>(StringComparer.Ordinal);
        foreach (string dir in directories)
        {
            if (!Directory.Exists(dir)) throw new SweepReportException($"sweep report: '{dir}': no such directory");
            if (SweepFiles.TryRead(Path.Combine(dir, SweepFiles.PlanFile)) is { } plan)
            {
                string text = plan.ToJsonString();
                if (planText is not null && planText != text) throw new SweepReportException($"sweep report: '{dir}' holds another grid than the directories before it ({SweepFiles.PlanFile} differs); merge shards of one sweep only");
                planText ??= text;
                grid ??= SweepFiles.ReadPlan(plan);
            }

            string runsDir = Path.Combine(dir, SweepFiles.RunsDirectory);
            if (!Directory.Exists(runsDir)) continue;
            foreach (string runDir in Directory.EnumerateDirectories(runsDir).Order(StringComparer.Ordinal))
                if (SweepTrial.TryRead(runDir) is { } t) trials.TryAdd(t.Id, t);
        }

        return (grid, [.. trials.Values]);
    }

    private static string? Axis(string flag, string? asked, List<string> keys, string? fallback)
    {
        if (asked is null) return fallback;
        return keys.FirstOrDefault(k => string.Equals(k, asked, StringComparison.OrdinalIgnoreCase))
            ?? throw new SweepReportException($"sweep report: {flag} '{asked}' is not a grid key (the keys are {string.Join(", ", keys)})");
    }

    private static JsonObject Deflated(List<SweepTrial> trials, SweepTrial best)
    {
        var sharpes = trials.Select(t => t.SharpePerPeriod).Where(double.IsFinite).ToList();
        double variance = DeflatedSharpe.Variance(sharpes);
        double sr0 = DeflatedSharpe.ExpectedMaxSharpe(trials.Count, double.IsFinite(variance) ? variance : 0);
        double dsr = DeflatedSharpe.Of(best.SharpePerPeriod, best.Periods, best.Skew, best.Kurtosis, sr0);
        double scale = Math.Sqrt(SweepTrial.MinutesPerYear);
        return new JsonObject
        {
            ["trials"] = trials.Count,
            ["trials_with_sharpe"] = sharpes.Count,
            ["returns"] = "per_minute",
            ["sharpe_variance_per_period"] = Number(variance, 12),
            ["expected_max_sharpe"] = Number(sr0 * scale),
            ["best_run"] = best.Id,
            ["best_sharpe"] = Number(best.Sharpe),
            ["best_probabilistic_sharpe"] = best.Result["statistics"]!["per_minute"]!["probabilistic_sharpe"]?.DeepClone(),
            ["deflated_sharpe"] = Number(dsr),
        };
    }

    private static JsonObject Heatmap(List<SweepTrial> trials, SweepGrid? grid, string xKey, string? yKey)
    {
        List<string> ValuesOf(string key) => grid?.Axes.First(a => a.Key == key).Values.ToList()
            ?? [.. trials.Select(t => t.Parameters.GetValueOrDefault(key) ?? "").Distinct(StringComparer.Ordinal)];
        var xs = ValuesOf(xKey);
        var ys = yKey is null ? [""] : ValuesOf(yKey);
        var rows = new JsonArray();
        foreach (string yv in ys)
        {
            var row = new JsonArray();
            foreach (string xv in xs)
            {
                var cell = trials.Where(t => t.Parameters.GetValueOrDefault(xKey) == xv && (yKey is null || t.Parameters.GetValueOrDefault(yKey) == yv)).ToList();
                row.Add(cell.Count == 0 ? null : new JsonObject
                {
                    ["runs"] = cell.Count,
                    ["net_pnl_mean"] = decimal.Round(cell.Sum(t => t.NetPnl) / cell.Count, 9),
                    ["net_pnl_max"] = cell.Max(t => t.NetPnl),
                });
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["x"] = xKey,
            ["y"] = yKey,
            ["x_values"] = new JsonArray([.. xs.Select(v => (JsonNode)v)]),
            ["y_values"] = yKey is null ? new JsonArray() : new JsonArray([.. ys.Select(v => (JsonNode)v)]),
            ["cells"] = rows,
        };
    }

    // A path relative to the report's directory, with '/' so the link works in any browser.
    private static string Link(string outDir, string target) => Path.GetRelativePath(outDir, target).Replace('\\', '/');

    private static JsonValue? Number(double v, int digits = 6) =>
        double.IsFinite(v) ? JsonValue.Create(Math.Round(v, digits)) : null;
}
