using System.Text.Json.Nodes;
using Bookmaker.Backtest.Realism;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Backtest;

/// <summary>
/// <c>bookmaker backtest --realism</c>: after the base run, replays the same request under each
/// <see cref="RealismVariant.Standard"/> fill model (queue model × latency profile) through the same
/// <see cref="BacktestRunner.ReplayAsync"/>, one after the other, each into <c>&lt;out&gt;/realism/&lt;variant&gt;/</c>
/// with its own result.json, report.html and journal. The base run is untouched: its figures are the same with or
/// without the band. The variant that asks for exactly the base run's fill model (by default <c>power2-zero</c>) is
/// not replayed again: a replay is deterministic, so the base run's document and journal are its outputs.
/// Ctrl+C stops between (or inside) variants; the band then covers the variants that finished.
/// </summary>
internal static class RealismRunner
{
    public static async Task<JsonObject> RunAsync(BacktestRequest request, BookmakerOptions options, EffectiveConfig effective, CliContext context,
        BacktestRunner.Replayed baseRun, CancellationToken cancellation)
    {
        string outDir = baseRun.OutDir;
        var done = new List<(RealismVariant, JsonObject)>();
        var quiet = context with { Stdout = TextWriter.Null };
        var variants = RealismVariant.Standard;
        foreach (var v in variants)
        {
            if (cancellation.IsCancellationRequested) break;
            bool isBase = IsBaseModel(request, v);
            context.Stdout.WriteLine($"backtest: realism {done.Count + 1}/{variants.Count}: queue model {v.QueueModel}, latency {v.LatencyName}{(isBase ? " (the base run's model: its outputs reused)" : "")}");
            var variantRequest = request with { QueueModel = v.QueueModel, Latency = v.LatencySpec, Realism = false, Out = Path.Combine(outDir, "realism", v.Id) };
            if (isBase)
            {
                done.Add((v, await ReuseBaseAsync(baseRun, context.ResolvePath(variantRequest.Out)).ConfigureAwait(false)));
                continue;
            }

            if (await BacktestRunner.ReplayAsync(variantRequest, options, effective, quiet, cancellation).ConfigureAwait(false) is not { } replayed) break;
            if (replayed.Interrupted) break;
            await BacktestRunner.WriteAsync(replayed.Document, replayed.OutDir).ConfigureAwait(false);
            done.Add((v, replayed.Document));
        }

        return RealismBand.Build(done, variants.Count);
    }

    /// <summary>
    /// True when the variant's fill model is the one the base run was asked for, compared as written (a spec spelled
    /// differently but meaning the same is replayed again: harmless, only slower).
    /// </summary>
    private static bool IsBaseModel(BacktestRequest request, RealismVariant variant) =>
        string.Equals(request.QueueModel, variant.QueueModel, StringComparison.Ordinal)
        && string.Equals(string.IsNullOrEmpty(request.Latency) ? null : request.Latency, variant.LatencySpec, StringComparison.Ordinal);

    /// <summary>Writes the base run's result, report and journal as the variant's outputs.</summary>
    private static async Task<JsonObject> ReuseBaseAsync(BacktestRunner.Replayed baseRun, string variantDir)
    {
        Directory.CreateDirectory(variantDir);
        var doc = (JsonObject)baseRun.Document.DeepClone();
        await BacktestRunner.WriteAsync(doc, variantDir).ConfigureAwait(false);
        File.Copy(baseRun.JournalPath, Path.Combine(variantDir, "journal.db"), overwrite: true);
        return doc;
    }
}
