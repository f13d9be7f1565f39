using System.Globalization;
using System.Text;
using Bookmaker.Backtest.Output;
using Bookmaker.Backtest.Sweeps;

namespace Bookmaker.Cli.Sweep;

/// <summary><c>bookmaker sweep report &lt;dir&gt;...</c>: merges sweep directories (shards) into <c>sweep.json</c> and <c>sweep.html</c>.</summary>
internal static class SweepReportRunner
{
    public static int Run(IReadOnlyList<string> directories, string? x, string? y, string? outDir, CliContext context)
    {
        var dirs = directories.Select(context.ResolvePath).ToList();
        string target = outDir is { Length: > 0 } o ? context.ResolvePath(o) : dirs[0];
        try
        {
            var doc = SweepSummary.Build(dirs, target, x, y);
            Directory.CreateDirectory(target);
            File.WriteAllBytes(Path.Combine(target, "sweep.json"), ResultDocument.ToBytes(doc));
            File.WriteAllText(Path.Combine(target, "sweep.html"), SweepPage.Render(doc), new UTF8Encoding(false));
            var best = doc["runs"]![0]!;
            var d = doc["deflated_sharpe"]!;
            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep report: {doc["runs_finished"]!.ToJsonString()} runs{(doc["runs_in_grid"] is { } g ? " of " + g.ToJsonString() : "")} from {dirs.Count} director{(dirs.Count == 1 ? "y" : "ies")}; best net P&L {best["id"]} {best["net_pnl"]!.ToJsonString()}; best Sharpe {d["best_run"]} {Show(d["best_sharpe"])}, deflated Sharpe {Show(d["deflated_sharpe"])} over {d["trials"]!.ToJsonString()} trials"));
            context.Stdout.WriteLine($"sweep report: wrote {Path.Combine(target, "sweep.json")}, {Path.Combine(target, "sweep.html")}");
            return ExitCodes.Ok;
        }
        catch (SweepReportException e)
        {
            context.Stderr.WriteLine(e.Message);
            return ExitCodes.Usage;
        }
    }

    private static string Show(System.Text.Json.Nodes.JsonNode? n) => n is null ? "–" : n.ToJsonString();
}
