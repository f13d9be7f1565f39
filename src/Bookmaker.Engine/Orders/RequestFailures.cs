using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// A venue request that failed as a whole (<see cref="VenueRequestFailed"/>): journaled; a 429 or 425 pauses submits
/// to that venue for its Retry-After (<see cref="RiskGate.PauseSubmitsUntil"/>; a 429 also raises <c>rate_limited</c>);
/// a definite refusal of a submit (429, 425, 503) rejects the orders it names at once;
/// orders in doubt are reconciled soon; a failed cancel during a freeze brings the freeze's next step closer.
/// </summary>
/// <remarks>
/// Runs on the event loop only. It counts nothing: the one submit circuit breaker is Polly's, in the venue adapter,
/// which reports its state as a venue status (<see cref="VenueState.CircuitOpen"/>) that the gate mirrors.
/// </remarks>
internal sealed class RequestFailures
{
    /// <summary>How long submits pause when the venue asked for a pause without saying for how long.</summary>
    public static readonly TimeSpan PauseWithoutRetryAfter = TimeSpan.FromSeconds(5);

    private readonly OrderManager _owner;
    private readonly LiveOrders _live;
    private readonly InstrumentRegistry _instruments;
    private readonly RiskGate _gate;
    private readonly Reconciler _reconciler;
    private readonly FreezeController _freeze;
    private readonly IJournal _journal;
    private readonly JournalPayload _payload;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OrderManagerStats _stats;

    /// <summary>Creates the handler.</summary>
    public RequestFailures(OrderManager owner, LiveOrders live, InstrumentRegistry instruments, RiskGate gate, Reconciler reconciler,
        FreezeController freeze, IJournal journal, JournalPayload payload, AlertCenter alerts, TimeProvider time, OrderManagerStats stats)
    {
        _owner = owner;
        _live = live;
        _instruments = instruments;
        _gate = gate;
        _reconciler = reconciler;
        _freeze = freeze;
        _journal = journal;
        _payload = payload;
        _alerts = alerts;
        _time = time;
        _stats = stats;
    }

    /// <summary>Handles one failed request (see the class summary).</summary>
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        long now = _time.GetUtcNow().UtcTicks;
        _journal.Append(new JournalEntry(now, JournalKind.Note, 0, null, _payload.Text("request_failed",
            ("endpoint", failure.Endpoint.ToString()), ("status", failure.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("reason", failure.Reason.ToString()), ("venue_text", failure.Text ?? ""))));

        if (failure.HttpStatus == 429 || failure.Reason == RejectReason.RateLimited)
        {
            _gate.PauseSubmitsUntil(failure.Venue, _time.GetUtcNow() + (failure.RetryAfter ?? PauseWithoutRetryAfter));
            _alerts.Raise("rate_limited", AlertSeverity.Warning, $"{failure.Venue} answered 429 on {failure.Endpoint}; submits paused, cancels continue", failure.Venue);
        }
        else if (failure.HttpStatus == 425 || failure.Reason == RejectReason.VenueRestarting)
        {
            _gate.PauseSubmitsUntil(failure.Venue, _time.GetUtcNow() + (failure.RetryAfter ?? PauseWithoutRetryAfter));
        }

        // A 429, 425 or 503 on a submit is a definite refusal: nothing was placed, so the orders it names are rejected
        // now (their cash and open-order slots come back) instead of waiting for a reconciliation to prove it.
        if (failure.Endpoint is VenueEndpoint.Submit or VenueEndpoint.SubmitBatch && IsDefiniteRefusal(failure))
            foreach (var id in failure.Orders) RejectRefused(id, failure);

        // Orders named by a failed request are in doubt: they may be live (a timeout) or not (a 5xx).
        if (failure.Orders.Count > 0 || failure.Endpoint is VenueEndpoint.CancelAll or VenueEndpoint.CancelMarket) _reconciler.RequestSoon();
        if (failure.Endpoint is VenueEndpoint.CancelAll or VenueEndpoint.Cancel or VenueEndpoint.CancelMarket) _freeze.RetrySoon();
    }

    private static bool IsDefiniteRefusal(VenueRequestFailed failure) =>
        failure.HttpStatus is 429 or 425 or 503
        || failure.Reason is RejectReason.RateLimited or RejectReason.VenueRestarting or RejectReason.CancelOnly;

    private void RejectRefused(ClientOrderId id, VenueRequestFailed failure)
    {
        if (!_live.TryGet(id, out var order) || order.ReachedVenue) return;
        var now = _time.GetUtcNow();
        var before = order.Status;
        var result = order.ApplyRejected(failure.Reason, now);
        if (!result.IsApplied) return;
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, id.Value, order.Instrument.ToString(),
            _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", failure.Reason.ToString()), ("venue_text", failure.Text ?? ""))));
        _stats.Rejected++;
        _owner.Close(order, _instruments.Get(order.Instrument));
        _owner.Changed(order, result);
    }
}
