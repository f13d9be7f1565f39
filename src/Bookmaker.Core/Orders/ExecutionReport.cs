using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Orders;

/// <summary>What a venue said about one of our orders.</summary>
public enum ExecutionReportKind : byte
{
    /// <summary>The venue acknowledged the order (it rests, or is about to fill).</summary>
    Accepted,

    /// <summary>The venue refused the order; <see cref="ExecutionReport.Reason"/> carries the typed reason.</summary>
    Rejected,

    /// <summary>A (partial) fill; <see cref="ExecutionReport.Fill"/> is set.</summary>
    Filled,

    /// <summary>The order is cancelled (by us, by the venue, or the unfilled rest of an FAK).</summary>
    Cancelled,

    /// <summary>A GTD order expired.</summary>
    Expired,

    /// <summary>A cancel request was refused (e.g. already filled, unknown).</summary>
    CancelRejected,

    /// <summary>The venue does not know the order (a query or cancel found nothing).</summary>
    NotFound,

    /// <summary>A fill previously reported was reversed (Polymarket trade FAILED on chain).</summary>
    FillReversed,

    /// <summary>
    /// The trade of a fill reported before moved on its settlement ladder (MINED, RETRYING, CONFIRMED);
    /// <see cref="ExecutionReport.Fill"/> names the fill and <see cref="ExecutionReport.Settlement"/> the new state.
    /// </summary>
    SettlementChanged,

    /// <summary>The venue acknowledged our amend of a resting order: the amended terms are in force.</summary>
    Amended,

    /// <summary>The venue refused our amend (<see cref="ExecutionReport.Reason"/>): the order keeps its old terms.</summary>
    AmendRejected,
}

/// <summary>Typed reasons for rejections, mapped from venue error strings by each adapter.</summary>
public enum RejectReason : byte
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Price off the tick.</summary>
    InvalidTick,

    /// <summary>Size below the minimum or off the step.</summary>
    InvalidSize,

    /// <summary>Price outside the venue's bounds.</summary>
    InvalidPrice,

    /// <summary>Not enough balance or allowance.</summary>
    InsufficientBalance,

    /// <summary>Same order placed twice.</summary>
    Duplicate,

    /// <summary>A post-only order would have crossed.</summary>
    PostOnlyWouldCross,

    /// <summary>FOK could not fill completely; FAK found nothing to match.</summary>
    NotFilled,

    /// <summary>The venue accepts cancels only.</summary>
    CancelOnly,

    /// <summary>The venue accepts post-only orders only.</summary>
    PostOnlyMode,

    /// <summary>Matching engine restarting (HTTP 425).</summary>
    VenueRestarting,

    /// <summary>Rate limited (HTTP 429).</summary>
    RateLimited,

    /// <summary>Too many orders in one batch.</summary>
    BatchTooLarge,

    /// <summary>Would trade against our own resting order.</summary>
    SelfTrade,

    /// <summary>Market closed, unknown or not ready.</summary>
    MarketUnavailable,

    /// <summary>Authentication or signature refused.</summary>
    Unauthorized,

    /// <summary>The request timed out; the order's fate is unknown until reconciled.</summary>
    Timeout,

    /// <summary>Venue-side error (HTTP 5xx).</summary>
    VenueError,

    /// <summary>Anything else; see the text.</summary>
    Other,
}

/// <summary>
/// One report from a venue adapter about one order. Reports flow into the engine's order-event channel and are applied
/// on the event loop only, in arrival order.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="OrderId">Our client order id (adapters map venue ids back to ours).</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="VenueOrderId">The venue's id (Polymarket order hash, Bybit orderId), when known.</param>
/// <param name="Reason">Typed reason for rejections.</param>
/// <param name="Text">The venue's own words (error string), for logs.</param>
/// <param name="Fill">The fill, for <see cref="ExecutionReportKind.Filled"/> and <see cref="ExecutionReportKind.FillReversed"/>.</param>
/// <param name="LeavesSize">Open size remaining after this report, when the venue says.</param>
/// <param name="Timestamp">When the venue produced it, on the engine clock.</param>
/// <param name="RetryAfter">For rate-limit and restart rejects, how long the venue asked us to wait.</param>
/// <param name="Settlement">
/// For <see cref="ExecutionReportKind.Filled"/> and <see cref="ExecutionReportKind.SettlementChanged"/>: where the
/// fill's trade stands. Venues that settle at the match leave the default, <see cref="SettlementState.Confirmed"/>.
/// </param>
public sealed record ExecutionReport(
    ExecutionReportKind Kind,
    ClientOrderId OrderId,
    InstrumentId Instrument,
    string? VenueOrderId,
    RejectReason Reason,
    string? Text,
    Fill? Fill,
    Quantity? LeavesSize,
    DateTimeOffset Timestamp,
    TimeSpan? RetryAfter = null,
    SettlementState Settlement = SettlementState.Confirmed);
