using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;

namespace Bookmaker.FaultCampaign.Tests.Harness;

/// <summary>One order request as it left the engine: when, and the gate's state at that moment.</summary>
internal sealed record SentOrder(ClientOrderId Id, long SentTicks, TradingState GateState, bool Breached, Bookmaker.Core.Values.Money DailyPnl, int Engine);

/// <summary>
/// Sits between an engine and the simulated venue (which is the exchange: it outlives any engine). Records every order
/// request the engine sends, and relays the venue's events to the engine currently attached — after a simulated
/// <c>kill -9</c> nothing is attached, so the venue's messages to the dead process are lost, as on a real socket.
/// </summary>
internal sealed class RecordingVenue : IVenueAdapter, IExecutionClient, IVenueEventSink
{
    private readonly SimulatedVenue _inner;
    private readonly TimeProvider _clock;
    private IVenueEventSink? _target;
    private bool _innerStarted;

    public RecordingVenue(SimulatedVenue inner, TimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
    }

    /// <summary>The gate of the engine currently attached (for the state at send time).</summary>
    public RiskGate? Gate { get; set; }

    /// <summary>Engine generation (1 = first process, 2 = after a restart …).</summary>
    public int EngineGeneration { get; set; } = 1;

    public List<SentOrder> Sent { get; } = [];

    public int CancelAllRequests { get; private set; }

    public string Venue => _inner.Venue;

    public IReadOnlyList<Instrument> Instruments => _inner.Instruments;

    public IMarketDataClient MarketData => _inner.MarketData;

    public IExecutionClient Execution => this;

    public int MaxBatchSize => _inner.MaxBatchSize;

    public async Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        _target = sink;
        if (_innerStarted) return;
        _innerStarted = true;
        await _inner.StartAsync(this, cancellationToken);
    }

    /// <summary>The process died: nothing receives the venue's messages any more.</summary>
    public void Detach() => _target = null;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _target = null;
        return Task.CompletedTask;
    }

    // The venue is the exchange: an engine going away does not dispose it (the harness does, at the end).
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Record(OrderRequest r) =>
        Sent.Add(new SentOrder(r.Id, _clock.GetUtcNow().UtcTicks, Gate?.State ?? TradingState.Active, Gate?.IsBreached ?? false, Gate?.DailyPnl ?? default, EngineGeneration));

    public void Submit(OrderRequest request)
    {
        Record(request);
        _inner.Submit(request);
    }

    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        foreach (var r in requests) Record(r);
        _inner.SubmitBatch(requests);
    }

    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => _inner.Cancel(id, instrument, venueOrderId);

    public void CancelAll()
    {
        CancelAllRequests++;
        _inner.CancelAll();
    }

    public void CancelMarket(string marketId) => _inner.CancelMarket(marketId);

    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => _inner.RequestAccountSnapshot(requestId, fillsSince);

    // ── relay of the venue's events to the attached engine ──
    public void OnMarketData(in MarketDataEvent e) => _target?.OnMarketData(in e);

    public void OnExecutionReport(ExecutionReport report) => _target?.OnExecutionReport(report);

    public void OnRequestFailed(VenueRequestFailed failure) => _target?.OnRequestFailed(failure);

    public void OnVenueStatus(VenueStatusEvent status) => _target?.OnVenueStatus(status);

    public void OnAccountSnapshot(AccountSnapshot snapshot) => _target?.OnAccountSnapshot(snapshot);
}
