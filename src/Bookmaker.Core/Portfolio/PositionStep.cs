using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// One change of a position, kept so a reversed fill can be taken out by replaying the others: a fill, or a
/// reconciliation adjustment (the venue's balance differed) kept as the quantity it added or removed and the price its
/// adopted shares were carried at. Keeping the adjustment as a difference, not as the venue's figure, is what lets a
/// reversal take out only its own fill: a balance adopted before or after that fill stays.
/// </summary>
internal readonly record struct PositionStep(Fill? Fill, long AdjustmentRaw, Price? AdoptedAt, DateTimeOffset At)
{
    /// <summary>A fill.</summary>
    public static PositionStep Of(Fill fill) => new(fill, 0, null, fill.Timestamp);

    /// <summary>A reconciliation adjustment of <paramref name="adjustmentRaw"/> shares (raw, signed).</summary>
    public static PositionStep Adjustment(long adjustmentRaw, Price? adoptedAt, DateTimeOffset at) => new(null, adjustmentRaw, adoptedAt, at);
}
