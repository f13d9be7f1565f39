using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
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
public sealed class TradingEngine : IEventConsumer, IEngineLifecycle, IDisposable
{
    /// <summary>Housekeeping timer purpose (day roll, kill switch, P&amp;L snapshot).</summary>
    public const int TimerHousekeeping = 1;

    /// <summary>Timer purpose of the start-up reconciliation deadline.</summary>
    public const int TimerStartupReconcile = 2;

    /// <summary>First timer purpose routed to strategies; strategy k owns [base + k·1000, base + k·1000 + 999].</summary>
    public const int StrategyTimerBase = 10_000;

    /// <summary>Alert code of a venue whose first complete account snapshot did not come in time (key: the venue).</summary>
    public const string StartupReconcileAlert = "startup_reconcile_timeout";

    private readonly MarketBooks _books;
    private readonly StrategyRoster _strategies;
    private readonly VenueLiveness _liveness = new();
    private readonly KillSwitchFile? _killSwitch;
    private readonly EngineNotes _notes;
    private readonly StartupReconciliation _startup;
    private readonly VenueIncidents _incidents;
    private readonly Housekeeping _housekeeping;
    private readonly OperatorCommands _commands;
    private readonly FundingBooking _funding;
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
        var reconcileTimeout = startupReconcileTimeout ?? TimeSpan.FromSeconds(10);
        if (reconcileTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(startupReconcileTimeout), "must be > 0");
        _killSwitch = killSwitch;
        _notes = new EngineNotes(journal, loop.Time);
        _strategies = new StrategyRoster(orders, alerts, FaultLog, (text, name) => _notes.Note(text, ("strategy", name)));
        _books = new MarketBooks(instruments);
        _startup = new StartupReconciliation(loop, instruments, orders, _liveness, _books, _strategies, alerts, _notes, () => _shuttingDown, reconcileTimeout);
        _incidents = new VenueIncidents(instruments, orders, _books, alerts, _notes, loop.Time);

        // The kernel's only subscriptions: what the gate and the order manager announce reaches the order manager's
        // journal, the strategies, the state alerts and the journal here, in the order of the table in
        // docs/architecture.md. Subscribed before the watches, which hear of the order manager's events after them.
        Gate.StateChanged += OnStateChanged;
        Alerts.Changed += OnAlert;
        Orders.OrderChanged += (o, _) => _strategies.OnOrderChanged(o);
        Orders.FillApplied += (o, f) => _strategies.OnFill(o, f);
        Watch = new OperationalWatch(instruments, orders, _strategies.Live, alerts, loop.Time, watch ?? new OperationalWatchOptions());
        _housekeeping = new Housekeeping(loop, orders.Gate, orders.Portfolio, killSwitch, _incidents, Watch, _notes);
        _commands = new OperatorCommands(orders, alerts, killSwitch, _notes, loop.Time, this);
        _funding = new FundingBooking(instruments, orders.Portfolio, orders, _notes, loop.Time);
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

    /// <summary>
    /// Raised on the loop after each housekeeping tick (every 250 ms of engine time): the moment edge adapters (the
    /// control plane, metrics) copy what they show into an immutable snapshot, so they never read engine state off
    /// the loop. Handlers must be quick and must not change engine state.
    /// </summary>
    public event Action? Housekept;

    /// <summary>Raised once, on the loop, when the engine fails closed (hosts only signal from it).</summary>
    public event Action<EngineFault>? Faulted;

    /// <summary>Market-data events that could not be applied (malformed level, book not live): counted, never thrown.</summary>
    public long DroppedMarketData => _books.Dropped;

    /// <summary>Sequence gaps detected (each invalidates the book until a snapshot).</summary>
    public long SequenceGaps => _books.SequenceGaps;

    /// <summary>How long a venue may take to answer its first complete reconciliation before the CRITICAL alert.</summary>
    public TimeSpan StartupReconcileTimeout => _startup.Timeout;

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
        _strategies.Add(strategy, slot => new StrategyContext(Loop, Instruments, Orders, _books, _liveness, _strategies, Alerts, _notes,
            () => _shuttingDown || _faultPending, slot, strategy.Name));
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

