using System.Text.Json.Nodes;
using Bookmaker.Backtest.Realism;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Backtest;

/// <summary>
/// <c>bookmaker backtest --realism</c>: after the base run, replays the same request under each
/// <see cref="RealismVariant.Standard"/> fill model (queue model × latency profile) through the same
/// <see cref="BacktestRunner.ReplayAsync"/>, one after the other, each into <c>&lt;out&gt;/realism/&lt;variant&gt;/</c>
/// with its own result.json, report.html and journal. The base run is untouched: its figures are the same with or
/// without the band. Ctrl+C stops between (or inside) variants; the band then covers the variants that finished.
/// </summary>
internal static class RealismRunner
{
    public static async Task<JsonObject> RunAsync(BacktestRequest request, BookmakerOptions options, EffectiveConfig effective, CliContext context, string outDir,
        CancellationToken cancellation)
    {
        var done = new List<(RealismVariant, JsonObject)>();
        var quiet = context with { Stdout = TextWriter.Null };
        var variants = RealismVariant.Standard;
        foreach (var v in variants)
        {
            if (cancellation.IsCancellationRequested) break;
            context.Stdout.WriteLine($"backtest: realism {done.Count + 1}/{variants.Count}: queue model {v.QueueModel}, latency {v.LatencyName}");
            var variantRequest = request with { QueueModel = v.QueueModel, Latency = v.LatencySpec, Realism = false, Out = Path.Combine(outDir, "realism", v.Id) };
            if (await BacktestRunner.ReplayAsync(variantRequest, options, effective, quiet, cancellation).ConfigureAwait(false) is not { } replayed) break;
            if (replayed.Interrupted) break;
            await BacktestRunner.WriteAsync(replayed.Document, replayed.OutDir).ConfigureAwait(false);
            done.Add((v, replayed.Document));
        }

        return RealismBand.Build(done, variants.Count);
    }
}
