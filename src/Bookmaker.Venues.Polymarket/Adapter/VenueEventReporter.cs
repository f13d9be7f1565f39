using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// How the adapter's parts answer the engine: execution reports, failed requests, venue status and account snapshots
/// go to the <see cref="IVenueEventSink"/> given at start, stamped with the engine clock. Before start nothing is sent.
/// </summary>
internal sealed class VenueEventReporter(string venue, TimeProvider time)
{
    /// <summary>The engine's sink (null until the adapter starts).</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <summary>The venue name on every event.</summary>
    public string Venue => venue;

    /// <summary>The engine clock's now.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A report about one of our order requests.</summary>
    public void Report(ExecutionReportKind kind, OrderRequest r, string? venueId, RejectReason reason, string? text, Quantity? leaves = null, TimeSpan? retryAfter = null) =>
        Sink?.OnExecutionReport(new ExecutionReport(kind, r.Id, r.Instrument, venueId, reason, text, null, leaves, Now, retryAfter));

    /// <summary>A report about an order known by id only (cancels).</summary>
    public void Report(ExecutionReportKind kind, ClientOrderId id, InstrumentId instrument, string? venueId, RejectReason reason, string? text) =>
        Sink?.OnExecutionReport(new ExecutionReport(kind, id, instrument, venueId, reason, text, null, null, Now));

    /// <summary>A request whose outcome is unknown or that the venue refused as a whole.</summary>
    public void RequestFailed(VenueEndpoint endpoint, int status, RejectReason reason, string? text, ClientOrderId[] orders, TimeSpan? retryAfter = null) =>
        Sink?.OnRequestFailed(new VenueRequestFailed(venue, endpoint, status, reason, text, orders, Now, retryAfter));

    /// <summary>A change of the venue's state.</summary>
    public void Status(VenueState state, TimeSpan? retryAfter, string? text) =>
        Sink?.OnVenueStatus(new VenueStatusEvent(venue, state, Now, retryAfter, text));

    /// <summary>The submit circuit breaker changed state (<paramref name="breakLength"/>: how long it stays open).</summary>
    public void SubmitCircuit(Polly.CircuitBreaker.CircuitState state, TimeSpan? breakLength)
    {
        switch (state)
        {
            case Polly.CircuitBreaker.CircuitState.Open:
                Status(VenueState.CircuitOpen, breakLength, "submit circuit breaker open after a storm of failed submits (429/5xx/timeouts)");
                break;
            case Polly.CircuitBreaker.CircuitState.HalfOpen:
                Status(VenueState.CircuitHalfOpen, null, "submit circuit breaker half-open: the next submit is its trial");
                break;
            case Polly.CircuitBreaker.CircuitState.Closed:
                Status(VenueState.CircuitClosed, null, "submit circuit breaker closed: a trial submit succeeded");
                break;
        }
    }

    /// <summary>A market (condition id) no longer trades.</summary>
    public void MarketClosed(string conditionId, string text) =>
        Sink?.OnVenueStatus(new VenueStatusEvent(venue, VenueState.MarketClosed, Now, null, text, conditionId));

    /// <summary>An account snapshot for reconciliation.</summary>
    public void Snapshot(AccountSnapshot snapshot) => Sink?.OnAccountSnapshot(snapshot);
}
