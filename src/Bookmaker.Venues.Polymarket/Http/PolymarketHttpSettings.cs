using Bookmaker.Engine.Configuration;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>Endpoints and resilience settings of <see cref="PolymarketRestClient"/>.</summary>
public sealed record PolymarketHttpSettings
{
    /// <summary>CLOB REST base URL.</summary>
    public required Uri ClobUrl { get; init; }

    /// <summary>Gamma API base URL.</summary>
    public required Uri GammaUrl { get; init; }

    /// <summary>Geoblock endpoint.</summary>
    public Uri GeoblockUrl { get; init; } = new("https://polymarket.com/api/geoblock");

    /// <summary>Timeout of one attempt (default 5 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of calls that are safe to repeat (GETs, cancels, heartbeats). New orders are never retried.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; doubled each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A Retry-After longer than this is not waited out by a retry: the error goes back to the caller.</summary>
    public TimeSpan MaxRetryAfterWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Submit circuit breaker: failure ratio (429/5xx/timeouts) over <see cref="BreakerSamplingDuration"/>.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Submit circuit breaker: minimum requests in the window before it may open.</summary>
    public int BreakerMinimumThroughput { get; init; } = 6;

    /// <summary>Submit circuit breaker: sampling window.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Submit circuit breaker: open time when the venue gave no Retry-After.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long pooled connections live before being recycled (DNS changes).</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After an HTTP 403 every request waits this long (or the answer's Retry-After, if longer). A 403 comes from the
    /// venue's edge (Cloudflare), which rate-limits in 10 s sliding windows; knocking again inside the window is how an IP
    /// gets banned.
    /// </summary>
    public TimeSpan ForbiddenPause { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Settings from the validated configuration.</summary>
    public static PolymarketHttpSettings From(PolymarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PolymarketHttpSettings
        {
            ClobUrl = options.ClobUrl,
            GammaUrl = options.GammaUrl,
            GeoblockUrl = options.GeoblockUrl,
            RequestTimeout = options.RequestTimeout,
            ForbiddenPause = options.ForbiddenPause,
        };
    }
}
