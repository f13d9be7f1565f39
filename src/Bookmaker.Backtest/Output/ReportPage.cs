using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// Renders <c>report.html</c> from the <c>result.json</c> document: one self-contained page (inline CSS and SVG, no
/// script, no network), so it opens offline. Every figure on the page is printed from the document's own JSON text,
/// so it equals <c>result.json</c> character for character; the document itself is embedded for tools.
/// </summary>
public static class ReportPage
{
    /// <summary>The page.</summary>
    public static string Render(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var run = doc["run"]!.AsObject();
        var stats = doc["statistics"]!.AsObject();
        var mm = doc["market_making"]!.AsObject();
        var series = doc["series"]!.AsObject();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bookmaker backtest</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .Append("th{background:#f3f3f3}td.k,th.k{text-align:left}h2{margin-top:28px}svg{background:#fafafa;border:1px solid #ddd}.legend span{margin-right:16px}</style></head><body>");
        html.Append("<h1>Backtest report</h1>").Append(RealismSection.Headline(doc));
        html.Append("<h2>Run</h2><table id=\"run\">");
        foreach (string key in new[] { "code_version", "config_hash", "seed", "venue", "queue_model", "latency", "start", "end", "duration_seconds", "messages", "events", "exit_reason" })
            Row(html, key, run[key]);
        Row(html, "strategies", run["strategies"]);
        html.Append("</table><table id=\"files\"><tr><th class=\"k\">file</th><th class=\"k\">format</th><th class=\"k\">sha256</th><th>bytes</th></tr>");
        foreach (var f in run["files"]!.AsArray())
            html.Append("<tr><td class=\"k\">").Append(Text(f!["name"])).Append("</td><td class=\"k\">").Append(Text(f["format"])).Append("</td><td class=\"k\">")
                .Append(Text(f["sha256"])).Append("</td><td>").Append(Json(f["bytes"])).Append("</td></tr>");
        html.Append("</table>");

        html.Append("<h2>Key statistics</h2><table id=\"statistics\">");
        foreach (var (key, value) in stats)
        {
            if (value is JsonObject per)
            {
                foreach (var (k2, v2) in per) Row(html, key + "." + k2, v2);
            }
            else
            {
                Row(html, key, value);
            }
        }

        html.Append("</table>").Append(RealismSection.Table(doc));
        var seconds = Numbers(series["seconds"]);
        html.Append("<h2>Equity (net P&amp;L, with and without fees)</h2>");
        html.Append(Chart("equity", seconds, [("net of fees", "#1f77b4", Numbers(series["net_pnl"])), ("before fees and rebates", "#ff7f0e", Numbers(series["net_pnl_before_fees"]))]));
        html.Append("<h2>Drawdown</h2>");
        html.Append(Chart("drawdown", seconds, [("drawdown", "#d62728", Numbers(series["drawdown"]).Select(v => -v).ToArray())]));

        var total = mm["total"]!.AsObject();
        html.Append("<h2>Markouts (total; positive = the market moved our way)</h2>");
        var horizons = total["markouts"]!.AsArray();
        var hx = horizons.Select(h => (double)h!["horizon_seconds"]!.GetValue<int>()).ToArray();
        var mean = horizons.Select(h => h!["mean_bps"] is JsonValue v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : double.NaN).ToArray();
        var err = horizons.Select(h => h!["stderr_bps"] is JsonValue v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : double.NaN).ToArray();
        html.Append(Chart("markouts", hx, [("mean bps", "#2ca02c", mean), ("+1.96 se", "#98df8a", mean.Zip(err, (m, e) => m + 1.96 * e).ToArray()), ("−1.96 se", "#98df8a", mean.Zip(err, (m, e) => m - 1.96 * e).ToArray())]));

        html.Append("<h2>Market making</h2><table id=\"markets\"><tr><th class=\"k\">market</th><th>fills</th><th>volume</th><th>fill ratio</th><th>spread captured</th><th>spread bps</th>")
            .Append("<th>markout 1s bps</th><th>markout 10s bps</th><th>markout 60s bps</th><th>uptime</th><th>two-sided</th><th>inv min</th><th>inv max</th><th>inv |q| twa</th>")
            .Append("<th>P&amp;L spread</th><th>P&amp;L inventory</th><th>fees</th><th>rebates</th><th>rewards</th><th>net</th><th>time in reward band</th><th>reward share</th></tr>");
        foreach (var m in mm["markets"]!.AsArray()) MarketRow(html, m!.AsObject(), Text(m["label"]));
        MarketRow(html, total, "total");
        html.Append("</table>");

        html.Append("<h2>Orders and invariants</h2><table id=\"invariants\">");
        foreach (var (k, v) in doc["orders"]!.AsObject()) Row(html, "orders." + k, v);
        foreach (var (k, v) in doc["invariants"]!.AsObject()) Row(html, k, v);
        html.Append("</table>");
        var problems = doc["data_problems"]!.AsObject();
        html.Append("<h2>Data problems</h2><table id=\"data_problems\">");
        Row(html, "total", problems["total"]);
        foreach (var (k, v) in problems["counts"]!.AsObject()) Row(html, k, v);
        html.Append("</table><table><tr><th class=\"k\">kind</th><th class=\"k\">file</th><th>line</th><th class=\"k\">detail</th></tr>");
        foreach (var p in problems["items"]!.AsArray())
            html.Append("<tr><td class=\"k\">").Append(Text(p!["kind"])).Append("</td><td class=\"k\">").Append(Text(p["file"])).Append("</td><td>").Append(Json(p["line"]))
                .Append("</td><td class=\"k\">").Append(Text(p["detail"])).Append("</td></tr>");
        html.Append("</table><p>fills_sha256 <code>").Append(Text(doc["fills_sha256"])).Append("</code></p>");
        // The document itself, for tools and tests (</ cannot appear in JSON text outside strings; escaped inside them).
        html.Append("<script type=\"application/json\" id=\"result\">").Append(doc.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void MarketRow(StringBuilder html, JsonObject m, string label)
    {
        var markouts = m["markouts"]!.AsArray();
        var pnl = m["pnl"]!.AsObject();
        var rewards = m["rewards"] as JsonObject;
        html.Append("<tr><td class=\"k\">").Append(WebUtility.HtmlEncode(label)).Append("</td>");
        foreach (var v in new[] { m["fills"], m["volume"], m["fill_ratio"], m["spread_captured"], m["spread_captured_bps_mean"], markouts[0]!["mean_bps"], markouts[1]!["mean_bps"], markouts[2]!["mean_bps"],
                     m["quote_uptime"], m["two_sided_uptime"], m["inventory_min"], m["inventory_max"], m["inventory_twa_abs"], pnl["spread"], pnl["inventory"], pnl["fees"], pnl["rebates"], pnl["rewards"], pnl["net"], rewards?["time_in_band"], rewards?["score_share_mean"] })
            html.Append("<td>").Append(Json(v)).Append("</td>");
        html.Append("</tr>");
    }

    private static void Row(StringBuilder html, string key, JsonNode? value) =>
        html.Append("<tr><td class=\"k\">").Append(WebUtility.HtmlEncode(key)).Append("</td><td data-key=\"").Append(WebUtility.HtmlEncode(key)).Append("\">")
            .Append(value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? WebUtility.HtmlEncode(v.GetValue<string>()) : Json(value)).Append("</td></tr>");

    // A number exactly as result.json writes it ("–" for null).
    private static string Json(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.ToJsonString());

    private static string Text(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.GetValue<string>());

    private static double[] Numbers(JsonNode? array) =>
        array is JsonArray a ? a.Select(n => n is JsonValue v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : double.NaN).ToArray() : [];

    // A line chart as inline SVG: axes labelled with the data's min and max, one polyline per series.
    private static string Chart(string id, double[] x, IReadOnlyList<(string Name, string Color, double[] Y)> lines)
    {
        const int w = 900, h = 240, pad = 60;
        var c = CultureInfo.InvariantCulture;
        var all = lines.SelectMany(l => l.Y).Where(double.IsFinite).ToList();
        var svg = new StringBuilder();
        svg.Append("<svg id=\"chart-").Append(id).Append("\" width=\"").Append(w).Append("\" height=\"").Append(h).Append("\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h).Append("\">");
        if (x.Length == 0 || all.Count == 0)
        {
            svg.Append("<text x=\"20\" y=\"30\">no data</text></svg>");
            return svg.ToString();
        }

        double x0 = x.Min(), x1 = x.Max(), y0 = all.Min(), y1 = all.Max();
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) { y0 -= 1; y1 += 1; }
        double X(double v) => pad + (v - x0) / (x1 - x0) * (w - 2 * pad);
        double Y(double v) => h - pad / 2.0 - (v - y0) / (y1 - y0) * (h - pad);
        svg.Append("<line x1=\"").Append(pad).Append("\" y1=\"").Append(h - pad / 2).Append("\" x2=\"").Append(w - pad).Append("\" y2=\"").Append(h - pad / 2).Append("\" stroke=\"#999\"/>");
        svg.Append("<text x=\"2\" y=\"").Append((Y(y1) + 4).ToString("0", c)).Append("\" font-size=\"11\">").Append(y1.ToString("G6", c)).Append("</text>");
        svg.Append("<text x=\"2\" y=\"").Append((Y(y0) + 4).ToString("0", c)).Append("\" font-size=\"11\">").Append(y0.ToString("G6", c)).Append("</text>");
        svg.Append("<text x=\"").Append(pad).Append("\" y=\"").Append(h - 4).Append("\" font-size=\"11\">").Append(x0.ToString("G6", c)).Append("</text>");
        svg.Append("<text x=\"").Append(w - pad - 40).Append("\" y=\"").Append(h - 4).Append("\" font-size=\"11\">").Append(x1.ToString("G6", c)).Append("</text>");
        foreach (var (name, color, y) in lines)
        {
            var points = new StringBuilder();
            for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                if (!double.IsFinite(y[i])) continue;
                points.Append(X(x[i]).ToString("0.#", c)).Append(',').Append(Y(y[i]).ToString("0.#", c)).Append(' ');
            }

            svg.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" points=\"").Append(points.ToString().TrimEnd()).Append("\"><title>")
                .Append(WebUtility.HtmlEncode(name)).Append("</title></polyline>");
        }

        svg.Append("</svg><div class=\"legend\">");
        foreach (var (name, color, _) in lines) svg.Append("<span style=\"color:").Append(color).Append("\">■ ").Append(WebUtility.HtmlEncode(name)).Append("</span>");
        svg.Append("</div>");
        return svg.ToString();
    }
}