    /// <summary>
    /// A market-data event: the book takes it (<see cref="MarketBooks"/>); at the end of a venue message the ledger's
    /// mark moves (and with it the gate's account), then strategies see the book. A trade print goes to strategies at
    /// once. Allocation-free.
    /// </summary>
    public void OnMarketData(in MarketDataEvent e)
    {
        if (!_books.Admit(e.InstrumentIndex)) return;
        if (e.Kind is MarketDataKind.PriceBand or MarketDataKind.VenueMark or MarketDataKind.LiquidationPrice)
        {
            // Gate inputs, not book data: they must not keep a silent book's feed looking alive, nor move the ledger's mark.
            if (e.Kind == MarketDataKind.PriceBand) Gate.SetPriceBand(Instruments[e.InstrumentIndex], e.Side, e.Price);
            else Gate.SetPositionRisk(Instruments[e.InstrumentIndex], e.Kind == MarketDataKind.VenueMark, e.Price);
            return;
        }

        Watch.Feed.OnData(e.InstrumentIndex, e.VenueTimeTicks, e.ReceiveTimeTicks);
        switch (e.Kind)
        {
            case MarketDataKind.Snapshot:
                _books.ApplySnapshot(e);
                break;
            case MarketDataKind.LevelUpdate:
                _books.ApplyLevel(e);
                break;
            case MarketDataKind.Trade:
                _books.AcceptTradeMessage(e);
                _strategies.OnTrade(Instruments[e.InstrumentIndex], e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
                if (e.EndOfMessage) _books.EndMessage(e.InstrumentIndex);
                return;
            case MarketDataKind.TickSizeChange:
                var ticked = Instruments[e.InstrumentIndex];
                // An off-tick reject may have held the market; with the venue's tick known, quotes re-quantize now.
                if (_books.ChangeTick(ticked, e.Price)) Gate.LiftRejectBackoff(ticked);
                break;
            case MarketDataKind.BookInvalidated:
                _books.Invalidate(e.InstrumentIndex);
                break;
        }

        if (!e.EndOfMessage) return;
        _books.EndMessage(e.InstrumentIndex);
        var instrument = Instruments[e.InstrumentIndex];
        var book = _books[e.InstrumentIndex];
        UpdateMark(instrument, book);
        _strategies.OnBook(instrument, book);
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

    /// <summary>
    /// A venue report: the order manager applies it in one fixed sequence (order state ⇒ ledger ⇒ gate ⇒ journal ⇒
    /// strategies ⇒ what the gate decided meanwhile); see <see cref="OrderManager.OnExecutionReport"/>.
    /// </summary>
    public void OnExecutionReport(ExecutionReport report) => Orders.OnExecutionReport(report);

    /// <summary>A failed request: the order manager handles it; a failed reconciliation query at start is asked again soon.</summary>
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Orders.OnRequestFailed(failure);
        if (failure.Endpoint == VenueEndpoint.Query) _startup.RetryIfStarting(failure.Venue);
    }

    /// <summary>
    /// A venue status change, in this order: liveness, the journal note, the kernel's response (books, gate, alerts:
    /// <see cref="VenueIncidents"/>), the order manager, then a reconciliation when a restored session needs one.
    /// </summary>
    public void OnVenueStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        bool reconcile = _liveness.OnStatus(status);
        _notes.Note("venue_status", ("venue", status.Venue), ("state", status.State.ToString()), ("venue_text", status.Text ?? ""));
        _incidents.OnStatus(status);
        Orders.OnVenueStatus(status);
        if (reconcile && status.State == VenueState.SessionRestored) Orders.RequestReconciliation();
    }

