using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Venues.Simulated.Paper;

/// <summary>How a <see cref="LiveDataPaperVenue"/> simulates our fills.</summary>
public sealed record LiveDataPaperVenueOptions
{
    /// <summary>Queue model of resting orders (see <see cref="QueueModels.QueueModelSpec"/>).</summary>
    public string QueueModel { get; init; } = "power2";

    /// <summary>Extra order-entry and response delays on top of the real feed (feed delay is ignored: the feed is real).</summary>
    public LatencyProfile Latency { get; init; } = LatencyProfile.Zero;

    /// <summary>Seed of the latency streams.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Our starting cash.</summary>
    public Money StartingCash { get; init; } = Money.FromUnits(1_000);

    /// <summary>Fees of an instrument's simulated fills; null = zero fees everywhere.</summary>
    public Func<Instrument, IFeeModel>? Fees { get; init; }

    /// <summary>Largest batch (Polymarket: 15).</summary>
    public int MaxBatch { get; init; } = 15;
}

/// <summary>
/// Paper trading on real market data: wraps a market-data <see cref="IVenueAdapter"/> (e.g. the Polymarket adapter
/// without credentials) and replaces its execution with a <see cref="ReplayExecution"/>. Every market-data event the
/// wrapped adapter delivers is first fed to the fill simulator of its instrument, then forwarded to the engine, so our
/// virtual orders fill when the real book trades through them or the queue ahead of them is consumed — without ever
/// reaching the venue and without moving its book (no market impact). Status events are forwarded; execution
/// reports, request failures and account snapshots of the wrapped adapter are dropped (it has nothing of ours).
/// Market data arrives on socket threads, submits on the engine loop and scheduled work on the scheduler's timer: all
/// simulator state is touched only under the <see cref="VenueScheduler"/>'s gate.
/// </summary>
public sealed class LiveDataPaperVenue : IVenueAdapter
{
    private readonly IVenueAdapter _inner;
    private readonly VenueScheduler _scheduler;
    private readonly ReplayExecution _execution;
    private readonly GatedExecution _gated;
    private int[] _slotByIndex = [];
    private long _marketDataEvents;

    /// <summary>Paper venue over <paramref name="marketData"/>'s feed on <paramref name="time"/>.</summary>
    /// <param name="marketData">The real-data adapter; only its instruments, market data and status are used.</param>
    /// <param name="time">Engine clock (the system clock for a live feed; a simulated one in tests).</param>
    /// <param name="options">Fill simulation settings.</param>
    public LiveDataPaperVenue(IVenueAdapter marketData, TimeProvider time, LiveDataPaperVenueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(marketData);
        ArgumentNullException.ThrowIfNull(time);
        var o = options ?? new LiveDataPaperVenueOptions();
        _inner = marketData;
        _scheduler = new VenueScheduler(time);
        var (_, entry, response) = o.Latency.CreateChannels(o.Seed);
        var fees = o.Fees ?? (_ => ZeroFeeModel.Instance);
        _execution = new ReplayExecution(_scheduler, marketData.Venue, marketData.Instruments, o.QueueModel, entry, response, o.StartingCash, fees, o.MaxBatch);
        _gated = new GatedExecution(_execution, _scheduler.Gate);
    }

    /// <inheritdoc />
    public string Venue => _inner.Venue;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _inner.Instruments;

    /// <inheritdoc />
    public IMarketDataClient MarketData => _inner.MarketData;

    /// <inheritdoc />
    public IExecutionClient Execution => _gated;

    /// <summary>The wrapped market-data adapter.</summary>
    public IVenueAdapter Inner => _inner;

    /// <summary>Market-data events seen so far.</summary>
    public long MarketDataEvents => Interlocked.Read(ref _marketDataEvents);

    /// <summary>Our simulated cash now.</summary>
    public Money Cash
    {
        get
        {
            lock (_scheduler.Gate) return _execution.Cash;
        }
    }

    /// <summary>Resting orders of ours on an instrument (tests).</summary>
    public int RestingCount(InstrumentId instrument)
    {
        lock (_scheduler.Gate)
        {
            int slot = _execution.SlotOf(instrument);
            return slot < 0 ? 0 : _execution.Simulator(slot).RestingCount;
        }
    }

    /// <inheritdoc />
    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var instruments = _inner.Instruments;
        int max = instruments.Count == 0 ? -1 : instruments.Max(i => i.Index);
        var map = new int[Math.Max(max + 1, instruments.Count)];
        Array.Fill(map, -1);
        for (int slot = 0; slot < instruments.Count; slot++)
        {
            int index = instruments[slot].Index >= 0 ? instruments[slot].Index : slot;
            if (index < map.Length) map[index] = slot;
        }

        lock (_scheduler.Gate)
        {
            _slotByIndex = map;
            _execution.Sink = sink;
        }

        return _inner.StartAsync(new Tee(this, sink), cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _inner.StopAsync(cancellationToken).ConfigureAwait(false);
        lock (_scheduler.Gate) _execution.Sink = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        lock (_scheduler.Gate) _execution.Sink = null;
        _scheduler.Dispose();
    }

    private void Feed(in MarketDataEvent e)
    {
        Interlocked.Increment(ref _marketDataEvents);
        lock (_scheduler.Gate)
        {
            var map = _slotByIndex;
            int slot = (uint)e.InstrumentIndex < (uint)map.Length ? map[e.InstrumentIndex] : -1;
            if (slot >= 0) _execution.OnMarketData(slot, e);
        }
    }

    /// <summary>Feeds the simulator, then forwards market data and status; drops everything about orders.</summary>
    private sealed class Tee(LiveDataPaperVenue owner, IVenueEventSink engine) : IVenueEventSink
    {
        public void OnMarketData(in MarketDataEvent e)
        {
            owner.Feed(e);
            engine.OnMarketData(e);
        }

        public void OnVenueStatus(VenueStatusEvent status) => engine.OnVenueStatus(status);

        public bool IsAlive => engine.IsAlive;

        public void OnExecutionReport(ExecutionReport report)
        {
            // The wrapped adapter has no orders of ours: anything it reports is not about this paper account.
        }

        public void OnRequestFailed(VenueRequestFailed failure)
        {
        }

        public void OnAccountSnapshot(AccountSnapshot snapshot)
        {
        }
    }

    /// <summary>The execution client the engine sees: every call enters the scheduler's gate first.</summary>
    private sealed class GatedExecution(ReplayExecution inner, object gate) : IExecutionClient, IThreadSafeCancelAll
    {
        // The gate makes every call safe from any thread, so the watchdog may cancel through it when the loop stalls.
        public Task<bool> CancelAllFromAnyThread()
        {
            CancelAll();
            return Task.FromResult(true);
        }

        public int MaxBatchSize => inner.MaxBatchSize;

        public void Submit(OrderRequest request)
        {
            lock (gate) inner.Submit(request);
        }

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
        {
            lock (gate) inner.SubmitBatch(requests);
        }

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
        {
            lock (gate) inner.Cancel(id, instrument, venueOrderId);
        }

        public void CancelAll()
        {
            lock (gate) inner.CancelAll();
        }

        public void CancelMarket(string marketId)
        {
            lock (gate) inner.CancelMarket(marketId);
        }

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince)
        {
            lock (gate) inner.RequestAccountSnapshot(requestId, fillsSince);
        }
    }
}
