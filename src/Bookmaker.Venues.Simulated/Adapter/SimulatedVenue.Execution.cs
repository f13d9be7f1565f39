using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

public sealed partial class SimulatedVenue
{
    /// <summary>Polymarket-style texts of the request-level failures the fault injector produces.</summary>
    public static class FailureTexts
    {
        /// <summary>HTTP 500.</summary>
        public const string Error = "Internal Server Error";

        /// <summary>HTTP 425.</summary>
        public const string Restarting = "Too Early: matching engine is restarting, retry later";

        /// <summary>HTTP 429.</summary>
        public const string RateLimited = "Too Many Requests";

        /// <summary>HTTP 503.</summary>
        public const string CancelOnly = "Trading is currently cancel-only";

        /// <summary>Status 0: the client gave up waiting.</summary>
        public const string Timeout = "request timed out (no answer from the venue)";
    }

    private readonly Dictionary<ClientOrderId, long> _engineIdByClient = [];
    private readonly SortedDictionary<long, OurOrder> _open = [];
    private readonly Dictionary<long, OurOrder> _known = [];
    private readonly List<Fill> _fills = [];
    private readonly List<(ClientOrderId Id, long ArrivedTicks)> _arrivals = [];
    private readonly Dictionary<int, Quantity> _noPositions = [];
    private long _restartUntil;
    private long _cancelOnlyUntil;
    private long _expiryArmed = long.MaxValue;

    /// <summary>How reports of the request being executed travel.</summary>
    private enum AnswerMode : byte
    {
        Normal,
        Silent,
        Late,
    }

    private AnswerMode _mode;
    private long _lateDue;
    private readonly UserStream _userStream;

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

    /// <inheritdoc />
    public int MaxBatchSize => _options.Rules.MaxBatch;

    /// <summary>
    /// Every order of ours that reached the matching engine, in arrival order, with the venue time it arrived
    /// (duplicates included: a client order id seen twice appears twice). Fault campaigns check "nothing sent twice".
    /// </summary>
    public IReadOnlyList<(ClientOrderId Id, long ArrivedTicks)> OrderArrivals => _arrivals;

    /// <summary>Our account as the venue sees it right now (open orders, cash, positions, all fills), without latency or faults.</summary>
    public AccountSnapshot PeekAccount() => BuildSnapshot(0, DateTimeOffset.MinValue);

    /// <summary>Every fill of ours so far (the venue's trade history).</summary>
    public IReadOnlyList<Fill> OurFills => _fills;

