using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Amends of resting orders, out and back. Out: the order must be amendable (acknowledged, resting, no cancel or amend in
/// flight), the risk gate judges the amended order (<see cref="RiskGate.CheckAmend"/>: HALTED denies, REDUCING lets
/// through only what adds no risk), the amended terms lock their commitment on top of the old ones, the amend is
/// journaled (<see cref="JournalKind.AmendRequested"/>) and only then sent. A venue that cannot amend
/// (<c>SupportsAmend</c> false) gets a cancel and a new order instead, each through its usual road. Back: the venue's
/// answer releases the terms that no longer hold — the old ones on an ack, the amended ones on a refusal — and is
/// journaled (<see cref="JournalKind.OrderAmended"/> with the terms in force, or <see cref="JournalKind.AmendRejected"/>).
/// </summary>
/// <remarks>Runs on the event loop only; called by <see cref="OrderManager"/> (out) and <see cref="ExecutionReports"/> (back).</remarks>
internal sealed class OrderAmends(
    OrderManager owner,
    InstrumentRegistry instruments,
    RiskGate gate,
    LiveOrders live,
    SubmissionRouter router,
    IJournal journal,
    JournalPayload payload,
    TimeProvider time,
    OrderManagerStats stats)
{
    /// <summary>Amends <paramref name="id"/> to a new price and/or total size (null keeps the current one).</summary>
    public AmendOutcome Amend(ClientOrderId id, Price? price, Quantity? size)
    {
        if (!live.TryGet(id, out var order)) return AmendOutcome.NotAmendable(id);
        var newPrice = price ?? order.Request.Price;
        var newSize = size ?? order.Request.Size;
        if (!order.CanAmend(newPrice, newSize)) return AmendOutcome.NotAmendable(id);
        var amended = order.Request with { Price = newPrice, Size = newSize };
        var client = router.ClientFor(order.Instrument);
        if (!client.SupportsAmend) return Replace(order, amended);
        if (journal is Faults.FailClosedJournal { Fault: not null }) return AmendOutcome.Refused(id, RiskDecision.Deny(DenyReason.Halted));

        var decision = gate.CheckAmend(order, amended);
        if (!decision.IsAllowed)
        {
            stats.CountDenied(decision.Code);
            journal.Append(new JournalEntry(time.GetUtcNow().UtcTicks, JournalKind.RiskDenied, id.Value, order.Instrument.ToString(),
                payload.Text(decision.Code, ("leg", "-1"), ("tag", amended.Tag ?? ""), ("action", "amend"))));
            owner.AnnounceDenied(amended, decision);
            return AmendOutcome.Refused(id, decision);
        }

        var now = time.GetUtcNow();
        var instrument = instruments.Get(order.Instrument);
        var result = order.RequestAmend(newPrice, newSize, now);
        stats.AmendsSent++;
        gate.OnAmendSent(amended, instrument, newSize - order.FilledSize);
        journal.Append(new JournalEntry(now.UtcTicks, JournalKind.AmendRequested, id.Value, order.Instrument.ToString(), payload.Intent(amended)));
        owner.UpdateOwnQuotes(instrument);
        owner.Changed(order, result);
        client.Amend(id, order.Instrument, order.VenueOrderId, newPrice, newSize);
        return new AmendOutcome(id, decision, default);
    }

    /// <summary>
    /// The venue cannot amend: the order is cancelled (always allowed) and its amended rest — the new size less what
    /// filled — goes out as a new order through the gate. A denied replacement leaves the old order cancelled: the
    /// direction of less risk, as a strategy's own cancel and replace would.
    /// </summary>
    private AmendOutcome Replace(Order order, OrderRequest amended)
    {
        var replacement = amended with { Id = owner.NextId(), Size = amended.Size - order.FilledSize };
        router.Cancel(order.Id);
        stats.AmendsReplaced++;
        var submitted = router.Submit(replacement);
        return new AmendOutcome(order.Id, submitted.Decision, submitted.Id);
    }

    /// <summary>
    /// Before a report is applied to <paramref name="order"/>: what the amend path needs to know afterwards (the terms
    /// in force, the amend in flight, what had filled).
    /// </summary>
    public static AmendSnapshot Before(Order order) => new(order.Request, order.PendingAmend, order.FilledSize);

    /// <summary>
    /// A fill arrived while an amend was in flight: the venue traded on one of the two terms, so both commitments shrink
    /// by it (never below nothing). Returns false when no amend was in flight (the usual release applies).
    /// </summary>
    public bool OnFill(in AmendSnapshot before, Instrument instrument, Fill fill)
    {
        if (before.Pending is not { } pending) return false;
        gate.OnCommitmentReleased(before.Terms, instrument, Quantity.Min(fill.Size, Remaining(before.Terms, before.Filled)));
        gate.OnCommitmentReleased(pending, instrument, Quantity.Min(fill.Size, Remaining(pending, before.Filled)));
        return true;
    }

    /// <summary>The venue acknowledged the amend: the old terms' commitment goes, and the amend is journaled with the terms in force.</summary>
    public void OnAmended(Order order, in AmendSnapshot before, Instrument instrument, ExecutionReport report)
    {
        stats.AmendsAcknowledged++;
        gate.OnCommitmentReleased(before.Terms, instrument, Remaining(before.Terms, order.FilledSize));
        journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.OrderAmended, order.Id.Value, order.Instrument.ToString(), payload.Intent(order.Request)));
        owner.UpdateOwnQuotes(instrument);
    }

    /// <summary>The venue refused the amend: the amended terms' commitment goes; the order keeps its old terms.</summary>
    public void OnAmendRejected(Order order, in AmendSnapshot before, Instrument instrument, ExecutionReport report)
    {
        stats.AmendsRejected++;
        if (before.Pending is { } pending) gate.OnCommitmentReleased(pending, instrument, Remaining(pending, order.FilledSize));
        journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.AmendRejected, order.Id.Value, order.Instrument.ToString(),
            payload.Text("AmendRejected", ("reason", report.Reason == RejectReason.None ? "" : report.Reason.ToString()), ("venue_text", report.Text ?? ""))));
        owner.UpdateOwnQuotes(instrument);
    }

    /// <summary>An order closed with an amend still in flight: the amended terms' commitment goes too.</summary>
    public void OnClosed(Order order, Instrument instrument)
    {
        if (order.PendingAmend is { } pending) gate.OnCommitmentReleased(pending, instrument, Remaining(pending, order.FilledSize));
    }

    private static Quantity Remaining(OrderRequest terms, Quantity filled) => terms.Size > filled ? terms.Size - filled : Quantity.Zero;
}

