namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The loop's handle on one timer: firing queues a <see cref="TimerEvent"/>; a one-shot timer forgets itself when it
/// fires and any timer forgets itself when disposed, so cancelled timers never pile up over a long run.
/// </summary>
internal sealed class LoopTimer(EventLoop loop, long id, int purpose, long payload, TimeSpan period) : ITimer
{
    private bool _disposed;

    /// <summary>The clock's timer behind this handle.</summary>
    public ITimer? Inner { get; set; }

    /// <summary>The clock's callback (any thread).</summary>
    public void Fire()
    {
        if (_disposed) return;
        loop.QueueTimer(id, purpose, payload);
        if (period <= TimeSpan.Zero) loop.Forget(id);
    }

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan newPeriod) => Inner?.Change(dueTime, newPeriod) ?? false;

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Inner?.Dispose();
        loop.Forget(id);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
