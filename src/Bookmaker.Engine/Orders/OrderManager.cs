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
/// The order tracker, and the one door between the engine's callers (strategies, the kernel, the host) and the
/// execution clients: it keeps every order from intent to final state — live orders indexed, finished ones in a TTL
/// cache so late reports still apply — and hands each job to the part that does it. Every submit passes the
/// <see cref="RiskGate"/> first, and an order is tracked (PendingNew) and journaled <em>before</em> its request leaves,
/// so a request that times out is never forgotten.
/// </summary>
/// <remarks>
/// <para>Runs on the event loop only; not thread-safe by design. Its parts, each called from one place here:
/// <see cref="SubmissionRouter"/> (gate, track, journal, send; cancels), <see cref="ExecutionReports"/> (a venue report
/// applied to our order), <see cref="FillBooking"/> (fills into the ledger and the gate: round trips, reversals,
/// settlement steps), <see cref="Reconciler"/> (venue snapshots against our orders and positions),
/// <see cref="FreezeController"/> (cancel everything and prove it), <see cref="RequestFailures"/> (requests that failed
/// as a whole) and <see cref="OrderRecovery"/> (an earlier run taken over from the journal).</para>
/// <para>Order of work per venue input: a report is applied to the order, then booked (ledger, gate), journaled and
/// announced (<see cref="OrderChanged"/>, <see cref="FillApplied"/>, then <see cref="ReportHandled"/>), all inside the
/// gate's hold, so what the report made the gate decide is announced after it; a snapshot is reconciled, then the
/// freeze is told (it may end), then <see cref="SnapshotHandled"/>; a failed request is handled, then
/// <see cref="RequestFailed"/>; a venue status reaches the gate, then <see cref="VenueStatusHandled"/>. The parts call
/// back only into this class (close an order, announce a change, apply a derived report), never into each other's
/// events.</para>
/// </remarks>
public sealed class OrderManager : IDisposable
{
    /// <summary>Timer purposes owned by the order manager (the engine routes timers with these to <see cref="OnTimer"/>).</summary>
    public const int TimerReconcile = 100;

    /// <summary>Freeze retry timer purpose.</summary>
    public const int TimerFreeze = 101;

    /// <summary>Paced cancel queue timer purpose.</summary>
    public const int TimerCancelQueue = 102;

    /// <summary>Finished-order cache eviction timer purpose.</summary>
    public const int TimerEvict = 103;

    /// <summary>The one-shot "reconcile soon" timer purpose (apart from the periodic one, so each can be told apart).</summary>
    public const int TimerReconcileSoon = 104;

    private readonly InstrumentRegistry _instruments;
    private readonly Dictionary<string, IExecutionClient> _venues;
    private readonly PortfolioBook _portfolio;
    private readonly IJournal _journal;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly ClientOrderIdGenerator _ids;
    private readonly JournalPayload _payload = new();
    private readonly LiveOrders _live;
    private readonly FinishedOrders _finished = new();
    private readonly SlippageWatch _slippage;
    private readonly CancelPacer _cancels;
    private readonly OrderTimers _timers = new();
    private readonly SubmissionRouter _router;
    private readonly OrderAmends _amends;
    private readonly ReconciliationFindings _findings;
    private readonly FillBooking _booking;
    private readonly ExecutionReports _reports;
    private readonly Reconciler _reconciler;
    private readonly FreezeController _freeze;
    private readonly RequestFailures _failures;
    private readonly OrderRecovery _recovery;

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
        _cancels = new CancelPacer(Gate.CancelBucket, wait => _timers.Once(wait, TimerCancelQueue),
            id => _live.TryGet(id, out var o) ? o : null, o => _router!.ClientFor(o.Instrument).Cancel(o.Id, o.Instrument, o.VenueOrderId));
        _router = new SubmissionRouter(this, instruments, _venues, Gate, portfolio, _live, _slippage, _cancels, journal, _payload, time, ids, Stats);
        _amends = new OrderAmends(this, instruments, Gate, _live, _router, journal, _payload, time, Stats);
        _findings = new ReconciliationFindings(journal, _payload, time, Stats, f => Reconciled?.Invoke(f));
        _booking = new FillBooking(instruments, portfolio, Gate, journal, _payload, alerts, time, Stats, _findings);
        _reports = new ExecutionReports(this, instruments, Gate, _booking, _amends, _findings, _slippage, _finished, journal, _payload, time, Options, Stats);
        _reconciler = new Reconciler(this, _live, _venues, instruments, portfolio, _booking, _findings, _cancels, () => _freeze!.IsFrozen,
            journal, _payload, alerts, time, Options, Stats, _timers);
        _freeze = new FreezeController(this, _live, _venues, _cancels, _reconciler, Gate, journal, _payload, alerts, time, Options, _timers);
        _failures = new RequestFailures(this, _live, instruments, Gate, _reconciler, _freeze, journal, _payload, alerts, time, Stats);
        _recovery = new OrderRecovery(this, _live, instruments, portfolio, Gate, _reconciler, _booking, journal, _payload, time);
        Gate.FreezeRequested += reason => _freeze.Freeze(reason);
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

