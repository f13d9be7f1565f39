using System.Text.Json.Nodes;
using Bookmaker.Backtest.Metrics;
using Bookmaker.Core.Values;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// The liquidity-reward keys of <c>result.json</c> (docs/backtest.md): per rewarded market a <c>rewards</c> block (terms,
/// samples, time inside the band on any side and on both, mean score share, mean Q_min of ours and of the book, the
/// estimated rewards) and <c>pnl.rewards</c> / <c>pnl.net_with_rewards</c>; the same pooled in the total; and
/// <c>statistics.rewards</c> / <c>statistics.net_pnl_with_rewards</c>. A market or a venue without a programme gets
/// <c>null</c> in each of those keys — never a zero that would read as measured. Rewards are an estimate the account
/// never receives in the replay, so <c>net_pnl</c> and <c>pnl.net</c> stay the trading result and the sums with
/// rewards are separate keys.
/// </summary>
public static class RewardSection
{
    /// <summary>Writes the reward keys into <paramref name="doc"/> (built by <see cref="ResultDocument.Build"/>).</summary>
    public static void Apply(JsonObject doc, IReadOnlyList<RewardTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(tallies);
        var byKey = tallies.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var mm = doc["market_making"]!.AsObject();
        foreach (var node in mm["markets"]!.AsArray())
        {
            var market = node!.AsObject();
            var tally = byKey.GetValueOrDefault((string)market["market"]!);
            Market(market, tally is null ? null : Block(tally, [tally], withTerms: true), tally?.EstimatedRaw);
        }

        long? total = tallies.Count > 0 ? tallies.Sum(t => t.EstimatedRaw) : null;
        Market(mm["total"]!.AsObject(), tallies.Count > 0 ? Block(null, tallies, withTerms: false) : null, total);
        var stats = doc["statistics"]!.AsObject();
        stats["rewards"] = Money(total);
        stats["net_pnl_with_rewards"] = total is { } r ? JsonValue.Create((decimal)stats["net_pnl"]! + Decimal(r)) : null;
    }

    private static void Market(JsonObject market, JsonObject? block, long? estimatedRaw)
    {
        market["rewards"] = block;
        var pnl = market["pnl"]!.AsObject();
        pnl["rewards"] = Money(estimatedRaw);
        pnl["net_with_rewards"] = estimatedRaw is { } r ? JsonValue.Create((decimal)pnl["net"]! + Decimal(r)) : null;
    }

    // Samples pooled over the tallies: for one market, its own fractions and means.
    private static JsonObject Block(RewardTally? one, IReadOnlyList<RewardTally> tallies, bool withTerms)
    {
        long samples = tallies.Sum(t => t.Samples);
        double Mean(double sum) => samples > 0 ? sum / samples : double.NaN;
        var block = new JsonObject();
        if (withTerms && one is not null)
        {
            block["max_spread"] = JsonValue.Create(one.Terms.MaxSpread.ToDecimal());
            block["min_size"] = JsonValue.Create(one.Terms.MinSize.ToDecimal());
            block["daily_rate"] = JsonValue.Create(one.Terms.DailyRate.ToDecimal());
        }

        block["samples"] = samples;
        block["samples_without_midpoint"] = tallies.Sum(t => t.SamplesWithoutMidpoint);
        block["time_in_band"] = Number(Mean(tallies.Sum(t => t.SamplesAnySide)));
        block["time_in_band_two_sided"] = Number(Mean(tallies.Sum(t => t.SamplesBothSides)));
        block["score_share_mean"] = Number(Mean(tallies.Sum(t => t.ShareSum)));
        block["q_min_mean"] = Number(Mean(tallies.Sum(t => t.OurQMinSum)));
        block["book_q_min_mean"] = Number(Mean(tallies.Sum(t => t.BookQMinSum)));
        block["estimated"] = Money(tallies.Sum(t => t.EstimatedRaw));
        return block;
    }

    private static decimal Decimal(long raw) => (decimal)raw / FixedPoint.Scale;

    private static JsonValue? Money(long? raw) => raw is { } r ? JsonValue.Create(Decimal(r)) : null;

    private static JsonValue? Number(double x) => double.IsFinite(x) ? JsonValue.Create(Math.Round(x, 6)) : null;
}
