using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Tracks every order from intent to final state and is the only component that talks to execution clients.
/// Every submit passes the <see cref="RiskGate"/> first; an order is tracked (PendingNew) and journaled <em>before</em>
/// its request leaves, so a request that times out is never forgotten. Reports from venues are applied to the order
/// state machine, the portfolio and the gate; finished orders stay in a TTL cache so late updates still apply;
/// reconciliation compares with the venue and repairs every difference; a freeze cancels everything and keeps trying
/// until the venue proves every order closed.
/// </summary>
/// <remarks>Runs on the event loop only; not thread-safe by design.</remarks>
public sealed partial class OrderManager : IDisposable
{
    /// <summary>Timer purposes owned by the order manager (the engine routes timers with these to <see cref="OnTimer"/>).</summary>
    public const int TimerReconcile = 100;

    /// <summary>Freeze retry timer purpose.</summary>
    public const int TimerFreeze = 101;

    /// <summary>Paced cancel queue timer purpose.</summary>
    public const int TimerCancelQueue = 102;

    /// <summary>Finished-order cache eviction timer purpose.</summary>
    public const int TimerEvict = 103;

    private readonly InstrumentRegistry _instruments;
    private readonly Dictionary<string, IExecutionClient> _venues;
    private readonly PortfolioBook _portfolio;
    private readonly IJournal _journal;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly ClientOrderIdGenerator _ids;
    private readonly JournalPayload _payload = new();
    private readonly SettlementLadder _settlement;
    private readonly LiveOrders _live;
    private readonly FinishedOrders _finished = new();
    private readonly HashSet<(ClientOrderId, string)> _refusedFills = [];
    private readonly SlippageWatch _slippage;
    private readonly CancelPacer _cancels;
    private EventLoop? _loop;

    /// <summary>Creates the manager.</summary>
    public OrderManager(
        InstrumentRegistry instruments,
        IReadOnlyDictionary<string, IExecutionClient> venues,
        RiskGate gate,
        PortfolioBook portfolio,
        IJournal journal,
        AlertCenter alerts,
        TimeProvider time,
        ClientOrderIdGenerator ids,
        OrderManagerOptions? options = null)
    {
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _live = new LiveOrders(instruments);
        _venues = new Dictionary<string, IExecutionClient>(venues ?? throw new ArgumentNullException(nameof(venues)), StringComparer.Ordinal);
        Gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _portfolio = portfolio ?? throw new ArgumentNullException(nameof(portfolio));
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ids = ids ?? throw new ArgumentNullException(nameof(ids));
        Options = options ?? new OrderManagerOptions();
        _slippage = new SlippageWatch(_alerts, Options.SlippageWarnBps);
        _cancels = new CancelPacer(Gate.CancelBucket, wait => _loop?.ScheduleTimer(wait, TimeSpan.Zero, TimerCancelQueue),
            id => _live.TryGet(id, out var o) ? o : null, o => ClientFor(o.Instrument).Cancel(o.Id, o.Instrument, o.VenueOrderId));
        _settlement = new SettlementLadder(portfolio, instruments, journal, _payload, alerts, time, TouchPosition);
        Gate.FreezeRequested += reason => Freeze(reason);
    }

    /// <inheritdoc />
    public void Dispose() => _payload.Dispose();

    /// <summary>The risk gate every submit passes.</summary>
    public RiskGate Gate { get; }

    /// <summary>Options in force.</summary>
    public OrderManagerOptions Options { get; }

    /// <summary>Counters.</summary>
    public OrderManagerStats Stats { get; } = new();

    /// <summary>The portfolio fills are applied to.</summary>
    public PortfolioBook Portfolio => _portfolio;

    /// <summary>Raised after an order changed (status or fill): the order and the transition.</summary>
    public event Action<Order, OrderTransitionResult>? OrderChanged;

    /// <summary>Raised after a fill was applied to the portfolio (order is null for fills of unknown orders).</summary>
    public event Action<Order?, Fill>? FillApplied;

    /// <summary>Raised when the gate denied an intent.</summary>
    public event Action<OrderRequest, RiskDecision>? Denied;

    /// <summary>Raised for each reconciliation finding.</summary>
    public event Action<ReconciliationFinding>? Reconciled;

