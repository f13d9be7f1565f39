using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Configuration;

/// <summary>One Polymarket market's liquidity-reward programme as configured for backtests (<c>Backtest:Rewards:&lt;token&gt;:*</c>).</summary>
/// <param name="MaxSpread">Max spread v from the size-cutoff-adjusted midpoint, as a price (0.03 = 3¢).</param>
/// <param name="MinSize">Smallest order that scores, in shares.</param>
/// <param name="DailyRate">The market's pool, USDC a day.</param>
public sealed record ConfiguredRewardTerms(Price MaxSpread, Quantity MinSize, Money DailyRate);

/// <summary>
/// Section <c>Backtest</c>: liquidity-reward terms per Polymarket token, <c>Backtest:Rewards:&lt;token&gt;:MaxSpread|MinSize|DailyRate</c>
/// — the same terms as <c>--instrument TOKEN:reward_max_spread=…,reward_min_size=…,reward_daily_rate=…</c>, which win
/// over them (docs/backtest.md). The keys exist only when set; all three or none per token.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>The prefix of every reward key.</summary>
    public const string Prefix = "Backtest:Rewards:";

    /// <summary>No reward terms.</summary>
    public static BacktestOptions None { get; } = new();

    /// <summary>Reward terms by token id (case-sensitive, as the recordings spell them).</summary>
    public IReadOnlyDictionary<string, ConfiguredRewardTerms> Rewards { get; init; } = new Dictionary<string, ConfiguredRewardTerms>(StringComparer.Ordinal);

    /// <summary>The per-token keys (after <c>Backtest:Rewards:&lt;token&gt;:</c>) with their rule.</summary>
    public static IReadOnlyList<(string Name, string Rule, string Meaning)> Fields { get; } =
    [
        ("MaxSpread", "exact price in (0, 1); with MinSize and DailyRate", "Max spread v from the size-cutoff-adjusted midpoint (0.03 = 3¢)."),
        ("MinSize", "exact quantity >= 0; with MaxSpread and DailyRate", "Smallest order that scores (shares)."),
        ("DailyRate", "exact amount >= 0; with MaxSpread and MinSize", "The market's reward pool (USDC a day)."),
    ];

    /// <summary>True when <paramref name="key"/> is one of a token's reward keys; <paramref name="info"/> then declares it.</summary>
    public static bool IsRewardKey(string key, out ConfigKeyInfo? info)
    {
        info = null;
        if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        string rest = key[Prefix.Length..];
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        string field = rest[(colon + 1)..];
        foreach (var (name, rule, meaning) in Fields)
        {
            if (!string.Equals(name, field, StringComparison.OrdinalIgnoreCase)) continue;
            info = new ConfigKeyInfo(key, null, rule, "Backtest reward terms of token " + rest[..colon] + ": " + meaning);
            return true;
        }

        return false;
    }

    internal static BacktestOptions Bind(ConfigReader r)
    {
        var tokens = r.KeysUnder(Prefix).Select(k => k[Prefix.Length..]).Where(k => k.Contains(':', StringComparison.Ordinal))
            .Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (tokens.Count == 0) return None;
        var rewards = new Dictionary<string, ConfiguredRewardTerms>(StringComparer.Ordinal);
        foreach (string token in tokens)
        {
            string p = Prefix + token + ":";
            string spreadKey = p + "MaxSpread", sizeKey = p + "MinSize", rateKey = p + "DailyRate";
            var missing = new[] { spreadKey, sizeKey, rateKey }.Where(k => r.OptionalString(k) is null).ToList();
            if (missing.Count > 0)
            {
                foreach (string k in missing) r.Report(k, "is required with the other reward terms of the token (MaxSpread, MinSize, DailyRate)");
                continue;
            }

            var spread = r.Price(spreadKey);
            var size = r.Quantity(sizeKey);
            var rate = r.Money(rateKey);
            r.Require(spreadKey, spread.Raw > 0 && spread < Price.One, "must be in (0, 1)");
            r.Require(sizeKey, size.Raw >= 0, "must be >= 0");
            r.Require(rateKey, rate.Raw >= 0, "must be >= 0");
            rewards[token] = new ConfiguredRewardTerms(spread, size, rate);
        }

        return new BacktestOptions { Rewards = rewards };
    }
}
