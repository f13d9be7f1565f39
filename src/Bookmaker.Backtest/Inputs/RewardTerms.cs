using Bookmaker.Core.Values;

namespace Bookmaker.Backtest.Inputs;

/// <summary>
/// A market's liquidity-reward programme as a backtest models it (polymarket-api.md §7.1): the maximum spread v from the
/// size-cutoff-adjusted midpoint (a price, 0.03 = 3¢), the minimum order size that scores, and the market's daily pool
/// (USDC a day, shared among makers by score). Recordings do not carry these terms, so they come from
/// <c>--instrument TOKEN:reward_max_spread=0.03,reward_min_size=20,reward_daily_rate=100</c> or the catalog.
/// </summary>
public sealed record RewardTerms(Price MaxSpread, Quantity MinSize, Money DailyRate)
{
    /// <summary>The keys of a spec that give reward terms.</summary>
    public static readonly string[] Keys = ["reward_max_spread", "reward_min_size", "reward_daily_rate"];

    /// <summary>v in cents, as the scorer takes it.</summary>
    public double MaxSpreadCents => MaxSpread.ToDouble() * 100.0;

    /// <summary>The terms in <paramref name="fields"/>, null when none of the keys is there; all three or none.</summary>
    internal static RewardTerms? From(IReadOnlyDictionary<string, string> fields, string where)
    {
        int given = Keys.Count(fields.ContainsKey);
        if (given == 0) return null;
        if (given < Keys.Length)
            throw new FormatException($"'{where}' gives {string.Join(", ", Keys.Where(fields.ContainsKey))} but not {string.Join(", ", Keys.Where(k => !fields.ContainsKey(k)))}; reward terms need all three");
        Price spread = Price.TryParse(fields["reward_max_spread"], out var s) && s.Raw > 0 && s < Price.One ? s
            : throw new FormatException($"reward_max_spread in '{where}' must be a price in (0, 1), e.g. 0.03 for 3¢");
        Quantity min = Quantity.TryParse(fields["reward_min_size"], out var m) && m.Raw >= 0 ? m
            : throw new FormatException($"reward_min_size in '{where}' must be a size >= 0 (shares)");
        Money rate = Money.TryParse(fields["reward_daily_rate"], out var r) && r.Raw >= 0 ? r
            : throw new FormatException($"reward_daily_rate in '{where}' must be an amount >= 0 (USDC a day)");
        return new RewardTerms(spread, min, rate);
    }
}
