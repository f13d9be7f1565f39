using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Orders;

/// <summary>
/// The live state of one order, built from its <see cref="OrderRequest"/> and moved only by events applied on the event
/// loop. Every event is validated against <see cref="OrderStateMachine"/> and the order's own facts; a contradictory
/// event is returned as <see cref="OrderTransitionOutcome.Illegal"/> and changes nothing — nothing here throws on venue
/// input, because a surprising venue message must lead to reconciliation, not a crashed loop.
/// </summary>
/// <remarks>
/// <para>Fills before the ack are applied at once (not buffered): a fill proves the order reached the venue, and money
/// already moved. The late ack then only records the venue id and never regresses the status.</para>
/// <para>Fills after a cancel request, or after Cancelled/Expired, are applied and reported as late
/// (<see cref="OrderTransitionReason.LateFill"/>): the venue matched before it processed the cancel. A fill can never take
/// the filled size above the order size. The same trade id is applied once.</para>
/// <para>Exact average price: the order keeps filled notional (<see cref="Money"/>) and filled size
/// (<see cref="Quantity"/>); <see cref="AverageFillPrice"/> is only their rounded ratio, for display.</para>
/// <para>Not thread-safe: the event loop owns it.</para>
/// </remarks>
public sealed class Order : IOrderView
{
    private List<Fill>? _fills;
    private List<string>? _reversedTradeIds;

    /// <summary>Starts tracking <paramref name="request"/> in <see cref="OrderStatus.PendingNew"/>.</summary>
    public Order(OrderRequest request, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>
    /// The terms in force: what was asked for, or — once the venue acknowledged an amend — the amended terms (same id,
    /// new price and/or size). Each version is an immutable record; only an amend ack replaces it.
    /// </summary>
    public OrderRequest Request { get; private set; }

    /// <summary>
    /// The terms of an amend sent and not yet answered (null when none): the order still trades on its old terms as far as
    /// we know, but a fill may already come from the new ones (see <see cref="AmendState"/>).
    /// </summary>
    public OrderRequest? PendingAmend { get; private set; }

    /// <summary>Where the latest amend stands (none, pending, amended, rejected).</summary>
    public AmendState AmendState { get; private set; }

    /// <summary>How many amends the venue acknowledged.</summary>
    public int AmendCount { get; private set; }

    /// <summary>Our client order id.</summary>
    public ClientOrderId Id => Request.Id;

    /// <summary>The instrument.</summary>
    public InstrumentId Instrument => Request.Instrument;

    /// <summary>Our side.</summary>
    public Side Side => Request.Side;

    /// <summary>Current lifecycle status.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>The venue's id once known (from the ack or any later report).</summary>
    public string? VenueOrderId { get; private set; }

    /// <summary>True once the venue acknowledged the order.</summary>
    public bool IsAcknowledged { get; private set; }

    /// <summary>True once the venue acknowledged or filled the order (either proves it reached the venue).</summary>
    public bool ReachedVenue => IsAcknowledged || _fills is { Count: > 0 };

    /// <summary>
    /// True for a market BUY sized in quote currency (Polymarket): its share size is unknown in advance, so completion
    /// is decided by the venue (leaves 0 or a cancel of the rest) and overfill is checked against the quote amount.
    /// </summary>
    public bool IsQuoteSized => Request.Type == OrderType.Market && Request.Side == Side.Buy && Request.QuoteAmount.Raw > 0 && Request.Size.Raw == 0;

    /// <summary>Size filled so far (net of reversed fills).</summary>
    public Quantity FilledSize { get; private set; }

    /// <summary>Σ price × size of the fills applied so far; with <see cref="FilledSize"/> the exact average price.</summary>
    public Money FilledNotional { get; private set; }

    /// <summary>Size still able to trade: order size − filled while live, zero once final (or when quote-sized).</summary>
    public Quantity LeavesSize => Status.IsFinal() || IsQuoteSized ? Quantity.Zero : Request.Size - FilledSize;

    /// <summary>Fees charged so far (≥ 0), kept apart from rebates.</summary>
    public Money FeesPaid { get; private set; }

    /// <summary>Rebates earned so far (≥ 0), kept apart from fees.</summary>
    public Money RebatesEarned { get; private set; }

    /// <summary>The venue's reason when the order was rejected.</summary>
    public RejectReason RejectReason { get; private set; }

    /// <summary>How many times the venue answered that it does not know this order.</summary>
    public int NotFoundCount { get; private set; }

    /// <summary>How many fills arrived after a cancel request or a final state.</summary>
    public int LateFillCount { get; private set; }

    /// <summary>When the order was created locally.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the ack was applied.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>When the (latest) cancel was requested.</summary>
    public DateTimeOffset? CancelRequestedAt { get; private set; }

    /// <summary>When the last fill was applied.</summary>
    public DateTimeOffset? LastFillAt { get; private set; }

    /// <summary>When the order reached a final status.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When any event last changed the order.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The fills applied (reversed fills removed), in arrival order.</summary>
    public IReadOnlyList<Fill> Fills => (IReadOnlyList<Fill>?)_fills ?? [];

    /// <summary>FilledNotional / FilledSize rounded to the nearest raw unit (ties to even); null while nothing is filled. For display and reports.</summary>
    public Price? AverageFillPrice => FilledSize.Raw == 0
        ? null
        : new Price(DivideRounded(FilledNotional.Raw, FilledSize.Raw));

    /// <summary>Applies any venue report by kind.</summary>
    public OrderTransitionResult Apply(ExecutionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.OrderId != Request.Id || report.Instrument != Request.Instrument)
            return OrderTransitionResult.Illegal(Status, OrderTransitionReason.WrongOrder);
        var result = report.Kind switch
        {
            ExecutionReportKind.Accepted => ApplyAccepted(report.VenueOrderId, report.Timestamp),
            ExecutionReportKind.Rejected => ApplyRejected(report.Reason, report.Timestamp),
            ExecutionReportKind.Filled => report.Fill is null
                ? OrderTransitionResult.Illegal(Status, OrderTransitionReason.FillMismatch)
                : ApplyFill(report.Fill, report.LeavesSize),
            ExecutionReportKind.Cancelled => ApplyCancelled(report.Timestamp),
            ExecutionReportKind.Expired => ApplyExpired(report.Timestamp),
            ExecutionReportKind.CancelRejected => ApplyCancelRejected(report.Timestamp),
            ExecutionReportKind.NotFound => ApplyNotFound(report.Timestamp),
            ExecutionReportKind.Amended => ApplyAmended(report.Timestamp),
            ExecutionReportKind.AmendRejected => ApplyAmendRejected(report.Timestamp),
            ExecutionReportKind.FillReversed => report.Fill is null
                ? OrderTransitionResult.Illegal(Status, OrderTransitionReason.FillMismatch)
                : ApplyFillReversed(report.Fill.TradeId, report.Timestamp),
            _ => OrderTransitionResult.Illegal(Status, OrderTransitionReason.None),
        };
        if (!result.IsIllegal && VenueOrderId is null && report.VenueOrderId is not null) VenueOrderId = report.VenueOrderId;
        return result;
    }

