using Bookmaker.Core.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>One HTTP exchange, read whole inside the resilience pipeline so retries never leak responses.</summary>
/// <param name="Status">HTTP status (0 = timeout, transport failure or refused locally).</param>
/// <param name="Body">The body bytes.</param>
/// <param name="RetryAfter">The Retry-After the venue sent (or the local pause left).</param>
/// <param name="LocalError">The error when the request never got an answer from the venue.</param>
internal sealed record RawResponse(int Status, byte[] Body, TimeSpan? RetryAfter, PolymarketError? LocalError)
{
    /// <summary>A 2xx answer from the venue.</summary>
    public bool IsSuccess => LocalError is null && Status is >= 200 and < 300;

    /// <summary>A failure decided on this side (timeout, transport, pause, open circuit, refused locally).</summary>
    public static RawResponse Local(RejectReason reason, TimeSpan? retryAfter, string text) =>
        new(0, [], retryAfter, new PolymarketError(reason, retryAfter, reason != RejectReason.BatchTooLarge, false, text));

    /// <summary>Worth retrying for a safe call: timeout/transport, 425 (engine restarting), 429, 5xx.</summary>
    public bool IsTransient => Status is 0 or 425 or 429 or >= 500;
}
