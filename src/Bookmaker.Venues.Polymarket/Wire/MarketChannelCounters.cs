namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>Running counts kept by <see cref="MarketChannelParser"/> (single-threaded, like the parser).</summary>
public sealed class MarketChannelCounters
{
    private readonly long[] _malformed = new long[MalformedReasonExtensions.Count];

    /// <summary>Frames handed to the parser.</summary>
    public long Frames { get; internal set; }

    /// <summary><c>PONG</c> heartbeat answers seen.</summary>
    public long Pongs { get; internal set; }

    /// <summary><c>book</c> messages delivered.</summary>
    public long Books { get; internal set; }

    /// <summary><c>price_change</c> messages seen.</summary>
    public long PriceChanges { get; internal set; }

    /// <summary>Entries of <c>price_changes</c> arrays delivered as level updates.</summary>
    public long PriceChangeEntries { get; internal set; }

    /// <summary><c>tick_size_change</c> messages delivered.</summary>
    public long TickSizeChanges { get; internal set; }

    /// <summary><c>last_trade_price</c> messages delivered.</summary>
    public long LastTradePrices { get; internal set; }

    /// <summary><c>best_bid_ask</c> messages delivered.</summary>
    public long BestBidAsks { get; internal set; }

    /// <summary><c>new_market</c> / <c>market_resolved</c> messages.</summary>
    public long MarketLifecycle { get; internal set; }

    /// <summary><c>market_resolved</c> messages (handed to <see cref="IMarketChannelSink.OnMarketResolved"/>).</summary>
    public long MarketsResolved { get; internal set; }

    /// <summary>Messages with an <c>event_type</c> this parser does not know; skipped.</summary>
    public long UnknownEventTypes { get; internal set; }

    /// <summary>Malformed messages or entries for one reason.</summary>
    public long Malformed(MalformedReason reason) => _malformed[(int)reason];

    /// <summary>All malformed messages or entries.</summary>
    public long MalformedTotal
    {
        get
        {
            long sum = 0;
            foreach (long n in _malformed) sum += n;
            return sum;
        }
    }

    internal void CountMalformed(MalformedReason reason) => _malformed[(int)reason]++;
}
