using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Hosting;

/// <summary>Everything an engine run needs besides venues and strategies.</summary>
public sealed record EngineHostOptions
{
    /// <summary>Risk limits.</summary>
    public RiskLimits Risk { get; init; } = new();

    /// <summary>Order-manager tunables.</summary>
    public OrderManagerOptions Orders { get; init; } = new();

    /// <summary>Cash the portfolio starts with (the venue reconciles it).</summary>
    public Money InitialCash { get; init; } = Money.FromUnits(1_000);

    /// <summary>Kill-switch file, or null for none.</summary>
    public string? KillSwitchFile { get; init; }

    /// <summary>Session epoch for client order ids (the journal's last epoch + 1).</summary>
    public uint Epoch { get; init; } = 1;

    /// <summary>Where stack traces of caught faults go (null: kept in memory only).</summary>
    public IFaultLog? FaultLog { get; init; }

    /// <summary>No loop progress this long while busy is a stall (<c>Engine:StallTimeout</c>).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest tolerated system-clock jump in real-time runs (<c>Engine:MaxClockJump</c>).</summary>
    public TimeSpan MaxClockJump { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After a stall, how long a loop that stays stuck is waited for before the watchdog's Stuck event.</summary>
    public TimeSpan StuckGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Halts that outlive a restart (from the journal), applied before any strategy starts.</summary>
    public PersistedHalts Halts { get; init; } = PersistedHalts.None;

    /// <summary>A fire drill to inject (<c>Engine:Drill</c>); none by default.</summary>
    public DrillSpec Drill { get; init; } = DrillSpec.None;

    /// <summary>Thresholds of the operational alerts (section <c>Alerts</c>).</summary>
    public OperationalWatchOptions Watch { get; init; } = new();

    /// <summary>
    /// How long each venue may take to answer its first complete reconciliation (<c>Engine:StartupReconcileTimeout</c>):
    /// until then strategies see it as not live; past it a CRITICAL alert, and the wait goes on (fail closed).
    /// </summary>
    public TimeSpan StartupReconcileTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Wraps the sink the venues deliver into (the loop's), or null for the loop itself — as every production mode runs.
    /// For tests that observe what the venues said, and when, without re-implementing <see cref="EngineHost.StartAsync"/>:
    /// the wrapper must hand every event on to the sink it is given.
    /// </summary>
    public Func<IVenueEventSink, IVenueEventSink>? VenueSinkTap { get; init; }
}

/// <summary>
/// The halts a new run inherits from the journal of earlier runs: a daily-loss breach nobody reset, an operator (or
/// kill-switch) halt nobody resumed. They hold before the first strategy starts, so a halted engine that is restarted
/// sends nothing.
/// </summary>
/// <param name="Breached">A daily-loss breach is still in force.</param>
/// <param name="HaltReason">The reason of a halt still in force (e.g. <c>operator:alice</c>), or null.</param>
public sealed record PersistedHalts(bool Breached, string? HaltReason)
{
    /// <summary>Nothing inherited.</summary>
    public static PersistedHalts None { get; } = new(false, null);

    /// <summary>True when the run must start HALTED.</summary>
    public bool Any => Breached || HaltReason is not null;

    /// <summary>The halts a recovered journal leaves in force.</summary>
    public static PersistedHalts From(RecoveredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new PersistedHalts(state.Breached, state.ManuallyHalted ? state.HaltReason ?? "operator" : null);
    }
}

/// <summary>How a run ended, for the CLI's exit code and its one line to the operator.</summary>
/// <param name="Fault">Why the engine failed closed, or null.</param>
/// <param name="Stall">The watchdog's stall report, or null.</param>
/// <param name="LoopDead">The exception that killed the event loop, or null.</param>
/// <param name="OpenOrders">Orders the engine still counted open at the end.</param>
/// <param name="FreezePending">True when a freeze had not completed (the venue did not confirm every cancel).</param>
/// <param name="Cancelled">True when the run was stopped by a signal or its cancellation token.</param>
public sealed record RunOutcome(EngineFault? Fault, StallReport? Stall, Exception? LoopDead, int OpenOrders, bool FreezePending, bool Cancelled)
{
    /// <summary>True when nothing is left open and no freeze is pending.</summary>
    public bool AllClosed => OpenOrders == 0 && !FreezePending;

    /// <summary>True when the engine failed closed for any reason (fault, stall, dead loop).</summary>
    public bool FailedClosed => Fault is not null || Stall is not null || LoopDead is not null;
}

/// <summary>
/// The composition root shared by <c>paper</c>, <c>backtest</c>, <c>live</c> and the soak tests: wires registry, risk
/// gate, portfolio, order manager, kernel, venues and strategies on one loop. Only the venues and the clock differ
/// between modes.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly List<IVenueAdapter> _venues;
    private readonly TimeProvider _clock;
    private DrillSpec _drill = DrillSpec.None;
    private bool _started;

    private EngineHost(EventLoop loop, TradingEngine engine, List<IVenueAdapter> venues, TimeProvider clock, IVenueEventSink sink)
    {
        Loop = loop;
        Engine = engine;
        _venues = venues;
        _clock = clock;
        Sink = sink;
    }

    /// <summary>The loop.</summary>
    public EventLoop Loop { get; }

    /// <summary>The kernel.</summary>
    public TradingEngine Engine { get; }

    /// <summary>The venues.</summary>
    public IReadOnlyList<IVenueAdapter> Venues => _venues;

    /// <summary>What the venues deliver into: the loop, or the options' <see cref="EngineHostOptions.VenueSinkTap"/> around it.</summary>
    public IVenueEventSink Sink { get; }

    /// <summary>The liveness watchdog (started by the run methods).</summary>
    public EngineWatchdog Watchdog { get; private set; } = null!;

    /// <summary>The journal as the engine sees it: appends never throw; the first failure fails the engine closed.</summary>
    public FailClosedJournal Journal { get; private set; } = null!;

    /// <summary>Builds an engine on <paramref name="clock"/> for <paramref name="venues"/>; strategies are added after.</summary>
    public static EngineHost Create(TimeProvider clock, IEnumerable<IVenueAdapter> venues, IJournal journal, EngineHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        var list = venues.ToList();
        var registry = new InstrumentRegistry();
        foreach (var v in list)
            foreach (var i in v.Instruments)
                registry.Add(i);

        var loop = new EventLoop(clock);
        var original = journal;
        if (options.Drill.Find(DrillKind.JournalFail) is { } journalDrill) journal = new DrillJournal(journal, journalDrill.Count);
        var guarded = journal as FailClosedJournal ?? new FailClosedJournal(journal);
        var alerts = new AlertCenter(clock);
        var portfolio = new PortfolioBook(registry, options.InitialCash);
        var gate = new RiskGate(registry, portfolio, options.Risk, clock, alerts);
        gate.Initialize(Money.Zero, Money.Zero, portfolio.Cash, portfolio.Equity);
        var clients = list.ToDictionary(v => v.Venue, v => v.Execution, StringComparer.Ordinal);
        var orders = new OrderManager(registry, clients, gate, portfolio, guarded, alerts, clock, new ClientOrderIdGenerator(options.Epoch),
            options.Orders with { CancelAllDeadline = options.Risk.CancelAllDeadline, SlippageWarnBps = options.Risk.SlippageWarnBps });
        orders.DeferFreezeUntilStarted();
        var killSwitch = string.IsNullOrWhiteSpace(options.KillSwitchFile) ? null : new KillSwitchFile(options.KillSwitchFile);
        var engine = new TradingEngine(loop, registry, orders, guarded, alerts, killSwitch, faultLog: options.FaultLog, watch: options.Watch,
            startupReconcileTimeout: options.StartupReconcileTimeout);
        // Halts inherited from earlier runs hold before any strategy starts (their freeze waits for the venues).
        if (options.Halts.Breached) gate.RestoreBreach();
        if (options.Halts.HaltReason is { } halt) gate.SetManualState(TradingState.Halted, "restored_halt:" + halt);
        // A journal that fails (on the loop or on its writer thread) stops new submits at once and fails the engine
        // closed on the loop: nothing is decided that cannot be recorded.
        guarded.OnFault(f =>
        {
            engine.MarkFaultPending();
            loop.Post(new OperatorCommand(OperatorCommandKind.FailClosed, "journal") { Fault = f });
        });
        // The day roll is when yesterday's finished orders stop mattering to recovery: the journal may archive them.
        if (original is ICompactingJournal compacting) gate.DayRolled += () => compacting.RequestCompaction(clock.GetUtcNow().UtcTicks);
        if (options.Drill.Find(DrillKind.CoreThrow) is { } coreDrill) engine.CoreFaultDrillAt = coreDrill.Count;
        var sink = options.VenueSinkTap is { } tap ? tap(loop) ?? throw new InvalidOperationException("the venue sink tap returned null") : loop;
        var host = new EngineHost(loop, engine, list, clock, sink) { Journal = guarded, _drill = options.Drill };
        host.Watchdog = new EngineWatchdog(loop, engine, list, options.StallTimeout, options.MaxClockJump, TimeProvider.System,
            clock is SimulatedTimeProvider ? null : clock, options.StuckGrace);
        return host;
    }

    /// <summary>Adds a strategy (before or after start); a strategy drill aimed at it wraps it.</summary>
    public void AddStrategy(IStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        foreach (var d in _drill.Items)
        {
            if (d.Kind is not (DrillKind.StrategyThrow or DrillKind.StrategyBlock) || _drilled.Contains(d)) continue;
            if (d.Strategy is not null && !string.Equals(d.Strategy, strategy.Name, StringComparison.OrdinalIgnoreCase)) continue;
            _drilled.Add(d);
            strategy = new DrillStrategy(strategy, d);
        }

        Engine.AddStrategy(strategy);
    }

    private readonly HashSet<DrillItem> _drilled = [];

    /// <summary>Starts every venue (they begin delivering into the loop) and asks for a first reconciliation.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started) return;
        _started = true;
        foreach (var v in _venues)
        {
            v.MarketData.Subscribe(v.Instruments);
            await v.StartAsync(Sink, cancellationToken).ConfigureAwait(false);
        }

        // On the loop, like every state change: a start in HALTED cancels leftovers first, then the first reconciliation.
        Loop.Post(new OperatorCommand(OperatorCommandKind.Started, "host"));
    }

