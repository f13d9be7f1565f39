using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>What the matching engine says about one order.</summary>
public enum MatchEventKind : byte
{
    /// <summary>The order passed validation and balance checks; fills (if any) follow.</summary>
    Accepted,

    /// <summary>The order (or the whole batch) was refused; nothing happened.</summary>
    Rejected,

    /// <summary>One leg of a fill (a trade emits a maker leg and a taker leg with the same trade id).</summary>
    Fill,

    /// <summary>The order, or its unfilled rest, is cancelled (by request, FAK/market remainder, or self-trade prevention).</summary>
    Cancelled,

    /// <summary>A GTD order reached its expiry.</summary>
    Expired,

    /// <summary>A cancel found no live order.</summary>
    CancelRejected,
}

/// <summary>How a trade was settled in a binary market (CTF exchange match types).</summary>
public enum MatchKind : byte
{
    /// <summary>Not a fill.</summary>
    None,

    /// <summary>A buy against a sell of the same token: tokens and cash change hands.</summary>
    Normal,

    /// <summary>A YES buy against a NO buy whose prices sum to ≥ 1: a full set is minted from both buyers' cash.</summary>
    Mint,

    /// <summary>A YES sell against a NO sell whose prices sum to ≤ 1: a full set is merged and its $1 paid out.</summary>
    Merge,
}

/// <summary>
/// One compact, allocation-free event from the <see cref="MatchingEngine"/>. The venue adapter turns these into
/// <see cref="ExecutionReport"/>s; engine order ids map to <see cref="ClientOrderId"/>s there.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="OrderId">Engine order id (a sequence; 0 for a whole-batch rejection).</param>
/// <param name="ClientOrderId">The owner's client order id, as submitted.</param>
/// <param name="Account">Owner account id.</param>
/// <param name="Instrument">Engine instrument slot (see <see cref="MatchingEngine.SlotOf"/>).</param>
/// <param name="Side">The order's side in its own token.</param>
/// <param name="Price">Fill price in the order's own token (fills), else the order's limit price.</param>
/// <param name="Size">Fill size (fills); cancelled/expired size (cancels); order size otherwise.</param>
/// <param name="Leaves">Open size left after this event.</param>
/// <param name="Fee">Fee charged on this leg (fills).</param>
/// <param name="Rebate">Rebate credited on this leg (fills).</param>
/// <param name="Liquidity">Maker or taker (fills).</param>
/// <param name="MatchKind">Normal, MINT or MERGE (fills).</param>
/// <param name="TradeId">Trade sequence shared by the two legs of a fill.</param>
/// <param name="CounterOrderId">The other order of the fill.</param>
/// <param name="Reason">Typed reason (rejects, self-trade cancels).</param>
/// <param name="Code">Venue code: HTTP status for Polymarket-flavoured rejects, retCode for Bybit-flavoured ones.</param>
/// <param name="Text">The venue's own words for rejects (static strings except the batch-size message).</param>
/// <param name="TimestampTicks">UTC ticks from the engine's <see cref="TimeProvider"/>.</param>
/// <param name="FeeShares">Shares withheld from a BUY leg as its fee (fills; Polymarket taker BUYs): the owner received
/// <paramref name="Size"/> − this; <paramref name="Fee"/> is then their value, not cash.</param>
public readonly record struct MatchEvent(
    MatchEventKind Kind,
    long OrderId,
    ClientOrderId ClientOrderId,
    int Account,
    int Instrument,
    Side Side,
    Price Price,
    Quantity Size,
    Quantity Leaves,
    Money Fee,
    Money Rebate,
    Liquidity Liquidity,
    MatchKind MatchKind,
    long TradeId,
    long CounterOrderId,
    RejectReason Reason,
    int Code,
    string? Text,
    long TimestampTicks,
    Quantity FeeShares = default);
