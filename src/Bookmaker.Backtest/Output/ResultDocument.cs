using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Backtest.Metrics;
using Bookmaker.Core.Values;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// Builds <c>result.json</c> (schema 1, docs/backtest.md) from the run, the recorder and the engine's counts. Money is
/// exact (decimal from the fixed-point raw values); statistics are doubles rounded to 6 decimals (NaN → null), so the
/// same run writes the same bytes. The report renders its numbers from this same document.
/// </summary>
public static class ResultDocument
{
    /// <summary>The schema version written as <c>"schema"</c>.</summary>
    public const int Schema = 1;

    private const int MaxSeriesPoints = 1000;

    /// <summary>
    /// Builds the document; <paramref name="alerts"/> are the engine's (its alert centre's history), none when null;
    /// <paramref name="rewards"/> are the rewarded markets' reward tallies (none: every reward key null);
    /// <paramref name="arbitrage"/> is the arbitrage strategy's report (none: <c>arbitrage</c> is null).
    /// </summary>
    public static JsonObject Build(BacktestRun run, BacktestRecorder recorder, BacktestOrders orders, IReadOnlyList<Engine.Alerts.Alert>? alerts = null,
        IReadOnlyList<RewardTally>? rewards = null, Strategies.Arbitrage.Execution.ArbReport? arbitrage = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(orders);
        long initial = checked((long)(run.InitialCash * FixedPoint.Scale));
        var equity = recorder.Equity;
        long net = equity.Net.Count > 0 ? equity.Net[^1] : 0;
        long fees = equity.Fees.Count > 0 ? equity.Fees[^1] : 0;
        long rebates = equity.Rebates.Count > 0 ? equity.Rebates[^1] : 0;
        double seconds = (run.End - run.Start).TotalSeconds;
        double days = seconds / 86_400;
        var minute = ReturnStatistics.Of(Returns(equity, initial, TimeSpan.TicksPerMinute), 365 * 1440);
        var day = ReturnStatistics.Of(Returns(equity, initial, TimeSpan.TicksPerDay), 365);
        var dd = DrawdownStatistics.Of(equity.Times, equity.Net, initial);
        double ret = initial > 0 ? (double)net / initial : double.NaN;
        double annual = days > 0 ? ret * 365 / days : double.NaN;
        long volume = recorder.Markets.Sum(m => m.VolumeRaw);
        long fills = recorder.Markets.Sum(m => m.Fills);

        var doc = new JsonObject
        {
            ["schema"] = Schema,
            ["run"] = RunBlock(run, seconds),
            ["statistics"] = new JsonObject
            {
                ["initial_cash"] = run.InitialCash,
                ["net_pnl"] = Money(net),
                ["net_pnl_before_fees"] = Money(net + fees - rebates),
                ["return"] = Number(ret),
                ["fees"] = Money(fees),
                ["rebates"] = Money(rebates),
                ["rewards"] = null,
                ["per_minute"] = Returns(minute),
                ["per_day"] = Returns(day),
                ["max_drawdown"] = Money(dd.MaxDrawdownRaw),
                ["max_drawdown_fraction"] = Number(dd.MaxDrawdownFraction),
                ["max_drawdown_seconds"] = Number(dd.MaxDurationTicks / (double)TimeSpan.TicksPerSecond),
                ["calmar"] = Number(dd.MaxDrawdownFraction > 0 ? annual / dd.MaxDrawdownFraction : double.NaN),
                ["volume"] = Money(volume),
                ["turnover"] = Number(initial > 0 ? (double)volume / initial : double.NaN),
                ["fills"] = fills,
                ["trades_per_day"] = Number(days > 0 ? fills / days : double.NaN),
            },
            ["market_making"] = MarketMaking(recorder),
            ["arbitrage"] = ArbitrageSection.Block(arbitrage),
            ["orders"] = new JsonObject
            {
                ["submitted"] = orders.Submitted,
                ["cancelled"] = orders.Cancelled,
                ["rejected"] = orders.Rejected,
                ["denied"] = orders.Denied,
            },
            ["invariants"] = new JsonObject
            {
                ["open_orders_at_exit"] = orders.OpenAtExit,
                ["accepted_while_halted"] = orders.AcceptedWhileHalted,
                ["unhedged_legs_at_exit"] = orders.UnhedgedLegsAtExit,
                ["trading_state_at_exit"] = orders.TradingStateAtExit,
                ["hold"] = orders.OpenAtExit == 0 && orders.AcceptedWhileHalted == 0 && orders.UnhedgedLegsAtExit == 0,
            },
            ["data_problems"] = Problems(run),
            ["alerts"] = ChartSeries.Alerts(run, alerts ?? []),
            ["fills_sha256"] = FillHash(recorder.Fills),
            ["series"] = Series(run, recorder, initial),
        };
        RewardSection.Apply(doc, rewards ?? []);
        return doc;
    }

