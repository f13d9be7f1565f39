using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The engine kernel: the <see cref="IEventConsumer"/> that owns books, the order manager, risk gate, portfolio,
/// alerts and strategies, and routes every event to them on the loop. The same kernel runs backtest, paper and live;
/// only the venue adapters and the clock handed to it differ.
/// </summary>
/// <remarks>
/// Fail closed: a strategy that throws is stopped alone (<see cref="StrategyRoster"/>); a fault of the engine itself —
/// a handler exception, a journal that cannot write, a disk, clock or stall reported from off the loop — makes
/// <see cref="FailClosed"/> halt trading, stop every strategy and cancel everything through the freeze path, and
/// <see cref="Fault"/> tells the host to wind the run down and exit non-zero.
/// </remarks>
public sealed partial class TradingEngine : IEventConsumer, IDisposable
{
    /// <summary>Housekeeping timer purpose (day roll, kill switch, P&amp;L snapshot).</summary>
    public const int TimerHousekeeping = 1;

    /// <summary>First timer purpose routed to strategies; strategy k owns [base + k·1000, base + k·1000 + 999].</summary>
    public const int StrategyTimerBase = 10_000;

    private readonly OrderBook[] _books;
    private readonly bool[] _inMessage;
    private readonly SequenceCheck[] _messageCheck;
    private readonly StrategyRoster _strategies;
    private readonly VenueLiveness _liveness = new();
    private readonly KillSwitchFile? _killSwitch;
    private readonly JournalPayload _payload = new();
    private long _lastPnlSnapshotTicks;
    private bool _shuttingDown;
    private volatile bool _faultPending;
    private EngineFault? _fault;

