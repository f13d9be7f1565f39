using System.Text.Json;
using Bookmaker.Core.Orders;

namespace Bookmaker.Venues.Polymarket.Rest;

/// <summary>What a Polymarket error means to the engine.</summary>
/// <param name="Reason">Typed reason.</param>
/// <param name="RetryAfter">How long the venue asked us to wait (Retry-After header or <c>retry_after_seconds</c>).</param>
/// <param name="Retryable">True when the same request may succeed later unchanged (425, 429, 5xx, cancel-only…).</param>
/// <param name="OrderVersionMismatch">True for <c>order_version_mismatch</c>: re-read GET <c>/version</c>, re-sign, resend.</param>
/// <param name="Text">The venue's words.</param>
public readonly record struct PolymarketError(
    RejectReason Reason,
    TimeSpan? RetryAfter,
    bool Retryable,
    bool OrderVersionMismatch,
    string? Text);

/// <summary>
/// Maps Polymarket HTTP statuses and error strings (the exact texts the venue documents) to
/// <see cref="RejectReason"/>. Text is matched first (case-insensitive substring, most specific first) because one
/// status (400, 503) carries many meanings; the status decides when no text is recognised. 425 and 429 always win.
/// </summary>
public static class PolymarketErrorMapper
{
    /// <summary>The V2 error string that means "re-read /version and re-sign".</summary>
    public const string OrderVersionMismatchText = "order_version_mismatch";

    /// <summary>(fragment of the venue's text, reason), checked in order.</summary>
    private static readonly (string Fragment, RejectReason Reason)[] Table =
    [
        (OrderVersionMismatchText, RejectReason.Other),
        ("breaks minimum tick size", RejectReason.InvalidTick),
        ("Size lower than the minimum", RejectReason.InvalidSize),
        ("invalid amount", RejectReason.InvalidSize),
        ("Duplicated", RejectReason.Duplicate),
        ("not enough balance / allowance", RejectReason.InsufficientBalance),
        ("invalid post-only order: order crosses book", RejectReason.PostOnlyWouldCross),
        ("post-only mode", RejectReason.PostOnlyMode),
        ("post_only_mode", RejectReason.PostOnlyMode),
        ("cancel-only", RejectReason.CancelOnly),
        ("closed only mode", RejectReason.CancelOnly),
        ("FOK orders are fully filled/killed", RejectReason.NotFilled),
        ("couldn't be fully filled", RejectReason.NotFilled),
        ("no orders found to match with FAK order", RejectReason.NotFilled),
        ("Too many orders in payload", RejectReason.BatchTooLarge),
        ("Payload exceeds the limit", RejectReason.BatchTooLarge),
        ("Rate limit exceeded", RejectReason.RateLimited),
        ("price discrepancy greater than allowed", RejectReason.InvalidPrice),
        ("invalid price", RejectReason.InvalidPrice),
        ("the market is not yet ready", RejectReason.MarketUnavailable),
        ("No orderbook exists", RejectReason.MarketUnavailable),
        ("Trading is currently disabled", RejectReason.MarketUnavailable),
        ("address banned", RejectReason.Unauthorized),
        ("owner has to be the owner of the API KEY", RejectReason.Unauthorized),
        ("signer address has to be the address of the API KEY", RejectReason.Unauthorized),
        ("Invalid api key", RejectReason.Unauthorized),
        ("Invalid L1", RejectReason.Unauthorized),
        ("Unauthorized", RejectReason.Unauthorized),
        ("could not insert order", RejectReason.VenueError),
        ("could not run the execution", RejectReason.VenueError),
        ("error delaying the order", RejectReason.VenueError),
    ];

    /// <summary>Maps a text alone (e.g. <c>errorMsg</c> of one order in a 200 batch answer).</summary>
    public static RejectReason MapMessage(string? text)
    {
        if (string.IsNullOrEmpty(text)) return RejectReason.None;
        foreach ((string fragment, RejectReason reason) in Table)
        {
            if (text.Contains(fragment, StringComparison.OrdinalIgnoreCase)) return reason;
        }

        return RejectReason.Other;
    }

    /// <summary>Maps an HTTP failure.</summary>
    /// <param name="httpStatus">HTTP status (0 for transport failure / timeout).</param>
    /// <param name="text">The <c>error</c> string of the body, if any.</param>
    /// <param name="retryAfterHeader">Parsed Retry-After header, if any.</param>
    /// <param name="retryAfterSeconds">The body's <c>retry_after_seconds</c>, if any.</param>
    /// <param name="code">The body's <c>code</c>, if any.</param>
    public static PolymarketError Map(int httpStatus, string? text, TimeSpan? retryAfterHeader = null, int? retryAfterSeconds = null, string? code = null)
    {
        TimeSpan? retryAfter = retryAfterHeader ?? (retryAfterSeconds is int s and >= 0 ? TimeSpan.FromSeconds(s) : null);
        bool versionMismatch = text?.Contains(OrderVersionMismatchText, StringComparison.OrdinalIgnoreCase) == true
            || string.Equals(code, OrderVersionMismatchText, StringComparison.OrdinalIgnoreCase);

        RejectReason reason = httpStatus switch
        {
            0 => RejectReason.Timeout,
            425 => RejectReason.VenueRestarting,
            429 => RejectReason.RateLimited,
            _ => RejectReason.None,
        };

        if (reason == RejectReason.None)
        {
            reason = MapMessage(code is null ? text : $"{code} {text}");
            if (reason is RejectReason.Other or RejectReason.None) reason = ByStatus(httpStatus, reason);
        }

        bool retryable = reason is RejectReason.VenueRestarting or RejectReason.RateLimited or RejectReason.VenueError
            or RejectReason.CancelOnly or RejectReason.PostOnlyMode or RejectReason.Timeout || versionMismatch || httpStatus == 503;
        if (reason == RejectReason.CancelOnly && text?.Contains("closed only mode", StringComparison.OrdinalIgnoreCase) == true)
            retryable = false; // an account in close-only mode stays so until the venue lifts it
        return new PolymarketError(reason, retryAfter, retryable, versionMismatch, text);
    }

    /// <summary>Maps an HTTP failure from its raw body <c>{"error":…,"code":…,"retry_after_seconds":…}</c> (or plain text).</summary>
    public static PolymarketError MapBody(int httpStatus, ReadOnlySpan<byte> body, TimeSpan? retryAfterHeader = null)
    {
        ErrorResponseDto? dto = null;
        try
        {
            if (!body.IsEmpty && body.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
                dto = JsonSerializer.Deserialize(body, PolymarketJsonContext.Default.ErrorResponseDto);
        }
        catch (JsonException)
        {
            dto = null;
        }

        string? text = dto?.Error ?? (body.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(body));
        return Map(httpStatus, text, retryAfterHeader, dto?.RetryAfterSeconds, dto?.Code);
    }

    private static RejectReason ByStatus(int httpStatus, RejectReason fromText) => httpStatus switch
    {
        401 or 403 => RejectReason.Unauthorized,
        404 => RejectReason.MarketUnavailable,
        503 => RejectReason.VenueError,
        >= 500 => RejectReason.VenueError,
        _ => fromText == RejectReason.None ? RejectReason.Other : fromText,
    };
}
