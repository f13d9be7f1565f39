using System.Globalization;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Venues.Simulated.ReplayVenue;

/// <summary>How a <see cref="ReplayVenue"/> replays.</summary>
public sealed record ReplayVenueOptions
{
    /// <summary>Venue name; null = the first instrument's venue.</summary>
    public string? Venue { get; init; }

    /// <summary>Replay speed: 1 = original timing, 10 = ten times faster; 0 = as fast as possible (one tick apart).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Queue model of resting orders (see <see cref="QueueModelSpec"/>).</summary>
    public string QueueModel { get; init; } = "power2";

    /// <summary>Feed, order-entry and response delays.</summary>
    public LatencyProfile Latency { get; init; } = LatencyProfile.Zero;

    /// <summary>Seed of the latency streams.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Our starting cash.</summary>
    public Money StartingCash { get; init; } = Money.FromUnits(10_000);

    /// <summary>Fees charged on our simulated fills.</summary>
    public IFeeModel Fees { get; init; } = ZeroFeeModel.Instance;

    /// <summary>Largest batch.</summary>
    public int MaxBatch { get; init; } = 15;
}

/// <summary>
/// An <see cref="IVenueAdapter"/> that replays a recording through the engine on the injected clock and decides our
/// fills with a <see cref="ReplayFillSimulator"/> and a queue model: the recording cannot react to us (no market
/// impact), so our orders never appear in the replayed book. Messages are scheduled one at a time on the
/// <see cref="VenueScheduler"/> at their original offset divided by <see cref="ReplayVenueOptions.Speed"/>; the fill
/// simulator sees each message at venue time, the client after the feed delay.
/// </summary>
public sealed class ReplayVenue : IVenueAdapter, IMarketDataClient, IExecutionClient, IReplayFillSink
{
    private readonly ReplayVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly Dictionary<InstrumentId, int> _slot = [];
    private readonly ReplayFillSimulator[] _sims;
    private readonly IEnumerator<ReplayMessage> _source;
    private readonly LatencyChannel _feed, _entry, _response;
    private readonly Dictionary<long, Own> _orders = [];
    private readonly Dictionary<ClientOrderId, long> _byClient = [];
    private readonly List<Fill> _fills = [];
    private readonly long[] _positions;
    private IVenueEventSink? _sink;
    private long _firstTicks = -1;
    private long _startTicks;
    private long _lastDue;
    private long _nextOrderId;
    private long _nextTradeId;
    private Money _cash;

    private sealed class Own(OrderRequest request, int slot)
    {
        public readonly OrderRequest Request = request;
        public readonly int Slot = slot;
        public Quantity Filled;
        public bool Open = true;
    }

    /// <summary>A replay of <paramref name="messages"/> (slot-indexed events) over <paramref name="instruments"/>.</summary>
    public ReplayVenue(TimeProvider time, IReadOnlyList<Instrument> instruments, IEnumerable<ReplayMessage> messages, ReplayVenueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(messages);
        if (instruments.Count == 0) throw new ArgumentException("a replay needs at least one instrument", nameof(instruments));
        _options = options ?? new ReplayVenueOptions();
        _scheduler = new VenueScheduler(time);
        _instruments = instruments;
        _sims = new ReplayFillSimulator[instruments.Count];
        for (int i = 0; i < instruments.Count; i++)
        {
            _slot.Add(instruments[i].Id, i);
            _sims[i] = new ReplayFillSimulator(i, QueueModelSpec.Parse(_options.QueueModel), instruments[i].SizeStep, this);
        }

        _positions = new long[instruments.Count];
        _source = messages.GetEnumerator();
        (_feed, _entry, _response) = _options.Latency.CreateChannels(_options.Seed);
        _cash = _options.StartingCash;
    }

    /// <inheritdoc />
    public string Venue => _options.Venue ?? _instruments[0].Id.Venue;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <inheritdoc />
    public IMarketDataClient MarketData => this;

    /// <inheritdoc />
    public IExecutionClient Execution => this;

    /// <inheritdoc />
    public int MaxBatchSize => _options.MaxBatch;

    /// <summary>Messages replayed so far.</summary>
    public long MessagesReplayed { get; private set; }

    /// <summary>True once the recording is exhausted.</summary>
    public bool Finished { get; private set; }

    /// <summary>Raised when the recording is exhausted (after the last message was handed to the feed).</summary>
    public event Action? Completed;

