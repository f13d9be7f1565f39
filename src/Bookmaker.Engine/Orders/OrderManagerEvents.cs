using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Orders;

/// <summary>What happened to an intent handed to the order manager.</summary>
/// <param name="Id">The client order id given to it (also for denied intents, so they can be journaled).</param>
/// <param name="Decision">The risk gate's decision.</param>
public readonly record struct SubmitOutcome(ClientOrderId Id, RiskDecision Decision)
{
    /// <summary>True when the order was sent.</summary>
    public bool Sent => Decision.IsAllowed;
}

/// <summary>Kinds of differences reconciliation finds; each is repaired and journaled.</summary>
public enum ReconciliationIssue : byte
{
    /// <summary>The venue has an open order we do not know: cancelled on the venue.</summary>
    UnknownVenueOrder,

    /// <summary>A pending order turns out to be live: acknowledged locally.</summary>
    PendingFoundLive,

    /// <summary>A local live order is not on the venue: closed locally (cancelled, or rejected if it never arrived).</summary>
    LocalOrderMissing,

    /// <summary>A fill we had not seen: applied.</summary>
    MissedFill,

    /// <summary>A fill for an order we do not know: applied to the portfolio anyway (when it passes the fill checks).</summary>
    FillForUnknownOrder,

    /// <summary>An order we consider closed is open on the venue: cancelled again.</summary>
    ClosedOrderStillOpen,

    /// <summary>Cash differs from the venue's: adopted the venue's.</summary>
    CashMismatch,

    /// <summary>A position differs from the venue's: adopted the venue's.</summary>
    PositionMismatch,

    /// <summary>The venue's snapshot was incomplete: nothing repaired.</summary>
    IncompleteSnapshot,

    /// <summary>The venue repeatedly did not know a live order: given up as failed.</summary>
    NotFoundThreshold,

    /// <summary>
    /// A fill that cannot be real (unknown instrument, price outside the instrument's bounds, size ≤ 0, negative fee or
    /// rebate): not applied; alerted (<c>invalid_fill</c>) so an operator compares with the venue.
    /// </summary>
    InvalidFill,

    /// <summary>
    /// A local position the venue no longer reports (venues leave zero balances out): flattened locally, with a WARNING
    /// (<c>position_gone</c>).
    /// </summary>
    PositionGone,

    /// <summary>A trade the venue reports FAILED: the fill it made was reversed (a WARNING, <c>fill_reversed</c>).</summary>
    FailedTrade,

    /// <summary>
    /// Venue trades older than the journal's trade cursor for orders this engine does not know (account history, or an
    /// earlier run's): not fills of this run; the positions they made are adopted from the venue's balances instead.
    /// </summary>
    HistoryTrades,
}

/// <summary>One reconciliation finding.</summary>
/// <param name="Issue">What.</param>
/// <param name="OrderId">Order concerned, if any.</param>
/// <param name="Detail">Human-readable detail.</param>
public sealed record ReconciliationFinding(ReconciliationIssue Issue, ClientOrderId OrderId, string Detail);

/// <summary>Counters for summaries and dashboards.</summary>
public sealed class OrderManagerStats
{
    private readonly Dictionary<string, int> _denied = new(StringComparer.Ordinal);

    /// <summary>Orders sent to a venue.</summary>
    public int Submitted { get; internal set; }

    /// <summary>Orders that reached Cancelled.</summary>
    public int Cancelled { get; internal set; }

    /// <summary>Orders the venue rejected.</summary>
    public int Rejected { get; internal set; }

    /// <summary>Orders that expired.</summary>
    public int Expired { get; internal set; }

    /// <summary>Fills applied.</summary>
    public int Fills { get; internal set; }

    /// <summary>Amends sent to a venue (allowed by the gate).</summary>
    public int AmendsSent { get; internal set; }

    /// <summary>Amends the venue acknowledged.</summary>
    public int AmendsAcknowledged { get; internal set; }

    /// <summary>Amends the venue refused (the order kept its old terms).</summary>
    public int AmendsRejected { get; internal set; }

    /// <summary>Amends on a venue that cannot amend, done as a cancel and a new order.</summary>
    public int AmendsReplaced { get; internal set; }

    /// <summary>Fills reversed because their trade FAILED (from the user channel or reconciliation, before or after a restart).</summary>
    public int ReversedFills { get; internal set; }

    /// <summary>Late fills (after a cancel request or a final state) applied.</summary>
    public int LateFills { get; internal set; }

    /// <summary>
    /// Fills refused as impossible (unknown instrument, price outside the instrument's bounds, size ≤ 0, negative fee
    /// or rebate), for known and unknown orders alike: journaled as a reconciliation finding and alerted, never applied.
    /// </summary>
    public int RefusedFills { get; internal set; }

    /// <summary>Illegal transitions reported by the order state machine (events, never crashes).</summary>
    public int IllegalTransitions { get; internal set; }

    /// <summary>Reconciliation findings.</summary>
    public int ReconciliationFindings { get; internal set; }

    /// <summary>Orders the venue accepted while the gate was HALTED (must stay 0: the invariant the fault campaign checks).</summary>
    public int AcceptedWhileHalted { get; internal set; }

    /// <summary>Orders submitted while the gate was HALTED (must stay 0).</summary>
    public int SubmittedWhileHalted { get; internal set; }

    /// <summary>Denials by reason code.</summary>
    public IReadOnlyDictionary<string, int> DeniedByReason => _denied;

    /// <summary>Total denials.</summary>
    public int Denied { get; private set; }

    internal void CountDenied(string code)
    {
        Denied++;
        _denied[code] = _denied.TryGetValue(code, out int n) ? n + 1 : 1;
    }
}
