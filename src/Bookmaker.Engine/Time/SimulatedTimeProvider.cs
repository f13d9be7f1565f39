namespace Bookmaker.Engine.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told to. Timers fire inside <see cref="AdvanceTo"/>, in due
/// order and, for equal due times, in creation order — so a simulation with the same inputs fires the same callbacks
/// in the same order every run. Not thread-safe by design: it belongs to the single-threaded simulation driver.
/// </summary>
public sealed class SimulatedTimeProvider : TimeProvider
{
    private readonly PriorityQueue<SimulatedTimer, (long Due, long Seq)> _queue = new();
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Starts the clock at <paramref name="start"/> (UTC).</summary>
    public SimulatedTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => _now.UtcTicks;

    /// <summary>Due time of the earliest armed timer, if any.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            while (_queue.TryPeek(out var timer, out var key))
            {
                if (timer.IsArmed(key.Seq)) return new DateTimeOffset(key.Due, TimeSpan.Zero);
                _queue.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        AdvanceTo(_now + delta);
    }

    /// <summary>
    /// Moves time to <paramref name="target"/>. Each due timer fires with the clock set to its own due time, so a
    /// callback that reads the clock sees exactly when it was meant to run.
    /// </summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        if (target < _now) throw new ArgumentOutOfRangeException(nameof(target), "simulated time cannot go backwards");
        long targetTicks = target.UtcTicks;
        while (_queue.TryPeek(out var timer, out var key) && key.Due <= targetTicks)
        {
            _queue.Dequeue();
            if (!timer.IsArmed(key.Seq)) continue;
            _now = new DateTimeOffset(key.Due, TimeSpan.Zero);
            timer.Fire();
        }

        _now = new DateTimeOffset(targetTicks, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulatedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private long Schedule(SimulatedTimer timer, TimeSpan due)
    {
        long seq = ++_sequence;
        _queue.Enqueue(timer, (_now.UtcTicks + Math.Max(0, due.Ticks), seq));
        return seq;
    }

    private sealed class SimulatedTimer(SimulatedTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private long _armedSeq;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public bool IsArmed(long seq) => !_disposed && seq == _armedSeq;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            _period = period;
            _armedSeq = dueTime == Timeout.InfiniteTimeSpan ? 0 : owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            // Re-arm before the callback so a callback that calls Change() wins over the period.
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan) _armedSeq = owner.Schedule(this, _period);
            else _armedSeq = 0;
            callback(state);
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
