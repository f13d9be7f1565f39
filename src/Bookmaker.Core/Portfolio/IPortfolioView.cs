using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The ledger as a strategy sees it: positions, cash, marks, P&amp;L, binary-market netting and the risk groups — read
/// only. Fills, reversals, reconciliation adjustments and marks are applied by the engine alone (<see cref="Portfolio"/>'s
/// <c>ApplyFill</c>, <c>AdjustCash</c>, <c>SetMark</c>…); a strategy changes its holdings only through orders.
/// <see cref="Portfolio"/> implements this view itself: nothing is copied, and every read listed as O(1) stays an array
/// access by index (the market maker reads its inventory on every book update).
/// </summary>
/// <remarks>
/// <see cref="Position"/> is handed out as it is: everything that changes it is internal to the ledger.
/// </remarks>
public interface IPortfolioView
{
    /// <summary>Cash at the start.</summary>
    Money InitialCash { get; }

    /// <summary>Cash now.</summary>
    Money Cash { get; }

    /// <summary>Σ cash adjustments made by reconciliation.</summary>
    Money CashAdjustments { get; }

    /// <summary>Positions ever opened, in instrument index order (flat ones included: they carry realized P&amp;L).</summary>
    IEnumerable<Position> Positions { get; }

    /// <summary>The position in <paramref name="id"/>, or null if it never traded.</summary>
    Position? GetPosition(InstrumentId id);

    /// <summary>The position in <paramref name="instrument"/>, or null if it never traded (no dictionary lookup).</summary>
    Position? GetPosition(Instrument instrument);

    /// <summary>Signed quantity held in <paramref name="id"/> (zero if none).</summary>
    Quantity QuantityOf(InstrumentId id);

    /// <summary>
    /// Shares of <paramref name="instrument"/> that may be sold now: the position less bought shares whose trades have
    /// not reached the sellable settlement rung (never below zero). Allocation-free; the risk gate reads it for every sell.
    /// </summary>
    Quantity SellableQuantity(Instrument instrument);

    /// <summary>
    /// The position as the venue's balance shows it: less the unsettled buys, plus the unsettled sells (a balance moves
    /// when a trade settles, not when it matches). Reconciliation compares the venue's balance with this.
    /// </summary>
    Quantity SettledQuantity(Instrument instrument);

    /// <summary>True when this fill (order id + trade id) was already applied.</summary>
    bool HasApplied(Fill fill);

    /// <summary>The mark of an instrument, <see cref="Price.Zero"/> while it has none (allocation-free, O(1)).</summary>
    Price MarkOf(Instrument instrument);

    /// <summary>Σ realized P&amp;L (fees and rebates excluded).</summary>
    Money RealizedPnl { get; }

    /// <summary>Σ unrealized P&amp;L at the stored marks.</summary>
    Money UnrealizedPnl { get; }

    /// <summary>Σ fees paid.</summary>
    Money FeesPaid { get; }

    /// <summary>Σ rebates earned.</summary>
    Money RebatesEarned { get; }

    /// <summary>Σ funding of perpetuals: positive received, negative paid (its own line: never in fees nor realized P&amp;L).</summary>
    Money FundingPnl { get; }

    /// <summary>Cash + Σ positions at their marks (at cost when unmarked).</summary>
    Money Equity { get; }

    /// <summary>Realized + unrealized − fees + rebates + funding; equals <see cref="Equity"/> − <see cref="InitialCash"/>.</summary>
    Money NetPnl { get; }

    /// <summary>
    /// Net P&amp;L and equity in one pass over the positions (what the risk gate needs after every fill and mark; the
    /// separate properties would walk the positions five times).
    /// </summary>
    (Money NetPnl, Money Equity) Totals();

    /// <summary>
    /// Net exposure of a binary market in YES-equivalent shares: qty(YES) − qty(NO). Long YES and long NO offset, since a
    /// NO share is a short YES share plus $1.
    /// </summary>
    Quantity NetDelta(string marketId);