    /// <summary>
    /// Wires the kernel. Instruments must be registered before. <paramref name="startupReconcileTimeout"/> (10 s by
    /// default) bounds the wait for each venue's first complete reconciliation before the CRITICAL alert.
    /// </summary>
    public TradingEngine(
        EventLoop loop,
        InstrumentRegistry instruments,
        OrderManager orders,
        IJournal journal,
        AlertCenter alerts,
        KillSwitchFile? killSwitch = null,
        TimeSpan? housekeepingInterval = null,
        IFaultLog? faultLog = null,
        OperationalWatchOptions? watch = null,
        TimeSpan? startupReconcileTimeout = null)
    {
        Loop = loop ?? throw new ArgumentNullException(nameof(loop));
        Instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        Orders = orders ?? throw new ArgumentNullException(nameof(orders));
        Journal = journal ?? throw new ArgumentNullException(nameof(journal));
        Alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        FaultLog = faultLog ?? new MemoryFaultLog();
        StartupReconcileTimeout = startupReconcileTimeout ?? TimeSpan.FromSeconds(10);
        if (StartupReconcileTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(startupReconcileTimeout), "must be > 0");
        _killSwitch = killSwitch;
        _strategies = new StrategyRoster(orders, alerts, FaultLog, (text, name) =>
            Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text(text, ("strategy", name)))));
        int n = instruments.Count;
        _books = new OrderBook[n];
        _inMessage = new bool[n];
        _messageCheck = new SequenceCheck[n];
        for (int i = 0; i < n; i++)
        {
            var inst = instruments[i];
            // Prediction-market prices live in [0, 1]: a tick-indexed ladder gives O(1) updates; crypto is unbounded.
            _books[i] = inst.IsOutcomeToken ? TickLadderBook.ForProbability(inst.TickSize) : new SortedBook();
        }

        Gate.StateChanged += OnStateChanged;
        Alerts.Changed += OnAlert;
        Orders.OrderChanged += (o, _) => _strategies.OnOrderChanged(o);
        Orders.FillApplied += (o, f) => _strategies.OnFill(o, f);
        Watch = new OperationalWatch(instruments, orders, _strategies.Live, alerts, loop.Time, watch ?? new OperationalWatchOptions());
        loop.Attach(this);
        Orders.Attach(loop);
        loop.ScheduleTimer(housekeepingInterval ?? TimeSpan.FromMilliseconds(250), housekeepingInterval ?? TimeSpan.FromMilliseconds(250), TimerHousekeeping);
        // A kill switch present at start halts before any strategy starts or any venue connects; the freeze that
        // cancels leftovers at the venue waits for the venues (see OrderManager.DeferFreezeUntilStarted).
        if (_killSwitch is { IsEngaged: true }) Gate.SetKillSwitch(true);
    }

    /// <summary>The loop.</summary>
    public EventLoop Loop { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => Loop.Time;

    /// <summary>Instruments.</summary>
    public InstrumentRegistry Instruments { get; }

    /// <summary>The order manager (and through it the risk gate).</summary>
    public OrderManager Orders { get; }

    /// <summary>The risk gate.</summary>
    public RiskGate Gate => Orders.Gate;

    /// <summary>The portfolio.</summary>
    public PortfolioBook Portfolio => Orders.Portfolio;

    /// <summary>The journal.</summary>
    public IJournal Journal { get; }

    /// <summary>Alerts.</summary>
    public AlertCenter Alerts { get; }

    /// <summary>The operational watches ("no silent stop" alerts), ticked by housekeeping.</summary>
    public OperationalWatch Watch { get; }

    /// <summary>Strategies in registration order.</summary>
    public IReadOnlyList<IStrategy> Strategies => _strategies.Strategies;

    /// <summary>The absolute path of the kill-switch file this engine watches, or null.</summary>
    public string? KillSwitchPath => _killSwitch?.Path;

    /// <summary>The strategies and their fault boundary.</summary>
    public StrategyRoster Roster => _strategies;

    /// <summary>Where stack traces of caught faults go.</summary>
    public IFaultLog FaultLog { get; }

    /// <summary>Why the engine failed closed, or null while it has not (read from any thread).</summary>
    public EngineFault? Fault => Volatile.Read(ref _fault);

    /// <summary>
    /// A fault was found (any thread) and its fail-closed command is on its way to the loop: strategies' submits are
    /// refused from now on, so nothing more is sent in the moment before the halt takes effect.
    /// </summary>
    public void MarkFaultPending() => _faultPending = true;

    /// <summary>Raised once, on the loop, when the engine fails closed (hosts only signal from it).</summary>
    public event Action<EngineFault>? Faulted;

    /// <summary>Market-data events that could not be applied (malformed level, book not live): counted, never thrown.</summary>
    public long DroppedMarketData { get; private set; }

    /// <summary>Sequence gaps detected (each invalidates the book until a snapshot).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>
    /// The state to show an operator (safe from any thread): DEAD, STALLED or STOPPED when the loop is not alive — never
    /// the last trading state of an engine that cannot act — else ACTIVE, REDUCING or HALTED.
    /// </summary>
    public string DisplayState =>
        Loop.DeadReason is not null ? "DEAD" : Loop.IsStalled ? "STALLED" : Loop.IsStopped ? "STOPPED" : Gate.State.ToString().ToUpperInvariant();

    /// <summary>True after a shutdown command.</summary>
    public bool IsShuttingDown => Volatile.Read(ref _shuttingDown);

    /// <summary>The local book of an instrument.</summary>
    public OrderBook Book(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return _books[instrument.Index];
    }

    /// <summary>The book at a dense index.</summary>
    public OrderBook Book(int index) => _books[index];

    /// <summary>Adds a strategy and starts it with its own context (a strategy that throws in Start is stopped alone).</summary>
    public void AddStrategy(IStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _strategies.Add(strategy, slot => new StrategyContext(this, slot, strategy.Name));
    }

    /// <summary>
    /// Shows every instrument's current book (those with at least one level) to the strategies from slot
    /// <paramref name="firstSlot"/> on: strategies added while the engine runs see the market at once instead of at its
    /// next change. Call on the loop.
    /// </summary>
    public void ShowBooksTo(int firstSlot)
    {
        foreach (var instrument in Instruments.All)
        {
            var book = _books[instrument.Index];
            if (book.HasBids || book.HasAsks) _strategies.OnBookFrom(firstSlot, instrument, book);
        }
    }

    /// <summary>True while the venue is live (not disconnected, restarting or cancel-only).</summary>
    public bool IsVenueLive(string venue) => _liveness.IsLive(venue);

    /// <summary>Per-venue liveness: trading mode, lost order session, presumed-cancelled orders, awaited reconciliation.</summary>
    public VenueLiveness Liveness => _liveness;

    // ───────────────────────────── market data (hot path) ─────────────────────────────

    /// <inheritdoc />
    public void OnMarketData(in MarketDataEvent e)
    {
        if ((uint)e.InstrumentIndex >= (uint)_books.Length)
        {
            DroppedMarketData++;
            return;
        }

        var book = _books[e.InstrumentIndex];
        Watch.Feed.OnData(e.InstrumentIndex, e.VenueTimeTicks, e.ReceiveTimeTicks);
        switch (e.Kind)
        {
            case MarketDataKind.Snapshot:
                if (e.Snapshot is null || !book.ApplySnapshot(e.Snapshot, e.ReceiveTimeTicks)) DroppedMarketData++;
                break;
            case MarketDataKind.LevelUpdate:
                ApplyLevel(book, e);
                break;
            case MarketDataKind.Trade:
                // A venue message may hold trade prints only (an order added and taken within one venue instant
                // leaves the published levels as they were); it still takes a sequence number, so it is judged like
                // any other message, or the next one would look like a gap and leave the book stale for good.
                JudgeMessage(book, e);
                _strategies.OnTrade(Instruments[e.InstrumentIndex], e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
                if (e.EndOfMessage) _inMessage[e.InstrumentIndex] = false;
                return;
            case MarketDataKind.TickSizeChange:
                var ticked = Instruments[e.InstrumentIndex];
                if (ticked.TickSize != e.Price)
                {
                    ticked.ChangeTick(e.Price);
                    if (book is TickLadderBook ladder) ladder.ChangeTick(e.Price);
                    // An off-tick reject may have held the market; with the venue's tick known, quotes re-quantize now.
                    Gate.LiftRejectBackoff(ticked);
                }

                break;
            case MarketDataKind.BookInvalidated:
                book.Invalidate();
                break;
        }

        if (!e.EndOfMessage) return;
        _inMessage[e.InstrumentIndex] = false;
        var instrument = Instruments[e.InstrumentIndex];
        UpdateMark(instrument, book);
        _strategies.OnBook(instrument, book);
    }

    private void ApplyLevel(OrderBook book, in MarketDataEvent e)
    {
        if (JudgeMessage(book, e) != SequenceCheck.Accepted || !book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks)) DroppedMarketData++;
    }

    /// <summary>
    /// The continuity verdict of the venue message <paramref name="e"/> belongs to: judged on its first event (trade
    /// print or level), shared by the message's other events.
    /// </summary>
    private SequenceCheck JudgeMessage(OrderBook book, in MarketDataEvent e)
    {
        int i = e.InstrumentIndex;
        if (!_inMessage[i])
        {
            _inMessage[i] = true;
            var check = book.AcceptSequence(e.Sequence, e.PreviousSequence);
            if (check == SequenceCheck.Gap) SequenceGaps++;
            _messageCheck[i] = check;
        }

        return _messageCheck[i];
    }

    /// <summary>
    /// Marks the instrument at the mid of a live two-sided book — in the ledger, for every instrument whether held or
    /// not, so the fill that opens a position is valued at the current mark at once (its spread shows in the daily P&amp;L
    /// and an opening taker order's slippage is judged). A held position's new mark re-evaluates the loss limits.
    /// </summary>
    private void UpdateMark(Instrument instrument, OrderBook book)
    {
        if (book.IsStale || !book.HasBids || !book.HasAsks || book.IsCrossed) return;
        var mid = new Price((book.BestBid.Price.Raw + book.BestAsk.Price.Raw) / 2);
        if (mid == Portfolio.MarkOf(instrument)) return;
        Portfolio.SetMark(instrument, mid);
        if (Portfolio.GetPosition(instrument) is { IsFlat: false }) Orders.PushAccount();
    }

    /// <summary>The last mark (mid) of an instrument, zero before the first two-sided book (read from the ledger).</summary>
    public Price Mark(Instrument instrument) => Portfolio.MarkOf(instrument);

    // ───────────────────────────── order events ─────────────────────────────

    /// <inheritdoc />
    public void OnExecutionReport(ExecutionReport report) => Orders.OnExecutionReport(report);

    /// <inheritdoc />
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Orders.OnRequestFailed(failure);
        if (failure.Endpoint == VenueEndpoint.Query) RetryStartupReconciliation(failure.Venue);
    }

    /// <inheritdoc />
    public void OnVenueStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        bool reconcile = _liveness.OnStatus(status);
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text("venue_status", ("venue", status.Venue), ("state", status.State.ToString()), ("venue_text", status.Text ?? ""))));
        switch (status.State)
        {
            case VenueState.Disconnected:
                // Every book of a disconnected venue is stale until a fresh snapshot after the reconnect.
                for (int i = 0; i < _books.Length; i++)
                    if (string.Equals(Instruments[i].Id.Venue, status.Venue, StringComparison.Ordinal)) _books[i].Invalidate();
                Alerts.Raise("venue_disconnected", AlertSeverity.Warning, $"{status.Venue} disconnected: {status.Text}", status.Venue);
                break;
            case VenueState.Live or VenueState.Reconnected:
                Alerts.Clear("venue_disconnected", status.Venue);
                break;
            case VenueState.SessionLost:
                // Not a market-data problem: books stay valid; no new orders until the session is back and reconciled.
                Gate.SetVenueSessionLost(status.Venue, true);
                Alerts.Raise("venue_session_lost", AlertSeverity.Warning, $"{status.Venue} order session lost: {status.Text}", status.Venue);
                break;
            case VenueState.SessionExpired:
                Gate.SetVenueSessionLost(status.Venue, true);
                int open = Orders.LiveOrders.Count(o => string.Equals(o.Instrument.Venue, status.Venue, StringComparison.Ordinal));
                Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null,
                    _payload.Text("orders_presumed_cancelled", ("venue", status.Venue), ("open_orders", open.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
                Alerts.Raise("orders_presumed_cancelled", AlertSeverity.Critical,
                    $"{status.Venue}: {open} open order(s) presumed cancelled by the venue (session lapsed): no new orders until a reconciliation confirms", status.Venue);
                break;
            case VenueState.SessionRestored:
                Gate.SetVenueSessionLost(status.Venue, false);
                Alerts.Clear("venue_session_lost", status.Venue);
                break;
            case VenueState.MarketClosed when status.Market is { Length: > 0 } market:
                CloseMarket(status.Venue, market, status.Text ?? "closed");
                break;
            case VenueState.Blocked:
                var window = status.RetryAfter ?? TimeSpan.FromSeconds(10);
                Gate.BlockVenueUntil(status.Venue, Time.GetUtcNow() + window);
                _blockedVenues.Add(status.Venue);
                Alerts.Raise("venue_blocked", AlertSeverity.Critical,
                    $"{status.Venue} refused us (HTTP 403): all requests to it paused for {window.TotalSeconds:0.#} s, cancels included; new orders denied ({status.Text})", status.Venue);
                break;
        }

        Orders.OnVenueStatus(status);
        if (reconcile && status.State == VenueState.SessionRestored) Orders.RequestReconciliation();
    }

    /// <summary>
    /// A market no longer trades: the gate refuses new orders there for the rest of the run (strategies see it as not
    /// live), our orders there are cancelled, and the operator is told (WARNING <c>market_closed</c>, journal note).
    /// </summary>
    private void CloseMarket(string venue, string market, string reason)
    {
        var members = Gate.ClosedMarkets.Close(market, reason, Instruments);
        if (members.Count == 0) return; // already closed, or not a market of this run
        int cancelled = 0;
        foreach (var inst in members) cancelled += Orders.CancelInstrument(inst.Id);
        string label = string.Join(", ", members.Select(i => i.Outcome?.Outcome is { } o ? $"{o} {i.Id.Symbol}" : i.Id.Symbol));
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null,
            _payload.Text("market_closed", ("venue", venue), ("market", market), ("reason", reason),
                ("orders_cancelled", cancelled.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Alerts.Raise("market_closed", AlertSeverity.Warning,
            $"{venue} market {market} no longer trades ({reason}): {cancelled} order(s) cancelled, quoting stopped ({label})", market);
    }

    private readonly HashSet<string> _blockedVenues = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        bool starting = _liveness.IsStarting(snapshot.Venue);
        // Repairs first (positions, open orders, cash adopted), then liveness: a strategy that may quote again sees them.
        Orders.OnAccountSnapshot(snapshot);
        OnReconciledVenue(snapshot, starting);
    }

    // ───────────────────────────── timers and commands ─────────────────────────────

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == TimerHousekeeping)
        {
            Housekeeping();
            return;
        }

        if (timer.Purpose == TimerStartupReconcile)
        {
            OnStartupReconcileDeadline();
            return;
        }

        if (Orders.OnTimer(timer)) return;
        if (timer.Purpose >= StrategyTimerBase)
        {
            int slot = (timer.Purpose - StrategyTimerBase) / 1000;
            _strategies.OnTimer(slot, timer with { Purpose = (timer.Purpose - StrategyTimerBase) % 1000 });
        }
    }

    /// <summary>Fire drill (<c>core-throw@N</c>): the engine core throws at the first housekeeping after N events; 0 = off.</summary>
    public long CoreFaultDrillAt { get; set; }

    private void Housekeeping()
    {
        if (CoreFaultDrillAt > 0 && Loop.ProcessedCount >= CoreFaultDrillAt)
        {
            CoreFaultDrillAt = 0;
            throw new InvalidOperationException("drill: a fault in the engine core (core-throw)");
        }

        Gate.Tick();
        if (_killSwitch is not null) Gate.SetKillSwitch(_killSwitch.IsEngaged);
        if (_blockedVenues.Count != 0) ClearEndedBlocks();
        Watch.Tick();
        long now = Time.GetUtcNow().UtcTicks;
        if (now - _lastPnlSnapshotTicks >= TimeSpan.TicksPerMinute) WritePnlSnapshot();
    }

    private void ClearEndedBlocks()
    {
        foreach (string venue in _blockedVenues.ToArray())
        {
            if (Gate.IsVenueBlocked(venue)) continue;
            _blockedVenues.Remove(venue);
            Alerts.Clear("venue_blocked", venue);
        }
    }

    /// <summary>
    /// Journals the account's P&amp;L and trading state now (every minute of engine time, and once more when a run ends,
    /// so a restart continues the day from the last figure, not from up to a minute before it). Call on the loop, or
    /// after it stopped.
    /// </summary>
    public void WritePnlSnapshot()
    {
        long now = Time.GetUtcNow().UtcTicks;
        _lastPnlSnapshotTicks = now;
        var p = Portfolio;
        var w = _payload.Begin();
        w.WriteString("cash", p.Cash.ToString());
        w.WriteString("realized", p.RealizedPnl.ToString());
        w.WriteString("unrealized", p.UnrealizedPnl.ToString());
        w.WriteString("fees", p.FeesPaid.ToString());
        w.WriteString("rebates", p.RebatesEarned.ToString());
        w.WriteString("equity", p.Equity.ToString());
        w.WriteString("daily", Gate.DailyPnl.ToString());
        w.WriteString("state", Gate.State.ToString().ToUpperInvariant());
        Journal.Append(new JournalEntry(now, JournalKind.PnlSnapshot, 0, null, _payload.End()));
    }

    /// <inheritdoc />
    public void OnCommand(OperatorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.IsOperatorAction)
        {
            Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.OperatorCommand, 0, null,
                _payload.Text(command.Kind.ToString(), ("actor", command.Actor), ("reason", command.Text ?? ""))));
        }

        bool applied = true;
        string detail = "";
        switch (command.Kind)
        {
            case OperatorCommandKind.Halt:
                Gate.SetManualState(TradingState.Halted, $"operator:{command.Actor}");
                detail = "halted; cancelling every open order";
                break;
            case OperatorCommandKind.Resume:
                if (_killSwitch is { IsEngaged: true })
                {
                    Alerts.Raise("resume_refused", AlertSeverity.Warning, "resume refused: the kill-switch file is still present");
                    (applied, detail) = (false, $"refused: the kill-switch file {_killSwitch.Path} is still present");
                    break;
                }

                if (_fault is not null)
                {
                    (applied, detail) = (false, "refused: the engine failed closed (" + _fault.Message + ") and is stopping");
                    break;
                }

                Gate.SetKillSwitch(false);
                Gate.SetManualState(TradingState.Active, $"operator:{command.Actor}");
                if (Gate.State != TradingState.Active)
                    (applied, detail) = (false, Gate.IsBreached ? "still HALTED: a daily-loss breach needs 'bookmaker risk reset --confirm'" : "still " + Gate.State.ToString().ToUpperInvariant());
                break;
            case OperatorCommandKind.ResetBreach:
                applied = Gate.ResetBreach();
                detail = applied ? "breach reset; the day's loss baseline restarts now" : "no daily-loss breach to reset";
                break;
            case OperatorCommandKind.CancelAll:
                Orders.Freeze($"operator:{command.Actor}");
                detail = "cancelling every open order";
                break;
            case OperatorCommandKind.Shutdown:
                BeginShutdown(command.Actor);
                break;
            case OperatorCommandKind.Started:
                BeginStartupReconciliation();
                Orders.OnVenuesStarted();
                break;
            case OperatorCommandKind.FailClosed:
                FailClosed(command.Fault ?? new EngineFault(EngineFaultKind.Code, command.Text ?? "fault reported by " + command.Actor));
                break;
            case OperatorCommandKind.Alert when command.AlertCode is { Length: > 0 } code:
                if (command.AlertSeverity == AlertSeverity.Info) Alerts.Clear(code, command.AlertKey);
                else Alerts.Raise(code, command.AlertSeverity, command.Text ?? code, command.AlertKey);
                break;
        }

        command.Completed?.Invoke(new OperatorCommandResult(applied, Gate.State.ToString().ToUpperInvariant(), Orders.LiveCount, Time.GetUtcNow().UtcTicks, detail));
    }

    /// <summary>Stops strategies and cancels everything (the freeze keeps retrying until the venue confirms).</summary>
    public void BeginShutdown(string actor)
    {
        if (_shuttingDown) return;
        Volatile.Write(ref _shuttingDown, true);
        _strategies.Shutdown();
        // The run summary counts the positions that differ from the venue's once every order is closed.
        Orders.CheckPositionsWhenFrozen();
        Orders.Freeze($"shutdown:{actor}");
    }

    /// <inheritdoc />
    public void OnFault(Exception exception, LoopActivity activity)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception is EngineCoreFaultException { InnerException: { } cause } ? cause : exception;
        string where = _strategies.Current is { } s ? $" (serving strategy '{s}')" : "";
        FailClosed(new EngineFault(EngineFaultKind.Code, $"{EngineFault.Describe(inner)} in the engine while processing {activity}{where}", exception));
    }

    /// <summary>
    /// Fails closed (on the loop): records <paramref name="fault"/>, stops every strategy, HALTS with the fault as the
    /// reason (which freezes: cancel-all, then per-order cancels until the venue confirms), raises the CRITICAL
    /// <c>engine_fault</c> alert and tells the host through <see cref="Faulted"/>. Only the first fault acts; later
    /// ones are logged. Off the loop, post <see cref="OperatorCommandKind.FailClosed"/> instead.
    /// </summary>
    public void FailClosed(EngineFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Interlocked.CompareExchange(ref _fault, fault, null) is not null)
        {
            FaultLog.Write("further fault while failing closed: " + fault.Message, fault.Exception);
            return;
        }

        FaultLog.Write("FAIL-CLOSED: " + fault.Message, fault.Exception);
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null,
            _payload.Text("engine_fault", ("kind", fault.Kind.ToString().ToLowerInvariant()), ("reason", fault.Message))));
        _strategies.StopAll();
        Volatile.Write(ref _shuttingDown, true);
        Alerts.Raise("engine_fault", AlertSeverity.Critical, $"engine failed closed: {fault.Message}; HALTED, cancelling everything");
        Gate.SetManualState(TradingState.Halted, fault.ReasonCode);
        // A halt freezes only when the state changes; an engine already HALTED must still cancel what is open.
        Orders.Freeze(fault.ReasonCode);
        Faulted?.Invoke(fault);
    }

    private void OnStateChanged(TradingState old, TradingState now, string reason)
    {
        Orders.OnTradingStateChanged(old, now, reason);
        _strategies.OnTradingState(now);
    }

    private void OnAlert(Alert alert) =>
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Alert, 0, null,
            _payload.Text(alert.Message, ("code", alert.Code), ("severity", alert.Severity.ToString().ToUpperInvariant()), ("key", alert.Key), ("active", alert.IsActive ? "true" : "false"))));

    /// <inheritdoc />
    public void Dispose()
    {
        _payload.Dispose();
        Orders.Dispose();
    }
}