    /// <summary>
    /// Simulation: runs the loop on a simulated clock until <paramref name="end"/>, pacing simulated time against the
    /// wall clock at <paramref name="speed"/> (× real time; null = as fast as possible). <paramref name="onProgress"/>
    /// is called about every <paramref name="progressEvery"/> of wall time (views, Ctrl+C checks); it returns false to stop.
    /// Stops early when the engine fails closed or the loop dies; the watchdog runs meanwhile.
    /// </summary>
    public async Task RunSimulatedAsync(SimulatedTimeProvider clock, DateTimeOffset end, double? speed, Func<bool>? onProgress,
        TimeSpan progressEvery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Watchdog.Start();
        var wallStart = DateTimeOffset.UtcNow;
        var simStart = clock.GetUtcNow();
        var lastProgress = wallStart;
        try
        {
            Loop.DrainPending();
            while (!cancellationToken.IsCancellationRequested && Engine.Fault is null)
            {
                var next = clock.NextDue;
                if (next is null || next.Value > end) break;
                if (speed is { } s && s > 0)
                {
                    var due = wallStart + TimeSpan.FromTicks((long)((next.Value - simStart).Ticks / s));
                    var wait = due - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        // Sleep in small slices so the view refreshes and Ctrl+C is honoured promptly.
                        var slice = wait < progressEvery ? wait : progressEvery;
                        Loop.SetWaiting(true);
                        try
                        {
                            await Task.Delay(slice, cancellationToken).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                        finally
                        {
                            Loop.SetWaiting(false);
                        }

                        if (DateTimeOffset.UtcNow - lastProgress >= progressEvery)
                        {
                            lastProgress = DateTimeOffset.UtcNow;
                            if (onProgress is not null && !onProgress()) break;
                        }

                        continue;
                    }
                }

                clock.AdvanceTo(next.Value);
                Loop.NoteProgress();
                Loop.DrainPending();
                if (DateTimeOffset.UtcNow - lastProgress >= progressEvery)
                {
                    lastProgress = DateTimeOffset.UtcNow;
                    if (onProgress is not null && !onProgress()) break;
                }
            }
        }
        catch (EventLoopDeadException)
        {
            // The loop is dead: the caller's outcome says so and cancels through the venues directly.
        }
    }

