using System.Text.Json.Serialization;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Rest;

/// <summary>One level of <see cref="OrderBookSummaryDto"/>.</summary>
public sealed class OrderBookLevelDto
{
    /// <summary>Level price.</summary>
    [JsonPropertyName("price")] [JsonConverter(typeof(PriceJsonConverter))] public Price Price { get; set; }

    /// <summary>Total size at the price.</summary>
    [JsonPropertyName("size")] [JsonConverter(typeof(QuantityJsonConverter))] public Quantity Size { get; set; }
}

/// <summary>GET <c>/book</c> (and each element of <c>/books</c>). Level order is not guaranteed: sort client-side.</summary>
public sealed class OrderBookSummaryDto
{
    /// <summary>Condition id.</summary>
    [JsonPropertyName("market")] public string? Market { get; set; }

    /// <summary>Token id.</summary>
    [JsonPropertyName("asset_id")] public string AssetId { get; set; } = "";

    /// <summary>Unix milliseconds, as a string.</summary>
    [JsonPropertyName("timestamp")] public string? Timestamp { get; set; }

    /// <summary>Venue book hash.</summary>
    [JsonPropertyName("hash")] public string? Hash { get; set; }

    /// <summary>Bid levels, venue order.</summary>
    [JsonPropertyName("bids")] public List<OrderBookLevelDto> Bids { get; set; } = [];

    /// <summary>Ask levels, venue order.</summary>
    [JsonPropertyName("asks")] public List<OrderBookLevelDto> Asks { get; set; } = [];

    /// <summary>Minimum order size in shares.</summary>
    [JsonPropertyName("min_order_size")] [JsonConverter(typeof(QuantityJsonConverter))] public Quantity MinOrderSize { get; set; }

    /// <summary>Tick size.</summary>
    [JsonPropertyName("tick_size")] [JsonConverter(typeof(PriceJsonConverter))] public Price TickSize { get; set; }

    /// <summary>Neg-risk market flag.</summary>
    [JsonPropertyName("neg_risk")] public bool NegRisk { get; set; }

    /// <summary>Last trade price, as sent.</summary>
    [JsonPropertyName("last_trade_price")] public string? LastTradePrice { get; set; }
}

/// <summary>GET <c>/tick-size</c>: <c>{"minimum_tick_size":0.01}</c>.</summary>
public sealed class TickSizeDto
{
    /// <summary>The tick.</summary>
    [JsonPropertyName("minimum_tick_size")] [JsonConverter(typeof(PriceJsonConverter))] public Price MinimumTickSize { get; set; }
}

/// <summary>GET <c>/neg-risk</c>: <c>{"neg_risk":false}</c>.</summary>
public sealed class NegRiskDto
{
    /// <summary>True for neg-risk (multi-outcome) markets: orders are signed for the neg-risk exchange.</summary>
    [JsonPropertyName("neg_risk")] public bool NegRisk { get; set; }
}

/// <summary>GET <c>/version</c>: <c>{"version":2}</c> — picks the signed-order format.</summary>
public sealed class VersionDto
{
    /// <summary>Order version the server expects.</summary>
    [JsonPropertyName("version")] public int Version { get; set; }
}

/// <summary>A token of <see cref="ClobMarketDetailsDto"/> (<c>t</c>: {<c>t</c> token id, <c>o</c> outcome}).</summary>
public sealed class ClobMarketTokenDto
{
    /// <summary>Token id.</summary>
    [JsonPropertyName("t")] public string TokenId { get; set; } = "";

    /// <summary>Outcome label.</summary>
    [JsonPropertyName("o")] public string? Outcome { get; set; }
}

/// <summary>Fee curve <c>fd</c>: fee = shares × r × (p(1−p))^e, takers only when <c>to</c>.</summary>
public sealed class ClobFeeDetailsDto
{
    /// <summary>Rate r.</summary>
    [JsonPropertyName("r")] public decimal? Rate { get; set; }

    /// <summary>Exponent e.</summary>
    [JsonPropertyName("e")] public decimal? Exponent { get; set; }

