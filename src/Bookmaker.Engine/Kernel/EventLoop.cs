using System.Threading.Channels;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The single-threaded core. Adapters, timers and operators write into four channels from any thread; one consumer
/// drains them and hands each event to the <see cref="IEventConsumer"/>, so books, orders, positions and risk are
/// only ever mutated on one thread and never need locks.
/// </summary>
/// <remarks>
/// Priority, highest first: operator commands (a halt must not wait behind a burst of book updates), order events
/// (fills update positions and risk before strategies react to the next book), timers, market data. Within a channel,
/// order of arrival. In simulation every producer runs on the driver thread, so the same inputs give the same event
/// sequence; <see cref="ProcessedCount"/> numbers events in processing order.
/// </remarks>
public sealed class EventLoop : IVenueEventSink
{
    private readonly Channel<OperatorCommand> _commands = Channel.CreateUnbounded<OperatorCommand>(SingleReader());
    private readonly Channel<object> _orderEvents = Channel.CreateUnbounded<object>(SingleReader());
    private readonly Channel<TimerEvent> _timers = Channel.CreateUnbounded<TimerEvent>(SingleReader());
    private readonly Channel<MarketDataEvent> _marketData = Channel.CreateUnbounded<MarketDataEvent>(SingleReader());

    // Wake-up signal for the live loop: one pending token is enough, extra writes are dropped.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TimeProvider _time;
    private readonly Dictionary<long, ITimer> _liveTimers = [];
    private IEventConsumer? _handler;
    private long _nextTimerId;
    private int _loopThreadId = -1;

    // Liveness, read by the watchdog thread: progress counts every event and every simulated clock step; "waiting" is
    // true while the loop idles on purpose (no work, or pacing a simulation), so only a busy loop that stops counting
    // is a stall.
    private long _progress;

    // 1 while a wake is posted and RunAsync has not yet taken it (see Wake).
    private int _wakePending;
    private volatile bool _waiting = true;
    private volatile bool _stalled;
    private volatile bool _stopped;
    private volatile Exception? _deadReason;
    private volatile int _activity;
    private int _handlerFaults;

    /// <summary>Creates a loop on the given clock (simulated in tests and backtests, system time live).</summary>
    public EventLoop(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The clock every component on this loop uses.</summary>
    public TimeProvider Time => _time;

    /// <summary>Number of events processed so far.</summary>
    public long ProcessedCount { get; private set; }

    /// <summary>
    /// Increases with every event processed and every simulated clock step (read from any thread). A loop that is busy
    /// (<see cref="IsWaiting"/> false) while this stays still is stalled.
    /// </summary>
    public long Progress => Volatile.Read(ref _progress);

    /// <summary>True while the loop idles on purpose: waiting for work, or pacing a simulation against the wall clock.</summary>
    public bool IsWaiting => _waiting;

    /// <summary>True once the watchdog declared the loop stalled (terminal: the run fails closed).</summary>
    public bool IsStalled => _stalled;

    /// <summary>True once the loop has stopped for good (end of the run, or dead).</summary>
    public bool IsStopped => _stopped;

    /// <summary>Why the loop died, or null: a handler fault the consumer could not handle itself.</summary>
    public Exception? DeadReason => _deadReason;

    /// <summary>True while the loop runs and makes progress: not stalled, not dead, not stopped.</summary>
    public bool IsAlive => !_stalled && !_stopped && _deadReason is null;

    /// <summary>What the loop is processing now (<see cref="LoopActivity"/>), for the watchdog's message.</summary>
    public LoopActivity Activity => (LoopActivity)_activity;

    /// <summary>Handler faults caught so far (each was handed to <see cref="IEventConsumer.OnFault"/>).</summary>
    public int HandlerFaults => Volatile.Read(ref _handlerFaults);

    /// <summary>Called by the watchdog: the loop made no progress for the stall timeout. Terminal.</summary>
    public void MarkStalled() => _stalled = true;

    /// <summary>Marks the loop stopped for good (the run ended): <see cref="IsAlive"/> turns false.</summary>
    public void MarkStopped() => _stopped = true;

    /// <summary>Sets <see cref="IsWaiting"/> (the simulation driver, around its wall-clock pacing).</summary>
    public void SetWaiting(bool waiting) => _waiting = waiting;

    /// <summary>Counts one unit of progress that is not an event (a simulated clock step).</summary>
    public void NoteProgress() => Interlocked.Increment(ref _progress);

    /// <summary>Events waiting in all channels (approximate while producers run).</summary>
    public int PendingCount => _commands.Reader.Count + _orderEvents.Reader.Count + _timers.Reader.Count + _marketData.Reader.Count;

    /// <summary>Sets the handler; must be called once before processing.</summary>
    public void Attach(IEventConsumer handler)
    {
        if (_handler is not null) throw new InvalidOperationException("the loop already has a handler");
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <summary>True when called from the thread currently running the loop (for assertions in debug paths).</summary>
    public bool IsOnLoopThread => Environment.CurrentManagedThreadId == _loopThreadId;

    private static UnboundedChannelOptions SingleReader() => new() { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false };

    /// <inheritdoc />
    public void OnMarketData(in MarketDataEvent e)
    {
        _marketData.Writer.TryWrite(e);
        Wake();
    }

    /// <inheritdoc />
    public void OnExecutionReport(ExecutionReport report) => PostOrderEvent(report);

    /// <inheritdoc />
    public void OnRequestFailed(VenueRequestFailed failure) => PostOrderEvent(failure);

    /// <inheritdoc />
    public void OnVenueStatus(VenueStatusEvent status) => PostOrderEvent(status);

    /// <inheritdoc />
    public void OnAccountSnapshot(AccountSnapshot snapshot) => PostOrderEvent(snapshot);

    /// <inheritdoc />
    public void OnFunding(FundingPayment payment) => PostOrderEvent(payment);

    /// <inheritdoc />
    public void OnBalances(VenueBalances balances) => PostOrderEvent(balances);

    /// <summary>Queues an operator command (thread-safe).</summary>
    public void Post(OperatorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Writer.TryWrite(command);
        Wake();
    }

    // Wakes RunAsync. A wake posted and not yet taken covers every event queued before RunAsync takes it, so only the
    // first event after each take pays for the channel's lock; on the simulated clock (nothing takes wakes) every later
    // event costs one interlocked exchange.
    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0) _wake.Writer.TryWrite(true);
    }