    /// <summary>
    /// Real time (live, paper on real data, the emulator): runs the loop on a background task, starts the venues, and
    /// keeps going until <paramref name="stop"/> is cancelled, <paramref name="until"/> passes on the host's clock or the
    /// engine fails closed, calling <paramref name="onProgress"/> every <paramref name="progressEvery"/>. Then it stops
    /// gracefully: strategies stop, every order is cancelled, and the loop keeps running (up to
    /// <paramref name="shutdownGrace"/>) until the venue has confirmed every cancel. A stalled loop is waited for up to
    /// the grace; a dead one is not (the watchdog or <see cref="EmergencyCancelAllAsync"/> cancels through the venues).
    /// </summary>
    public async Task<RunOutcome> RunRealTimeAsync(DateTimeOffset until, Action? onProgress, TimeSpan progressEvery, TimeSpan shutdownGrace, CancellationToken stop)
    {
        using var loopStop = new CancellationTokenSource();
        var loop = Task.Run(() => Loop.RunAsync(loopStop.Token), CancellationToken.None);
        Watchdog.Start();
        try
        {
            try
            {
                await StartAsync(stop).ConfigureAwait(false);
                while (!stop.IsCancellationRequested && _clock.GetUtcNow() < until && Engine.Fault is null && !Loop.IsStalled && !loop.IsCompleted)
                {
                    await Task.Delay(progressEvery, _clock, stop).ConfigureAwait(false);
                    onProgress?.Invoke();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl+C / SIGTERM: fall through to the graceful stop.
            }

            // Posted, not called: the shutdown runs on the loop like every other state change.
            Loop.Post(new OperatorCommand(OperatorCommandKind.Shutdown, "shutdown"));
            var deadline = _clock.GetUtcNow() + shutdownGrace;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _clock, CancellationToken.None).ConfigureAwait(false);
                onProgress?.Invoke();
            }
            while (_clock.GetUtcNow() < deadline && !loop.IsCompleted
                   && (!Engine.IsShuttingDown || Engine.Orders.LiveCount > 0 || Engine.Orders.IsFrozen || !Engine.Orders.ExitCheckDone));

            return Outcome(stop.IsCancellationRequested);
        }
        finally
        {
            await loopStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (EventLoopDeadException)
            {
                // Reported through the outcome.
            }

            Loop.MarkStopped();
            // The loop has stopped: nothing else touches the engine now. A dead loop's state is not trusted.
            if (Loop.DeadReason is null) Engine.WritePnlSnapshot();
        }
    }

    /// <summary>How the run ended so far (read after the run methods return).</summary>
    public RunOutcome Outcome(bool cancelled) =>
        new(Engine.Fault, Watchdog.Stall, Loop.DeadReason, Engine.Orders.LiveCount, Engine.Orders.IsFrozen, cancelled);

    /// <summary>
    /// Graceful stop on a simulated clock: strategies stop, everything is cancelled and the loop keeps running (up to
    /// <paramref name="grace"/> of simulated time) until the venue has confirmed every cancel. Does nothing on a dead loop.
    /// </summary>
    public void StopSimulated(SimulatedTimeProvider clock, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Loop.DeadReason is not null) return;
        try
        {
            Engine.BeginShutdown("shutdown");
            Loop.DrainPending();
            var deadline = clock.GetUtcNow() + grace;
            var driver = new SimulationDriver(Loop, clock);
            driver.RunUntil(deadline, () => Engine.Orders.LiveCount == 0 && !Engine.Orders.IsFrozen && Engine.Orders.ExitCheckDone);
            Engine.WritePnlSnapshot();
        }
        catch (EventLoopDeadException)
        {
            // Reported through the outcome.
        }
        finally
        {
            Loop.MarkStopped();
        }
    }

    /// <summary>
    /// Last resort when the loop is dead or stuck: a cancel-all straight through every venue that allows it from any
    /// thread, waiting up to <paramref name="wait"/> for the answers. Returns the venues that confirmed.
    /// </summary>
    public async Task<IReadOnlyList<string>> EmergencyCancelAllAsync(TimeSpan wait)
    {
        var confirmed = new List<string>();
        var calls = new List<(string Venue, Task<bool> Call)>();
        foreach (var v in _venues)
        {
            if (v.Execution is not IThreadSafeCancelAll direct) continue;
            try
            {
                calls.Add((v.Venue, direct.CancelAllFromAnyThread()));
            }
#pragma warning disable CA1031 // Best effort on every venue; the failure is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Engine.FaultLog.Write($"emergency cancel-all on {v.Venue} failed: {EngineFault.Describe(ex)}", ex);
            }
        }

        if (calls.Count == 0) return confirmed;
        try
        {
            await Task.WhenAll(calls.Select(c => c.Call)).WaitAsync(wait).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A timeout or failure leaves those venues unconfirmed; the caller says so.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        foreach (var (venue, call) in calls)
            if (call.IsCompletedSuccessfully && call.Result) confirmed.Add(venue);
        return confirmed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var v in _venues)
        {
            try
            {
                await v.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await v.DisposeAsync().ConfigureAwait(false);
            }
        }

        Loop.MarkStopped();
        Watchdog.Dispose();
        Loop.DisposeTimers();
        Engine.Dispose();
    }
}
