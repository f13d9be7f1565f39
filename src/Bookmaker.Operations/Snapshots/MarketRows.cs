using System.Text.Json.Serialization;

namespace Bookmaker.Operations.Snapshots;

/// <summary>One market as the dashboard draws it: mid, the top of the book, and our inventory against its limit.</summary>
/// <param name="Market">Instrument symbol.</param>
/// <param name="Venue">Venue.</param>
/// <param name="Mid">Mid of the best bid and ask; null without a two-sided book.</param>
/// <param name="Bids">Top bid levels, best first (at most <see cref="MarketViews.Depth"/>).</param>
/// <param name="Asks">Top ask levels, best first.</param>
/// <param name="Position">Our signed inventory.</param>
/// <param name="MaxPosition">The risk gate's per-instrument position limit (absolute).</param>
public sealed record MarketRow(
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("mid")] decimal? Mid,
    [property: JsonPropertyName("bids")] IReadOnlyList<LevelRow> Bids,
    [property: JsonPropertyName("asks")] IReadOnlyList<LevelRow> Asks,
    [property: JsonPropertyName("position")] decimal Position,
    [property: JsonPropertyName("max_position")] decimal MaxPosition);

/// <summary>One price level.</summary>
/// <param name="Price">Price.</param>
/// <param name="Size">Size resting at it.</param>
public sealed record LevelRow(
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("size")] decimal Size);

/// <summary>One of our recent fills.</summary>
/// <param name="Market">Instrument symbol.</param>
/// <param name="Side">Buy or Sell.</param>
/// <param name="Price">Fill price.</param>
/// <param name="Size">Fill size.</param>
/// <param name="Liquidity">Maker or Taker.</param>
/// <param name="Time">When (venue time).</param>
public sealed record FillRow(
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("size")] decimal Size,
    [property: JsonPropertyName("liquidity")] string Liquidity,
    [property: JsonPropertyName("time")] DateTimeOffset Time);

/// <summary>The order round trip (submit → ack) against its SLA.</summary>
/// <param name="P95Seconds">p95 over the SLA window; null before any sample.</param>
/// <param name="LimitSeconds">The SLA line (Alerts:RoundTripP95Limit, 340 ms by default).</param>
/// <param name="Breached">True while the p95 is over the line.</param>
public sealed record RoundTripRow(
    [property: JsonPropertyName("p95_seconds")] double? P95Seconds,
    [property: JsonPropertyName("limit_seconds")] double LimitSeconds,
    [property: JsonPropertyName("breached")] bool Breached);