    /// <summary>Taker-only.</summary>
    [JsonPropertyName("to")] public bool? TakerOnly { get; set; }
}

/// <summary>Rewards block <c>r</c> of <see cref="ClobMarketDetailsDto"/>.</summary>
public sealed class ClobRewardsDto
{
    /// <summary>Minimum size that scores.</summary>
    [JsonPropertyName("mi")] public decimal? MinSize { get; set; }

    /// <summary>Maximum spread (cents) that scores.</summary>
    [JsonPropertyName("ma")] public decimal? MaxSpread { get; set; }

    /// <summary>Rewards enabled.</summary>
    [JsonPropertyName("e")] public bool? Enabled { get; set; }

    /// <summary>Skip the minimum order age.</summary>
    [JsonPropertyName("smoa")] public bool? SkipMinOrderAge { get; set; }

    /// <summary>Minimum order age, seconds.</summary>
    [JsonPropertyName("moas")] public decimal? MinOrderAgeSeconds { get; set; }
}

/// <summary>GET <c>/clob-markets/{condition_id}</c>: canonical per-market parameters, compact keys.</summary>
public sealed class ClobMarketDetailsDto
{
    /// <summary>Condition id.</summary>
    [JsonPropertyName("c")] public string ConditionId { get; set; } = "";

    /// <summary>Tokens (YES, NO).</summary>
    [JsonPropertyName("t")] public List<ClobMarketTokenDto> Tokens { get; set; } = [];

    /// <summary>Minimum tick size.</summary>
    [JsonPropertyName("mts")] [JsonConverter(typeof(PriceJsonConverter))] public Price MinimumTickSize { get; set; }

    /// <summary>Neg risk (omitted when false).</summary>
    [JsonPropertyName("nr")] public bool NegRisk { get; set; }

    /// <summary>Fee curve.</summary>
    [JsonPropertyName("fd")] public ClobFeeDetailsDto? FeeDetails { get; set; }

    /// <summary>Maker base fee, bps.</summary>
    [JsonPropertyName("mbf")] public decimal? MakerBaseFeeBps { get; set; }

    /// <summary>Taker base fee, bps.</summary>
    [JsonPropertyName("tbf")] public decimal? TakerBaseFeeBps { get; set; }

    /// <summary>Rewards, or null.</summary>
    [JsonPropertyName("r")] public ClobRewardsDto? Rewards { get; set; }

    /// <summary>Accepting orders.</summary>
    [JsonPropertyName("ao")] public bool? AcceptingOrders { get; set; }

    /// <summary>Minimum order size (shares).</summary>
    [JsonPropertyName("mos")] [JsonConverter(typeof(QuantityJsonConverter))] public Quantity MinOrderSize { get; set; }

    /// <summary>Seconds delay (sports).</summary>
    [JsonPropertyName("sd")] public decimal? SecondsDelay { get; set; }

    /// <summary>Game start time, ISO.</summary>
    [JsonPropertyName("gst")] public string? GameStartTime { get; set; }

    /// <summary>Clear book on start.</summary>
    [JsonPropertyName("cbos")] public bool? ClearBookOnStart { get; set; }

    /// <summary>RFQ enabled.</summary>
    [JsonPropertyName("rfqe")] public bool? RfqEnabled { get; set; }

    /// <summary>Taker-order delay enabled: marketable orders are held ~250 ms.</summary>
    [JsonPropertyName("itode")] public bool? TakerOrderDelayEnabled { get; set; }

    /// <summary>Blockaid check enabled.</summary>
    [JsonPropertyName("ibce")] public bool? BlockaidCheckEnabled { get; set; }

    /// <summary>Minimum order age, seconds.</summary>
    [JsonPropertyName("oas")] public decimal? MinOrderAgeSeconds { get; set; }
}

