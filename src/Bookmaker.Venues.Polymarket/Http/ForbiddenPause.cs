namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// The pause of all REST traffic after an HTTP 403. Polymarket's 403s come from its edge (Cloudflare), which limits by
/// IP in 10 s sliding windows; a client that keeps knocking inside the window — a market maker re-sending at every
/// requote, a reconciliation, a cancel storm — is how an IP gets banned. So a 403 on any call pauses every call for
/// <see cref="PolymarketHttpSettings.ForbiddenPause"/> (or the answer's Retry-After, if longer): new orders and
/// heartbeats are refused locally (an order would be stale by then; a heartbeat that cannot go is a lost session, and
/// saying so at once is the truth), cancels and queries wait for the window's end and then go. Safe from any thread.
/// </summary>
internal sealed class ForbiddenPause(TimeProvider time, TimeSpan window)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _until;

    /// <summary>Raised (on the answering thread) when a 403 starts or extends the pause: its length from now and the path.</summary>
    public event Action<TimeSpan, string>? Began;

    /// <summary>How long the pause still lasts; null when there is none.</summary>
    public TimeSpan? Remaining()
    {
        var now = time.GetUtcNow();
        lock (_gate) return _until > now ? _until - now : null;
    }

    /// <summary>A 403 answered <paramref name="path"/>: pause everything for the window (or <paramref name="retryAfter"/>, if longer).</summary>
    public void OnForbidden(string path, TimeSpan? retryAfter)
    {
        var length = retryAfter is TimeSpan ra && ra > window ? ra : window;
        var until = time.GetUtcNow() + length;
        lock (_gate)
        {
            if (until <= _until) return;
            _until = until;
        }

        Began?.Invoke(length, path);
    }

    /// <summary>True for the calls refused (not delayed) during a pause: new orders and heartbeats.</summary>
    public static bool RefusesDuringPause(HttpMethod method, string path) =>
        method == HttpMethod.Post && path is "/order" or "/orders" or "/v1/heartbeats";
}
