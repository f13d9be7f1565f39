using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// The venue's execution side once a request has arrived: our orders go into the <see cref="MatchingEngine"/> (a batch
/// over the limit is refused whole, an unknown instrument or a client id seen before is rejected), cancels and
/// cancel-alls run there too, and every event the engine reports — ours, or caused by other participants — is
/// followed: books marked dirty and trades printed on the <see cref="SimulatedFeed"/>, our orders' acks, rejects,
/// fills, cancels and expiries turned into <see cref="ExecutionReport"/>s (<see cref="UserReports"/>), GTD expiry
/// armed on the scheduler. It also keeps what reconciliation reads: our open orders, fills and balances.
/// </summary>
internal sealed class SimulatedExecution
{
    private readonly MatchingEngine _engine;
    private readonly SimulatedVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly SimulatedFeed _feed;
    private readonly UserReports _reports;
    private readonly AnswerTiming _answers;
    private readonly ClientLink _client;
    private readonly IReadOnlyList<Instrument> _external;
    private readonly Func<InstrumentId, int> _slotOf;
    private readonly MatchEventBuffer _buffer = new(256);
    private readonly Dictionary<ClientOrderId, long> _engineIdByClient = [];
    private readonly SortedDictionary<long, OurOrder> _open = [];
    private readonly Dictionary<long, OurOrder> _known = [];
    private readonly List<Fill> _fills = [];
    private readonly List<(ClientOrderId Id, long ArrivedTicks)> _arrivals = [];
    private long _expiryArmed = long.MaxValue;

    /// <summary>Creates the execution side for our account <paramref name="ourAccount"/>.</summary>
    public SimulatedExecution(MatchingEngine engine, SimulatedVenueOptions options, VenueScheduler scheduler, SimulatedFeed feed,
        UserReports reports, AnswerTiming answers, ClientLink client, IReadOnlyList<Instrument> external, Func<InstrumentId, int> slotOf,
        int ourAccount)
    {
        _engine = engine;
        _options = options;
        _scheduler = scheduler;
        _feed = feed;
        _reports = reports;
        _answers = answers;
        _client = client;
        _external = external;
        _slotOf = slotOf;
        OurAccount = ourAccount;
    }

    /// <summary>Our account id in the engine.</summary>
    public int OurAccount { get; }

    /// <summary>Every order of ours that reached the engine, in arrival order, with its arrival time (duplicates included).</summary>
    public IReadOnlyList<(ClientOrderId Id, long ArrivedTicks)> Arrivals => _arrivals;

    /// <summary>Every fill of ours so far.</summary>
    public IReadOnlyList<Fill> Fills => _fills;

    private sealed class OurOrder(ClientOrderId id, long engineId, int slot, Side side, Price price, Quantity size)
    {
        public readonly ClientOrderId Id = id;
        public readonly long EngineId = engineId;
        public readonly int Slot = slot;
        public readonly Side Side = side;
        public readonly Price Price = price;
        public readonly Quantity Size = size;
        public Quantity Filled;
    }

    /// <summary>Venue order id text of an engine order id.</summary>
    public static string VenueOrderId(long engineId) => "sim-" + engineId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Places the first <paramref name="count"/> of <paramref name="requests"/> (the rest: a partial batch, silently absent).</summary>
    public void ExecuteOrders(OrderRequest[] requests, int count)
    {
        if (requests.Length > _options.Rules.MaxBatch)
        {
            // The venue refuses the whole payload; every order gets the same answer.
            string text = _options.Rules.BatchTooLarge(requests.Length);
            foreach (var r in requests)
                _reports.Report(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.BatchTooLarge, text, null, null, _client.NowTime));
            return;
        }

