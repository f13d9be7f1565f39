using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
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
    private bool _started;

    private EngineHost(EventLoop loop, TradingEngine engine, List<IVenueAdapter> venues, TimeProvider clock)
    {
        Loop = loop;
        Engine = engine;
        _venues = venues;
        _clock = clock;
    }

    /// <summary>The loop.</summary>
    public EventLoop Loop { get; }

    /// <summary>The kernel.</summary>
    public TradingEngine Engine { get; }

    /// <summary>The venues.</summary>
    public IReadOnlyList<IVenueAdapter> Venues => _venues;

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
        var alerts = new AlertCenter(clock);
        var gate = new RiskGate(registry, options.Risk, clock, alerts);
        var portfolio = new PortfolioBook(registry, options.InitialCash);
        gate.Initialize(Money.Zero, Money.Zero, portfolio.Cash, portfolio.Equity);
        var clients = list.ToDictionary(v => v.Venue, v => v.Execution, StringComparer.Ordinal);
        var orders = new OrderManager(registry, clients, gate, portfolio, journal, alerts, clock, new ClientOrderIdGenerator(options.Epoch),
            options.Orders with { CancelAllDeadline = options.Risk.CancelAllDeadline, SlippageWarnBps = options.Risk.SlippageWarnBps });
        var killSwitch = string.IsNullOrWhiteSpace(options.KillSwitchFile) ? null : new KillSwitchFile(options.KillSwitchFile);
        var engine = new TradingEngine(loop, registry, orders, journal, alerts, killSwitch);
        // The day roll is when yesterday's finished orders stop mattering to recovery: the journal may archive them.
        if (journal is ICompactingJournal compacting) gate.DayRolled += () => compacting.RequestCompaction(clock.GetUtcNow().UtcTicks);
        return new EngineHost(loop, engine, list, clock);
    }

    /// <summary>Adds a strategy (before or after start).</summary>
    public void AddStrategy(IStrategy strategy) => Engine.AddStrategy(strategy);

    /// <summary>Starts every venue (they begin delivering into the loop) and asks for a first reconciliation.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started) return;
        _started = true;
        foreach (var v in _venues)
        {
            v.MarketData.Subscribe(v.Instruments);
            await v.StartAsync(Loop, cancellationToken).ConfigureAwait(false);
        }

        Engine.Orders.RequestReconciliation();
    }

    /// <summary>
    /// Simulation: runs the loop on a simulated clock until <paramref name="end"/>, pacing simulated time against the
    /// wall clock at <paramref name="speed"/> (× real time; null = as fast as possible). <paramref name="onProgress"/>
    /// is called about every <paramref name="progressEvery"/> of wall time (views, Ctrl+C checks); it returns false to stop.
    /// </summary>
    public async Task RunSimulatedAsync(SimulatedTimeProvider clock, DateTimeOffset end, double? speed, Func<bool>? onProgress,
        TimeSpan progressEvery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var driver = new SimulationDriver(Loop, clock);
        var wallStart = DateTimeOffset.UtcNow;
        var simStart = clock.GetUtcNow();
        var lastProgress = wallStart;
        Loop.DrainPending();
        while (!cancellationToken.IsCancellationRequested)
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
                    try
                    {
                        await Task.Delay(slice, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
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
            Loop.DrainPending();
            if (DateTimeOffset.UtcNow - lastProgress >= progressEvery)
            {
                lastProgress = DateTimeOffset.UtcNow;
                if (onProgress is not null && !onProgress()) break;
            }
        }

        _ = driver;
    }

    /// <summary>
    /// Real time (live, paper on real data, the emulator): runs the loop on a background task, starts the venues, and
    /// keeps going until <paramref name="stop"/> is cancelled or <paramref name="until"/> passes on the host's clock,
    /// calling <paramref name="onProgress"/> every <paramref name="progressEvery"/>. Then it stops gracefully: strategies
    /// stop, every order is cancelled, and the loop keeps running (up to <paramref name="shutdownGrace"/>) until the venue
    /// has confirmed every cancel. Returns true when no order was left open and no freeze was pending at the end.
    /// </summary>
    public async Task<bool> RunRealTimeAsync(DateTimeOffset until, Action? onProgress, TimeSpan progressEvery, TimeSpan shutdownGrace, CancellationToken stop)
    {
        using var loopStop = new CancellationTokenSource();
        var loop = Task.Run(() => Loop.RunAsync(loopStop.Token), CancellationToken.None);
        try
        {
            try
            {
                await StartAsync(stop).ConfigureAwait(false);
                while (!stop.IsCancellationRequested && _clock.GetUtcNow() < until)
                {
                    await Task.Delay(progressEvery, _clock, stop).ConfigureAwait(false);
                    onProgress?.Invoke();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl+C: fall through to the graceful stop.
            }

            // Posted, not called: the shutdown runs on the loop like every other state change.
            Loop.Post(new OperatorCommand(OperatorCommandKind.Shutdown, "shutdown"));
            var deadline = _clock.GetUtcNow() + shutdownGrace;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _clock, CancellationToken.None).ConfigureAwait(false);
            }
            while (_clock.GetUtcNow() < deadline && (!Engine.IsShuttingDown || Engine.Orders.LiveCount > 0 || Engine.Orders.IsFrozen));

            return Engine.IsShuttingDown && Engine.Orders.LiveCount == 0 && !Engine.Orders.IsFrozen;
        }
        finally
        {
            await loopStop.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Graceful stop on a simulated clock: strategies stop, everything is cancelled and the loop keeps running (up to
    /// <paramref name="grace"/> of simulated time) until the venue has confirmed every cancel.
    /// </summary>
    public void StopSimulated(SimulatedTimeProvider clock, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Engine.BeginShutdown("shutdown");
        Loop.DrainPending();
        var deadline = clock.GetUtcNow() + grace;
        var driver = new SimulationDriver(Loop, clock);
        driver.RunUntil(deadline, () => Engine.Orders.LiveCount == 0 && !Engine.Orders.IsFrozen);
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

        Loop.DisposeTimers();
        Engine.Dispose();
    }
}
