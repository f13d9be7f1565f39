using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// One push stream of the simulated venue (the public market feed or the user feed): applies the stream faults of its
/// <see cref="FaultEndpoint"/> (drop, duplicate, reorder, stale, disconnect) to each message, then queues it on its
/// latency channel in FIFO order (a message is never due before the previous one). Exactly one fault draw per message
/// sent while the stream is up, none while it is down, so a run stays a pure function of its seed. What differs
/// between streams (delivery, counters, resync on a gap, what a reconnect does) is left to the derived class.
/// Not thread-safe: called under the venue's scheduler lock. Per message it allocates only the scheduled delivery.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
internal abstract class FaultedStream<T>
    where T : class
{
    private readonly VenueScheduler _scheduler;
    private readonly LatencyChannel _latency;
    private readonly FaultEndpoint _endpoint;
    private long _downUntil;
    private long _staleUntil;
    private long _lastDue;
    private T? _held;
    private int _heldCount;

    /// <summary>A stream drawing its faults for <paramref name="endpoint"/> and its delays from <paramref name="latency"/>.</summary>
    protected FaultedStream(VenueScheduler scheduler, LatencyChannel latency, FaultEndpoint endpoint)
    {
        _scheduler = scheduler;
        _latency = latency;
        _endpoint = endpoint;
    }

    /// <summary>True while a <see cref="FaultKind.Disconnect"/> window is open (messages are lost).</summary>
    public bool IsDown => _scheduler.NowTicks < _downUntil;

    /// <summary>
    /// Sends one message through the stream faults drawn from <paramref name="faults"/>, then the delay. Lost while
    /// down (no draw); otherwise one draw decides drop, disconnect, stale, duplicate or reorder (hold it back behind
    /// the next N messages; only one message is held at a time).
    /// </summary>
    public void Send(T message, FaultInjector faults)
    {
        long now = _scheduler.NowTicks;
        if (now < _downUntil)
        {
            CountDropped();
            return;
        }

        var d = faults.Decide(_endpoint);
        switch (d.Kind)
        {
            case FaultKind.Drop:
                CountDropped();
                OnGap(message);
                return;
            case FaultKind.Disconnect:
                CountDropped();
                _downUntil = now + d.Duration.Ticks;
                _held = null;
                OnDisconnected();
                _scheduler.At(_downUntil, OnReconnected);
                return;
            case FaultKind.Stale:
                _staleUntil = Math.Max(_staleUntil, now + d.Duration.Ticks);
                break;
            case FaultKind.Duplicate:
                Enqueue(message);
                break;
            case FaultKind.Reorder when _held is null:
                _held = message;
                _heldCount = Math.Max(1, d.Count);
                OnGap(message);
                return;
        }

        Enqueue(message);
        if (_held is not null && --_heldCount <= 0)
        {
            var held = _held;
            _held = null;
            Enqueue(held);
        }
    }

    /// <summary>
    /// Queues one message on the delay with no fault draw (the caller checks <see cref="IsDown"/> if it should be lost
    /// in a disconnect): due after its latency, after any stale window, and never before the previous message.
    /// </summary>
    public void Enqueue(T message)
    {
        long due = Math.Max(Math.Max(_latency.Schedule(_scheduler.NowTicks), _staleUntil), _lastDue);
        _lastDue = due;
        CountSent();
        _scheduler.At(due, () => Deliver(message));
    }

    /// <summary>A fresh connection: the latency channel and the FIFO floor start over (for <see cref="OnReconnected"/>).</summary>
    protected void RestartDelivery()
    {
        _latency.Reset();
        _lastDue = 0;
    }

    /// <summary>Hands a message to the client when it is due.</summary>
    protected abstract void Deliver(T message);

    /// <summary>Counts a message queued for delivery (duplicates count twice).</summary>
    protected abstract void CountSent();

    /// <summary>Counts a message lost to a drop or a disconnect.</summary>
    protected abstract void CountDropped();

    /// <summary>A message was dropped or held back, so the client will see a gap now; nothing by default.</summary>
    protected virtual void OnGap(T message)
    {
    }

    /// <summary>The connection has just dropped (the down window is set and any held message forgotten).</summary>
    protected abstract void OnDisconnected();

    /// <summary>The down window is over.</summary>
    protected abstract void OnReconnected();
}