    /// <summary>
    /// Raised after a venue report was handled, with the order's status before it (null for an order we do not know):
    /// the operational watches judge the venue's answers from it.
    /// </summary>
    public event Action<ExecutionReport, OrderStatus?>? ReportHandled;

    /// <summary>Raised after a failed request was handled (circuit breaker, refusals, reconciliation scheduled).</summary>
    public event Action<VenueRequestFailed>? RequestFailed;

    /// <summary>Raised after a venue status change was handled.</summary>
    public event Action<VenueStatusEvent>? VenueStatusHandled;

    /// <summary>Raised after a reconciliation snapshot was handled (complete or not).</summary>
    public event Action<AccountSnapshot>? SnapshotHandled;

    /// <summary>Live (non-final) orders, in the order they were created.</summary>
    public IEnumerable<Order> LiveOrders
    {
        get
        {
            foreach (var id in _live.Ids)
                if (_live.TryGet(id, out var o)) yield return o;
        }
    }

    /// <summary>Live (non-final) orders on <paramref name="instrument"/>, in the order they were created (a view: read at once).</summary>
    public IReadOnlyList<Order> LiveOrdersOn(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return _live.On(instrument.Index);
    }

    /// <summary>Number of live orders.</summary>
    public int LiveCount => _live.Count;

    /// <summary>Looks an order up (live or recently finished).</summary>
    public Order? Find(ClientOrderId id) => _live.TryGet(id, out var o) ? o : _finished.TryGet(id, out o) ? o : null;

    /// <summary>Attaches the loop whose timers drive reconciliation, freeze retries and cancel pacing.</summary>
    public void Attach(EventLoop loop)
    {
        _loop = loop ?? throw new ArgumentNullException(nameof(loop));
        loop.ScheduleTimer(Options.ReconcileInterval, Options.ReconcileInterval, TimerReconcile);
        loop.ScheduleTimer(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimerEvict);
    }

    // ───────────────────────────── submits ─────────────────────────────

    /// <summary>Issues a fresh client order id (strategies build requests with it).</summary>
    public ClientOrderId NextId() => _ids.Next();

