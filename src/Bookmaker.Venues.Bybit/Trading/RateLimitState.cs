using System.Collections.Concurrent;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// What the venue's rate-limit headers said per endpoint (<c>X-Bapi-Limit-Status</c> left,
/// <c>X-Bapi-Limit-Reset-Timestamp</c>): a request to an endpoint with nothing left waits for its reset instead of
/// earning a 10006, and a 10006 blocks the endpoint until the reset it names (at least <see cref="MinBackoff"/>), so the
/// next requests back off rather than hammer. Times are the venue's (the server clock's estimate without its safety margin: here early is the costly side), in ms.
/// Thread-safe.
/// </summary>
public sealed class RateLimitState
{
    private readonly ConcurrentDictionary<string, (int Remaining, long ResetMs)> _endpoints = new(StringComparer.Ordinal);

    /// <summary>The shortest wait after a 10006 whose reset is not in the future.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Added to every wait for a reset: our estimate of the server's clock is only as good as half the best round trip
    /// it was read with, and a request that arrives a moment before the reset earns the 10006 the wait was for.
    /// </summary>
    public TimeSpan ResetSlack { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest a request waits for a reset before it is sent anyway (the venue then judges).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>10006 answers seen.</summary>
    public long Exceeded => Interlocked.Read(ref _exceeded);

    private long _exceeded;

    /// <summary>
    /// Records the headers of one answer. With nothing left, the venue's reset is "now" until the limit is exceeded, yet
    /// the window is a rolling second: the endpoint then waits out that second rather than earn a 10006.
    /// </summary>
    public void Observe(string endpoint, int remaining, long resetMs, long serverNowMs)
    {
        var next = (remaining, remaining > 0 ? resetMs : Math.Max(resetMs, serverNowMs + 1000));
        // Concurrent answers arrive in any order: an older "some left" must not lift a block a newer answer set.
        _endpoints.AddOrUpdate(endpoint, next, (_, old) => old.Remaining == 0 && old.ResetMs > serverNowMs && remaining > 0 ? old : next);
    }

    /// <summary>Records a 10006: the endpoint is blocked until <paramref name="resetMs"/> (or <see cref="MinBackoff"/> from now).</summary>
    public TimeSpan OnExceeded(string endpoint, long resetMs, long serverNowMs)
    {
        Interlocked.Increment(ref _exceeded);
        long until = Math.Max(resetMs, serverNowMs + (long)MinBackoff.TotalMilliseconds);
        _endpoints[endpoint] = (0, until);
        return TimeSpan.FromMilliseconds(until - serverNowMs);
    }

    /// <summary>How long a request to <paramref name="endpoint"/> should wait now (zero: send).</summary>
    public TimeSpan WaitFor(string endpoint, long serverNowMs)
    {
        long until = _endpoints.TryGetValue(endpoint, out var s) && s.Remaining == 0 ? s.ResetMs + (long)ResetSlack.TotalMilliseconds : 0;
        return until <= serverNowMs ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(until - serverNowMs, MaxWait.TotalMilliseconds));
    }
}
