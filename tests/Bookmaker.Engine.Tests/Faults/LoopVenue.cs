using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Faults;

/// <summary>
/// A tiny venue for engine tests: one binary market, acknowledges every order and confirms every cancel through the
/// sink at once (the loop applies them at its next drain), answers snapshots with what it holds. Optionally allows a
/// cancel-all from any thread (counted), like a live adapter.
/// </summary>
internal sealed class LoopVenue : IVenueAdapter, IMarketDataClient, IExecutionClient, IThreadSafeCancelAll
{
    private readonly Dictionary<ClientOrderId, OrderRequest> _open = [];
    private IVenueEventSink? _sink;

    public LoopVenue()
    {
        var noId = new InstrumentId(VenueNames.Polymarket, "no");
        var yesId = new InstrumentId(VenueNames.Polymarket, "yes");
        Yes = Instrument.PolymarketToken("yes", Price.Parse("0.01"), new OutcomeLinks("m", "Yes", true, noId), Quantity.FromUnits(5));
        No = Instrument.PolymarketToken("no", Price.Parse("0.01"), new OutcomeLinks("m", "No", false, yesId), Quantity.FromUnits(5));
        Instruments = [Yes, No];
    }

    public Instrument Yes { get; }

    public Instrument No { get; }

    public string Venue => VenueNames.Polymarket;

    public IReadOnlyList<Instrument> Instruments { get; }

    public IMarketDataClient MarketData => this;

    public IExecutionClient Execution => this;

    public int MaxBatchSize => 15;

    public List<OrderRequest> Submitted { get; } = [];

    public int CancelAlls { get; private set; }

    public int DirectCancelAlls => Volatile.Read(ref _direct);

    private int _direct;

    public int OpenCount => _open.Count;

    public IVenueEventSink Sink => _sink!;

    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
    }

    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A two-sided YES book (and its NO mirror) so the gate has a mark.</summary>
    public void Book(long ticks, string bid = "0.48", string ask = "0.52")
    {
        var yes = new BookSnapshot();
        yes.Bids.Add(new BookLevel(Price.Parse(bid), Quantity.FromUnits(100)));
        yes.Asks.Add(new BookLevel(Price.Parse(ask), Quantity.FromUnits(100)));
        var no = new BookSnapshot();
        no.Bids.Add(new BookLevel(Price.Parse(ask).Complement(), Quantity.FromUnits(100)));
        no.Asks.Add(new BookLevel(Price.Parse(bid).Complement(), Quantity.FromUnits(100)));
        _sink!.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, No.Index, Side.Buy, default, default, 0, 0, ticks, ticks, true, no));
        _sink.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, Yes.Index, Side.Buy, default, default, 0, 0, ticks, ticks, true, yes));
    }

    public bool ThrowOnSubmit { get; set; }

    public void Submit(OrderRequest request)
    {
        if (ThrowOnSubmit) throw new InvalidOperationException("adapter bug");
        Submitted.Add(request);
        _open[request.Id] = request;
        _sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, request.Id, request.Instrument, "v" + request.Id.Value, RejectReason.None, null, null, null, DateTimeOffset.UnixEpoch));
    }

    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        foreach (var r in requests) Submit(r);
    }

    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => Close(id);

    public void CancelAll()
    {
        CancelAlls++;
        foreach (var id in _open.Keys.ToList()) Close(id);
    }

    public Task<bool> CancelAllFromAnyThread()
    {
        Interlocked.Increment(ref _direct);
        return Task.FromResult(true);
    }

    public void CancelMarket(string marketId) => CancelAll();

    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) =>
        _sink?.OnAccountSnapshot(new AccountSnapshot(Venue, requestId, DateTimeOffset.UnixEpoch, true,
            _open.Values.Select(o => new VenueOpenOrder(o.Id, "v" + o.Id.Value, o.Instrument, o.Side, o.Price, o.Size, Quantity.Zero)).ToList(),
            Money.FromUnits(1_000), new Dictionary<InstrumentId, Quantity>(), []));

    private void Close(ClientOrderId id)
    {
        if (!_open.Remove(id, out var r)) return;
        _sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, r.Instrument, "v" + id.Value, RejectReason.None, null, null, null, DateTimeOffset.UnixEpoch));
    }
}