/// <summary>An order's amend-relevant facts before a report is applied to it.</summary>
/// <param name="Terms">The terms in force.</param>
/// <param name="Pending">The amend in flight, if any.</param>
/// <param name="Filled">What had filled.</param>
internal readonly record struct AmendSnapshot(OrderRequest Terms, OrderRequest? Pending, Quantity Filled);

/// <summary>What became of an amend intent.</summary>
/// <param name="Id">The order amended.</param>
/// <param name="Decision">The gate's decision (allowed when the amend or its replacement was sent).</param>
/// <param name="ReplacementId">
/// On a venue that cannot amend, the id of the new order that replaces it (the old one is cancelled); empty otherwise.
/// </param>
/// <param name="Amendable">False when the order could not be amended at all (unknown, not resting, a cancel or amend in flight, nothing changes).</param>
public readonly record struct AmendOutcome(ClientOrderId Id, RiskDecision Decision, ClientOrderId ReplacementId, bool Amendable = true)
{
    /// <summary>True when the amend (or, on a venue without amend, its replacement) was sent.</summary>
    public bool Sent => Amendable && Decision.IsAllowed;

    /// <summary>True when the order was cancelled and replaced by a new one (the venue cannot amend).</summary>
    public bool Replaced => !ReplacementId.IsEmpty;

    internal static AmendOutcome NotAmendable(ClientOrderId id) => new(id, RiskDecision.Allow, default, Amendable: false);

    internal static AmendOutcome Refused(ClientOrderId id, RiskDecision decision) => new(id, decision, default);
}
