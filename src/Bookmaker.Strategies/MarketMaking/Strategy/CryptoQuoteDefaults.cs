using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// The market maker's instrument-shaped terms on a crypto instrument (spot or perpetual) where the operator set none:
/// the <c>MarketMaker</c> section's own defaults are Polymarket-shaped (a 2¢ spread, 10 shares) and on a 60,000 USD book
/// they would quote nothing (a 0.08 gap guard under a 0.1 tick) or far too much. These are in terms of the instrument,
/// so they mean the same on BTC at 60,000 and XRP at 2; they apply term by term, only where a term is set in no form.
/// </summary>
public static class CryptoQuoteDefaults
{
    /// <summary>
    /// Narrowest total spread, bps of the first mid, net of the maker fee (the quote adds the instrument's maker fee or
    /// rebate on top, see <c>MakerFeeSpread</c>): 6 bps a side clears the edge guard's default 5 bps floor by 1 bps (at exactly
    /// the floor, rounding and the first markouts froze one market of two in a test run).
    /// </summary>
    public const decimal MinSpreadBps = 12m;

    /// <summary>Gap guard, bps: a book wider than 0.5 % of its price has no reliable fair value.</summary>
    public const decimal MaxSpreadBps = 50m;

    /// <summary>Size per quote level, quote currency.</summary>
    public static readonly Money OrderNotional = Money.FromUnits(100);

    /// <summary>Largest |inventory| per market, quote currency at the first mid (ten quotes' worth).</summary>
    public static readonly Money MaxInventoryNotional = Money.FromUnits(1_000);

    /// <summary>Forced exit: worst distance from the touch, bps of the first mid.</summary>
    public const decimal MaxSlippageBps = 25m;
}
