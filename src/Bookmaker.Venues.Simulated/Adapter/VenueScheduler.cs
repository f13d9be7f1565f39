namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// Everything a simulated venue does later (a request reaching the matching engine, a report reaching the client, an
/// agent waking up) goes through one queue ordered by (due time, scheduling order) behind ONE timer of the injected
/// <see cref="TimeProvider"/>. On a <c>SimulatedTimeProvider</c> the run is therefore a pure function of the seed: the
/// same actions run in the same order at the same simulated instants. Actions scheduled for "now" from inside an
/// action run in the same pass, after everything already due.
/// </summary>
public sealed class VenueScheduler : IDisposable
{
    private readonly PriorityQueue<Action, (long Due, long Seq)> _queue = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private long _seq;
    private long _armedDue = long.MaxValue;
    private bool _running;
    private bool _disposed;

    /// <summary>A scheduler on <paramref name="time"/>.</summary>
    public VenueScheduler(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _timer = time.CreateTimer(static s => ((VenueScheduler)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>Current time, UTC ticks.</summary>
    public long NowTicks => _time.GetUtcNow().UtcTicks;

    /// <summary>Actions waiting.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _queue.Count;
        }
    }

    /// <summary>The lock that serializes venue state when the clock is a real one (uncontended in simulation).</summary>
    internal object Gate => _gate;

    /// <summary>Runs <paramref name="action"/> at <paramref name="dueTicks"/> (UTC ticks; the past means now).</summary>
    public void At(long dueTicks, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            if (_disposed) return;
            _queue.Enqueue(action, (dueTicks, ++_seq));
            if (!_running && dueTicks < _armedDue) Arm(dueTicks);
        }
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>.</summary>
    public void After(TimeSpan delay, Action action) => At(NowTicks + Math.Max(0, delay.Ticks), action);

    private void Arm(long dueTicks)
    {
        _armedDue = dueTicks;
        long delay = Math.Max(0, dueTicks - NowTicks);
        _timer.Change(TimeSpan.FromTicks(delay), Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _running = true;
            _armedDue = long.MaxValue;
            try
            {
                long now = NowTicks;
                while (_queue.TryPeek(out var action, out var key) && key.Due <= now)
                {
                    _queue.Dequeue();
                    action();
                }
            }
            finally
            {
                _running = false;
                if (_queue.TryPeek(out _, out var next)) Arm(next.Due);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
            _timer.Dispose();
        }
    }
}
