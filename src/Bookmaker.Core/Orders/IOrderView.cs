using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Orders;

/// <summary>
/// One order as a strategy sees it: what was asked for, where it stands, what filled and when — and nothing that moves
/// it. Only the order manager applies venue events (<see cref="Order"/>'s <c>Apply*</c> methods); a strategy changes an
/// order only by an intent (submit, cancel) through its context. <see cref="Order"/> implements this view itself, so
/// handing it out copies nothing.
/// </summary>
public interface IOrderView
{
    /// <summary>The terms in force (an immutable record): what was asked for, or the latest acknowledged amend.</summary>
    OrderRequest Request { get; }

    /// <summary>The terms of an amend in flight (null when none).</summary>
    OrderRequest? PendingAmend { get; }

    /// <summary>Where the latest amend stands.</summary>
    AmendState AmendState { get; }

    /// <summary>Our client order id.</summary>
    ClientOrderId Id { get; }

    /// <summary>The instrument.</summary>
    InstrumentId Instrument { get; }

    /// <summary>Our side.</summary>
    Side Side { get; }

    /// <summary>Current lifecycle status.</summary>
    OrderStatus Status { get; }

    /// <summary>The venue's id once known (from the ack or any later report).</summary>
    string? VenueOrderId { get; }

    /// <summary>True once the venue acknowledged the order.</summary>
    bool IsAcknowledged { get; }

    /// <summary>True once the venue acknowledged or filled the order (either proves it reached the venue).</summary>
    bool ReachedVenue { get; }

    /// <summary>True for a market BUY sized in quote currency: its share size is unknown in advance.</summary>
    bool IsQuoteSized { get; }

    /// <summary>Size filled so far (net of reversed fills).</summary>
    Quantity FilledSize { get; }

    /// <summary>Σ price × size of the fills applied so far; with <see cref="FilledSize"/> the exact average price.</summary>
    Money FilledNotional { get; }

    /// <summary>Size still able to trade: order size − filled while live, zero once final (or when quote-sized).</summary>
    Quantity LeavesSize { get; }

    /// <summary>Fees charged so far (≥ 0), kept apart from rebates.</summary>
    Money FeesPaid { get; }

    /// <summary>Rebates earned so far (≥ 0), kept apart from fees.</summary>
    Money RebatesEarned { get; }

    /// <summary>The venue's reason when the order was rejected.</summary>
    RejectReason RejectReason { get; }

    /// <summary>How many times the venue answered that it does not know this order.</summary>
    int NotFoundCount { get; }

    /// <summary>How many fills arrived after a cancel request or a final state.</summary>
    int LateFillCount { get; }

    /// <summary>When the order was created locally.</summary>
    DateTimeOffset CreatedAt { get; }

    /// <summary>When the ack was applied.</summary>
    DateTimeOffset? AcknowledgedAt { get; }

    /// <summary>When the (latest) cancel was requested.</summary>
    DateTimeOffset? CancelRequestedAt { get; }

    /// <summary>When the last fill was applied.</summary>
    DateTimeOffset? LastFillAt { get; }

    /// <summary>When the order reached a final status.</summary>
    DateTimeOffset? ClosedAt { get; }

    /// <summary>When any event last changed the order.</summary>
    DateTimeOffset UpdatedAt { get; }

    /// <summary>The fills applied (reversed fills removed), in arrival order; fills are immutable records.</summary>
    IReadOnlyList<Fill> Fills { get; }

    /// <summary>FilledNotional / FilledSize rounded to the nearest raw unit; null while nothing is filled. For display.</summary>
    Price? AverageFillPrice { get; }
}
