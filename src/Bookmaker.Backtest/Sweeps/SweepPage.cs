using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// Renders <c>sweep.html</c> from <c>sweep.json</c>: one self-contained page (inline CSS, no script, nothing fetched)
/// with the number of trials and the deflated-Sharpe caution, the heatmap of two grid keys, the runs ranked by net
/// P&amp;L and by Sharpe, and a link to each run's report. Numbers are printed from the document's JSON text.
/// </summary>
public static class SweepPage
{
    /// <summary>The page.</summary>
    public static string Render(JsonObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bookmaker sweep</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .Append("th{background:#f3f3f3}td.k,th.k{text-align:left}.caution{background:#fff6e0;border:1px solid #e0c070;padding:8px 12px;max-width:900px}</style></head><body>");
        html.Append("<h1>Sweep report</h1><p id=\"counts\">").Append(Json(summary["runs_finished"])).Append(" runs finished");
        if (summary["runs_in_grid"] is { } inGrid) html.Append(" of ").Append(Json(inGrid)).Append(" in the grid");
        html.Append(".</p>");
        Caution(html, summary["deflated_sharpe"]!.AsObject());
        if (summary["heatmap"] is JsonObject map) Heatmap(html, map);
        var runs = summary["runs"]!.AsArray();
        var keys = runs.Count > 0 ? runs[0]!["parameters"]!.AsObject().Select(p => p.Key).ToList() : [];
        html.Append("<h2>Runs ranked by net P&amp;L</h2>");
        Table(html, "ranked-pnl", runs.Select(r => r!.AsObject()).ToList(), keys);
        html.Append("<h2>Runs ranked by Sharpe (per-minute returns, annualized)</h2>");
        Table(html, "ranked-sharpe", runs.Select(r => r!.AsObject()).OrderBy(r => r["rank_sharpe"]!.GetValue<int>()).ToList(), keys);
        html.Append("<script type=\"application/json\" id=\"sweep\">").Append(summary.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>");
        return html.Append("</body></html>\n").ToString();
    }

    private static void Caution(StringBuilder html, JsonObject d)
    {
        html.Append("<div class=\"caution\" id=\"deflated\"><b>").Append(Json(d["trials"])).Append(" trials.</b> The best of many backtests looks better than it is: ")
            .Append("with this many trials and this spread of their Sharpe ratios, the best Sharpe expected from luck alone is <span data-key=\"expected_max_sharpe\">")
            .Append(Json(d["expected_max_sharpe"])).Append("</span> (annualized). The best run, <code>").Append(Text(d["best_run"])).Append("</code>, has Sharpe <span data-key=\"best_sharpe\">")
            .Append(Json(d["best_sharpe"])).Append("</span>; its deflated Sharpe ratio (Bailey &amp; López de Prado: the probability that its true Sharpe is above 0 after allowing for the selection) is <span data-key=\"deflated_sharpe\">")
            .Append(Json(d["deflated_sharpe"])).Append("</span>, against a probabilistic Sharpe of ").Append(Json(d["best_probabilistic_sharpe"]))
            .Append(" without the deflation. Short recordings give few returns: treat every figure here as a hint, not a proof.</div>");
    }

    private static void Heatmap(StringBuilder html, JsonObject map)
    {
        var xs = map["x_values"]!.AsArray();
        var ys = map["y_values"]!.AsArray();
        var cells = map["cells"]!.AsArray();
        decimal scale = cells.SelectMany(r => r!.AsArray()).Where(c => c is not null).Select(c => Math.Abs(c!["net_pnl_mean"]!.GetValue<decimal>())).DefaultIfEmpty(0).Max();
        html.Append("<h2>Mean net P&amp;L by ").Append(Text(map["x"]));
        if (map["y"] is { } y) html.Append(" × ").Append(Text(y));
        html.Append("</h2><table id=\"heatmap\"><tr><th class=\"k\">").Append(map["y"] is { } yk ? Text(yk) + " \\ " : "").Append(Text(map["x"])).Append("</th>");
        foreach (var xv in xs) html.Append("<th>").Append(Text(xv)).Append("</th>");
        html.Append("</tr>");
        for (int r = 0; r < cells.Count; r++)
        {
            html.Append("<tr><th class=\"k\">").Append(ys.Count > r ? Text(ys[r]) : "").Append("</th>");
            foreach (var c in cells[r]!.AsArray())
            {
                if (c is null) { html.Append("<td>–</td>"); continue; }
                decimal mean = c["net_pnl_mean"]!.GetValue<decimal>();
                html.Append("<td style=\"background:").Append(Color(mean, scale)).Append("\" title=\"").Append(Json(c["runs"])).Append(" runs, best ").Append(Json(c["net_pnl_max"])).Append("\">")
                    .Append(Json(c["net_pnl_mean"])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void Table(StringBuilder html, string id, List<JsonObject> runs, List<string> keys)
    {
        html.Append("<table id=\"").Append(id).Append("\"><tr><th>rank P&amp;L</th><th>rank Sharpe</th><th class=\"k\">run</th>");
        foreach (string k in keys) html.Append("<th class=\"k\">").Append(WebUtility.HtmlEncode(k)).Append("</th>");
        html.Append("<th>net P&amp;L</th><th>fills</th><th>Sharpe</th><th>PSR</th><th>max drawdown</th><th class=\"k\">exit</th></tr>");
        foreach (var r in runs)
        {
            html.Append("<tr><td>").Append(Json(r["rank_net_pnl"])).Append("</td><td>").Append(Json(r["rank_sharpe"])).Append("</td><td class=\"k\"><a href=\"")
                .Append(WebUtility.HtmlEncode(r["report"]!.GetValue<string>())).Append("\">").Append(Text(r["id"])).Append("</a></td>");
            foreach (string k in keys) html.Append("<td class=\"k\">").Append(Text(r["parameters"]![k])).Append("</td>");
            foreach (string f in new[] { "net_pnl", "fills", "sharpe", "probabilistic_sharpe", "max_drawdown" })
                html.Append("<td data-key=\"").Append(f).Append("\">").Append(Json(r[f])).Append("</td>");
            html.Append("<td class=\"k\">").Append(Text(r["exit_reason"])).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    // Green for gains, red for losses, stronger with size relative to the largest |mean| (display only).
    private static string Color(decimal value, decimal scale)
    {
        double share = scale == 0 ? 0 : (double)(Math.Abs(value) / scale);
        int fade = 255 - (int)Math.Round(share * 140);
        return value >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"rgb({fade},255,{fade})")
            : string.Create(CultureInfo.InvariantCulture, $"rgb(255,{fade},{fade})");
    }

    private static string Json(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.ToJsonString());

    private static string Text(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.GetValue<string>());
}
