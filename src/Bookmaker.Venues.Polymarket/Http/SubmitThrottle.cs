namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// The local brake on new orders: a 429 with Retry-After on POST /order or /orders pauses submits until then (they
/// are refused here, not sent; cancels keep going), and the last Retry-After seen on any call sets how long the
/// submit circuit breaker stays open.
/// </summary>
internal sealed class SubmitThrottle(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil;
    private TimeSpan? _lastRetryAfter;

    /// <summary>Until when submits are refused locally (past = not paused).</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_gate) return _pausedUntil;
        }
    }

    /// <summary>The last Retry-After any answer carried.</summary>
    public TimeSpan? LastRetryAfter => _lastRetryAfter;

    /// <summary>How long submits stay paused from now; null when they are not.</summary>
    public TimeSpan? PausedFor()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _pausedUntil > now ? _pausedUntil - now : null;
        }
    }

    /// <summary>Takes note of one answer's status and Retry-After.</summary>
    public void Observe(string path, int status, TimeSpan? retryAfter)
    {
        if (status == 429 && retryAfter is TimeSpan wait && (path == "/order" || path == "/orders"))
        {
            lock (_gate)
            {
                var until = time.GetUtcNow() + wait;
                if (until > _pausedUntil) _pausedUntil = until;
            }
        }

        if (retryAfter is not null) _lastRetryAfter = retryAfter;
    }
}
