using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>One line of a Binance recording: a raw message and the local receive time it was stamped with.</summary>
/// <param name="ReceiveTimeNs">Local receive time, Unix nanoseconds (the line's first field).</param>
public abstract record BinanceRecord(long ReceiveTimeNs)
{
    /// <summary>The receive time as UTC ticks.</summary>
    public long ReceiveTimeTicks => DateTime.UnixEpoch.Ticks + ReceiveTimeNs / 100;
}

/// <summary>The REST depth snapshot (<c>lastUpdateId</c>, 1000 levels a side), levels best-first.</summary>
public sealed record BinanceDepthSnapshotRecord(long ReceiveTimeNs, long LastUpdateId, long EventTimeMs, BookLevel[] Bids, BookLevel[] Asks)
    : BinanceRecord(ReceiveTimeNs)
{
    /// <summary>The snapshot as a <see cref="BookSnapshot"/> whose sequence is <see cref="LastUpdateId"/>.</summary>
    public BookSnapshot ToSnapshot()
    {
        var snapshot = new BookSnapshot { Sequence = LastUpdateId };
        snapshot.Bids.AddRange(Bids);
        snapshot.Asks.AddRange(Asks);
        return snapshot;
    }
}

/// <summary>
/// A <c>depthUpdate</c> diff: absolute sizes per level, zero removes. Update ids <c>U</c>..<c>u</c>; <c>pu</c> is the
/// previous diff's <c>u</c> (USD-M futures; 0 on spot, which has no <c>pu</c>).
/// </summary>
public sealed record BinanceDepthUpdateRecord(
    long ReceiveTimeNs,
    string Symbol,
    long EventTimeMs,
    long FirstUpdateId,
    long FinalUpdateId,
    long PreviousFinalUpdateId,
    BookLevel[] Bids,
    BookLevel[] Asks) : BinanceRecord(ReceiveTimeNs);

/// <summary>A <c>trade</c> or <c>aggTrade</c>; <see cref="Aggressor"/> is the taker's side (sell when the buyer was maker).</summary>
public sealed record BinanceTradeRecord(
    long ReceiveTimeNs,
    string Symbol,
    long EventTimeMs,
    long TradeId,
    Price Price,
    Quantity Size,
    Side Aggressor,
    bool IsAggregate) : BinanceRecord(ReceiveTimeNs);

/// <summary>A <c>bookTicker</c>: best bid/ask as of order-book update id <see cref="UpdateId"/> (<c>u</c>).</summary>
public sealed record BinanceBookTickerRecord(long ReceiveTimeNs, string Symbol, long UpdateId, BookLevel Bid, BookLevel Ask, long EventTimeMs)
    : BinanceRecord(ReceiveTimeNs);

/// <summary>A message kind the reader does not model.</summary>
public sealed record BinanceOtherRecord(long ReceiveTimeNs, string EventType) : BinanceRecord(ReceiveTimeNs);

/// <summary>A line that could not be decoded; counted, never thrown.</summary>
public sealed record BinanceMalformedRecord(long ReceiveTimeNs, string Reason) : BinanceRecord(ReceiveTimeNs);
