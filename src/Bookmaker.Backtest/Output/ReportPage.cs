using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// Renders <c>report.html</c> from the <c>result.json</c> document: one self-contained page that opens offline. The
/// charts are drawn in the browser by TradingView Lightweight Charts, inlined (<see cref="ChartLibrary"/>), from the
/// document itself embedded as JSON, so every plotted value is a value of result.json; the tables print each figure
/// as the document's own JSON text in an element whose <c>data-key</c> is its JSON path (e.g.
/// <c>statistics.net_pnl</c>, <c>market_making.markets[0].fills</c>), which the browser tests compare with the file.
/// </summary>
public static class ReportPage
{
    private const string Style =
        "body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}table{border-collapse:collapse;margin:8px 0 20px}"
        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.k,th.k{text-align:left}h2{margin-top:28px}"
        + ".chart{width:100%;max-width:1100px;height:260px;border:1px solid #ddd;position:relative}.legend span{margin-right:16px}"
        + ".no-data{position:absolute;top:110px;left:40%;z-index:5;color:#777;font-size:16px}.note{color:#555;max-width:1100px}pre.licence{font-size:11px;max-height:240px;overflow:auto;background:#fafafa;border:1px solid #ddd;padding:8px}";

    /// <summary>The page.</summary>
    public static string Render(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var series = doc["series"]!.AsObject();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bookmaker backtest</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Backtest report</h1>").Append(RealismSection.Headline(doc));
        ReportTables.Run(html, doc);
        ReportTables.Statistics(html, doc);
        html.Append(RealismSection.Table(doc));

        html.Append("<h2>Equity (net P&amp;L, with and without fees)</h2>");
        Chart(html, "equity", [("net of fees", "#1f77b4"), ("before fees and rebates", "#ff7f0e")]);
        html.Append("<h2>Drawdown</h2>");
        Chart(html, "drawdown", [("drawdown below the running peak (negative)", "#d62728")]);

        var markets = series["markets"]!.AsArray();
        for (int k = 0; k < markets.Count; k++)
        {
            var m = markets[k]!.AsObject();
            string label = WebUtility.HtmlEncode(m["label"]!.GetValue<string>());
            html.Append("<h2>Price, our quotes and fills: ").Append(label).Append("</h2>");
            html.Append("<p class=\"note\">The book's best bid and ask and its mid once a second; our best resting bid and ask (steps); our fills as dots (")
                .Append("<span data-key=\"series.markets[").Append(k).Append("].fills_total\">").Append(ReportTables.Json(m["fills_total"])).Append("</span> fills")
                .Append(", at most ").Append(ChartSeries.MaxFillMarkers).Append(" drawn). A binary market is shown in its YES view.</p>");
            Chart(html, "price-" + k, [("best bid", "#9e9e9e"), ("best ask", "#616161"), ("mid", "#1f77b4"), ("our bid", "#2ca02c"), ("our ask", "#d62728"), ("our buys", "#00a000"), ("our sells", "#c00000")]);
            html.Append("<h2>Inventory against limits: ").Append(label).Append("</h2>");
            html.Append("<p class=\"note\">Inventory (YES − NO, or the position) once a second; dashed: ± the market maker's inventory limit <span data-key=\"series.markets[")
                .Append(k).Append("].inventory_limit\">").Append(ReportTables.Json(m["inventory_limit"])).Append("</span>. The risk gate's hard cap per instrument is <span data-key=\"series.markets[")
                .Append(k).Append("].position_limit\">").Append(ReportTables.Json(m["position_limit"])).Append("</span> (not drawn: it would flatten the line).</p>");
            Chart(html, "inventory-" + k, [("inventory", "#9467bd"), ("± limit", "#e377c2")]);
        }

        html.Append("<h2>Markouts (total; positive = the market moved our way)</h2>");
        Chart(html, "markouts", [("mean bps", "#2ca02c"), ("± 1.96 standard errors", "#98df8a")]);
        ReportTables.Markouts(html, doc);
        html.Append("<h2>P&amp;L decomposition (total)</h2><p class=\"note\">spread + inventory − fees + rebates = net; fees are drawn as the negative they contribute.</p>");
        Chart(html, "pnl", [("spread", "#2ca02c"), ("inventory", "#1f77b4"), ("fees", "#d62728"), ("rebates", "#17becf"), ("net", "#333333"),
            ("rewards (estimated, where a programme is known)", "#bcbd22"), ("net with rewards", "#7f7f7f")]);
        ReportTables.Markets(html, doc);
        ArbitrageSection.Table(html, doc);

        html.Append("<h2>Risk state and alerts</h2>");
        Chart(html, "risk-states", [("trading state: ACTIVE, REDUCING, HALTED", "#8c564b")]);
        ReportTables.RiskAndAlerts(html, doc);
        ReportTables.Invariants(html, doc);
        ReportTables.Problems(html, doc);
        html.Append("<p>fills_sha256 <code data-key=\"fills_sha256\">").Append(ReportTables.Text(doc["fills_sha256"])).Append("</code></p>");
        Attribution(html);

        // The document for the charts and for tools, then the library and our chart code, all inline.
        html.Append("<script type=\"application/json\" id=\"result\">").Append(EmbeddedJson(doc)).Append("</script>");
        html.Append("<script>").Append(ChartLibrary.Library).Append("</script>");
        html.Append("<script>").Append(ChartLibrary.Charts).Append("</script>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The document as JSON text that is safe inside a script element: the default encoder writes every '&lt;', '&gt;'
    /// and '&amp;' inside strings as \u escapes (JSON has none outside strings), so no "&lt;/script" or "&lt;!--" can
    /// appear, and JSON.parse gives back the same values.
    /// </summary>
    public static string EmbeddedJson(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        string json = doc.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        if (json.Contains('<', StringComparison.Ordinal)) throw new InvalidOperationException("the encoder left a '<' in the embedded document");
        return json;
    }

    // A chart's container (drawn by report-charts.js) and its legend.
    private static void Chart(StringBuilder html, string id, IReadOnlyList<(string Name, string Color)> legend)
    {
        html.Append("<div class=\"chart\" id=\"chart-").Append(id).Append("\"></div><div class=\"legend\">");
        foreach (var (name, color) in legend) html.Append("<span style=\"color:").Append(color).Append("\">■ ").Append(WebUtility.HtmlEncode(name)).Append("</span>");
        html.Append("</div>");
    }

    // Apache-2.0 §4 asks redistributions to carry the licence and the attribution notices; TradingView asks for a
    // visible attribution with a link (the charts also show its logo, linking to tradingview.com).
    private static void Attribution(StringBuilder html)
    {
        html.Append("<h2>Credits</h2><p id=\"attribution\">Charts by <a href=\"https://www.tradingview.com/\">TradingView</a> Lightweight Charts™ ")
            .Append(ChartLibrary.Version).Append(" (Copyright © TradingView, Inc.; Apache License 2.0), which includes fancy-canvas (MIT licence, TradingView, Inc.), ")
            .Append("inlined in this page so that it opens offline.</p><details><summary>Lightweight Charts licence</summary><pre class=\"licence\">")
            .Append(WebUtility.HtmlEncode(ChartLibrary.Licence)).Append("</pre></details>");
    }
}
