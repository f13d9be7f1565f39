namespace Bookmaker.Core.Orders;

/// <summary>What became of one event applied to an <see cref="Order"/>.</summary>
public enum OrderTransitionOutcome : byte
{
    /// <summary>The event changed the order (its status, fills, venue id or counters).</summary>
    Applied = 0,

    /// <summary>The event was harmless and already reflected (a duplicate fill, a second ack, a repeated cancel).</summary>
    Ignored = 1,

    /// <summary>The event contradicts what we know; nothing was changed and the caller must reconcile.</summary>
    Illegal = 2,
}

/// <summary>Why an event was ignored or refused (or a note on an applied one).</summary>
public enum OrderTransitionReason : byte
{
    /// <summary>No remark.</summary>
    None = 0,

    /// <summary>The same trade id was already applied to this order.</summary>
    DuplicateFill,

    /// <summary>The trade id was reversed earlier; a late copy of the original fill is not applied again.</summary>
    FillAlreadyReversed,

    /// <summary>The reversal names a trade this order never applied.</summary>
    UnknownTrade,

    /// <summary>The order was already acknowledged.</summary>
    DuplicateAck,

    /// <summary>The event repeats the order's current status (a second cancel request, a second cancel confirmation…).</summary>
    AlreadyInState,

    /// <summary>The fill would take the filled size above the order size.</summary>
    Overfill,

    /// <summary>The fill names another order, instrument or side, or has a non-positive size or negative fee/rebate.</summary>
    FillMismatch,

    /// <summary>The report names another order or instrument.</summary>
    WrongOrder,

    /// <summary>The order is in a final state and the event would change that.</summary>
    OrderIsFinal,

    /// <summary>A rejection arrived for an order the venue already acknowledged or filled.</summary>
    RejectAfterAck,

    /// <summary>A fill arrived for an order the venue rejected.</summary>
    FillAfterReject,

    /// <summary>A cancel reject arrived while no cancel was pending.</summary>
    NoCancelPending,

    /// <summary>Expiry reported for an order that is not GTD.</summary>
    NotGtd,

    /// <summary>Applied, and the fill came after we asked to cancel or after the order was final (the venue matched first).</summary>
    LateFill,

    /// <summary>Applied to a status that cannot change: the status stays and only counters moved.</summary>
    StatusUnchanged,

    /// <summary>The order cannot be amended now (not resting and acknowledged, a cancel or amend in flight, or terms that change nothing).</summary>
    NotAmendable,

    /// <summary>Applied: an amend was requested; the order keeps its old terms until the venue answers.</summary>
    AmendPending,

    /// <summary>Applied: the venue acknowledged the amend and the new terms are in force.</summary>
    Amended,

    /// <summary>Applied: the venue refused the amend and the order keeps its old terms.</summary>
    AmendRejected,

    /// <summary>An amend answer arrived while no amend was pending.</summary>
    NoAmendPending,
}

/// <summary>
/// The result of applying one event to an <see cref="Order"/>. Illegal events are returned, never thrown: the event
/// loop must keep running and log, count and reconcile instead.
/// </summary>
/// <param name="Outcome">Applied, ignored or illegal.</param>
/// <param name="From">Status before the event.</param>
/// <param name="To">Status after the event (equal to <paramref name="From"/> unless applied with a status change).</param>
/// <param name="Reason">Why it was ignored or refused, or a note such as <see cref="OrderTransitionReason.LateFill"/>.</param>
public readonly record struct OrderTransitionResult(
    OrderTransitionOutcome Outcome,
    OrderStatus From,
    OrderStatus To,
    OrderTransitionReason Reason)
{
    /// <summary>True when the event changed the order.</summary>
    public bool IsApplied => Outcome == OrderTransitionOutcome.Applied;

    /// <summary>True when the event was a harmless repeat.</summary>
    public bool IsIgnored => Outcome == OrderTransitionOutcome.Ignored;

    /// <summary>True when the event contradicts the order's state.</summary>
    public bool IsIllegal => Outcome == OrderTransitionOutcome.Illegal;

    /// <summary>True for an applied fill that arrived after a cancel request or a final state.</summary>
    public bool IsLateFill => Outcome == OrderTransitionOutcome.Applied && Reason == OrderTransitionReason.LateFill;

    /// <summary>True when the status changed.</summary>
    public bool StatusChanged => From != To;

    /// <summary>An applied event.</summary>
    public static OrderTransitionResult Applied(OrderStatus from, OrderStatus to, OrderTransitionReason note = OrderTransitionReason.None) =>
        new(OrderTransitionOutcome.Applied, from, to, note);

    /// <summary>An ignored event.</summary>
    public static OrderTransitionResult Ignored(OrderStatus at, OrderTransitionReason reason) =>
        new(OrderTransitionOutcome.Ignored, at, at, reason);

    /// <summary>An illegal event.</summary>
    public static OrderTransitionResult Illegal(OrderStatus at, OrderTransitionReason reason) =>
        new(OrderTransitionOutcome.Illegal, at, at, reason);

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        OrderTransitionOutcome.Applied => Reason == OrderTransitionReason.None ? $"Applied({From}->{To})" : $"Applied({From}->{To}, {Reason})",
        OrderTransitionOutcome.Ignored => $"Ignored({Reason}) at {From}",
        _ => $"Illegal({Reason}) at {From}",
    };
}
