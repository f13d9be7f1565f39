using System.Globalization;
using System.Text.Json.Nodes;
using Bookmaker.Backtest.Metrics;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// The parts of <c>result.json</c> the report's charts need beyond the equity curve: per market the touch, our quotes,
/// fills and inventory with its configured limits (<c>series.markets</c>), the trading-state timeline
/// (<c>series.trading_states</c>) and the alerts (<c>alerts</c>). Every array is bounded (docs/backtest.md), and
/// everything is exact decimal or whole numbers of the engine's own values, so the document stays byte-identical.
/// </summary>
public static class ChartSeries
{
    /// <summary>At most this many fill markers per market (evenly spaced over the fills, the last kept).</summary>
    public const int MaxFillMarkers = 500;

    /// <summary>At most this many trading-state changes and alerts are listed (the first ones; the totals say how many).</summary>
    public const int MaxEvents = 200;

    /// <summary>
    /// <c>series.markets[]</c>: per market the sampled arrays at the same <paramref name="indices"/> as
    /// <c>series.seconds</c>, the fill markers and the inventory limits read from the effective configuration.
    /// </summary>
    public static JsonArray Markets(BacktestRun run, BacktestRecorder recorder, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(indices);
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in run.Config) config[k] = v;
        bool marketMaker = run.Strategies.Contains("mm");
        var markets = new JsonArray();
        for (int m = 0; m < recorder.Markets.Count; m++)
        {
            var tally = recorder.Markets[m];
            var s = recorder.Series[m];
            // The recorder samples equity and every market in one step, so they share the equity curve's times.
            if (s.Times.Count != recorder.Equity.Times.Count) throw new InvalidOperationException($"market {tally.Key}: {s.Times.Count} samples, equity {recorder.Equity.Times.Count}");
            var fills = recorder.ChartFills.Where(f => f.Market == m).ToList();
            var shown = Spread(fills.Count, MaxFillMarkers);
            markets.Add(new JsonObject
            {
                ["market"] = tally.Key,
                ["label"] = tally.Label,
                ["best_bid"] = Prices(indices, s.BestBid, 1),
                ["best_ask"] = Prices(indices, s.BestAsk, 1),
                ["mid"] = Prices(indices, s.MidTwice, 2),
                ["quote_bid"] = Prices(indices, s.QuoteBid, 1),
                ["quote_ask"] = Prices(indices, s.QuoteAsk, 1),
                ["inventory"] = new JsonArray([.. indices.Select(i => (JsonNode?)Money(s.Inventory[i]))]),
                // The market maker's own limit (a per-instrument override first), then the risk gate's hard one.
                ["inventory_limit"] = marketMaker ? Limit(config, $"MarketMaker:Markets:{tally.Label}:MaxInventory", "MarketMaker:MaxInventory") : null,
                ["position_limit"] = Limit(config, "Risk:MaxPositionPerInstrument"),
                ["fills_total"] = fills.Count,
                ["fills"] = new JsonArray([.. shown.Select(i => (JsonNode?)new JsonObject
                {
                    ["seconds"] = Seconds(fills[i].TimeTicks - run.Start.UtcTicks),
                    ["side"] = fills[i].Buy ? "buy" : "sell",
                    ["price"] = Money(fills[i].PriceRaw),
                    ["size"] = Money(fills[i].SizeRaw),
                })]),
            });
        }

        return markets;
    }

    /// <summary><c>series.trading_states</c>: the state at the start and every change, with its time since the start.</summary>
    public static JsonObject TradingStates(BacktestRun run, IReadOnlyList<TradingStateChange> changes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(changes);
        var items = new JsonArray([.. changes.Take(MaxEvents).Select(c => (JsonNode?)new JsonObject
        {
            ["seconds"] = Seconds(c.TimeTicks - run.Start.UtcTicks),
            ["state"] = c.State.ToString().ToUpperInvariant(),
        })]);
        return new JsonObject { ["total"] = changes.Count, ["items"] = items };
    }

    /// <summary><c>alerts</c>: every alert the engine raised (its last state), oldest first.</summary>
    public static JsonObject Alerts(BacktestRun run, IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(alerts);
        var items = new JsonArray([.. alerts.Take(MaxEvents).Select(a => (JsonNode?)new JsonObject
        {
            ["seconds"] = Seconds(a.RaisedAt.UtcTicks - run.Start.UtcTicks),
            ["code"] = a.Code,
            ["severity"] = a.Severity.ToString().ToLowerInvariant(),
            ["key"] = a.Key,
            ["message"] = a.Message,
            ["cleared_seconds"] = a.ClearedAt is { } c ? Seconds(c.UtcTicks - run.Start.UtcTicks) : null,
        })]);
        return new JsonObject { ["total"] = alerts.Count, ["items"] = items };
    }

    /// <summary>At most <paramref name="max"/> indices of 0..n−1, evenly spaced, the last always kept.</summary>
    public static IReadOnlyList<int> Spread(int n, int max)
    {
        int step = Math.Max(1, (n + max - 1) / max);
        var indices = new List<int>();
        for (int i = 0; i < n; i += step) indices.Add(i);
        if (n > 0 && indices[^1] != n - 1) indices.Add(n - 1);
        return indices;
    }

    // Prices as exact decimals (raw / divisor: the mid is kept doubled); null where there was none.
    private static JsonArray Prices(IReadOnlyList<int> indices, IReadOnlyList<long> raw, int divisor) =>
        new([.. indices.Select(i => raw[i] > 0 ? (JsonNode?)JsonValue.Create((decimal)raw[i] / FixedPoint.Scale / divisor) : null)]);

    private static JsonValue? Limit(Dictionary<string, string> config, params string[] keys)
    {
        foreach (string key in keys)
            if (config.TryGetValue(key, out string? text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v)) return JsonValue.Create(v);
        return null;
    }

    private static JsonValue Seconds(long ticks) => JsonValue.Create(Math.Round(ticks / (double)TimeSpan.TicksPerSecond, 6));

    private static JsonValue Money(long raw) => JsonValue.Create((decimal)raw / FixedPoint.Scale);
}
