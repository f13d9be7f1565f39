using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// The outcome of one REST call: a value, or the venue's mapped error. Venue answers never throw; only programming
/// errors do.
/// </summary>
/// <typeparam name="T">Value type.</typeparam>
/// <param name="Value">The decoded answer when <see cref="IsSuccess"/>.</param>
/// <param name="Error">The mapped error otherwise.</param>
/// <param name="HttpStatus">HTTP status (0 = timeout, transport failure, or refused locally).</param>
public readonly record struct RestResult<T>(T? Value, PolymarketError? Error, int HttpStatus)
{
    /// <summary>True when the call succeeded and <see cref="Value"/> is set.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The same failure as another type.</summary>
    public RestResult<TOther> As<TOther>() => new(default, Error, HttpStatus);
}

/// <summary>Factory of <see cref="RestResult{T}"/>.</summary>
public static class RestResult
{
    /// <summary>A success.</summary>
    public static RestResult<T> Ok<T>(T value, int status = 200) => new(value, null, status);

    /// <summary>A failure.</summary>
    public static RestResult<T> Fail<T>(PolymarketError error, int status) => new(default, error, status);
}

/// <summary>The rate-limit headers of one response (<c>Poly-RateLimit-*</c>, <c>Retry-After</c>).</summary>
/// <param name="Path">Request path (no query).</param>
/// <param name="HttpStatus">Status of the response.</param>
/// <param name="Remaining">Tokens left in the bucket, when sent.</param>
/// <param name="Reset">When the bucket refills (unix seconds header), when sent.</param>
/// <param name="Tier">Rate-limit tier name, when sent.</param>
/// <param name="Warning">True when the venue says it would have limited us (warning mode).</param>
/// <param name="RetryAfter">Retry-After of a 429/503, when sent.</param>
public sealed record RateLimitInfo(string Path, int HttpStatus, long? Remaining, DateTimeOffset? Reset, string? Tier, bool Warning, TimeSpan? RetryAfter);