    /// <summary>
    /// Submits one order: risk gate, then track + journal, then send. A request with an empty id gets a fresh one.
    /// </summary>
    public SubmitOutcome Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id.IsEmpty) request = request with { Id = _ids.Next() };
        var decision = Gate.Check(request);
        if (!decision.IsAllowed)
        {
            OnDenied(request, decision);
            return new SubmitOutcome(request.Id, decision);
        }

        var client = ClientFor(request.Instrument);
        Track(request);
        if (JournalFailed)
        {
            RejectUnrecorded(request.Id);
            return new SubmitOutcome(request.Id, RiskDecision.Deny(DenyReason.Halted));
        }

        client.Submit(request);
        return new SubmitOutcome(request.Id, decision);
    }

    /// <summary>
    /// Submits a basket all-or-nothing: the gate judges the legs together; if any leg is denied no leg is sent. Allowed
    /// legs leave together — in batches of the venue's maximum size where it has a batch endpoint.
    /// </summary>
    public RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds)
    {
        ArgumentNullException.ThrowIfNull(legs);
        var withIds = new OrderRequest[legs.Count];
        for (int i = 0; i < legs.Count; i++)
        {
            withIds[i] = legs[i].Id.IsEmpty ? legs[i] with { Id = _ids.Next() } : legs[i];
            if (i < assignedIds.Length) assignedIds[i] = withIds[i].Id;
        }

        var decision = Gate.CheckBasket(withIds);
        if (!decision.IsAllowed)
        {
            foreach (var leg in withIds) OnDenied(leg, decision);
            return decision;
        }

        foreach (var leg in withIds) Track(leg);
        if (JournalFailed)
        {
            foreach (var leg in withIds) RejectUnrecorded(leg.Id);
            return RiskDecision.Deny(DenyReason.Halted);
        }

        // Group by venue (preserving leg order), then send in chunks of the venue's batch size.
        foreach (var group in withIds.GroupBy(l => l.Instrument.Venue, StringComparer.Ordinal))
        {
            var client = ClientFor(group.First().Instrument);
            var list = group.ToList();
            int max = Math.Max(1, client.MaxBatchSize);
            if (max == 1)
            {
                foreach (var leg in list) client.Submit(leg);
                continue;
            }

            for (int i = 0; i < list.Count; i += max)
                client.SubmitBatch(list.GetRange(i, Math.Min(max, list.Count - i)));
        }

        return decision;
    }

    /// <summary>True once the journal has failed: nothing written since is recorded (the engine is failing closed).</summary>
    private bool JournalFailed => _journal is Faults.FailClosedJournal { Fault: not null };

    /// <summary>
    /// The journal failed while this order's intent was written, so the order was never recorded: it is not sent (an
    /// order the journal does not know could not be recovered after a crash) and ends Rejected locally.
    /// </summary>
    private void RejectUnrecorded(ClientOrderId id)
    {
        if (!_live.TryGet(id, out var order)) return;
        var result = order.ApplyRejected(RejectReason.Other, _time.GetUtcNow());
        if (!result.IsApplied) return;
        Stats.Rejected++;
        Close(order, _instruments.Get(order.Instrument));
        OrderChanged?.Invoke(order, result);
    }

    private void Track(OrderRequest request)
    {
        var instrument = _instruments.Get(request.Instrument);
        var now = _time.GetUtcNow();
        var order = new Order(request, now);
        _live.Add(order, instrument);
        if (Gate.State == TradingState.Halted) Stats.SubmittedWhileHalted++;
        Stats.Submitted++;
        Gate.OnOrderSent(request, instrument);
        _slippage.Expect(request.Id, request.Type == OrderType.Market || request.TimeInForce is TimeInForce.Fok or TimeInForce.Fak
            ? MarkOf(instrument)
            : request.Price.Raw);
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderIntent, request.Id.Value, request.Instrument.ToString(), _payload.Intent(request)));
        UpdateOwnQuotes(instrument);
    }

    // The ledger's mark of the instrument, held or not: an order that opens a position is judged against it too.
    private long MarkOf(Instrument instrument) => _portfolio.MarkOf(instrument).Raw;

    private void OnDenied(OrderRequest request, RiskDecision decision)
    {
        Stats.CountDenied(decision.Code);
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.RiskDenied, request.Id.Value, request.Instrument.ToString(),
            _payload.Text(decision.Code, ("leg", decision.LegIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("tag", request.Tag ?? ""))));
        Denied?.Invoke(request, decision);
    }

    private IExecutionClient ClientFor(InstrumentId instrument) =>
        _venues.TryGetValue(instrument.Venue, out var c) ? c : throw new InvalidOperationException($"no execution client for venue '{instrument.Venue}'");

    // ───────────────────────────── cancels (always allowed) ─────────────────────────────

    /// <summary>
    /// Requests a cancel. Never denied; paced by the cancel token bucket (queued when it is empty). The order stays
    /// live (PendingCancel) until the venue confirms or reconciliation proves it closed.
    /// </summary>
    public bool Cancel(ClientOrderId id)
    {
        if (!_live.TryGet(id, out var order)) return false;
        var now = _time.GetUtcNow();
        var result = order.RequestCancel(now);
        if (result.IsIllegal) return false;
        if (result.IsApplied)
        {
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.CancelRequested, id.Value, order.Instrument.ToString(), "{}"));
            OrderChanged?.Invoke(order, result);
        }

        _cancels.Send(order);
        return true;
    }

    /// <summary>Cancels every live order of one instrument (a strategy pulling its quotes).</summary>
    public int CancelInstrument(InstrumentId instrument)
    {
        int n = 0;
        foreach (var id in _live.IdsSnapshot())
            if (_live.TryGet(id, out var o) && o.Instrument == instrument && Cancel(id)) n++;
        return n;
    }

    // ───────────────────────────── venue reports ─────────────────────────────

    /// <summary>
    /// Applies a venue report (on the loop), in one order: ledger, risk, journal, strategies — and only then what the
    /// report made the gate decide. A fill that breaches a limit halts the gate at once (the next order is denied), but
    /// the HALT, its journal entry and the cancel-all are announced after the fill is journaled and delivered.
    /// </summary>
    public void OnExecutionReport(ExecutionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var before = Find(report.OrderId)?.Status;
        Gate.HoldNotifications();
        try
        {
            ApplyReport(report);
            ReportHandled?.Invoke(report, before);
        }
        finally
        {
            Gate.ReleaseNotifications();
        }
    }

    private void ApplyReport(ExecutionReport report)
    {
        // Settlement steps and reversals concern a fill of the ledger, whether or not its order is still cached.
        if (report.Kind == ExecutionReportKind.SettlementChanged && report.Fill is { } stepped)
        {
            if (report.Settlement == SettlementState.Failed) ReverseFailedTrade(report with { Kind = ExecutionReportKind.FillReversed });
            else _settlement.OnStep(stepped, report.Settlement);
            return;
        }

        if (report.Kind == ExecutionReportKind.FillReversed && report.Fill is not null)
        {
            ReverseFailedTrade(report);
            return;
        }

        var order = Find(report.OrderId);
        if (order is null)
        {
            HandleUnknownOrderReport(report);
            return;
        }

        if (report.Kind == ExecutionReportKind.Filled && report.Fill is { } reported && RefuseInvalidFill(order.Id, reported)) return;

        var before = order.Status;
        var filledBefore = order.FilledSize;
        bool acceptedNow = report.Kind == ExecutionReportKind.Accepted && !order.IsAcknowledged;
        var result = order.Apply(report);
        if (result.IsIllegal)
        {
            Stats.IllegalTransitions++;
            _journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.Note, order.Id.Value, order.Instrument.ToString(),
                _payload.Text("illegal_transition", ("report", report.Kind.ToString()), ("status", before.ToString()), ("reason", result.Reason.ToString()))));
            return;
        }

        if (result.IsIgnored) return;
        if (acceptedNow && Gate.State == TradingState.Halted && order.Id.Value > _lastIdBeforeHalt) Stats.AcceptedWhileHalted++;

        var instrument = _instruments.Get(order.Instrument);
        switch (report.Kind)
        {
            case ExecutionReportKind.Filled when report.Fill is not null:
                OnFill(order, instrument, report.Fill, result, report.Settlement);
                break;
            case ExecutionReportKind.NotFound when order.NotFoundCount >= Options.NotFoundThreshold && order.Status.IsLive():
                GiveUp(order, instrument, $"venue did not know the order {order.NotFoundCount} times");
                return;
        }

        if (result.StatusChanged)
        {
            _journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.OrderState, order.Id.Value, order.Instrument.ToString(),
                _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", report.Reason == RejectReason.None ? "" : report.Reason.ToString()), ("venue_text", report.Text ?? ""))));
            if (order.Status == OrderStatus.Rejected) Stats.Rejected++;
            if (order.Status.IsFinal()) Close(order, instrument);
        }

        if (acceptedNow) Gate.OnOrderAccepted(instrument);
        else if (report.Kind == ExecutionReportKind.Rejected && result.StatusChanged && order.Status == OrderStatus.Rejected && RepeatsIfResent(report.Reason))
            HoldMarket(order, instrument, report);
        OrderChanged?.Invoke(order, result);
    }

    /// <summary>
    /// Rejects the venue would give again to the same order: a wrong tick (until the tick is re-read), a balance the
    /// venue does not see yet, a refusal of our credentials or address (403 included), a market that no longer takes
    /// orders. Re-sending them at every requote only burns the rate limit (and invites a ban).
    /// </summary>
    private static bool RepeatsIfResent(RejectReason reason) =>
        reason is RejectReason.InvalidTick or RejectReason.InsufficientBalance or RejectReason.Unauthorized or RejectReason.MarketUnavailable;

    private void HoldMarket(Order order, Instrument instrument, ExecutionReport report)
    {
        var hold = Gate.OnRepeatingReject(instrument, order.CreatedAt);
        _journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.Note, order.Id.Value, order.Instrument.ToString(),
            _payload.Text("reject_backoff", ("market", ClosedMarkets.MarketOf(instrument)), ("reason", report.Reason.ToString()),
                ("hold_ms", ((long)hold.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("venue_text", report.Text ?? ""))));
    }

    private void OnFill(Order order, Instrument instrument, Fill fill, OrderTransitionResult result, SettlementState settlement)
    {
        Stats.Fills++;
        if (result.IsLateFill) Stats.LateFills++;
        _journal.Append(new JournalEntry(fill.Timestamp.UtcTicks, JournalKind.Fill, order.Id.Value, order.Instrument.ToString(), _payload.Fill(fill, settlement)));
        // Live orders release the filled part of their commitment; finished ones released everything at close.
        if (!_finished.Contains(order.Id)) Gate.OnCommitmentReleased(order.Request, instrument, fill.Size);
        ApplyToPortfolio(instrument, fill, settlement);
        _slippage.Check(order, fill);
        FillApplied?.Invoke(order, fill);
    }

    private void ApplyToPortfolio(Instrument instrument, Fill fill, SettlementState settlement)
    {
        TouchPosition(instrument);
        int group = _portfolio.RiskGroupOf(instrument).Index;
        bool wasOpen = _portfolio.GroupDelta(group).Raw != 0;
        if (!_portfolio.ApplyFill(instrument, fill, settlement)) return;
        PushAccount();
        // A round trip (the group from flat back to flat, wherever it opened — a fill, a restored fill, an adoption)
        // feeds the consecutive-loss breaker with what the ledger says it made, its opening spread included.
        if (wasOpen && _portfolio.GroupDelta(group).Raw == 0) Gate.OnRoundTrip(_portfolio.RoundTripPnl(group));
    }

    // A position changed (fill, reversal, settlement step): reconciliation spares it for a grace period, since the
    // venue's balance may not show the change yet.
    private void TouchPosition(Instrument instrument)
    {
        if (instrument.Index >= _lastFillTicks.Length) Array.Resize(ref _lastFillTicks, Math.Max(instrument.Index + 1, _instruments.Count));
        _lastFillTicks[instrument.Index] = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>
    /// A trade FAILED: its fill leaves the ledger whenever the news arrives — from the user channel or from REST, while
    /// the order is cached, after it was evicted, or after a restart (the fill is found in the ledger by order and trade
    /// id, or by trade id alone when the venue could not name our order). Journaled as a reversed fill, so a replay
    /// after a later restart leaves it out too. A FAILED trade the ledger never booked changes nothing.
    /// </summary>
    private void ReverseFailedTrade(ExecutionReport report)
    {
        var named = report.Fill!;
        var applied = _portfolio.HasApplied(named) ? named : _portfolio.FindFill(named.Instrument, named.TradeId);
        _settlement.OnFailed(named);
        if (applied is null || !_instruments.TryGet(applied.Instrument, out var instrument)) return;
        var now = _time.GetUtcNow();
        TouchPosition(instrument);
        // The venue may say FAILED more than once (user channel, then a reconciliation): only the first reversal counts,
        // is journaled and alerts; a repeat finds the fill already out of the ledger and changes nothing.
        if (!_portfolio.ReverseFill(applied, now)) return;
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Fill, applied.OrderId.Value, applied.Instrument.ToString(), _payload.Fill(applied, reversed: true)));
        PushAccount();
        Stats.ReversedFills++;
        _alerts.Raise("fill_reversed", AlertSeverity.Warning, $"trade {applied.TradeId} of {applied.OrderId} failed on chain and was reversed", applied.Instrument.ToString());

        var order = Find(applied.OrderId);
        if (order is null) return;
        var before = order.Status;
        var filledBefore = order.FilledSize;
        var result = order.ApplyFillReversed(applied.TradeId, report.Timestamp);
        if (result.IsIllegal) Stats.IllegalTransitions++;
        if (!result.IsApplied) return;
        if (order.Status.IsLive() && order.FilledSize < filledBefore)
            Gate.OnCommitmentReleased(order.Request, instrument, order.FilledSize - filledBefore);
        if (result.StatusChanged)
        {
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, order.Id.Value, order.Instrument.ToString(),
                _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", "trade_failed"), ("venue_text", report.Text ?? ""))));
        }

        OrderChanged?.Invoke(order, result);
    }

    /// <summary>Pushes the portfolio's totals to the gate (daily loss, bankroll).</summary>
    public void PushAccount()
    {
        var (net, equity) = _portfolio.Totals();
        Gate.OnAccount(net, _portfolio.Cash, equity);
    }

    private void Close(Order order, Instrument instrument)
    {
        _live.Remove(order, instrument);
        _slippage.Forget(order.Id);
        _restored.Remove(order.Id);
        _finished.Add(order, _time.GetUtcNow().UtcTicks);
        if (order.Status == OrderStatus.Cancelled) Stats.Cancelled++;
        if (order.Status == OrderStatus.Expired) Stats.Expired++;
        // Whatever was not filled is no longer committed.
        Quantity unfilled = order.Request.Size - order.FilledSize;
        if (unfilled.Raw > 0 || order.IsQuoteSized) Gate.OnCommitmentReleased(order.Request, instrument, order.IsQuoteSized ? Quantity.Zero : unfilled);
        Gate.OnOrderClosed();
        UpdateOwnQuotes(instrument);
    }

    private void GiveUp(Order order, Instrument instrument, string why)
    {
        var now = _time.GetUtcNow();
        var before = order.Status;
        // The venue keeps saying it does not know the order: it never rested (or is long gone). Treat as cancelled.
        var result = order.ApplyCancelled(now);
        if (!result.IsApplied) return;
        Finding(ReconciliationIssue.NotFoundThreshold, order.Id, why);
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, order.Id.Value, order.Instrument.ToString(),
            _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", "not_found_threshold"))));
        Close(order, instrument);
        OrderChanged?.Invoke(order, result);
    }

    private void HandleUnknownOrderReport(ExecutionReport report)
    {
        // An order we never tracked (or evicted long ago). Money is money: apply its fill — once it passes the checks a
        // known order's fill passes — and let reconciliation cancel the order.
        if (report.Kind == ExecutionReportKind.Filled && report.Fill is { } fill && !RefuseInvalidFill(report.OrderId, fill)
            && _instruments.TryGet(fill.Instrument, out var instrument))
        {
            Stats.Fills++;
            _journal.Append(new JournalEntry(fill.Timestamp.UtcTicks, JournalKind.Fill, report.OrderId.Value, fill.Instrument.ToString(), _payload.Fill(fill, report.Settlement)));
            ApplyToPortfolio(instrument, fill, report.Settlement);
            Finding(ReconciliationIssue.FillForUnknownOrder, report.OrderId, $"fill {fill.TradeId} for unknown order {report.OrderId}");
            FillApplied?.Invoke(null, fill);
        }
    }

    /// <summary>
    /// True (and counted, journaled as a finding, alerted) when <paramref name="fill"/> fails <see cref="FillValidity"/>:
    /// it must not reach the portfolio. A fill refused once is refused silently when the venue reports it again.
    /// </summary>
    private bool RefuseInvalidFill(ClientOrderId orderId, Fill fill)
    {
        string? problem = FillValidity.Problem(fill, _instruments.TryGet(fill.Instrument, out var instrument) ? instrument : null);
        if (problem is null) return false;
        if (!_refusedFills.Add((orderId, fill.TradeId))) return true;
        Stats.RefusedFills++;
        string what = $"fill {fill.TradeId} {fill.Side} {fill.Size}@{fill.Price} of {orderId} on {fill.Instrument}";
        Finding(ReconciliationIssue.InvalidFill, orderId, $"{what} refused, not applied: {problem}");
        _alerts.Raise("invalid_fill", AlertSeverity.Warning, $"{what} refused ({problem}); compare the position with the venue", fill.Instrument.ToString());
        return true;
    }

    private void UpdateOwnQuotes(Instrument instrument)
    {
        var (bid, ask) = _live.OwnQuotes(instrument.Index);
        Gate.SetOwnQuotes(instrument, bid, ask);
    }

    private void Finding(ReconciliationIssue issue, ClientOrderId id, string detail)
    {
        Stats.ReconciliationFindings++;
        var finding = new ReconciliationFinding(issue, id, detail);
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.Reconciliation, id.Value, null,
            _payload.Text(detail, ("issue", issue.ToString()))));
        Reconciled?.Invoke(finding);
    }

    /// <summary>Routes timers owned by the order manager; returns false for timers it does not own.</summary>
    public bool OnTimer(in TimerEvent timer)
    {
        switch (timer.Purpose)
        {
            case TimerReconcile: RequestReconciliation(); return true;
            case TimerFreeze: FreezeStep(); return true;
            case TimerCancelQueue: _cancels.Drain(); return true;
            case TimerEvict: EvictFinished(); return true;
            default: return false;
        }
    }

    private void EvictFinished() => _finished.Evict(_time.GetUtcNow().UtcTicks - Options.FinishedOrderTtl.Ticks);
}
