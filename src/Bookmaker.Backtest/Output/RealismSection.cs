using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// The realism band in <c>report.html</c> (present only when the run had <c>--realism</c>): the headline net P&amp;L
/// with its range across fill models, and one row per queue model × latency profile, each linked to its own report.
/// Numbers are printed from the document's JSON text, each in an element whose <c>data-key</c> is its JSON path, as everywhere in the report.
/// </summary>
public static class RealismSection
{
    /// <summary>The headline line: net P&amp;L and fills with their realism ranges; empty without a realism block.</summary>
    public static string Headline(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        if (doc["realism"] is not JsonObject band) return "";
        var stats = doc["statistics"]!.AsObject();
        return new StringBuilder("<p id=\"headline\"><b>Net P&amp;L <span data-key=\"statistics.net_pnl\">").Append(Json(stats["net_pnl"]))
            .Append("</span></b> (realism band <span data-key=\"realism.net_pnl.min\">").Append(Json(band["net_pnl"]!["min"]))
            .Append("</span> … <span data-key=\"realism.net_pnl.max\">").Append(Json(band["net_pnl"]!["max"]))
            .Append("</span> over ").Append(Json(band["variants_run"])).Append(" fill models); fills ").Append(Json(stats["fills"]))
            .Append(" (").Append(Json(band["fills"]!["min"])).Append(" … ").Append(Json(band["fills"]!["max"])).Append(")</p>").ToString();
    }

    /// <summary>The table of variants and the min / median / max rows; empty without a realism block.</summary>
    public static string Table(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        if (doc["realism"] is not JsonObject band) return "";
        var html = new StringBuilder("<h2>Realism band (queue model × latency)</h2>")
            .Append("<p>The same backtest under each fill model of the replay venue; the spread is the error bar of the fill model, not of the market. No market impact in any.</p>")
            .Append("<table id=\"realism\"><tr><th class=\"k\">variant</th><th class=\"k\">queue model</th><th class=\"k\">latency</th><th>net P&amp;L</th><th>fills</th><th class=\"k\">exit</th></tr>");
        var variants = band["variants"]!.AsArray();
        for (int i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            string id = v!["id"]!.GetValue<string>();
            html.Append("<tr><td class=\"k\"><a href=\"").Append(WebUtility.HtmlEncode(v["report"]!.GetValue<string>())).Append("\">").Append(WebUtility.HtmlEncode(id)).Append("</a></td>")
                .Append("<td class=\"k\">").Append(Text(v["queue_model"])).Append("</td><td class=\"k\" title=\"").Append(Text(v["latency_spec"])).Append("\">").Append(Text(v["latency"])).Append("</td>")
                .Append("<td data-key=\"realism.variants[").Append(i).Append("].net_pnl\">").Append(Json(v["net_pnl"])).Append("</td><td>").Append(Json(v["fills"])).Append("</td>")
                .Append("<td class=\"k\">").Append(Text(v["exit_reason"])).Append("</td></tr>");
        }

        foreach (string stat in new[] { "min", "median", "max" })
            html.Append("<tr><th class=\"k\" colspan=\"3\">").Append(stat).Append("</th><td>").Append(Json(band["net_pnl"]![stat])).Append("</td><td>")
                .Append(Json(band["fills"]![stat])).Append("</td><td></td></tr>");
        return html.Append("</table>").ToString();
    }

    private static string Json(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.ToJsonString());

    private static string Text(JsonNode? value) => value is null ? "–" : WebUtility.HtmlEncode(value.GetValue<string>());
}