    private void PostOrderEvent(object e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _orderEvents.Writer.TryWrite(e);
        Wake();
    }

    /// <summary>
    /// Schedules a timer on the loop's clock; when due, a <see cref="TimerEvent"/> is queued (and, if
    /// <paramref name="period"/> is positive, again every period). Returns a handle that cancels it when disposed.
    /// </summary>
    public ScheduledTimer ScheduleTimer(TimeSpan dueIn, TimeSpan period, int purpose, long payload = 0)
    {
        long id = Interlocked.Increment(ref _nextTimerId);
        var state = new LoopTimer(this, id, purpose, payload, period);
        // Register before creating: a timer due now may fire (and forget itself) inside CreateTimer.
        lock (_liveTimers) _liveTimers[id] = state;
        state.Inner = _time.CreateTimer(static s => ((LoopTimer)s!).Fire(), state, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn,
            period > TimeSpan.Zero ? period : Timeout.InfiniteTimeSpan);
        return new ScheduledTimer(id, state);
    }

    /// <summary>A timer of this loop fired (any thread): queues its event and wakes the loop.</summary>
    internal void QueueTimer(long id, int purpose, long payload)
    {
        _timers.Writer.TryWrite(new TimerEvent(id, purpose, payload, _time.GetUtcNow().UtcTicks));
        Wake();
    }

    /// <summary>A timer of this loop is done (fired once, or disposed): it is no longer pending.</summary>
    internal void Forget(long id)
    {
        lock (_liveTimers) _liveTimers.Remove(id);
    }