    /// <summary>The document as the bytes of <c>result.json</c> (indented, UTF-8, trailing newline).</summary>
    public static byte[] ToBytes(JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return Encoding.UTF8.GetBytes(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    /// <summary>SHA-256 of the fill sequence (time, symbol, side, price, size, fee, rebate, liquidity per line): the golden tests pin it.</summary>
    public static string FillHash(IReadOnlyList<FillRecord> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var sb = new StringBuilder();
        foreach (var f in fills)
        {
            sb.Append(f.TimeTicks.ToString(CultureInfo.InvariantCulture)).Append(',').Append(f.Symbol).Append(',').Append(f.Side)
                .Append(',').Append(FixedPoint.Format(f.PriceRaw)).Append(',').Append(FixedPoint.Format(f.SizeRaw))
                .Append(',').Append(FixedPoint.Format(f.FeeRaw)).Append(',').Append(FixedPoint.Format(f.RebateRaw)).Append(',').Append(f.Liquidity).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static JsonObject RunBlock(BacktestRun run, double seconds)
    {
        var config = new JsonObject();
        foreach (var (k, v) in run.Config) config[k] = v;
        var files = new JsonArray();
        foreach (var f in run.Files)
        {
            files.Add(new JsonObject
            {
                ["name"] = Path.GetFileName(f.Path),
                ["format"] = FormatName(f.Format),
                ["sha256"] = f.Sha256,
                ["bytes"] = f.Bytes,
            });
        }

        return new JsonObject
        {
            ["code_version"] = run.CodeVersion,
            ["config_hash"] = run.ConfigHash,
            ["config"] = config,
            ["seed"] = run.Seed,
            ["venue"] = run.Venue,
            ["strategies"] = new JsonArray([.. run.Strategies.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["queue_model"] = run.QueueModel,
            ["latency"] = run.Latency,
            ["files"] = files,
            ["start"] = run.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["end"] = run.End.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["duration_seconds"] = Number(seconds),
            ["messages"] = run.Messages,
            ["events"] = run.Events,
            ["exit_reason"] = run.ExitReason,
        };
    }

    /// <summary>The name a format has in result.json and on the command line.</summary>
    public static string FormatName(Inputs.DataFormat format) => format switch
    {
        Inputs.DataFormat.PolymarketArray => "polymarket-array",
        Inputs.DataFormat.PolymarketRecorder => "polymarket-recorder",
        Inputs.DataFormat.Binance => "binance",
        Inputs.DataFormat.Bybit => "bybit",
        _ => "unknown",
    };

    private static JsonObject Returns(ReturnStatistics s) => new()
    {
        ["periods"] = s.Count,
        ["mean"] = Number(s.Mean),
        ["sharpe"] = Number(s.Sharpe),
        ["sortino"] = Number(s.Sortino),
        ["probabilistic_sharpe"] = Number(s.ProbabilisticSharpe),
        ["skew"] = Number(s.Skew),
        ["kurtosis"] = Number(s.Kurtosis),
    };

    // Returns of equity over consecutive buckets of the given length (the last sample in each bucket closes it).
    private static List<double> Returns(EquitySeries equity, long initial, long bucketTicks)
    {
        var returns = new List<double>();
        if (equity.Times.Count == 0) return returns;
        long start = equity.Times[0];
        double previous = initial + (double)equity.Net[0];
        long bucket = 0;
        double close = previous;
        for (int i = 1; i < equity.Times.Count; i++)
        {
            long b = (equity.Times[i] - start - 1) / bucketTicks;
            if (b != bucket)
            {
                if (previous > 0) returns.Add(close / previous - 1);
                previous = close;
                bucket = b;
            }

            close = initial + (double)equity.Net[i];
        }

        if (previous > 0 && equity.Times[^1] - start >= (bucket + 1) * bucketTicks) returns.Add(close / previous - 1);
        return returns;
    }

    private static JsonObject MarketMaking(BacktestRecorder recorder)
    {
        var markets = new JsonArray();
        var total = new MarketTally("total", "total");
        foreach (var m in recorder.Markets)
        {
            markets.Add(Market(m));
            total.Fills += m.Fills;
            total.MakerFills += m.MakerFills;
            total.FilledRaw += m.FilledRaw;
            total.QuotedRaw += m.QuotedRaw;
            total.VolumeRaw += m.VolumeRaw;
            total.SpreadRaw += m.SpreadRaw;
            total.SpreadBpsSum += m.SpreadBpsSum;
            total.FeesRaw += m.FeesRaw;
            total.RebatesRaw += m.RebatesRaw;
            total.NetRaw += m.NetRaw;
            total.QuotedTicks += m.QuotedTicks;
            total.TwoSidedTicks += m.TwoSidedTicks;
            total.AbsInventoryTime += m.AbsInventoryTime;
            for (int h = 0; h < MarketTally.Horizons.Length; h++)
            {
                total.MarkoutCount[h] += m.MarkoutCount[h];
                total.MarkoutBpsSum[h] += m.MarkoutBpsSum[h];
                total.MarkoutBpsSquares[h] += m.MarkoutBpsSquares[h];
                total.MarkoutTicksSum[h] += m.MarkoutTicksSum[h];
            }
        }

        var t = Market(total);
        // The total's uptime is the mean over markets, its time-weighted |q| the sum; inventory extremes are per market only.
        t["quote_uptime"] = Number(recorder.Markets.Count == 0 ? double.NaN : recorder.Markets.Average(Uptime));
        t["two_sided_uptime"] = Number(recorder.Markets.Count == 0 ? double.NaN : recorder.Markets.Average(TwoSided));
        t.Remove("market");
        t.Remove("label");
        t.Remove("inventory_min");
        t.Remove("inventory_max");
        t["inventory_twa_abs"] = Number(recorder.Markets.Sum(TimeWeightedAbs));
        return new JsonObject { ["total"] = t, ["markets"] = markets };
    }

    private static double Uptime(MarketTally m) => m.QuotedTicks / (double)Math.Max(1, m.QuotesSinceTicks - m.StartTicks);

    private static double TwoSided(MarketTally m) => m.TwoSidedTicks / (double)Math.Max(1, m.QuotesSinceTicks - m.StartTicks);

    private static double TimeWeightedAbs(MarketTally m)
    {
        double s = (m.QuotesSinceTicks - m.StartTicks) / (double)TimeSpan.TicksPerSecond;
        return s > 0 ? m.AbsInventoryTime / s / FixedPoint.Scale : 0;
    }

    private static JsonObject Market(MarketTally m)
    {
        var markouts = new JsonArray();
        for (int h = 0; h < MarketTally.Horizons.Length; h++)
        {
            long c = m.MarkoutCount[h];
            double mean = c > 0 ? m.MarkoutBpsSum[h] / c : double.NaN;
            double variance = c > 1 ? (m.MarkoutBpsSquares[h] - c * mean * mean) / (c - 1) : double.NaN;
            markouts.Add(new JsonObject
            {
                ["horizon_seconds"] = MarketTally.Horizons[h],
                ["count"] = c,
                ["mean_bps"] = Number(mean),
                ["stderr_bps"] = Number(variance >= 0 ? Math.Sqrt(variance / c) : double.NaN),
                ["mean_ticks"] = Number(c > 0 ? m.MarkoutTicksSum[h] / c : double.NaN),
            });
        }

        long inventoryPnl = m.NetRaw - m.SpreadRaw + m.FeesRaw - m.RebatesRaw;
        return new JsonObject
        {
            ["market"] = m.Key,
            ["label"] = m.Label,
            ["fills"] = m.Fills,
            ["maker_fills"] = m.MakerFills,
            ["volume"] = Money(m.VolumeRaw),
            ["filled_size"] = Money(m.FilledRaw),
            ["quoted_size"] = Money(m.QuotedRaw),
            ["fill_ratio"] = Number(m.QuotedRaw > 0 ? (double)m.FilledRaw / m.QuotedRaw : double.NaN),
            ["spread_captured"] = Money(m.SpreadRaw),
            ["spread_captured_bps_mean"] = Number(m.Fills > 0 ? m.SpreadBpsSum / m.Fills : double.NaN),
            ["markouts"] = markouts,
            ["quote_uptime"] = Number(Uptime(m)),
            ["two_sided_uptime"] = Number(TwoSided(m)),
            ["inventory_min"] = Money(m.InventoryMinRaw),
            ["inventory_max"] = Money(m.InventoryMaxRaw),
            ["inventory_twa_abs"] = Number(TimeWeightedAbs(m)),
            ["pnl"] = new JsonObject
            {
                ["spread"] = Money(m.SpreadRaw),
                ["inventory"] = Money(inventoryPnl),
                ["fees"] = Money(m.FeesRaw),
                ["rebates"] = Money(m.RebatesRaw),
                ["net"] = Money(m.NetRaw),
            },
        };
    }

    private static JsonObject Problems(BacktestRun run)
    {
        var counts = new JsonObject();
        foreach (var (k, v) in run.Problems.Counts) counts[k] = v;
        var items = new JsonArray();
        foreach (var p in run.Problems.Kept)
            items.Add(new JsonObject { ["kind"] = p.Kind, ["file"] = p.File, ["line"] = p.Line, ["detail"] = p.Detail });
        return new JsonObject { ["total"] = run.Problems.Total, ["counts"] = counts, ["items"] = items };
    }

    // The equity curve with and without fees and the drawdown, at most MaxSeriesPoints samples (evenly spaced, last kept).
    private static JsonObject Series(BacktestRun run, BacktestRecorder recorder, long initial)
    {
        var equity = recorder.Equity;
        var drawdown = DrawdownStatistics.Curve(equity.Net, initial);
        var t = new JsonArray();
        var net = new JsonArray();
        var gross = new JsonArray();
        var dd = new JsonArray();
        var indices = ChartSeries.Spread(equity.Times.Count, MaxSeriesPoints);
        foreach (int i in indices)
        {
            t.Add(Number((equity.Times[i] - run.Start.UtcTicks) / (double)TimeSpan.TicksPerSecond));
            net.Add(Money(equity.Net[i]));
            gross.Add(Money(equity.Net[i] + equity.Fees[i] - equity.Rebates[i]));
            dd.Add(Money(drawdown[i]));
        }

        return new JsonObject
        {
            ["seconds"] = t,
            ["net_pnl"] = net,
            ["net_pnl_before_fees"] = gross,
            ["drawdown"] = dd,
            ["markets"] = ChartSeries.Markets(run, recorder, indices),
            ["trading_states"] = ChartSeries.TradingStates(run, recorder.TradingStates),
        };
    }

    private static JsonValue Money(long raw) => JsonValue.Create((decimal)raw / FixedPoint.Scale);

    private static JsonValue? Number(double x) => double.IsFinite(x) ? JsonValue.Create(Math.Round(x, 6)) : null;
}
