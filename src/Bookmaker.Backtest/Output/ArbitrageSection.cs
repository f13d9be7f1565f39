using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// The <c>arbitrage</c> block of <c>result.json</c> (docs/backtest.md) and its table in the report: the paper summary's
/// keys (without their <c>arb_</c> prefix) and <c>edge</c>, the realised vs expected edge by basket outcome — what the
/// successes realised against what the scanner expected of them, what the unwound baskets were expected to earn and
/// what they cost, and the same over every basket. Null when the run did not trade arbitrage.
/// </summary>
public static class ArbitrageSection
{
    /// <summary>The block, or null without an arbitrage report.</summary>
    public static JsonObject? Block(ArbReport? report)
    {
        if (report is null) return null;
        var l = report.Latency;
        Money realised = report.Pnl, expected = report.SuccessExpected + report.UnwoundExpected + report.MissedExpected;
        return new JsonObject
        {
            ["opportunities"] = report.Opportunities,
            ["attempts"] = report.Attempts,
            ["successes"] = report.Successes,
            ["unwinds"] = report.Unwinds,
            ["misses"] = report.Misses,
            ["pnl"] = Decimal(report.Pnl),
            ["profit_per_success"] = Decimal(report.ProfitPerSuccess),
            ["loss_per_failure"] = Decimal(report.LossPerFailure),
            ["unhedged_legs_at_exit"] = report.UnhedgedLegsAtExit,
            ["latency_us"] = new JsonObject
            {
                ["count"] = l.Count,
                ["p50"] = l.P50 / 10.0,
                ["p90"] = l.P90 / 10.0,
                ["p99"] = l.P99 / 10.0,
                ["max"] = l.Max / 10.0,
            },
            ["echo_waits"] = report.EchoWaits,
            ["entry_legs"] = report.EntryLegs,
            ["entry_legs_killed"] = report.EntryLegsKilled,
            ["edge"] = new JsonObject
            {
                ["success_realised"] = Decimal(report.SuccessPnl),
                ["success_expected"] = Decimal(report.SuccessExpected),
                ["success_realised_over_expected"] = Ratio(report.SuccessPnl, report.SuccessExpected),
                ["unwound_realised"] = Decimal(report.UnwoundPnl),
                ["unwound_expected"] = Decimal(report.UnwoundExpected),
                ["unwind_cost"] = Decimal(-report.UnwoundPnl),
                ["missed_realised"] = Decimal(report.MissedPnl),
                ["missed_expected"] = Decimal(report.MissedExpected),
                ["realised"] = Decimal(realised),
                ["expected"] = Decimal(expected),
                ["realised_over_expected"] = Ratio(realised, expected),
            },
        };
    }

    /// <summary>The report's arbitrage table (nothing when the block is null): every figure with its result.json path as data-key.</summary>
    public static void Table(StringBuilder html, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(doc);
        if (doc["arbitrage"] is not JsonObject arb) return;
        html.Append("<h2>Arbitrage: realised vs expected edge</h2><table id=\"arbitrage\">");
        foreach (var (key, value) in arb)
        {
            if (value is JsonObject inner)
                foreach (var (k2, v2) in inner) Row(html, key + "." + k2, $"arbitrage.{key}.{k2}", v2);
            else
                Row(html, key, "arbitrage." + key, value);
        }

        html.Append("</table>");
    }

    private static void Row(StringBuilder html, string label, string path, JsonNode? value) =>
        html.Append("<tr><td class=\"k\">").Append(WebUtility.HtmlEncode(label)).Append("</td><td data-key=\"").Append(WebUtility.HtmlEncode(path)).Append("\">")
            .Append(ReportTables.Json(value)).Append("</td></tr>");

    private static JsonValue Decimal(Money m) => JsonValue.Create((decimal)m.Raw / FixedPoint.Scale);

    // Realised ÷ expected, 6 decimals; null when nothing was expected (a ratio to zero is no figure).
    private static JsonValue? Ratio(Money realised, Money expected) =>
        expected.Raw == 0 ? null : JsonValue.Create(Math.Round((double)realised.Raw / expected.Raw, 6));
}
