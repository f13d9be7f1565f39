using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// The tables of <c>report.html</c>. Each figure is the document's own JSON text (a string unquoted, null as "–") in a
/// cell whose <c>data-key</c> is the figure's JSON path in result.json, so what the page shows equals the file by
/// construction, and a test can check it cell by cell.
/// </summary>
public static class ReportTables
{
    private static readonly string[] RunKeys = ["code_version", "config_hash", "seed", "venue", "queue_model", "latency", "start", "end", "duration_seconds", "messages", "events", "exit_reason"];

    /// <summary>The run card and its data files.</summary>
    public static void Run(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        var run = doc["run"]!.AsObject();
        html.Append("<h2>Run</h2><table id=\"run\">");
        foreach (string key in RunKeys) Row(html, key, "run." + key, run[key]);
        html.Append("<tr><td class=\"k\">strategies</td><td data-key=\"run.strategies\">").Append(Json(run["strategies"])).Append("</td></tr>");
        html.Append("</table><table id=\"files\"><tr><th class=\"k\">file</th><th class=\"k\">format</th><th class=\"k\">sha256</th><th>bytes</th></tr>");
        var files = run["files"]!.AsArray();
        for (int i = 0; i < files.Count; i++)
        {
            html.Append("<tr>");
            foreach (string k in new[] { "name", "format", "sha256", "bytes" }) Cell(html, $"run.files[{i}].{k}", files[i]![k], k != "bytes");
            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    /// <summary>Every key statistic (nested blocks such as <c>per_minute</c> as <c>per_minute.sharpe</c>).</summary>
    public static void Statistics(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        html.Append("<h2>Key statistics</h2><table id=\"statistics\">");
        foreach (var (key, value) in doc["statistics"]!.AsObject())
        {
            if (value is JsonObject per)
            {
                foreach (var (k2, v2) in per) Row(html, key + "." + k2, $"statistics.{key}.{k2}", v2);
            }
            else
            {
                Row(html, key, "statistics." + key, value);
            }
        }

        html.Append("</table>");
    }

    /// <summary>The markout curve's numbers: per horizon count, mean and standard error (bps), mean in ticks.</summary>
    public static void Markouts(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        var markouts = doc["market_making"]!["total"]!["markouts"]!.AsArray();
        html.Append("<table id=\"markouts\"><tr><th>horizon s</th><th>count</th><th>mean bps</th><th>stderr bps</th><th>mean ticks</th></tr>");
        for (int h = 0; h < markouts.Count; h++)
        {
            html.Append("<tr>");
            foreach (string k in new[] { "horizon_seconds", "count", "mean_bps", "stderr_bps", "mean_ticks" }) Cell(html, $"market_making.total.markouts[{h}].{k}", markouts[h]![k], false);
            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    /// <summary>The per-market table, with the total row, including the P&amp;L decomposition.</summary>
    public static void Markets(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        var mm = doc["market_making"]!.AsObject();
        html.Append("<h2>Market making</h2><table id=\"markets\"><tr><th class=\"k\">market</th><th>fills</th><th>volume</th><th>fill ratio</th><th>spread captured</th><th>spread bps</th>")
            .Append("<th>markout 1s bps</th><th>markout 10s bps</th><th>markout 60s bps</th><th>uptime</th><th>two-sided</th><th>inv min</th><th>inv max</th><th>inv |q| twa</th>")
            .Append("<th>P&amp;L spread</th><th>P&amp;L inventory</th><th>fees</th><th>rebates</th><th>rewards</th><th>net</th><th>time in reward band</th><th>reward share</th></tr>");
        var markets = mm["markets"]!.AsArray();
        for (int i = 0; i < markets.Count; i++) MarketRow(html, markets[i]!.AsObject(), $"market_making.markets[{i}]", markets[i]!["label"]!.GetValue<string>());
        MarketRow(html, mm["total"]!.AsObject(), "market_making.total", "total");
        html.Append("</table>");
    }

    /// <summary>The trading-state changes and the alerts the engine raised.</summary>
    public static void RiskAndAlerts(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        var states = doc["series"]!["trading_states"]!.AsObject();
        html.Append("<table id=\"trading_states\"><tr><th>seconds</th><th class=\"k\">state</th></tr>");
        var items = states["items"]!.AsArray();
        for (int i = 0; i < items.Count; i++)
        {
            html.Append("<tr>");
            Cell(html, $"series.trading_states.items[{i}].seconds", items[i]!["seconds"], false);
            Cell(html, $"series.trading_states.items[{i}].state", items[i]!["state"], true);
            html.Append("</tr>");
        }

        html.Append("</table>");
        var alerts = doc["alerts"]!.AsObject();
        html.Append("<p>Alerts raised: <span data-key=\"alerts.total\">").Append(Json(alerts["total"])).Append("</span></p>");
        html.Append("<table id=\"alerts\"><tr><th>seconds</th><th class=\"k\">code</th><th class=\"k\">severity</th><th class=\"k\">key</th><th class=\"k\">message</th><th>cleared s</th></tr>");
        var list = alerts["items"]!.AsArray();
        for (int i = 0; i < list.Count; i++)
        {
            html.Append("<tr>");
            foreach (string k in new[] { "seconds", "code", "severity", "key", "message", "cleared_seconds" })
                Cell(html, $"alerts.items[{i}].{k}", list[i]![k], k is not ("seconds" or "cleared_seconds"));
            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    /// <summary>Order counts and the exit invariants.</summary>
    public static void Invariants(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        html.Append("<h2>Orders and invariants</h2><table id=\"invariants\">");
        foreach (var (k, v) in doc["orders"]!.AsObject()) Row(html, "orders." + k, "orders." + k, v);
        foreach (var (k, v) in doc["invariants"]!.AsObject()) Row(html, k, "invariants." + k, v);
        html.Append("</table>");
    }

    /// <summary>Input problems: counts by kind and the listed items (file and line).</summary>
    public static void Problems(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        var problems = doc["data_problems"]!.AsObject();
        html.Append("<h2>Data problems</h2><table id=\"data_problems\">");
        Row(html, "total", "data_problems.total", problems["total"]);
        foreach (var (k, v) in problems["counts"]!.AsObject()) Row(html, k, "data_problems.counts." + k, v);
        html.Append("</table><table><tr><th class=\"k\">kind</th><th class=\"k\">file</th><th>line</th><th class=\"k\">detail</th></tr>");
        var items = problems["items"]!.AsArray();
        for (int i = 0; i < items.Count; i++)
        {
            html.Append("<tr>");
            foreach (string k in new[] { "kind", "file", "line", "detail" }) Cell(html, $"data_problems.items[{i}].{k}", items[i]![k], k != "line");
            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    /// <summary>A value as the page shows it: a string unquoted, anything else as result.json writes it, null as "–"; HTML-escaped.</summary>
    public static string Json(JsonNode? value) =>
        value is null ? "–"
        : value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? WebUtility.HtmlEncode(v.GetValue<string>())
        : WebUtility.HtmlEncode(value.ToJsonString());

    /// <summary>A string value, HTML-escaped ("–" for null).</summary>
    public static string Text(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.GetValue<string>());

    private static void MarketRow(StringBuilder html, JsonObject m, string path, string label)
    {
        html.Append("<tr><td class=\"k\">").Append(WebUtility.HtmlEncode(label)).Append("</td>");
        foreach (string k in new[] { "fills", "volume", "fill_ratio", "spread_captured", "spread_captured_bps_mean", "markouts[0].mean_bps", "markouts[1].mean_bps", "markouts[2].mean_bps",
                     "quote_uptime", "two_sided_uptime", "inventory_min", "inventory_max", "inventory_twa_abs", "pnl.spread", "pnl.inventory", "pnl.fees", "pnl.rebates",
                     "pnl.rewards", "pnl.net", "rewards.time_in_band", "rewards.score_share_mean" })
        {
            // The total has no inventory extremes (they are per market); a market without a reward programme has a null
            // rewards block, so its band time and share are not figures at all.
            string head = k.Split('.', '[')[0];
            if (!m.ContainsKey(head) || (k.Contains('.', StringComparison.Ordinal) && m[head] is null)) html.Append("<td>–</td>");
            else Cell(html, path + "." + k, Resolve(m, k), false);
        }

        html.Append("</tr>");
    }

    // A relative path such as "pnl.spread" or "markouts[1].mean_bps" inside one object.
    private static JsonNode? Resolve(JsonObject m, string path)
    {
        JsonNode? node = m;
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node![part] : node![part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node;
    }

    private static void Row(StringBuilder html, string label, string path, JsonNode? value) =>
        html.Append("<tr><td class=\"k\">").Append(WebUtility.HtmlEncode(label)).Append("</td><td data-key=\"").Append(WebUtility.HtmlEncode(path)).Append("\">")
            .Append(Json(value)).Append("</td></tr>");

    private static void Cell(StringBuilder html, string path, JsonNode? value, bool text) =>
        html.Append(text ? "<td class=\"k\" data-key=\"" : "<td data-key=\"").Append(WebUtility.HtmlEncode(path)).Append("\">").Append(Json(value)).Append("</td>");
}