    /// <summary>Complete sets held: min(qty YES, qty NO), zero when either is not long. Each set is worth exactly $1 (it can be merged).</summary>
    Quantity CompleteSets(string marketId);

    /// <summary>
    /// Complete baskets of a neg-risk event held, given the condition ids of EVERY outcome of the event: after netting
    /// each outcome's YES against its NO (binary sets), the smallest YES excess across the outcomes. One YES of every
    /// outcome pays exactly $1 whatever resolves, so a basket is hedged, not inventory. Zero when any outcome's net
    /// delta is not long. Allocation free.
    /// </summary>
    Quantity CompleteBaskets(ReadOnlySpan<string> eventMarketIds);

    /// <summary>
    /// Value of everything held in a binary market: complete sets at exactly 1, only the residual YES or NO at its mark.
    /// </summary>
    Money BinaryMarketValue(string marketId, Price yesMark, Price noMark);

    /// <summary>The risk group an instrument's position counts in, and its sign there.</summary>
    RiskGroup RiskGroupOf(Instrument instrument);

    /// <summary>Net position of a risk group in YES-equivalent shares (the position itself for a crypto instrument).</summary>
    Quantity GroupDelta(int group);

    /// <summary>Net position of the risk group of <paramref name="instrument"/>.</summary>
    Quantity GroupDelta(Instrument instrument);

    /// <summary>
    /// When the group's current position opened (from flat, or by a flip of its side), from the fills' or the
    /// adjustment's time; null while the group is flat. For max hold time.
    /// </summary>
    DateTimeOffset? GroupOpenedAt(int group);

    /// <summary>When the current position of the risk group of <paramref name="instrument"/> opened; null while flat.</summary>
    DateTimeOffset? GroupOpenedAt(Instrument instrument);

    /// <summary>
    /// The price YES-equivalent shares of a group are valued at: the YES token's mark, else 1 − the NO token's mark,
    /// else zero (no mark); a crypto instrument's own mark.
    /// </summary>
    Price GroupMark(int group);

    /// <summary>Group delta × group mark (rounded away from zero).</summary>
    Money GroupExposure(int group);

    /// <summary>Net directional exposure in quote currency: Σ over the risk groups of delta × group mark.</summary>
    Money NetExposure { get; }

    /// <summary>Risk groups holding a position (non-zero delta).</summary>
    int OpenGroups { get; }

    /// <summary>Net P&amp;L (realized + unrealized at the marks − fees + rebates) of every position of a risk group.</summary>
    Money GroupNetPnl(int group);

    /// <summary>
    /// The group's net P&amp;L since it last opened from flat: what its round trip made so far, and what it made in
    /// all once the group is flat again (the consecutive-loss breaker counts these).
    /// </summary>
    Money RoundTripPnl(int group);

    /// <summary>
    /// The unhedged part of the risk group of <paramref name="instrument"/>: its delta less the complete baskets of its
    /// neg-risk event held (one YES of every outcome pays exactly $1 whatever resolves); the delta itself outside an
    /// event. What the market maker treats as its inventory.
    /// </summary>
    Quantity UnhedgedDelta(Instrument instrument);

    /// <summary>When the unhedged part of the group of <paramref name="instrument"/> opened (from flat, or by a flip); null while flat.</summary>
    DateTimeOffset? UnhedgedOpenedAt(Instrument instrument);

    /// <summary>
    /// Average entry, in YES terms for a binary market, of the unhedged part of the group of <paramref name="instrument"/>:
    /// a running average trade by trade (a trade that adds adds its YES price — a NO trade at p counts at 1 − p — one
    /// that reduces keeps the average, one that flips restarts at its price; a change without a trade, such as an
    /// adoption from the venue or baskets completed in another market, restarts at the group mark when it opens or flips
    /// the side). Null while flat. What the market maker's stop loss judges against.
    /// </summary>
    Price? UnhedgedAverageEntry(Instrument instrument);
}