    /// <summary>Timers this loop created that are still pending (one-shots not yet fired, periodic ones not disposed).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_liveTimers) return _liveTimers.Count;
        }
    }

    /// <summary>
    /// Processes every event queued now (and any the handlers queue meanwhile) in priority order; returns how many.
    /// The simulation driver calls this between clock steps; the live loop calls it after every wake-up.
    /// </summary>
    /// <remarks>
    /// The fault boundary: an exception escaping a handler never kills the loop. It is handed to
    /// <see cref="IEventConsumer.OnFault"/> (the engine halts and cancels everything) and processing continues, so the
    /// venue's cancel confirmations still arrive. If <c>OnFault</c> itself throws, or faults keep coming, the loop is
    /// dead (<see cref="DeadReason"/>): it processes nothing more, this and every later call throws
    /// <see cref="EventLoopDeadException"/>, and the host cancels through the adapters directly.
    /// </remarks>
    public int DrainPending()
    {
        var handler = _handler ?? throw new InvalidOperationException("no handler attached");
        _loopThreadId = Environment.CurrentManagedThreadId;
        if (_deadReason is not null) throw new EventLoopDeadException(_deadReason);
        int n = 0;
        bool wasWaiting = _waiting;
        _waiting = false;
        try
        {
            while (true)
            {
                try
                {
                    if (!DispatchOne(handler)) return n;
                }
#pragma warning disable CA1031 // The loop must survive any handler exception: it is the fault boundary.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (!HandleFault(handler, ex)) throw new EventLoopDeadException(_deadReason!);
                }

                n++;
                ProcessedCount++;
                Interlocked.Increment(ref _progress);
            }
        }
        finally
        {
            _activity = (int)LoopActivity.None;
            _waiting = wasWaiting;
        }
    }

    private bool DispatchOne(IEventConsumer handler)
    {
        if (_commands.Reader.TryRead(out var command))
        {
            _activity = (int)LoopActivity.Command;
            handler.OnCommand(command);
        }
        else if (_orderEvents.Reader.TryRead(out var orderEvent))
        {
            _activity = (int)LoopActivity.OrderEvent;
            Dispatch(handler, orderEvent);
        }
        else if (_timers.Reader.TryRead(out var timer))
        {
            _activity = (int)LoopActivity.Timer;
            handler.OnTimer(in timer);
        }
        else if (_marketData.Reader.TryRead(out var md))
        {
            _activity = (int)LoopActivity.MarketData;
            handler.OnMarketData(in md);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Faults in a row after which the consumer is deemed unable to recover (it keeps failing on every event).</summary>
    public const int MaxHandlerFaults = 1000;

    private bool HandleFault(IEventConsumer handler, Exception ex)
    {
        int count = Interlocked.Increment(ref _handlerFaults);
        try
        {
            if (count > MaxHandlerFaults) throw new InvalidOperationException($"{count} handler faults: the engine cannot recover", ex);
            handler.OnFault(ex, (LoopActivity)_activity);
            return true;
        }
#pragma warning disable CA1031 // A consumer that cannot handle its own fault leaves the loop dead; the host acts on that.
        catch (Exception fatal)
#pragma warning restore CA1031
        {
            _deadReason = fatal == ex ? ex : new AggregateException(ex, fatal);
            return false;
        }
    }
    private static void Dispatch(IEventConsumer handler, object e)
    {
        switch (e)
        {
            case ExecutionReport r: handler.OnExecutionReport(r); break;
            case VenueRequestFailed f: handler.OnRequestFailed(f); break;
            case VenueStatusEvent s: handler.OnVenueStatus(s); break;
            case AccountSnapshot a: handler.OnAccountSnapshot(a); break;
            case FundingPayment p: handler.OnFunding(p); break;
            case VenueBalances b: handler.OnBalances(b); break;
            default: throw new InvalidOperationException($"unknown order event {e.GetType().Name}");
        }
    }

    /// <summary>
    /// Live mode: processes events as they arrive until cancelled. Runs on the caller's thread between awaits only
    /// through a single logical consumer, so handlers never run concurrently.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                DrainPending();
                try
                {
                    _waiting = true;
                    await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    // Reset before draining: an event queued after this point posts a new wake; one queued before it is
                    // drained now (the exchanges are full fences).
                    Interlocked.Exchange(ref _wakePending, 0);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                finally
                {
                    _waiting = false;
                }
            }

            DrainPending();
        }
        finally
        {
            _waiting = true;
            _stopped = true;
        }
    }

    /// <summary>Cancels every timer this loop created.</summary>
    public void DisposeTimers()
    {
        ITimer[] all;
        lock (_liveTimers)
        {
            all = [.. _liveTimers.Values];
            _liveTimers.Clear();
        }

        foreach (var t in all) t.Dispose();
    }
}

/// <summary>The event loop died: its consumer could not handle a fault (see <see cref="EventLoop.DeadReason"/>).</summary>
public sealed class EventLoopDeadException : Exception
{
    /// <summary>Creates the exception around the fault that killed the loop.</summary>
    public EventLoopDeadException(Exception reason)
        : base("the engine's event loop is dead: " + reason?.Message, reason)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EventLoopDeadException()
        : base("the engine's event loop is dead")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EventLoopDeadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public EventLoopDeadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What the event loop is processing at the moment (for the watchdog's stall message).</summary>
public enum LoopActivity
{
    /// <summary>Between events.</summary>
    None,

    /// <summary>An operator or internal command.</summary>
    Command,

    /// <summary>An order report, request failure, venue status, account snapshot or funding payment.</summary>
    OrderEvent,

    /// <summary>A timer.</summary>
    Timer,

    /// <summary>Market data.</summary>
    MarketData,
}

/// <summary>Handle to a timer scheduled on the loop; dispose to cancel.</summary>
/// <param name="Id">The id carried by its <see cref="TimerEvent"/>s.</param>
/// <param name="Timer">The underlying timer.</param>
public readonly record struct ScheduledTimer(long Id, ITimer Timer) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Timer?.Dispose();
}
