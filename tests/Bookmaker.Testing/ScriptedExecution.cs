using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Testing;

/// <summary>
/// The execution side of a <see cref="ScriptedVenue"/>: it records every submit and cancel and, unless a test turns it
/// off, answers like a well-behaved venue through the engine's sink — each submit accepted, each cancel confirmed, FAK and
/// FOK orders optionally cancelled unfilled at once. Fills are the test's to deliver.
/// </summary>
public sealed class ScriptedExecution : IVenueScript
{
    private readonly TimeProvider _clock;
    private IVenueEventSink? _sink;

    /// <summary>Creates the client on the engine's clock.</summary>
    public ScriptedExecution(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Every request sent, in order.</summary>
    public List<OrderRequest> Submitted { get; } = [];

    /// <summary>The engine clock's ticks at each submit.</summary>
    public List<long> SubmittedAt { get; } = [];

    /// <summary>The engine's touch (best bid, best ask; zero when a side is empty) at the moment of each submit.</summary>
    public List<(Price Bid, Price Ask)> TouchAtSubmit { get; } = [];

    /// <summary>Reads the engine's touch for an instrument (set by the harness once the engine exists).</summary>
    public Func<InstrumentId, (Price Bid, Price Ask)>? Touch { get; set; }

    /// <summary>Every cancel sent, in order.</summary>
    public List<ClientOrderId> Cancels { get; } = [];

    /// <summary>How many cancel-alls were sent.</summary>
    public int CancelAlls { get; private set; }

    /// <summary>Account snapshots the engine asked for (request id, fills since).</summary>
    public List<(long RequestId, DateTimeOffset FillsSince)> SnapshotRequests { get; } = [];

    /// <summary>
    /// When true, the engine treats this venue as one that reconciles: at start it is not live for strategies until the
    /// test delivers a complete account snapshot. False by default (the venue is live at once).
    /// </summary>
    public bool AnswersAccountSnapshots { get; set; }

    /// <summary>When true (default) every submit is accepted at once.</summary>
    public bool AutoAck { get; set; } = true;

    /// <summary>When true, an accepted FAK or FOK order is cancelled unfilled at once.</summary>
    public bool AutoKillImmediate { get; set; }

    /// <summary>
    /// When false, cancels are recorded but not confirmed: the order stays fillable (a fill racing its cancel) until
    /// <see cref="ConfirmCancels"/> runs.
    /// </summary>
    public bool AutoConfirmCancels { get; set; } = true;

    /// <summary>Cancels sent but not yet confirmed (with <see cref="AutoConfirmCancels"/> off).</summary>
    public List<(ClientOrderId Id, InstrumentId Instrument, string? VenueId)> UnconfirmedCancels { get; } = [];

    /// <inheritdoc />
    public int MaxBatchSize { get; set; } = 15;

    /// <inheritdoc />
    public void Attach(IVenueEventSink sink) => _sink = sink ?? throw new ArgumentNullException(nameof(sink));

    /// <summary>Confirms every cancel held back so far.</summary>
    public void ConfirmCancels()
    {
        foreach (var (id, instrument, venueId) in UnconfirmedCancels)
            Sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, instrument, venueId, RejectReason.None, null, null, null, _clock.GetUtcNow()));
        UnconfirmedCancels.Clear();
    }

    /// <inheritdoc />
    public void Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Submitted.Add(request);
        SubmittedAt.Add(_clock.GetUtcNow().UtcTicks);
        TouchAtSubmit.Add(Touch?.Invoke(request.Instrument) ?? default);
        if (!AutoAck) return;
        Sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, request.Id, request.Instrument, $"v{request.Id.Sequence}", RejectReason.None, null, null, null, _clock.GetUtcNow()));
        if (AutoKillImmediate && request.TimeInForce is TimeInForce.Fak or TimeInForce.Fok)
            Sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, request.Id, request.Instrument, null, RejectReason.None, null, null, null, _clock.GetUtcNow()));
    }

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var r in requests) Submit(r);
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
    {
        Cancels.Add(id);
        if (!AutoConfirmCancels)
        {
            UnconfirmedCancels.Add((id, instrument, venueOrderId));
            return;
        }

        Sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, instrument, venueOrderId, RejectReason.None, null, null, null, _clock.GetUtcNow()));
    }

    /// <inheritdoc />
    public void CancelAll() => CancelAlls++;

    /// <inheritdoc />
    public void CancelMarket(string marketId)
    {
    }

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => SnapshotRequests.Add((requestId, fillsSince));

    private IVenueEventSink Sink => _sink ?? throw new InvalidOperationException("the scripted venue has not been started (EngineKit.Start does it)");
}
