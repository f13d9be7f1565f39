using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Realism;

/// <summary>
/// The <c>realism</c> block of <c>result.json</c>: the same backtest under each <see cref="RealismVariant"/>, its net
/// P&amp;L and fills, and their minimum, median and maximum — the error bar a fill model puts on the headline figure.
/// Money stays exact (decimal, as each variant's own result.json writes it).
/// </summary>
public static class RealismBand
{
    /// <summary>Builds the block from each finished variant and its <c>result.json</c> document.</summary>
    /// <param name="variants">The variants run, in order, each with its document.</param>
    /// <param name="planned">How many variants were planned (fewer finished when the run was stopped).</param>
    public static JsonObject Build(IReadOnlyList<(RealismVariant Variant, JsonObject Result)> variants, int planned)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var rows = new JsonArray();
        var pnl = new List<decimal>();
        var fills = new List<decimal>();
        foreach (var (v, result) in variants)
        {
            var stats = result["statistics"]!.AsObject();
            decimal net = stats["net_pnl"]!.GetValue<decimal>();
            long n = stats["fills"]!.GetValue<long>();
            pnl.Add(net);
            fills.Add(n);
            rows.Add(new JsonObject
            {
                ["id"] = v.Id,
                ["queue_model"] = v.QueueModel,
                ["latency"] = v.LatencyName,
                ["latency_spec"] = v.LatencySpec ?? "none",
                ["net_pnl"] = net,
                ["fills"] = n,
                ["exit_reason"] = result["run"]?["exit_reason"]?.GetValue<string>(),
                ["report"] = $"realism/{v.Id}/report.html",
            });
        }

        return new JsonObject
        {
            ["variants_planned"] = planned,
            ["variants_run"] = variants.Count,
            ["net_pnl"] = Range(pnl),
            ["fills"] = Range(fills),
            ["variants"] = rows,
        };
    }

    /// <summary>min, median and max of <paramref name="values"/> (null when empty); an even count's median is the mean of the middle two.</summary>
    public static JsonObject Range(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return new JsonObject { ["min"] = null, ["median"] = null, ["max"] = null };
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        decimal median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new JsonObject { ["min"] = sorted[0], ["median"] = median, ["max"] = sorted[^1] };
    }
}