        // Orders past 'count' (the partial fault) are silently not placed: only reconciliation shows it.
        for (int i = 0; i < count; i++)
        {
            var request = requests[i];
            _arrivals.Add((request.Id, _client.Now));
            _buffer.Clear();
            int slot = _slotOf(request.Instrument);
            if (slot < 0)
            {
                var rt = _options.Rules.Unknown;
                _reports.Report(new ExecutionReport(ExecutionReportKind.Rejected, request.Id, request.Instrument, null, rt.Reason, rt.Text, null, null, _client.NowTime));
                continue;
            }

            if (_engineIdByClient.ContainsKey(request.Id))
            {
                _reports.Report(new ExecutionReport(ExecutionReportKind.Rejected, request.Id, request.Instrument, null, RejectReason.Duplicate, "order already exists", null, null, _client.NowTime));
                continue;
            }

            var order = _engine.ToSimOrder(request, OurAccount);
            _engine.Submit(order, _buffer);
            Process(_buffer);
        }
    }

    /// <summary>Cancels one of our orders; an id the venue never saw is answered NotFound.</summary>
    public void Cancel(ClientOrderId id, InstrumentId instrument)
    {
        if (!_engineIdByClient.TryGetValue(id, out long engineId))
        {
            _reports.Report(new ExecutionReport(ExecutionReportKind.NotFound, id, instrument, null, RejectReason.Other, _options.Rules.CancelNotFound.Text, null, null, _client.NowTime));
            return;
        }

        _buffer.Clear();
        _engine.Cancel(OurAccount, engineId, _buffer);
        Process(_buffer, id, instrument);
    }

    /// <summary>Cancels the first <paramref name="fraction"/> (oldest first) of our open orders, in one market or (−1) all.</summary>
    public void CancelWhere(int market, double fraction)
    {
        var targets = new List<long>();
        foreach (var (engineId, o) in _open)
        {
            if (market < 0 || _engine.MarketOf(o.Slot).Index == market) targets.Add(engineId);
        }

        int n = fraction >= 1.0 ? targets.Count : (int)Math.Floor(targets.Count * fraction);
        _buffer.Clear();
        for (int i = 0; i < n; i++) _engine.Cancel(OurAccount, targets[i], _buffer);
        Process(_buffer);
    }

    /// <summary>Follows what an operation of another participant caused (book changes, prints, fills of our orders).</summary>
    public void ProcessAgentEvents(MatchEventBuffer events) => _answers.RunIn(AnswerMode.Normal, 0, () => Process(events));

    /// <summary>Our account as the venue sees it now: open orders, cash, positions and our fills since <paramref name="fillsSince"/>.</summary>
    public AccountSnapshot Snapshot(long requestId, DateTimeOffset fillsSince)
    {
        var account = _engine.Account(OurAccount);
        var openOrders = new List<VenueOpenOrder>();
        foreach (var (engineId, o) in _open)
        {
            if (!_engine.TryGetOpenOrder(engineId, out Quantity remaining, out _)) continue;
            openOrders.Add(new VenueOpenOrder(o.Id, VenueOrderId(engineId), _external[o.Slot].Id, o.Side, o.Price, o.Size, o.Size - remaining));
        }

        var positions = new Dictionary<InstrumentId, Quantity>();
        for (int s = 0; s < _external.Count; s++)
        {
            var q = account.Tokens(s);
            if (q.Raw != 0) positions[_external[s].Id] = q;
        }

        var fills = _fills.Where(f => f.Timestamp >= fillsSince).ToArray();
        return new AccountSnapshot(_options.Venue, requestId, _client.NowTime, true, openOrders, account.Cash, positions, fills);
    }

    private void Process(MatchEventBuffer events, ClientOrderId cancelId = default, InstrumentId cancelInstrument = default)
    {
        var span = events.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            ref readonly var e = ref span[i];
            if (e.Instrument >= 0 && e.Kind != MatchEventKind.Rejected) _feed.MarkDirty(_engine.MarketOf(e.Instrument).Index);
            if (e.Kind == MatchEventKind.Fill && e.Liquidity == Liquidity.Taker) _feed.AddTradePrint(e);
            if (e.Account == OurAccount) OurEvent(e, cancelId, cancelInstrument);
        }

        ArmExpiry();
    }

    private void OurEvent(in MatchEvent e, ClientOrderId cancelId, InstrumentId cancelInstrument)
    {
        var time = new DateTimeOffset(e.TimestampTicks, TimeSpan.Zero);
        InstrumentId instrument = e.Instrument >= 0 ? _external[e.Instrument].Id : cancelInstrument;
        string? venueId = e.OrderId > 0 ? VenueOrderId(e.OrderId) : null;
        switch (e.Kind)
        {
            case MatchEventKind.Accepted:
            {
                var o = new OurOrder(e.ClientOrderId, e.OrderId, e.Instrument, e.Side, e.Price, e.Size);
                _engineIdByClient[e.ClientOrderId] = e.OrderId;
                _known[e.OrderId] = o;
                if (e.Leaves.Raw > 0 || e.Size.Raw == 0) _open[e.OrderId] = o;
                _reports.Report(new ExecutionReport(ExecutionReportKind.Accepted, e.ClientOrderId, instrument, venueId, RejectReason.None, null, null, e.Leaves, time));
                break;
            }

            case MatchEventKind.Rejected:
                _reports.Report(new ExecutionReport(ExecutionReportKind.Rejected, e.ClientOrderId, instrument, null, e.Reason, e.Text, null, null, time));
                break;
            case MatchEventKind.Fill:
            {
                var fill = new Fill("t" + e.TradeId.ToString(CultureInfo.InvariantCulture) + "-" + e.OrderId.ToString(CultureInfo.InvariantCulture),
                    e.ClientOrderId, instrument, e.Side, e.Price, e.Size, e.Fee, e.Rebate, e.Liquidity, time, e.FeeShares);
                _fills.Add(fill);
                if (_known.TryGetValue(e.OrderId, out var o)) o.Filled += e.Size;
                if (e.Leaves.Raw == 0) _open.Remove(e.OrderId);
                _reports.Report(new ExecutionReport(ExecutionReportKind.Filled, e.ClientOrderId, instrument, venueId, RejectReason.None, null, fill, e.Leaves, time));
                break;
            }

            case MatchEventKind.Cancelled:
                _open.Remove(e.OrderId);
                _reports.Report(new ExecutionReport(ExecutionReportKind.Cancelled, e.ClientOrderId, instrument, venueId, e.Reason, e.Text, null, Quantity.Zero, time));
                break;
            case MatchEventKind.Expired:
                _open.Remove(e.OrderId);
                _reports.Report(new ExecutionReport(ExecutionReportKind.Expired, e.ClientOrderId, instrument, venueId, RejectReason.None, null, null, Quantity.Zero, time));
                break;
            case MatchEventKind.CancelRejected:
                _reports.Report(new ExecutionReport(ExecutionReportKind.CancelRejected, cancelId.IsEmpty ? e.ClientOrderId : cancelId, instrument, venueId, e.Reason, e.Text, null, null, time));
                break;
        }
    }

    // GTD orders expire at exactly their time on the venue clock: one scheduler entry at the engine's next expiry.
    private void ArmExpiry()
    {
        var next = _engine.NextExpiry;
        if (next is null) return;
        long due = next.Value.UtcTicks;
        if (due >= _expiryArmed) return;
        _expiryArmed = due;
        _scheduler.At(due, () =>
        {
            _expiryArmed = long.MaxValue;
            _buffer.Clear();
            _engine.ExpireDue(_buffer);
            _answers.RunIn(AnswerMode.Normal, 0, () => Process(_buffer));
        });
    }
}
