using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Venues;

/// <summary>What a market-data event carries.</summary>
public enum MarketDataKind : byte
{
    /// <summary>A full book; <see cref="MarketDataEvent.Snapshot"/> is set. Replaces the local book and clears staleness.</summary>
    Snapshot,

    /// <summary>One level's new absolute size (zero removes it).</summary>
    LevelUpdate,

    /// <summary>A public trade at <see cref="MarketDataEvent.Price"/>; <see cref="MarketDataEvent.Side"/> is the aggressor side.</summary>
    Trade,

    /// <summary>The instrument's tick changed to <see cref="MarketDataEvent.Price"/>.</summary>
    TickSizeChange,

    /// <summary>The feed lost continuity (sequence gap, reconnect, malformed message): the book is stale until the next snapshot.</summary>
    BookInvalidated,

    /// <summary>
    /// One side of the venue's order-price band: <see cref="MarketDataEvent.Side"/> Buy carries the highest allowed bid
    /// in <see cref="MarketDataEvent.Price"/>, Sell the lowest allowed ask (zero: no limit on that side). A gate
    /// condition, not book data: it neither touches the book nor counts as feed activity.
    /// </summary>
    PriceBand,

    /// <summary>
    /// The venue's mark price of a perpetual in <see cref="MarketDataEvent.Price"/> (Bybit's position stream
    /// <c>markPrice</c>): the reference the liquidation-distance check measures from. A gate input, not book data.
    /// </summary>
    VenueMark,

    /// <summary>
    /// Our perpetual position's liquidation price in <see cref="MarketDataEvent.Price"/> as the venue computes it (zero:
    /// flat, or none). A gate input, not book data.
    /// </summary>
    LiquidationPrice,
}

/// <summary>
/// One normalized market-data event, a value type so the feed path allocates nothing per message. Several level
/// updates from one venue message share <see cref="Sequence"/>; <see cref="EndOfMessage"/> marks the last of them so
/// consumers can evaluate the book once per message rather than once per level.
/// </summary>
/// <param name="Kind">Event kind.</param>
/// <param name="InstrumentIndex">Dense instrument index (see <c>Instrument.Index</c>).</param>
/// <param name="Side">Book side for level updates; aggressor side for trades.</param>
/// <param name="Price">Level or trade price; the new tick for tick changes.</param>
/// <param name="Size">New level size, or trade size.</param>
/// <param name="Sequence">Venue sequence / update id (0 when the venue has none).</param>
/// <param name="PreviousSequence">The venue's link to the previous message (Binance <c>pu</c>); 0 when none.</param>
/// <param name="VenueTimeTicks">Venue timestamp, UTC ticks (100 ns).</param>
/// <param name="ReceiveTimeTicks">Local receive time on the engine clock, UTC ticks.</param>
/// <param name="EndOfMessage">True on the last event decoded from one venue message.</param>
/// <param name="Snapshot">The full book for <see cref="MarketDataKind.Snapshot"/>.</param>
public readonly record struct MarketDataEvent(
    MarketDataKind Kind,
    int InstrumentIndex,
    Side Side,
    Price Price,
    Quantity Size,
    long Sequence,
    long PreviousSequence,
    long VenueTimeTicks,
    long ReceiveTimeTicks,
    bool EndOfMessage = true,
    BookSnapshot? Snapshot = null);