/// <summary>A page of a cursor-paginated CLOB list (<c>/markets</c>, <c>/data/orders</c>, <c>/data/trades</c>).</summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed class ClobPageDto<T>
{
    /// <summary>Page size limit.</summary>
    [JsonPropertyName("limit")] public int? Limit { get; set; }

    /// <summary>Items on this page.</summary>
    [JsonPropertyName("count")] public int? Count { get; set; }

    /// <summary>Cursor for the next page; <see cref="ClobCursors.End"/> ("LTE=") after the last.</summary>
    [JsonPropertyName("next_cursor")] public string? NextCursor { get; set; }

    /// <summary>Items.</summary>
    [JsonPropertyName("data")] public List<T> Data { get; set; } = [];

    /// <summary>True when no further page exists.</summary>
    [JsonIgnore] public bool IsLastPage => string.IsNullOrEmpty(NextCursor) || NextCursor == ClobCursors.End;
}

/// <summary>Pagination cursors of the CLOB API.</summary>
public static class ClobCursors
{
    /// <summary>First page (base64 "0").</summary>
    public const string Start = "MA==";

    /// <summary>Past the last page (base64 "-1").</summary>
    public const string End = "LTE=";
}

/// <summary>A token of <see cref="ClobMarketDto"/>.</summary>
public sealed class ClobMarketTokenInfoDto
{
    /// <summary>Token id.</summary>
    [JsonPropertyName("token_id")] public string TokenId { get; set; } = "";

    /// <summary>Outcome label.</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }

    /// <summary>Indicative price.</summary>
    [JsonPropertyName("price")] public decimal? Price { get; set; }

    /// <summary>Winner after resolution.</summary>
    [JsonPropertyName("winner")] public bool? Winner { get; set; }
}

/// <summary>An element of GET <c>/markets</c> (CLOB).</summary>
public sealed class ClobMarketDto
{
    /// <summary>Condition id.</summary>
    [JsonPropertyName("condition_id")] public string ConditionId { get; set; } = "";

    /// <summary>Question id.</summary>
    [JsonPropertyName("question_id")] public string? QuestionId { get; set; }

    /// <summary>Question text.</summary>
    [JsonPropertyName("question")] public string? Question { get; set; }

    /// <summary>Slug.</summary>
    [JsonPropertyName("market_slug")] public string? MarketSlug { get; set; }

    /// <summary>Order book enabled.</summary>
    [JsonPropertyName("enable_order_book")] public bool? EnableOrderBook { get; set; }

    /// <summary>Active.</summary>
    [JsonPropertyName("active")] public bool? Active { get; set; }

    /// <summary>Closed.</summary>
    [JsonPropertyName("closed")] public bool? Closed { get; set; }

    /// <summary>Archived.</summary>
    [JsonPropertyName("archived")] public bool? Archived { get; set; }

    /// <summary>Accepting orders.</summary>
    [JsonPropertyName("accepting_orders")] public bool? AcceptingOrders { get; set; }

    /// <summary>Minimum order size.</summary>
    [JsonPropertyName("minimum_order_size")] public decimal? MinimumOrderSize { get; set; }

    /// <summary>Tick size.</summary>
    [JsonPropertyName("minimum_tick_size")] public decimal? MinimumTickSize { get; set; }

    /// <summary>Neg risk.</summary>
    [JsonPropertyName("neg_risk")] public bool? NegRisk { get; set; }

    /// <summary>Neg-risk market id.</summary>
    [JsonPropertyName("neg_risk_market_id")] public string? NegRiskMarketId { get; set; }

    /// <summary>End date, ISO.</summary>
    [JsonPropertyName("end_date_iso")] public string? EndDateIso { get; set; }

    /// <summary>Game start, ISO.</summary>
    [JsonPropertyName("game_start_time")] public string? GameStartTime { get; set; }

    /// <summary>Seconds delay.</summary>
    [JsonPropertyName("seconds_delay")] public decimal? SecondsDelay { get; set; }

    /// <summary>Maker base fee.</summary>
    [JsonPropertyName("maker_base_fee")] public decimal? MakerBaseFee { get; set; }

    /// <summary>Taker base fee.</summary>
    [JsonPropertyName("taker_base_fee")] public decimal? TakerBaseFee { get; set; }

    /// <summary>Tokens.</summary>
    [JsonPropertyName("tokens")] public List<ClobMarketTokenInfoDto> Tokens { get; set; } = [];
}
