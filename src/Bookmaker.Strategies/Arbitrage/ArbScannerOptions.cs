using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>Options of <see cref="ArbScanner"/> (config section <c>arb</c>).</summary>
/// <param name="MinProfitPerSet">Profit required per $1 set after every fee: buy when cost per set &lt; 1 − this,
/// sell when proceeds per set &gt; 1 + this (e.g. 0.005).</param>
/// <param name="MaxSets">Risk cap: most sets per basket.</param>
/// <param name="MaxBasketNotional">Risk cap: most cash one buy basket may cost incl. fees (or one sell basket may
/// raise, before fees).</param>
/// <param name="Cooldown">The same basket at the same prices and sizes is reported again only after this long.</param>
/// <param name="IncludePlaceholderEvents">Trade neg-risk events that have "Other"/placeholder outcomes (default
/// false: their "Other" changes meaning as placeholders are named, so the set may not cover every result).</param>
/// <param name="BuyFeesInShares">The venue keeps a taker BUY's fee in shares (Polymarket): each BUY leg is priced at
/// the size the executor sends (<c>LegBuySize</c>: grossed up so that the shares kept make the sets), which must fit
/// the visible depth and the notional cap (default false: the fee is a USDC cost per set; <c>ArbitrageStrategy</c>
/// sets it from <c>BasketExecutorOptions.BuyFeesInShares</c>).</param>
public sealed record ArbScannerOptions(
    Money MinProfitPerSet,
    Quantity MaxSets,
    Money MaxBasketNotional,
    TimeSpan Cooldown,
    bool IncludePlaceholderEvents = false,
    bool BuyFeesInShares = false)
{
    /// <summary>Defaults: 0.5 ¢ per set, 1,000 sets, $500 per basket, 5 s cooldown, placeholders skipped.</summary>
    public static ArbScannerOptions Default { get; } =
        new(Money.Parse("0.005"), Quantity.FromUnits(1_000), Money.FromUnits(500), TimeSpan.FromSeconds(5));

    /// <summary>Every broken rule (empty when valid).</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, MinProfitPerSet.Raw >= 0 && MinProfitPerSet.Raw < FixedPoint.Scale, "arb.minProfitPerSet", MinProfitPerSet.ToString(), "must be in [0, 1)");
        OptionError.Check(errors, MaxSets.Raw > 0, "arb.maxSets", MaxSets.ToString(), "must be > 0");
        OptionError.Check(errors, MaxBasketNotional.Raw > 0, "arb.maxBasketNotional", MaxBasketNotional.ToString(), "must be > 0");
        OptionError.Check(errors, Cooldown >= TimeSpan.Zero, "arb.cooldown", Cooldown.ToString(), "must be >= 0");
        return errors;
    }
}