    /// <summary>
    /// A reconciliation snapshot: repairs first (positions, open orders, cash adopted, by the order manager), then
    /// liveness (<see cref="StartupReconciliation"/>), so a strategy that may quote again sees them.
    /// </summary>
    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        bool starting = _liveness.IsStarting(snapshot.Venue);
        Orders.OnAccountSnapshot(snapshot);
        Balances.OnSnapshot(snapshot);
        _startup.OnSnapshotApplied(snapshot, starting);
    }

    /// <summary>
    /// A funding payment: booked once into the ledger's funding line (cash), journaled, and the account's totals pushed
    /// to the gate (funding paid counts against the daily loss limit; a breach is announced at once).
    /// </summary>
    public void OnFunding(FundingPayment payment) => _funding.Book(payment);

    /// <summary>A venue's push of per-coin balances (spot: what open orders lock): kept for the operator's views.</summary>
    public void OnBalances(VenueBalances balances) => Balances.OnPush(balances);

    /// <summary>The venues' per-coin balances (total, locked by open orders, free) as they last stated them.</summary>
    public AccountBalances Balances { get; } = new();

    /// <summary>Funding payments the venue repeated (stream replay, REST catch-up) and the ledger had booked already.</summary>
    public long DuplicateFunding => _funding.Duplicates;

    // ───────────────────────────── timers and commands ─────────────────────────────

    /// <summary>A timer: housekeeping, the start-up deadline, the order manager's timers, then strategies' by slot.</summary>
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == TimerHousekeeping)
        {
            _housekeeping.Run();
            Housekept?.Invoke();
            return;
        }

        if (timer.Purpose == TimerStartupReconcile)
        {
            _startup.OnDeadline();
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
    public long CoreFaultDrillAt
    {
        get => _housekeeping.CoreFaultDrillAt;
        set => _housekeeping.CoreFaultDrillAt = value;
    }

    /// <summary>
    /// Journals the account's P&amp;L and trading state now (every minute of engine time, and once more when a run ends,
    /// so a restart continues the day from the last figure, not from up to a minute before it). Call on the loop, or
    /// after it stopped.
    /// </summary>
    public void WritePnlSnapshot() => _housekeeping.WritePnlSnapshot();

    /// <summary>An operator or internal command (<see cref="OperatorCommands"/>: journaled, applied, answered).</summary>
    public void OnCommand(OperatorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Apply(command);
    }

    /// <inheritdoc cref="IEngineLifecycle.OnVenuesStarted" />
    void IEngineLifecycle.OnVenuesStarted()
    {
        _startup.Begin();
        Orders.OnVenuesStarted();
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

    /// <summary>An exception escaped a handler on the loop (not a strategy's own): the engine fails closed.</summary>
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
        _notes.Note("engine_fault", ("kind", fault.Kind.ToString().ToLowerInvariant()), ("reason", fault.Message));
        _strategies.StopAll();
        Volatile.Write(ref _shuttingDown, true);
        Alerts.Raise("engine_fault", AlertSeverity.Critical, $"engine failed closed: {fault.Message}; HALTED, cancelling everything");
        Gate.SetManualState(TradingState.Halted, fault.ReasonCode);
        // A halt freezes only when the state changes; an engine already HALTED must still cancel what is open.
        Orders.Freeze(fault.ReasonCode);
        Faulted?.Invoke(fault);
    }

    /// <summary>
    /// The gate's state changed (announced after the venue report that caused it, see <c>GateNotices</c>): the order
    /// manager journals it first, then strategies hear of it, then the <c>trading_halted</c> / <c>trading_reducing</c>
    /// alert follows it.
    /// </summary>
    private void OnStateChanged(TradingState old, TradingState now, string reason)
    {
        Orders.OnTradingStateChanged(old, now, reason);
        _strategies.OnTradingState(now);
        Watch.TradingState.OnStateChanged(now, reason);
    }

    private void OnAlert(Alert alert) =>
        _notes.Append(JournalKind.Alert, alert.Message, ("code", alert.Code), ("severity", alert.Severity.ToString().ToUpperInvariant()), ("key", alert.Key), ("active", alert.IsActive ? "true" : "false"));

    /// <inheritdoc />
    public void Dispose()
    {
        _notes.Dispose();
        Orders.Dispose();
    }
}