    /// <summary>Raised after a failed request was handled (submit pause, refusals, reconciliation scheduled).</summary>
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
        _timers.Loop = loop ?? throw new ArgumentNullException(nameof(loop));
        loop.ScheduleTimer(Options.ReconcileInterval, Options.ReconcileInterval, TimerReconcile);
        loop.ScheduleTimer(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimerEvict);
    }

    // ───────────────────────────── submits and cancels (SubmissionRouter) ─────────────────────────────

    /// <summary>Issues a fresh client order id (strategies build requests with it).</summary>
    public ClientOrderId NextId() => _ids.Next();

    /// <summary>
    /// Submits one order: risk gate, then track + journal, then send. A request with an empty id gets a fresh one.
    /// </summary>
    public SubmitOutcome Submit(OrderRequest request) => _router.Submit(request);

    /// <summary>
    /// Submits a basket all-or-nothing: the gate judges the legs together; if any leg is denied no leg is sent. Allowed
    /// legs leave together — in batches of the venue's maximum size where it has a batch endpoint.
    /// </summary>
    public RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds) => _router.SubmitBasket(legs, assignedIds);

    /// <summary>
    /// Requests a cancel. Never denied; paced by the cancel token bucket (queued when it is empty). The order stays
    /// live (PendingCancel) until the venue confirms or reconciliation proves it closed.
    /// </summary>
    public bool Cancel(ClientOrderId id) => _router.Cancel(id);

    /// <summary>Cancels every live order of one instrument (a strategy pulling its quotes).</summary>
    public int CancelInstrument(InstrumentId instrument) => _router.CancelInstrument(instrument);

    /// <summary>
    /// Amends a resting order to a new price and/or total size (null keeps the current one), keeping its client order
    /// id: the risk gate judges the amended order first (<see cref="RiskGate.CheckAmend"/>), then it is journaled and
    /// sent. The order keeps trading on its old terms until the venue answers (<see cref="Order.PendingAmend"/>). On a
    /// venue that cannot amend, the order is cancelled and its amended rest submitted as a new order.
    /// </summary>
    public AmendOutcome Amend(ClientOrderId id, Price? price, Quantity? size) => _amends.Amend(id, price, size);

    /// <summary>True when the venue of <paramref name="instrument"/> amends orders in place.</summary>
    public bool SupportsAmend(InstrumentId instrument) => _venues.TryGetValue(instrument.Venue, out var c) && c.SupportsAmend;

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
            _reports.Apply(report);
            ReportHandled?.Invoke(report, before);
        }
        finally
        {
            Gate.ReleaseNotifications();
        }
    }

    /// <summary>Pushes the portfolio's totals to the gate (daily loss, bankroll).</summary>
    public void PushAccount() => _booking.PushAccount();

    /// <summary>
    /// The order reached a final state: it leaves the live index for the finished-order cache, and what it no longer
    /// commits goes back to the gate (called by the parts that finish orders too).
    /// </summary>
    internal void Close(Order order, Instrument instrument)
    {
        _live.Remove(order, instrument);
        _slippage.Forget(order.Id);
        _finished.Add(order, _time.GetUtcNow().UtcTicks);
        if (order.Status == OrderStatus.Cancelled) Stats.Cancelled++;
        if (order.Status == OrderStatus.Expired) Stats.Expired++;
        // Whatever was not filled is no longer committed.
        Quantity unfilled = order.Request.Size - order.FilledSize;
        if (unfilled.Raw > 0 || order.IsQuoteSized) Gate.OnCommitmentReleased(order.Request, instrument, order.IsQuoteSized ? Quantity.Zero : unfilled);
        _amends.OnClosed(order, instrument);
        Gate.OnOrderClosed();
        UpdateOwnQuotes(instrument);
    }

    /// <summary>Tells the gate our best resting prices on <paramref name="instrument"/> (its self-cross check).</summary>
    internal void UpdateOwnQuotes(Instrument instrument)
    {
        var (bid, ask) = _live.OwnQuotes(instrument.Index);
        Gate.SetOwnQuotes(instrument, bid, ask);
    }

    /// <summary>Announces a change of <paramref name="order"/> (parts that change orders call this, once per change).</summary>
    internal void Changed(Order order, OrderTransitionResult result) => OrderChanged?.Invoke(order, result);

    /// <summary>Announces a denied intent (after it was counted and journaled).</summary>
    internal void AnnounceDenied(OrderRequest request, RiskDecision decision) => Denied?.Invoke(request, decision);

    /// <summary>Announces a fill booked into the ledger (<paramref name="order"/> is null for an order we do not know).</summary>
    internal void FilledApplied(Order? order, Fill fill) => FillApplied?.Invoke(order, fill);

    /// <summary>
    /// The last client order id issued before the current halt began (<see cref="ulong.MaxValue"/> when not halted): an
    /// order with a larger id was created while HALTED. Ids, not times: orders sent in the same engine instant just
    /// before a halt (a halt decided while handling a venue answer) are not orders sent while halted.
    /// </summary>
    internal ulong LastIdBeforeHalt { get; private set; } = ulong.MaxValue;

    /// <summary>Routes timers owned by the order manager; returns false for timers it does not own.</summary>
    public bool OnTimer(in TimerEvent timer)
    {
        switch (timer.Purpose)
        {
            case TimerReconcile: _reconciler.Request(); return true;
            case TimerReconcileSoon: _reconciler.OnSoonTimer(); return true;
            case TimerFreeze: _freeze.OnTimer(timer.Payload); return true;
            case TimerCancelQueue: _cancels.Drain(); return true;
            case TimerEvict: EvictFinished(); return true;
            default: return false;
        }
    }

    private void EvictFinished() => _finished.Evict(_time.GetUtcNow().UtcTicks - Options.FinishedOrderTtl.Ticks);

    // ───────────────────────────── trading state, venue status, failed requests ─────────────────────────────

    /// <summary>Called by the engine when the gate's state changes (tracks when HALTED began).</summary>
    public void OnTradingStateChanged(TradingState old, TradingState now, string reason)
    {
        if (now == TradingState.Halted && old != TradingState.Halted) LastIdBeforeHalt = ClientOrderId.From(_ids.Epoch, _ids.Issued).Value;
        if (now != TradingState.Halted) LastIdBeforeHalt = ulong.MaxValue;
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.TradingState, 0, null,
            _payload.Text(now.ToString().ToUpperInvariant(), ("from", old.ToString().ToUpperInvariant()), ("reason", reason))));
    }

    /// <summary>
    /// A whole request failed: <see cref="RequestFailures"/> handles it (pause, refusals, reconcile soon), then
    /// <see cref="RequestFailed"/> is raised.
    /// </summary>
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _failures.OnRequestFailed(failure);
        RequestFailed?.Invoke(failure);
    }

    /// <summary>
    /// Venue state changed: the gate learns the venue's trading mode, a restart's pause and the adapter's submit circuit
    /// (which it mirrors); a reconnect asks for a reconciliation.
    /// </summary>
    public void OnVenueStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        switch (status.State)
        {
            case VenueState.Live:
                Gate.SetVenueMode(false, false);
                break;
            case VenueState.CancelOnly:
                Gate.SetVenueMode(true, false);
                break;
            case VenueState.PostOnly:
                Gate.SetVenueMode(false, true);
                break;
            case VenueState.Restarting:
                Gate.PauseSubmitsUntil(status.Venue, status.Timestamp + (status.RetryAfter ?? RequestFailures.PauseWithoutRetryAfter));
                break;
            case VenueState.CircuitOpen:
                // The breaker refuses submits for its break; past it, its next submit is the trial, so the gate must let one through.
                Gate.SetSubmitCircuit(status.Venue, status.Timestamp + (status.RetryAfter ?? RequestFailures.PauseWithoutRetryAfter));
                break;
            case VenueState.CircuitHalfOpen or VenueState.CircuitClosed:
                Gate.SetSubmitCircuit(status.Venue, null);
                break;
            case VenueState.Reconnected:
                _reconciler.Request();
                break;
            case VenueState.Disconnected:
                break;
        }

        VenueStatusHandled?.Invoke(status);
    }

    // ───────────────────────────── reconciliation (Reconciler) ─────────────────────────────

    /// <summary>Account snapshots received from venues (complete or not): a start-up can wait for the first one.</summary>
    public int SnapshotsReceived => _reconciler.SnapshotsReceived;

    /// <summary>Asks every venue for open orders, balances, positions and recent fills.</summary>
    public void RequestReconciliation() => _reconciler.Request();

    /// <summary>Venues whose clients answer account snapshots (<see cref="IExecutionClient.AnswersAccountSnapshots"/>).</summary>
    public IEnumerable<string> ReconcilingVenues => _reconciler.ReconcilingVenues;

    /// <summary>Asks every venue for an account snapshot in 500 ms (once, however often it is called meanwhile).</summary>
    public void RequestReconciliationSoon() => _reconciler.RequestSoon();

    /// <summary>
    /// Compares a venue snapshot with local state and repairs every difference, each as a journaled finding (an
    /// incomplete snapshot repairs nothing); then the freeze learns whether anything is still live; then
    /// <see cref="SnapshotHandled"/> is raised.
    /// </summary>
    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_reconciler.Reconcile(snapshot)) _freeze.OnReconciled();
        SnapshotHandled?.Invoke(snapshot);
    }

    /// <summary>
    /// Asks every venue for one more account snapshot after the last order closed, to count the instruments whose
    /// position differs from the venue's (<see cref="PositionMismatchesAtExit"/>; it must be 0). The differences are
    /// repaired as in any reconciliation.
    /// </summary>
    public void RequestExitCheck() => _reconciler.RequestExitCheck();

    /// <summary>True once every venue answered the exit check with a complete snapshot (or no check was asked for).</summary>
    public bool ExitCheckDone => _reconciler.ExitCheckDone;

    /// <summary>
    /// Instruments whose position differed from the venue's in the exit check's reconciliation (before its repair);
    /// null when no exit check completed.
    /// </summary>
    public int? PositionMismatchesAtExit => _reconciler.PositionMismatchesAtExit;

    // ───────────────────────────── freeze (FreezeController) ─────────────────────────────

    /// <summary>True while a freeze is cancelling everything.</summary>
    public bool IsFrozen => _freeze.IsFrozen;

    /// <summary>
    /// Until <see cref="OnVenuesStarted"/>, a freeze is remembered instead of sent (the host calls this before its
    /// venues start, so a kill switch or restored halt at start reaches no adapter too early).
    /// </summary>
    public void DeferFreezeUntilStarted() => _freeze.DeferUntilStarted();

    /// <summary>
    /// The venues are connected (on the loop): the trade cursor starts (without a restored one, the account's trades
    /// from before this run are history), a freeze requested before runs — a start in HALTED cancels whatever a
    /// previous run may have left at the venue — then the first reconciliation is asked for.
    /// </summary>
    public void OnVenuesStarted()
    {
        _reconciler.StartTradeCursor();
        _freeze.OnVenuesStarted();
        _reconciler.Request();
    }

    /// <summary>
    /// Cancels everything: a bulk cancel-all first, then per-order cancels with retry for what is left, then
    /// reconciliation; repeats every <see cref="OrderManagerOptions.FreezeRetryInterval"/> until no order is live. An order
    /// still live after <see cref="OrderManagerOptions.CancelAllDeadline"/> raises a CRITICAL alert and HALTS trading.
    /// </summary>
    public void Freeze(string reason) => _freeze.Freeze(reason);

    /// <summary>
    /// The run is ending: when the current freeze has closed every order, run the exit check
    /// (<see cref="RequestExitCheck"/>).
    /// </summary>
    public void CheckPositionsWhenFrozen() => _freeze.CheckPositionsWhenFrozen();

    // ───────────────────────────── recovery (OrderRecovery) ─────────────────────────────

    /// <summary>Journals a note from the host (recovery reports): <paramref name="kind"/> and one line of detail.</summary>
    public void Note(string kind, string detail) =>
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text(kind, ("detail", detail))));

    /// <summary>Journals a note with named fields (e.g. the risk limits a run starts with).</summary>
    public void NoteFields(string kind, IEnumerable<(string Key, string Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text(kind, [.. fields])));
    }

    /// <summary>
    /// After a restart, before any strategy starts: takes over what the journal says the earlier runs left, as far as
    /// <paramref name="scope"/> allows. Full: replays journaled fills into the portfolio (positions and cumulative P&amp;L;
    /// cash stays the venue's opening balance, so nothing is counted twice), re-tracks orders that were live (their late
    /// fills and cancels still apply; the first reconciliation judges them at once) and moves the trade cursor to the
    /// newest journaled fill, so older venue trades are history, never new fills. Both scopes: the day's P&amp;L continues
    /// on the same trading day, and the consecutive-loss breaker's cool-down (then REDUCING) and an operator's REDUCING
    /// carry over. Halts and breaches are applied by the host before this (they hold before the engine is even built).
    /// </summary>
    public RecoverySummary Restore(RecoveredState state, RecoveryScope scope = RecoveryScope.Full) => _recovery.Restore(state, scope);
}
