using System.Runtime.CompilerServices;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// The values Polymarket can legally send for its outcome tokens. Orders rest and trade only between one tick and
/// 1 − tick, so a level, trade, order or tick price is strictly inside (0, 1); only a best bid/ask summary uses 0 and
/// 1 themselves, for an empty side. Sizes are never negative; a level may be 0 (removed), a trade may not.
/// </summary>
internal static class WireRanges
{
    /// <summary>A price some order or trade of an outcome token can have: 0 &lt; p &lt; 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOutcomePrice(Price price) => price.Raw > 0 && price.Raw < FixedPoint.Scale;

    /// <summary>A best bid or ask: 0 ≤ p ≤ 1 (0 = no bid, 1 = no ask).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBestPrice(Price price) => price.Raw >= 0 && price.Raw <= FixedPoint.Scale;
}
