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

/// <summary>
/// The execution half of a venue whose market data we cannot move: our orders live only here, never in the external
/// book. One <see cref="ReplayFillSimulator"/> per instrument slot decides fills against the market data it is fed
/// (<see cref="OnMarketData"/>); this class keeps our orders, cash, positions and fills, charges fees, and answers
/// through the sink after the entry and response latencies, all on the <see cref="VenueScheduler"/>.
/// Used by <see cref="ReplayVenue"/> (a recording) and by <see cref="Paper.LiveDataPaperVenue"/> (a live feed).
/// Not thread-safe by itself: every call must run under the scheduler's gate (scheduled actions already do).
/// </summary>
public sealed class ReplayExecution : IExecutionClient, IReplayFillSink
{
    private readonly VenueScheduler _scheduler;
    private readonly string _venue;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly IFeeModel[] _fees;
    private readonly int _maxBatch;
    private readonly Dictionary<InstrumentId, int> _slot = [];
    private readonly ReplayFillSimulator[] _sims;
    private readonly LatencyChannel _entry, _response;
    private readonly Dictionary<long, Own> _orders = [];
    private readonly Dictionary<ClientOrderId, long> _byClient = [];
    private readonly List<Fill> _fills = [];
    private readonly long[] _positions;
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

    /// <summary>Simulated execution over <paramref name="instruments"/> (slot = position in the list).</summary>
    /// <param name="scheduler">Clock and queue of everything that happens later; its gate serializes this object.</param>
    /// <param name="venue">Venue name in account snapshots.</param>
    /// <param name="instruments">Instruments by slot.</param>
    /// <param name="queueModel">Queue model spec (see <see cref="QueueModelSpec"/>), one model instance per slot.</param>
    /// <param name="entry">Order-entry delay (request to matching).</param>
    /// <param name="response">Response delay (matching to the sink).</param>
    /// <param name="startingCash">Our starting cash.</param>
    /// <param name="fees">Fee model of each instrument.</param>
    /// <param name="maxBatch">Largest batch.</param>
    public ReplayExecution(VenueScheduler scheduler, string venue, IReadOnlyList<Instrument> instruments, string queueModel, LatencyChannel entry,
        LatencyChannel response, Money startingCash, Func<Instrument, IFeeModel> fees, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(fees);
        _scheduler = scheduler;
        _venue = venue;
        _instruments = instruments;
        _sims = new ReplayFillSimulator[instruments.Count];
        _fees = new IFeeModel[instruments.Count];
        for (int i = 0; i < instruments.Count; i++)
        {
            _slot.Add(instruments[i].Id, i);
            _sims[i] = new ReplayFillSimulator(i, QueueModelSpec.Parse(queueModel), instruments[i].SizeStep, this);
            _fees[i] = fees(instruments[i]) ?? ZeroFeeModel.Instance;
        }

        _positions = new long[instruments.Count];
        _entry = entry;
        _response = response;
        _maxBatch = maxBatch;
        _cash = startingCash;
    }

    /// <summary>Where reports and snapshots go (read when each is delivered); null drops them.</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <inheritdoc />
    public int MaxBatchSize => _maxBatch;

    /// <summary>Our cash now (call under the scheduler's gate).</summary>
    public Money Cash => _cash;

    /// <summary>The fill simulator of an instrument slot (tests inspect it).</summary>
    public ReplayFillSimulator Simulator(int slot) => _sims[slot];

    /// <summary>The slot of <paramref name="instrument"/>, or -1.</summary>
    public int SlotOf(InstrumentId instrument) => _slot.TryGetValue(instrument, out int s) ? s : -1;

    /// <summary>Feeds one market-data event of slot <paramref name="slot"/> to its fill simulator (at venue time, under the gate).</summary>
    public void OnMarketData(int slot, in MarketDataEvent e)
    {
        if ((uint)slot >= (uint)_sims.Length) return;
        if (e.InstrumentIndex == slot) _sims[slot].OnMarketData(e);
        else _sims[slot].OnMarketData(e with { InstrumentIndex = slot });
    }

    /// <inheritdoc />
    public void Submit(OrderRequest request) => SubmitBatch([request]);

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var copy = requests.ToArray();
        _scheduler.At(_entry.Schedule(_scheduler.NowTicks), () =>
        {
            if (copy.Length > _maxBatch)
            {
                string text = string.Format(CultureInfo.InvariantCulture, "Too many orders in payload: {0}, max allowed: {1}", copy.Length, _maxBatch);
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
        var charge = _fees[own.Slot].ForFill(fill.Price, fill.Quantity, fill.Liquidity, fill.Side);
        var r = own.Request;
        var f = new Fill("r" + (++_nextTradeId).ToString(CultureInfo.InvariantCulture), r.Id, r.Instrument, fill.Side, fill.Price, fill.Quantity,
            charge.Fee, charge.Rebate, fill.Liquidity, Now, charge.FeeShares);
        own.Filled += fill.Quantity;
        if (fill.Leaves.Raw == 0) own.Open = false;
        var notional = Money.Notional(fill.Price, fill.Quantity);
        _cash += (fill.Side == Side.Buy ? -notional : notional) - charge.CashFee + charge.Rebate;
        _positions[own.Slot] += fill.Side == Side.Buy ? fill.Quantity.Raw - charge.FeeShares.Raw : -fill.Quantity.Raw;
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

            var snapshot = new AccountSnapshot(_venue, requestId, Now, true, open, _cash, positions, _fills.Where(f => f.Timestamp >= fillsSince).ToList());
            _scheduler.At(_response.Schedule(_scheduler.NowTicks), () => Sink?.OnAccountSnapshot(snapshot));
        });

    private void Report(ExecutionReport report) =>
        _scheduler.At(_response.Schedule(_scheduler.NowTicks), () => Sink?.OnExecutionReport(report));
}
