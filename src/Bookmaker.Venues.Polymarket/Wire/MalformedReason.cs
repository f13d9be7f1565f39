namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>Why a WebSocket message (or one entry of it) could not be used.</summary>
public enum MalformedReason : byte
{
    /// <summary>Not valid JSON (truncated, bad syntax). The instrument is unknown: treat every book on the connection as stale.</summary>
    BadJson = 0,

    /// <summary>The frame or a field has the wrong JSON shape (e.g. a number where an object belongs).</summary>
    UnexpectedShape,

    /// <summary>A price, size or timestamp is not an exact decimal.</summary>
    BadNumber,

    /// <summary>A side is neither BUY nor SELL.</summary>
    BadSide,

    /// <summary>A required field is missing.</summary>
    MissingField,

    /// <summary>The asset id is not registered. Harmless to our books (no instrument of ours is involved).</summary>
    UnknownAsset,

    /// <summary>
    /// An exact number the venue cannot send for this field: an outcome token's level, trade or order price at or
    /// beyond 0 and 1, a best bid/ask outside [0, 1], a tick of 1 or more, a negative size, a trade of size 0.
    /// </summary>
    OutOfRange,
}

/// <summary>Helpers on <see cref="MalformedReason"/>.</summary>
public static class MalformedReasonExtensions
{
    /// <summary>Number of reasons (for per-reason counters).</summary>
    public const int Count = (int)MalformedReason.OutOfRange + 1;

    /// <summary>
    /// True when the problem may have cost us an update to a book of ours, so the book (or, with instrument index −1,
    /// every book on the connection) must be marked stale and resynced. An unknown asset touches none of ours.
    /// </summary>
    public static bool InvalidatesBooks(this MalformedReason reason) => reason != MalformedReason.UnknownAsset;
}