    /// <summary>
    /// The venue acknowledged the order. PendingNew → Open; in any other live or filled state the ack only records the
    /// venue id (a late ack never regresses the status). A second ack is ignored; an ack after a reject is illegal.
    /// </summary>
    public OrderTransitionResult ApplyAccepted(string? venueOrderId, DateTimeOffset at)
    {
        if (Status == OrderStatus.Rejected) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.OrderIsFinal);
        if (IsAcknowledged) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.DuplicateAck);
        IsAcknowledged = true;
        AcknowledgedAt = at;
        if (venueOrderId is not null) VenueOrderId = venueOrderId;
        return Status == OrderStatus.PendingNew
            ? Move(OrderStatus.Open, at)
            : Unchanged(at, OrderTransitionReason.StatusUnchanged);
    }

    /// <summary>
    /// Applies a fill. Late fills (after a cancel request or a final Cancelled/Expired) are applied and flagged; a fill
    /// that would overfill, that names another order/instrument/side, or that arrives for a rejected order is illegal;
    /// a repeated trade id is ignored. For FOK/FAK, a venue-reported leaves size of zero kills the unfilled rest
    /// (→ Cancelled); for a quote-sized market BUY it completes the order (→ Filled).
    /// </summary>
    /// <param name="fill">The fill.</param>
    /// <param name="venueLeaves">Open size the venue says remains after this fill, when it says.</param>
    public OrderTransitionResult ApplyFill(Fill fill, Quantity? venueLeaves = null)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var from = Status;
        if (fill.OrderId != Request.Id || fill.Instrument != Request.Instrument || fill.Side != Request.Side
            || fill.Size.Raw <= 0 || fill.Price.Raw < 0 || fill.Fee.Raw < 0 || fill.Rebate.Raw < 0
            || fill.FeeShares.Raw < 0 || fill.FeeShares > fill.Size || (fill.FeeShares.Raw > 0 && fill.Side != Side.Buy))
            return OrderTransitionResult.Illegal(from, OrderTransitionReason.FillMismatch);
        if (HasApplied(fill.TradeId)) return OrderTransitionResult.Ignored(from, OrderTransitionReason.DuplicateFill);
        if (WasReversed(fill.TradeId)) return OrderTransitionResult.Ignored(from, OrderTransitionReason.FillAlreadyReversed);
        if (from == OrderStatus.Rejected) return OrderTransitionResult.Illegal(from, OrderTransitionReason.FillAfterReject);

        Quantity filled = FilledSize + fill.Size;
        Money notional = FilledNotional + fill.Notional;
        // While an amend is in flight the venue may already trade on the new terms: a fill up to the larger size is legal.
        Quantity ceiling = PendingAmend is { } amend && amend.Size > Request.Size ? amend.Size : Request.Size;
        bool overfill = IsQuoteSized ? notional > Request.QuoteAmount : filled > ceiling;
        if (overfill) return OrderTransitionResult.Illegal(from, OrderTransitionReason.Overfill);

        bool late = from is OrderStatus.PendingCancel or OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.Filled;
        bool complete = IsQuoteSized ? venueLeaves is { Raw: 0 }
            : PendingAmend is null ? filled == Request.Size
            // Amend in flight: only the venue's leaves (or the larger size) says the order is done; the amend's answer settles the rest.
            : venueLeaves is { Raw: 0 } || filled == ceiling;
        bool killed = !complete && venueLeaves is { Raw: 0 } && Request.TimeInForce is TimeInForce.Fok or TimeInForce.Fak;
        OrderStatus to = from switch
        {
            // Final states stay final; a late fill only moves the counters.
            OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.Filled => from,
            _ when complete => OrderStatus.Filled,
            _ when killed => OrderStatus.Cancelled,
            OrderStatus.PendingCancel => OrderStatus.PendingCancel,
            _ => OrderStatus.PartiallyFilled,
        };
        if (to != from && !OrderStateMachine.CanTransition(from, to))
            return OrderTransitionResult.Illegal(from, OrderTransitionReason.None);

        (_fills ??= new List<Fill>(2)).Add(fill);
        FilledSize = filled;
        FilledNotional = notional;
        FeesPaid += fill.Fee;
        RebatesEarned += fill.Rebate;
        LastFillAt = fill.Timestamp;
        if (late) LateFillCount++;
        var note = late ? OrderTransitionReason.LateFill : OrderTransitionReason.None;
        return to == from ? Unchanged(fill.Timestamp, note) : Move(to, fill.Timestamp, note);
    }

    /// <summary>
    /// We ask to cancel: any live status → PendingCancel (also before the ack: cancels are always allowed).
    /// A second request while pending is ignored; cancelling a final order is illegal.
    /// </summary>
    public OrderTransitionResult RequestCancel(DateTimeOffset at)
    {
        if (Status.IsFinal()) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.OrderIsFinal);
        if (Status == OrderStatus.PendingCancel) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.AlreadyInState);
        CancelRequestedAt = at;
        return Move(OrderStatus.PendingCancel, at);
    }

    /// <summary>
    /// The venue refused our cancel: PendingCancel returns to PartiallyFilled (something filled), Open (acknowledged) or
    /// PendingNew (nothing heard yet). On a final order (typically "already filled") or with no cancel pending it is ignored.
    /// </summary>
    public OrderTransitionResult ApplyCancelRejected(DateTimeOffset at)
    {
        if (Status.IsFinal()) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.OrderIsFinal);
        if (Status != OrderStatus.PendingCancel) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.NoCancelPending);
        OrderStatus restored = FilledSize.Raw > 0 ? OrderStatus.PartiallyFilled
            : IsAcknowledged ? OrderStatus.Open
            : OrderStatus.PendingNew;
        return Move(restored, at);
    }

    /// <summary>The venue cancelled the order (our cancel, its own, or the killed rest of an FOK/FAK): live → Cancelled.</summary>
    public OrderTransitionResult ApplyCancelled(DateTimeOffset at)
    {
        if (Status == OrderStatus.Cancelled) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.AlreadyInState);
        if (Status.IsFinal()) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.OrderIsFinal);
        return Move(OrderStatus.Cancelled, at);
    }

    /// <summary>
    /// The venue refused the order: allowed only while it has neither acknowledged nor filled it (PendingNew, or
    /// PendingCancel reached from PendingNew).
    /// </summary>
    public OrderTransitionResult ApplyRejected(RejectReason reason, DateTimeOffset at)
    {
        if (Status == OrderStatus.Rejected) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.AlreadyInState);
        if (Status.IsFinal()) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.OrderIsFinal);
        if (ReachedVenue) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.RejectAfterAck);
        RejectReason = reason;
        return Move(OrderStatus.Rejected, at);
    }

    /// <summary>A GTD order expired: live → Expired. Illegal for any other time in force (FOK/FAK never rest; GTC never expires).</summary>
    public OrderTransitionResult ApplyExpired(DateTimeOffset at)
    {
        if (Request.TimeInForce != TimeInForce.Gtd) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.NotGtd);
        if (Status == OrderStatus.Expired) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.AlreadyInState);
        if (Status.IsFinal()) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.OrderIsFinal);
        return Move(OrderStatus.Expired, at);
    }

    /// <summary>
    /// A fill was reversed (Polymarket trade FAILED): its size, notional, fee and rebate are taken back. Filled → Cancelled
    /// (we do not assume the rest went back on the book), PartiallyFilled with nothing left → Open; other statuses stay.
    /// The trade id is remembered so a late copy of the original fill is not applied again; an unknown trade id is
    /// remembered the same way and reported as ignored.
    /// </summary>
    public OrderTransitionResult ApplyFillReversed(string tradeId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tradeId);
        var from = Status;
        if (WasReversed(tradeId)) return OrderTransitionResult.Ignored(from, OrderTransitionReason.FillAlreadyReversed);
        int index = IndexOfFill(tradeId);
        if (index < 0)
        {
            (_reversedTradeIds ??= new List<string>(1)).Add(tradeId);
            return OrderTransitionResult.Ignored(from, OrderTransitionReason.UnknownTrade);
        }

        Fill fill = _fills![index];
        Quantity filled = FilledSize - fill.Size;
        OrderStatus to = from switch
        {
            OrderStatus.Filled => OrderStatus.Cancelled,
            OrderStatus.PartiallyFilled when filled.Raw == 0 => OrderStatus.Open,
            _ => from,
        };
        if (to != from && !OrderStateMachine.CanTransition(from, to))
            return OrderTransitionResult.Illegal(from, OrderTransitionReason.None);

        _fills.RemoveAt(index);
        (_reversedTradeIds ??= new List<string>(1)).Add(tradeId);
        FilledSize = filled;
        FilledNotional -= fill.Notional;
        FeesPaid -= fill.Fee;
        RebatesEarned -= fill.Rebate;
        return to == from ? Unchanged(at, OrderTransitionReason.StatusUnchanged) : Move(to, at);
    }

    /// <summary>
    /// We ask to amend the order to <paramref name="price"/> and <paramref name="size"/> (the new total size, as venues
    /// take it). Only an acknowledged, resting limit order with no cancel or amend in flight may be amended, and the new
    /// size must exceed what has filled; the status stays (the order keeps trading on its old terms until the venue
    /// answers). Anything else is illegal and changes nothing.
    /// </summary>
    public OrderTransitionResult RequestAmend(Price price, Quantity size, DateTimeOffset at)
    {
        if (!CanAmend(price, size)) return OrderTransitionResult.Illegal(Status, OrderTransitionReason.NotAmendable);
        PendingAmend = Request with { Price = price, Size = size };
        AmendState = AmendState.Pending;
        return Unchanged(at, OrderTransitionReason.AmendPending);
    }

    /// <summary>True when <see cref="RequestAmend"/> would accept these terms now.</summary>
    public bool CanAmend(Price price, Quantity size) =>
        Status is OrderStatus.Open or OrderStatus.PartiallyFilled && IsAcknowledged && PendingAmend is null
        && Request.Type == OrderType.Limit && Request.TimeInForce is TimeInForce.Gtc or TimeInForce.Gtd && !IsQuoteSized
        && size > FilledSize && (price != Request.Price || size != Request.Size);

    /// <summary>
    /// The venue acknowledged the amend: the pending terms become <see cref="Request"/>. The status stays, except that an
    /// order whose fills already reach the new size is Filled. Ignored with no amend pending; on a final order (a fill or
    /// cancel overtook the amend) only recorded (terms and amend state), nothing else moves.
    /// </summary>
    public OrderTransitionResult ApplyAmended(DateTimeOffset at)
    {
        if (PendingAmend is not { } amended) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.NoAmendPending);
        if (Status.IsFinal())
        {
            // Recorded for the record only: closing the order released both terms already.
            Request = amended;
            PendingAmend = null;
            AmendState = AmendState.Amended;
            return OrderTransitionResult.Ignored(Status, OrderTransitionReason.OrderIsFinal);
        }

        Request = amended;
        PendingAmend = null;
        AmendState = AmendState.Amended;
        AmendCount++;
        if (FilledSize >= Request.Size) return Move(OrderStatus.Filled, at, OrderTransitionReason.Amended);
        return Unchanged(at, OrderTransitionReason.Amended);
    }

    /// <summary>
    /// The venue refused the amend: the order keeps its old terms. Its fills may meanwhile have reached the old size (the
    /// venue refused because it had filled), which then makes it Filled. Ignored with no amend pending or on a final order
    /// (what closed it already released both terms).
    /// </summary>
    public OrderTransitionResult ApplyAmendRejected(DateTimeOffset at)
    {
        if (PendingAmend is null) return OrderTransitionResult.Ignored(Status, OrderTransitionReason.NoAmendPending);
        PendingAmend = null;
        if (Status.IsFinal())
        {
            AmendState = AmendState.Rejected;
            return OrderTransitionResult.Ignored(Status, OrderTransitionReason.OrderIsFinal);
        }

        AmendState = AmendState.Rejected;
        if (FilledSize >= Request.Size) return Move(OrderStatus.Filled, at, OrderTransitionReason.AmendRejected);
        return Unchanged(at, OrderTransitionReason.AmendRejected);
    }

    /// <summary>The venue said it does not know the order; counted (the order manager decides when to give up on it).</summary>
    public OrderTransitionResult ApplyNotFound(DateTimeOffset at)
    {
        NotFoundCount++;
        return Unchanged(at, OrderTransitionReason.StatusUnchanged);
    }

    private OrderTransitionResult Move(OrderStatus to, DateTimeOffset at, OrderTransitionReason note = OrderTransitionReason.None)
    {
        var from = Status;
        if (!OrderStateMachine.CanTransition(from, to)) return OrderTransitionResult.Illegal(from, OrderTransitionReason.None);
        Status = to;
        UpdatedAt = at;
        if (to.IsFinal()) ClosedAt = at;
        return OrderTransitionResult.Applied(from, to, note);
    }

    private OrderTransitionResult Unchanged(DateTimeOffset at, OrderTransitionReason note)
    {
        UpdatedAt = at;
        return OrderTransitionResult.Applied(Status, Status, note);
    }

    private bool HasApplied(string tradeId) => IndexOfFill(tradeId) >= 0;

    private int IndexOfFill(string tradeId)
    {
        if (_fills is null) return -1;
        for (int i = 0; i < _fills.Count; i++)
            if (string.Equals(_fills[i].TradeId, tradeId, StringComparison.Ordinal)) return i;
        return -1;
    }

    private bool WasReversed(string tradeId)
    {
        if (_reversedTradeIds is null) return false;
        foreach (var id in _reversedTradeIds)
            if (string.Equals(id, tradeId, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>a × Scale / b rounded half to even, in 128 bits.</summary>
    internal static long DivideRounded(long a, long b)
    {
        Int128 n = (Int128)a * FixedPoint.Scale;
        Int128 q = Int128.DivRem(n, b).Quotient;
        Int128 rem = n - q * b;
        if (rem != 0)
        {
            Int128 twice = Int128.Abs(rem) * 2;
            Int128 absB = Int128.Abs(b);
            bool negative = (n < 0) != (b < 0);
            if (twice > absB || (twice == absB && (q & 1) != 0)) q += negative ? -1 : 1;
        }

        return checked((long)q);
    }
}
