using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>One decoded Polymarket market-channel message from a recording.</summary>
/// <param name="EventType">The message's <c>event_type</c>.</param>
/// <param name="TimestampMs">Venue timestamp, Unix milliseconds (0 when absent).</param>
public abstract record PolymarketRecord(string EventType, long TimestampMs)
{
    /// <summary>The venue timestamp as UTC ticks.</summary>
    public long TimestampTicks => DateTime.UnixEpoch.Ticks + TimestampMs * TimeSpan.TicksPerMillisecond;
}

/// <summary>A full <c>book</c> for one asset. Levels are best-first (the venue sends bids worst-first; the reader sorts).</summary>
public sealed record PolymarketBookRecord(
    string AssetId,
    string Market,
    long TimestampMs,
    string? Hash,
    Price? TickSize,
    IReadOnlyList<BookLevel> Bids,
    IReadOnlyList<BookLevel> Asks) : PolymarketRecord("book", TimestampMs)
{
    /// <summary>Copies the levels into a new <see cref="BookSnapshot"/> (sequence 0: Polymarket has none).</summary>
    public BookSnapshot ToSnapshot()
    {
        var snapshot = new BookSnapshot();
        snapshot.Bids.AddRange(Bids);
        snapshot.Asks.AddRange(Asks);
        return snapshot;
    }
}

/// <summary>One level change inside a <c>price_change</c>: <see cref="Size"/> is the level's new absolute size, zero removes.</summary>
public readonly record struct PolymarketLevelChange(
    string AssetId,
    Side Side,
    Price Price,
    Quantity Size,
    Price? BestBid,
    Price? BestAsk,
    string? Hash);

/// <summary>A <c>price_change</c> (current multi-asset schema with <c>price_changes[]</c>, or legacy <c>changes[]</c>).</summary>
public sealed record PolymarketPriceChangeRecord(string Market, long TimestampMs, IReadOnlyList<PolymarketLevelChange> Changes)
    : PolymarketRecord("price_change", TimestampMs);

/// <summary>A <c>tick_size_change</c>.</summary>
public sealed record PolymarketTickSizeChangeRecord(string AssetId, string Market, Price OldTick, Price NewTick, long TimestampMs)
    : PolymarketRecord("tick_size_change", TimestampMs);

/// <summary>A <c>last_trade_price</c>: a public trade; <see cref="Side"/> is the taker's side.</summary>
public sealed record PolymarketLastTradeRecord(string AssetId, string Market, Price Price, Side Side, Quantity Size, long TimestampMs)
    : PolymarketRecord("last_trade_price", TimestampMs);

/// <summary>A message kind the reader does not model (kept so counts stay honest).</summary>
public sealed record PolymarketOtherRecord(string Type, long TimestampMs) : PolymarketRecord(Type, TimestampMs);

/// <summary>A message that could not be decoded; <see cref="Reason"/> says why. Counted, never thrown.</summary>
public sealed record PolymarketMalformedRecord(string Type, string Reason, long TimestampMs) : PolymarketRecord(Type, TimestampMs);