    /// <summary>The fill simulator of an instrument position (tests inspect it).</summary>
    public ReplayFillSimulator Simulator(int slot) => _sims[slot];

    /// <inheritdoc />
    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _startTicks = _scheduler.NowTicks;
        ScheduleNext();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _sink = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _sink = null;
        _scheduler.Dispose();
        _source.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
        // A recording holds what it holds.
    }

    private void ScheduleNext()
    {
        if (!_source.MoveNext())
        {
            Finished = true;
            Completed?.Invoke();
            return;
        }

        var message = _source.Current;
        if (_firstTicks < 0) _firstTicks = message.TimeTicks;
        long due = _options.Speed <= 0
            ? _lastDue + 1
            : _startTicks + (long)((message.TimeTicks - _firstTicks) / _options.Speed);
        due = Math.Max(due, Math.Max(_lastDue, _scheduler.NowTicks));
        _lastDue = due;
        _scheduler.At(due, () => Replay(message));
    }

    private void Replay(ReplayMessage message)
    {
        MessagesReplayed++;
        long now = _scheduler.NowTicks;
        foreach (var e in message.Events)
        {
            if ((uint)e.InstrumentIndex < (uint)_sims.Length) _sims[e.InstrumentIndex].OnMarketData(e);
        }

        long due = _feed.Schedule(now);
        _scheduler.At(due, () => Deliver(message.Events));
        ScheduleNext();
    }

    private void Deliver(MarketDataEvent[] events)
    {
        var sink = _sink;
        if (sink is null) return;
        long now = _scheduler.NowTicks;
        foreach (var e in events)
        {
            if ((uint)e.InstrumentIndex >= (uint)_instruments.Count) continue;
            int index = _instruments[e.InstrumentIndex].Index;
            var stamped = e with { InstrumentIndex = index >= 0 ? index : e.InstrumentIndex, ReceiveTimeTicks = now };
            sink.OnMarketData(in stamped);
        }
    }

    // ───────────────────────────── execution ─────────────────────────────

    /// <inheritdoc />
    public void Submit(OrderRequest request) => SubmitBatch([request]);

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var copy = requests.ToArray();
        _scheduler.At(_entry.Schedule(_scheduler.NowTicks), () =>
        {
            if (copy.Length > _options.MaxBatch)
            {
                string text = string.Format(CultureInfo.InvariantCulture, "Too many orders in payload: {0}, max allowed: {1}", copy.Length, _options.MaxBatch);
                foreach (var r in copy) Report(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.BatchTooLarge, text, null, null, Now));
                return;
            }

            foreach (var r in copy) Execute(r);
        });
    }

    private DateTimeOffset Now => _scheduler.Time.GetUtcNow();

    private void Execute(OrderRequest r)
    {
        if (!_slot.TryGetValue(r.Instrument, out int slot) || _byClient.ContainsKey(r.Id))
        {
            Report(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.Other, "unknown instrument or duplicate order", null, null, Now));
            return;
        }

        var inst = _instruments[slot];
        if (r.Type != OrderType.Limit || !inst.IsValidPrice(r.Price) || !inst.IsValidSize(r.Size))
        {
            Report(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.InvalidPrice, "invalid price, size or type for replay", null, null, Now));
            return;
        }

        long id = ++_nextOrderId;
        var own = new Own(r, slot);
        _orders[id] = own;
        _byClient[r.Id] = id;
        Report(new ExecutionReport(ExecutionReportKind.Accepted, r.Id, r.Instrument, SimulatedVenue.VenueOrderId(id), RejectReason.None, null, null, r.Size, Now));
        var result = _sims[slot].Submit(id, r.Side, r.Price, r.Size, r.TimeInForce, _scheduler.NowTicks);
        switch (result)
        {
            case ReplaySubmitResult.Cancelled:
                own.Open = false;
                Report(new ExecutionReport(ExecutionReportKind.Cancelled, r.Id, r.Instrument, SimulatedVenue.VenueOrderId(id), RejectReason.None, null, null, Quantity.Zero, Now));
                break;
            case ReplaySubmitResult.Filled:
                own.Open = false;
                break;
            case ReplaySubmitResult.Resting when r.TimeInForce == TimeInForce.Gtd && r.ExpireAt is { } expiry:
                _scheduler.At(expiry.UtcTicks, () =>
                {
                    if (own.Open && _sims[slot].Cancel(id))
                    {
                        own.Open = false;
                        Report(new ExecutionReport(ExecutionReportKind.Expired, r.Id, r.Instrument, SimulatedVenue.VenueOrderId(id), RejectReason.None, null, null, Quantity.Zero, Now));
                    }
                });
                break;
        }
    }

    /// <inheritdoc />
    public void OnFill(in ReplayFill fill)
    {
        if (!_orders.TryGetValue(fill.OrderId, out var own)) return;
        var charge = _options.Fees.ForFill(fill.Price, fill.Quantity, fill.Liquidity);
        var r = own.Request;
        var f = new Fill("r" + (++_nextTradeId).ToString(CultureInfo.InvariantCulture), r.Id, r.Instrument, fill.Side, fill.Price, fill.Quantity,
            charge.Fee, charge.Rebate, fill.Liquidity, Now);
        own.Filled += fill.Quantity;
        if (fill.Leaves.Raw == 0) own.Open = false;
        var notional = Money.Notional(fill.Price, fill.Quantity);
        _cash += (fill.Side == Side.Buy ? -notional : notional) - charge.Fee + charge.Rebate;
        _positions[own.Slot] += fill.Side == Side.Buy ? fill.Quantity.Raw : -fill.Quantity.Raw;
        _fills.Add(f);
        Report(new ExecutionReport(ExecutionReportKind.Filled, r.Id, r.Instrument, SimulatedVenue.VenueOrderId(fill.OrderId), RejectReason.None, null, f, fill.Leaves, Now));
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) =>
        _scheduler.At(_entry.Schedule(_scheduler.NowTicks), () => CancelOne(id, instrument));

    private void CancelOne(ClientOrderId id, InstrumentId instrument)
    {
        if (!_byClient.TryGetValue(id, out long engineId))
        {
            Report(new ExecutionReport(ExecutionReportKind.NotFound, id, instrument, null, RejectReason.Other, "Order not found or already canceled", null, null, Now));
            return;
        }

        var own = _orders[engineId];
        if (own.Open && _sims[own.Slot].Cancel(engineId))
        {
            own.Open = false;
            Report(new ExecutionReport(ExecutionReportKind.Cancelled, id, instrument, SimulatedVenue.VenueOrderId(engineId), RejectReason.None, null, null, Quantity.Zero, Now));
        }
        else
        {
            Report(new ExecutionReport(ExecutionReportKind.CancelRejected, id, instrument, SimulatedVenue.VenueOrderId(engineId), RejectReason.Other, "Order not found or already canceled", null, null, Now));
        }
    }

    /// <inheritdoc />
    public void CancelAll() => CancelWhere(_ => true);

    /// <inheritdoc />
    public void CancelMarket(string marketId) =>
        CancelWhere(o => string.Equals(_instruments[o.Slot].Outcome?.MarketId ?? _instruments[o.Slot].Id.Symbol, marketId, StringComparison.Ordinal));

    private void CancelWhere(Func<Own, bool> match) =>
        _scheduler.At(_entry.Schedule(_scheduler.NowTicks), () =>
        {
            foreach (var (id, own) in _orders.OrderBy(p => p.Key))
            {
                if (own.Open && match(own)) CancelOne(own.Request.Id, own.Request.Instrument);
            }
        });

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) =>
        _scheduler.At(_entry.Schedule(_scheduler.NowTicks), () =>
        {
            var open = _orders.OrderBy(p => p.Key).Where(p => p.Value.Open).Select(p => new VenueOpenOrder(p.Value.Request.Id, SimulatedVenue.VenueOrderId(p.Key),
                p.Value.Request.Instrument, p.Value.Request.Side, p.Value.Request.Price, p.Value.Request.Size, p.Value.Filled)).ToList();
            var positions = new Dictionary<InstrumentId, Quantity>();
            for (int i = 0; i < _positions.Length; i++)
            {
                if (_positions[i] != 0) positions[_instruments[i].Id] = new Quantity(_positions[i]);
            }

            var snapshot = new AccountSnapshot(Venue, requestId, Now, true, open, _cash, positions, _fills.Where(f => f.Timestamp >= fillsSince).ToList());
            _scheduler.At(_response.Schedule(_scheduler.NowTicks), () => _sink?.OnAccountSnapshot(snapshot));
        });

    private void Report(ExecutionReport report) =>
        _scheduler.At(_response.Schedule(_scheduler.NowTicks), () => _sink?.OnExecutionReport(report));
}
