namespace Bookmaker.Venues.Bybit.Auth;

/// <summary>
/// The venue's clock as we estimate it, so request timestamps fall inside Bybit's window
/// (<c>server − recvWindow ≤ timestamp &lt; server + 1000 ms</c>) whatever our own clock says and 10002 never happens
/// because of skew. Each observation of the server's time (<c>/v5/market/time</c>, the <c>Timenow</c> response header,
/// a WebSocket pong's time) is paired with the local send and receive instants; the server's reading is taken to be at
/// the midpoint, and the observation with the shortest round trip in the recent window wins (its uncertainty is
/// smallest). Timestamps are then biased <see cref="SafetyMargin"/> into the past: the window is 5 s wide behind the
/// server and only 1 s ahead, so being late is the cheap side.
/// </summary>
public sealed class BybitServerClock
{
    private readonly TimeProvider _local;
    private readonly object _gate = new();
    private long _offsetMs;
    private long _bestRoundTripMs = long.MaxValue;
    private long _bestAtMs;
    private bool _synced;

    /// <summary>Creates the clock over the local <paramref name="local"/> time.</summary>
    public BybitServerClock(TimeProvider local)
    {
        _local = local ?? throw new ArgumentNullException(nameof(local));
    }

    /// <summary>How far into the past timestamps are biased (default 250 ms).</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a low-latency observation keeps priority over later, slower ones (default 10 minutes).</summary>
    public TimeSpan ObservationLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>True once the server's time has been observed at least once.</summary>
    public bool IsSynced
    {
        get
        {
            lock (_gate) return _synced;
        }
    }

    /// <summary>Estimated server time minus local time, in milliseconds (0 until synced).</summary>
    public long OffsetMs
    {
        get
        {
            lock (_gate) return _offsetMs;
        }
    }

    /// <summary>The local time now, in unix milliseconds (the instant to pass to <see cref="Observe"/>).</summary>
    public long LocalNowMs() => _local.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Records that the server said <paramref name="serverMs"/> in answer to a request sent at local
    /// <paramref name="sentLocalMs"/> and received at <paramref name="receivedLocalMs"/>.
    /// </summary>
    /// <returns>True when the estimate changed.</returns>
    public bool Observe(long serverMs, long sentLocalMs, long receivedLocalMs)
    {
        if (serverMs <= 0 || receivedLocalMs < sentLocalMs) return false;
        long roundTrip = receivedLocalMs - sentLocalMs;
        long midpoint = sentLocalMs + roundTrip / 2;
        lock (_gate)
        {
            bool expired = receivedLocalMs - _bestAtMs > (long)ObservationLifetime.TotalMilliseconds;
            if (_synced && !expired && roundTrip > _bestRoundTripMs) return false;
            _offsetMs = serverMs - midpoint;
            _bestRoundTripMs = roundTrip;
            _bestAtMs = receivedLocalMs;
            _synced = true;
            return true;
        }
    }

    /// <summary>
    /// Forgets the estimate's priority so the next observation replaces it (after a 10002 "request time exceeds the
    /// window" the estimate is wrong, whatever its round trip was).
    /// </summary>
    public void Invalidate()
    {
        lock (_gate) _bestRoundTripMs = long.MaxValue;
    }

    /// <summary>
    /// The estimated server time now, in unix ms, without the safety margin: for comparing with times the venue states
    /// (rate-limit resets), where being early is the costly side.
    /// </summary>
    public long EstimatedNowMs()
    {
        long offset;
        lock (_gate) offset = _offsetMs;
        return LocalNowMs() + offset;
    }

    /// <summary>The timestamp to sign and send now: estimated server time minus the safety margin, in unix ms.</summary>
    public long TimestampMs()
    {
        long offset;
        lock (_gate) offset = _offsetMs;
        return LocalNowMs() + offset - (long)SafetyMargin.TotalMilliseconds;
    }
}