    /// <summary>Venue order id text of an engine order id.</summary>
    public static string VenueOrderId(long engineId) => "sim-" + engineId.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SendOrders([request], VenueEndpoint.Submit, FaultEndpoint.Order);
    }

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        SendOrders(requests.ToArray(), VenueEndpoint.SubmitBatch, FaultEndpoint.Batch);
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) =>
        SendRequest(VenueEndpoint.Cancel, FaultEndpoint.Cancel, [id], _ => DoCancel(id, instrument), partial: null);

    /// <inheritdoc />
    public void CancelAll() =>
        SendRequest(VenueEndpoint.CancelAll, FaultEndpoint.CancelAll, [], _ => DoCancelWhere(-1, 1.0), partial: f => DoCancelWhere(-1, f));

    /// <inheritdoc />
    public void CancelMarket(string marketId)
    {
        ArgumentNullException.ThrowIfNull(marketId);
        int market = MarketIndex(marketId);
        SendRequest(VenueEndpoint.CancelMarket, FaultEndpoint.CancelMarket, [],
            _ => { if (market >= 0) DoCancelWhere(market, 1.0); }, partial: f => { if (market >= 0) DoCancelWhere(market, f); });
    }

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) =>
        SendRequest(VenueEndpoint.Query, FaultEndpoint.Query, [], _ => Answer(BuildSnapshot(requestId, fillsSince)), partial: null);

    private void SendOrders(OrderRequest[] requests, VenueEndpoint endpoint, FaultEndpoint faultEndpoint)
    {
        var ids = new ClientOrderId[requests.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = requests[i].Id;
        SendRequest(endpoint, faultEndpoint, ids, _ => ExecuteOrders(requests, requests.Length), partial: f => ExecuteOrders(requests, (int)Math.Floor(requests.Length * f)), isSubmit: true);
    }

    /// <summary>
    /// The common request path: order-entry delay, venue modes, the fault verdict (drawn at send time, so the order of
    /// draws is the order of requests), execution, answer.
    /// </summary>
    private void SendRequest(VenueEndpoint endpoint, FaultEndpoint faultEndpoint, ClientOrderId[] orders, Action<int> execute,
        Action<double>? partial, bool isSubmit = false)
    {
        lock (_scheduler.Gate)
        {
            long sent = Now;
            var decision = _faults.Decide(faultEndpoint);
            long arrive = _entryLatency.Schedule(sent);
            _scheduler.At(arrive, () => Arrive(endpoint, orders, execute, partial, isSubmit, decision, sent));
        }
    }

    private void Arrive(VenueEndpoint endpoint, ClientOrderId[] orders, Action<int> execute, Action<double>? partial, bool isSubmit,
        FaultDecision decision, long sent)
    {
        Stats.Requests++;
        long now = Now;
        if (now < _restartUntil)
        {
            Fail(endpoint, 425, RejectReason.VenueRestarting, FailureTexts.Restarting, orders, TimeSpan.FromTicks(_restartUntil - now));
            return;
        }

        if (isSubmit && now < _cancelOnlyUntil)
        {
            Fail(endpoint, 503, RejectReason.CancelOnly, FailureTexts.CancelOnly, orders, TimeSpan.FromTicks(_cancelOnlyUntil - now));
            return;
        }

        switch (decision.Kind)
        {
            case FaultKind.Error:
                Fail(endpoint, 500, RejectReason.VenueError, FailureTexts.Error, orders, null);
                return;
            case FaultKind.Restart:
                _restartUntil = now + decision.Duration.Ticks;
                Status(VenueState.Restarting, decision.Duration, "matching engine restarting");
                Fail(endpoint, 425, RejectReason.VenueRestarting, FailureTexts.Restarting, orders, decision.Duration);
                _scheduler.At(_restartUntil, () => Status(VenueState.Live, null, "matching engine back"));
                return;
            case FaultKind.RateLimit:
                Fail(endpoint, 429, RejectReason.RateLimited, FailureTexts.RateLimited, orders, decision.Duration);
                return;
            case FaultKind.CancelOnly:
                _cancelOnlyUntil = now + decision.Duration.Ticks;
                Status(VenueState.CancelOnly, decision.Duration, "venue is cancel-only");
                Fail(endpoint, 503, RejectReason.CancelOnly, FailureTexts.CancelOnly, orders, decision.Duration);
                _scheduler.At(_cancelOnlyUntil, () => Status(VenueState.Live, null, "venue accepts orders again"));
                return;
            case FaultKind.Timeout:
                // Whether the venue executed it is exactly what the client cannot know: decided by a seeded coin.
                if (_timeoutCoin.NextDouble() < _options.TimeoutExecutedProbability) RunIn(AnswerMode.Silent, 0, () => execute(0));
                _scheduler.At(sent + _options.ClientTimeout.Ticks, () => FailNow(endpoint, 0, RejectReason.Timeout, FailureTexts.Timeout, orders, null));
                return;
            case FaultKind.Late:
                long giveUp = sent + _options.ClientTimeout.Ticks;
                RunIn(AnswerMode.Late, giveUp + Math.Max(1, decision.Duration.Ticks), () => execute(0));
                _scheduler.At(giveUp, () => FailNow(endpoint, 0, RejectReason.Timeout, FailureTexts.Timeout, orders, null));
                return;
            case FaultKind.Partial when partial is not null:
                partial(decision.Fraction);
                return;
            default:
                execute(0);
                return;
        }
    }

    private void RunIn(AnswerMode mode, long lateDue, Action action)
    {
        var (oldMode, oldDue) = (_mode, _lateDue);
        _mode = mode;
        _lateDue = lateDue;
        try
        {
            action();
        }
        finally
        {
            _mode = oldMode;
            _lateDue = oldDue;
        }
    }

    private void Fail(VenueEndpoint endpoint, int status, RejectReason reason, string text, ClientOrderId[] orders, TimeSpan? retryAfter)
    {
        Stats.FailedRequests++;
        var failure = new VenueRequestFailed(_options.Venue, endpoint, status, reason, text, orders, NowTime, retryAfter);
        long due = _responseLatency.Schedule(Now);
        _scheduler.At(due, () => _sink?.OnRequestFailed(failure));
    }

    private void FailNow(VenueEndpoint endpoint, int status, RejectReason reason, string text, ClientOrderId[] orders, TimeSpan? retryAfter)
    {
        Stats.FailedRequests++;
        _sink?.OnRequestFailed(new VenueRequestFailed(_options.Venue, endpoint, status, reason, text, orders, NowTime, retryAfter));
    }

    private void Answer(AccountSnapshot snapshot)
    {
        if (_mode == AnswerMode.Silent) return;
        long due = _mode == AnswerMode.Late ? _lateDue : _responseLatency.Schedule(Now);
        _scheduler.At(due, () => _sink?.OnAccountSnapshot(snapshot));
    }

    // ───────────────────────────── execution on the matching engine ─────────────────────────────

    private void ExecuteOrders(OrderRequest[] requests, int count)
    {
        if (requests.Length > _options.Rules.MaxBatch)
        {
            // The venue refuses the whole payload; every order gets the same answer.
            string text = _options.Rules.BatchTooLarge(requests.Length);
            foreach (var r in requests)
                Report(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.BatchTooLarge, text, null, null, NowTime));
            return;
        }

        // Orders past 'count' (the partial fault) are silently not placed: only reconciliation shows it.
        for (int i = 0; i < count; i++)
        {
            var request = requests[i];
            _arrivals.Add((request.Id, Now));
            _buffer.Clear();
            int slot = SlotOf(request.Instrument);
            if (slot < 0)
            {
                var rt = _options.Rules.Unknown;
                Report(new ExecutionReport(ExecutionReportKind.Rejected, request.Id, request.Instrument, null, rt.Reason, rt.Text, null, null, NowTime));
                continue;
            }

            if (_engineIdByClient.ContainsKey(request.Id))
            {
                Report(new ExecutionReport(ExecutionReportKind.Rejected, request.Id, request.Instrument, null, RejectReason.Duplicate, "order already exists", null, null, NowTime));
                continue;
            }

            var order = _engine.ToSimOrder(request, OurAccount);
            _engine.Submit(order, _buffer);
            ProcessEvents(_buffer);
        }
    }

    private void DoCancel(ClientOrderId id, InstrumentId instrument)
    {
        if (!_engineIdByClient.TryGetValue(id, out long engineId))
        {
            Report(new ExecutionReport(ExecutionReportKind.NotFound, id, instrument, null, RejectReason.Other, _options.Rules.CancelNotFound.Text, null, null, NowTime));
            return;
        }

        _buffer.Clear();
        _engine.Cancel(OurAccount, engineId, _buffer);
        ProcessEvents(_buffer, id, instrument);
    }

    private void DoCancelWhere(int market, double fraction)
    {
        var targets = new List<long>();
        foreach (var (engineId, o) in _open)
        {
            if (market < 0 || _engine.MarketOf(o.Slot).Index == market) targets.Add(engineId);
        }

        int n = fraction >= 1.0 ? targets.Count : (int)Math.Floor(targets.Count * fraction);
        _buffer.Clear();
        for (int i = 0; i < n; i++) _engine.Cancel(OurAccount, targets[i], _buffer);
        ProcessEvents(_buffer);
    }

    /// <summary>
    /// Runs an operation of another participant (a synthetic agent) on the engine and processes what it caused: book
    /// changes, prints, and fills of our resting orders.
    /// </summary>
    public void ProcessAgentEvents(MatchEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_scheduler.Gate) RunIn(AnswerMode.Normal, 0, () => ProcessEvents(events));
    }

    /// <summary>
    /// Submits an order of another participant (account ≠ <see cref="OurAccount"/>) straight into the matching engine,
    /// with no latency or faults, and processes its consequences. Returns the engine order id (0 when rejected).
    /// </summary>
    public long SubmitAgentOrder(in SimOrder order)
    {
        var events = new MatchEventBuffer(16);
        long id = _engine.Submit(order, events);
        ProcessAgentEvents(events);
        return id;
    }

    private void ProcessEvents(MatchEventBuffer events, ClientOrderId cancelId = default, InstrumentId cancelInstrument = default)
    {
        var span = events.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            ref readonly var e = ref span[i];
            if (e.Instrument >= 0 && e.Kind != MatchEventKind.Rejected) MarkDirty(_engine.MarketOf(e.Instrument).Index);
            if (e.Kind == MatchEventKind.Fill && e.Liquidity == Liquidity.Taker) AddTradePrint(e);
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
                Report(new ExecutionReport(ExecutionReportKind.Accepted, e.ClientOrderId, instrument, venueId, RejectReason.None, null, null, e.Leaves, time));
                break;
            }

            case MatchEventKind.Rejected:
                Report(new ExecutionReport(ExecutionReportKind.Rejected, e.ClientOrderId, instrument, null, e.Reason, e.Text, null, null, time));
                break;
            case MatchEventKind.Fill:
            {
                var fill = new Fill("t" + e.TradeId.ToString(CultureInfo.InvariantCulture) + "-" + e.OrderId.ToString(CultureInfo.InvariantCulture),
                    e.ClientOrderId, instrument, e.Side, e.Price, e.Size, e.Fee, e.Rebate, e.Liquidity, time);
                _fills.Add(fill);
                if (_known.TryGetValue(e.OrderId, out var o)) o.Filled += e.Size;
                if (e.Leaves.Raw == 0) _open.Remove(e.OrderId);
                Report(new ExecutionReport(ExecutionReportKind.Filled, e.ClientOrderId, instrument, venueId, RejectReason.None, null, fill, e.Leaves, time));
                break;
            }

            case MatchEventKind.Cancelled:
                _open.Remove(e.OrderId);
                Report(new ExecutionReport(ExecutionReportKind.Cancelled, e.ClientOrderId, instrument, venueId, e.Reason, e.Text, null, Quantity.Zero, time));
                break;
            case MatchEventKind.Expired:
                _open.Remove(e.OrderId);
                Report(new ExecutionReport(ExecutionReportKind.Expired, e.ClientOrderId, instrument, venueId, RejectReason.None, null, null, Quantity.Zero, time));
                break;
            case MatchEventKind.CancelRejected:
                Report(new ExecutionReport(ExecutionReportKind.CancelRejected, cancelId.IsEmpty ? e.ClientOrderId : cancelId, instrument, venueId, e.Reason, e.Text, null, null, time));
                break;
        }
    }

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
            RunIn(AnswerMode.Normal, 0, () => ProcessEvents(_buffer));
        });
    }

    private AccountSnapshot BuildSnapshot(long requestId, DateTimeOffset fillsSince)
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
        return new AccountSnapshot(_options.Venue, requestId, NowTime, true, openOrders, account.Cash, positions, fills);
    }

    // ───────────────────────────── the user feed ─────────────────────────────

    /// <summary>The <c>user_feed</c> stream: execution reports on the response delay.</summary>
    private sealed class UserStream(SimulatedVenue venue)
        : FaultedStream<ExecutionReport>(venue._scheduler, venue._responseLatency, FaultEndpoint.UserFeed)
    {
        protected override void Deliver(ExecutionReport message) => venue._sink?.OnExecutionReport(message);

        protected override void CountSent() => venue.Stats.ReportsSent++;

        protected override void CountDropped() => venue.Stats.ReportsDropped++;

        protected override void OnDisconnected() => venue.Status(VenueState.Disconnected, null, "user feed disconnected");

        protected override void OnReconnected() => venue.Status(VenueState.Reconnected, null, "user feed reconnected");
    }

    /// <summary>Sends one report through the answer mode, the <c>user_feed</c> faults and the response delay.</summary>
    private void Report(ExecutionReport report)
    {
        if (_mode == AnswerMode.Silent) return;
        if (_mode == AnswerMode.Late)
        {
            Stats.ReportsSent++;
            _scheduler.At(_lateDue, () => _sink?.OnExecutionReport(report));
            return;
        }

        _userStream.Send(report, _faults);
    }
}
