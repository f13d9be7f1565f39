using System.Threading.Channels;
using Bookmaker.Core.Orders;
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

    /// <summary>Creates a loop on the given clock (simulated in tests and backtests, system time live).</summary>
    public EventLoop(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The clock every component on this loop uses.</summary>
    public TimeProvider Time => _time;

    /// <summary>Number of events processed so far.</summary>
    public long ProcessedCount { get; private set; }

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
        _wake.Writer.TryWrite(true);
    }

    /// <inheritdoc />
    public void OnExecutionReport(ExecutionReport report) => PostOrderEvent(report);

    /// <inheritdoc />
    public void OnRequestFailed(VenueRequestFailed failure) => PostOrderEvent(failure);

    /// <inheritdoc />
    public void OnVenueStatus(VenueStatusEvent status) => PostOrderEvent(status);

    /// <inheritdoc />
    public void OnAccountSnapshot(AccountSnapshot snapshot) => PostOrderEvent(snapshot);

    /// <summary>Queues an operator command (thread-safe).</summary>
    public void Post(OperatorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Writer.TryWrite(command);
        _wake.Writer.TryWrite(true);
    }

    private void PostOrderEvent(object e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _orderEvents.Writer.TryWrite(e);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// Schedules a timer on the loop's clock; when due, a <see cref="TimerEvent"/> is queued (and, if
    /// <paramref name="period"/> is positive, again every period). Returns a handle that cancels it when disposed.
    /// </summary>
    public ScheduledTimer ScheduleTimer(TimeSpan dueIn, TimeSpan period, int purpose, long payload = 0)
    {
        long id = Interlocked.Increment(ref _nextTimerId);
        var state = new TimerState(this, id, purpose, payload, period);
        // Register before creating: a timer due now may fire (and forget itself) inside CreateTimer.
        lock (_liveTimers) _liveTimers[id] = state;
        state.Inner = _time.CreateTimer(static s => ((TimerState)s!).Fire(), state, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn,
            period > TimeSpan.Zero ? period : Timeout.InfiniteTimeSpan);
        return new ScheduledTimer(id, state);
    }

    private void Forget(long id)
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
    /// The loop's handle on one timer: firing queues a <see cref="TimerEvent"/>; a one-shot timer forgets itself when it
    /// fires and any timer forgets itself when disposed, so cancelled timers never pile up over a long run.
    /// </summary>
    private sealed class TimerState(EventLoop loop, long id, int purpose, long payload, TimeSpan period) : ITimer
    {
        private bool _disposed;

        public ITimer? Inner { get; set; }

        public void Fire()
        {
            if (_disposed) return;
            loop._timers.Writer.TryWrite(new TimerEvent(id, purpose, payload, loop._time.GetUtcNow().UtcTicks));
            loop._wake.Writer.TryWrite(true);
            if (period <= TimeSpan.Zero) loop.Forget(id);
        }

        public bool Change(TimeSpan dueTime, TimeSpan newPeriod) => Inner?.Change(dueTime, newPeriod) ?? false;

        public void Dispose()
        {
            _disposed = true;
            Inner?.Dispose();
            loop.Forget(id);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Processes every event queued now (and any the handlers queue meanwhile) in priority order; returns how many.
    /// The simulation driver calls this between clock steps; the live loop calls it after every wake-up.
    /// </summary>
    public int DrainPending()
    {
        var handler = _handler ?? throw new InvalidOperationException("no handler attached");
        _loopThreadId = Environment.CurrentManagedThreadId;
        int n = 0;
        while (true)
        {
            if (_commands.Reader.TryRead(out var command))
            {
                handler.OnCommand(command);
            }
            else if (_orderEvents.Reader.TryRead(out var orderEvent))
            {
                Dispatch(handler, orderEvent);
            }
            else if (_timers.Reader.TryRead(out var timer))
            {
                handler.OnTimer(in timer);
            }
            else if (_marketData.Reader.TryRead(out var md))
            {
                handler.OnMarketData(in md);
            }
            else
            {
                return n;
            }

            n++;
            ProcessedCount++;
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
            default: throw new InvalidOperationException($"unknown order event {e.GetType().Name}");
        }
    }

    /// <summary>
    /// Live mode: processes events as they arrive until cancelled. Runs on the caller's thread between awaits only
    /// through a single logical consumer, so handlers never run concurrently.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DrainPending();
            try
            {
                await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        DrainPending();
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

/// <summary>Handle to a timer scheduled on the loop; dispose to cancel.</summary>
/// <param name="Id">The id carried by its <see cref="TimerEvent"/>s.</param>
/// <param name="Timer">The underlying timer.</param>
public readonly record struct ScheduledTimer(long Id, ITimer Timer) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Timer?.Dispose();
}
