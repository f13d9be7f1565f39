using System.Text.Json;
using System.Text.Json.Serialization;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Rest;

/// <summary>
/// A Gamma market (camelCase JSON). Only the fields a trading engine uses are mapped; the rest are ignored.
/// <c>outcomes</c>, <c>outcomePrices</c> and <c>clobTokenIds</c> are JSON-encoded strings; use
/// <see cref="TradingTokenIds"/> which also honours Protocol V2's <c>positionIds</c>.
/// </summary>
public sealed class GammaMarketDto
{
    /// <summary>Gamma market id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }

    /// <summary>Question text.</summary>
    [JsonPropertyName("question")] public string? Question { get; set; }

    /// <summary>Condition id.</summary>
    [JsonPropertyName("conditionId")] public string? ConditionId { get; set; }

    /// <summary>Question id.</summary>
    [JsonPropertyName("questionID")] public string? QuestionId { get; set; }

    /// <summary>Slug.</summary>
    [JsonPropertyName("slug")] public string? Slug { get; set; }

    /// <summary>Outcome labels, JSON-encoded ("[\"Yes\", \"No\"]").</summary>
    [JsonPropertyName("outcomes")] public string? Outcomes { get; set; }

    /// <summary>Outcome prices, JSON-encoded.</summary>
    [JsonPropertyName("outcomePrices")] public string? OutcomePrices { get; set; }

    /// <summary>Token ids, JSON-encoded, index-aligned with <see cref="Outcomes"/> (protocol "v1").</summary>
    [JsonPropertyName("clobTokenIds")] public string? ClobTokenIds { get; set; }

    /// <summary>Position ids for protocol "v2" markets (plain array).</summary>
    [JsonPropertyName("positionIds")] public List<string>? PositionIds { get; set; }

    /// <summary>Protocol version: "v1" (or absent) or "v2".</summary>
    [JsonPropertyName("version")] public string? Version { get; set; }

    /// <summary>Group label within a neg-risk event.</summary>
    [JsonPropertyName("groupItemTitle")] public string? GroupItemTitle { get; set; }

    /// <summary>Active.</summary>
    [JsonPropertyName("active")] public bool? Active { get; set; }

    /// <summary>Closed.</summary>
    [JsonPropertyName("closed")] public bool? Closed { get; set; }

    /// <summary>Order book enabled.</summary>
    [JsonPropertyName("enableOrderBook")] public bool? EnableOrderBook { get; set; }

    /// <summary>Accepting orders.</summary>
    [JsonPropertyName("acceptingOrders")] public bool? AcceptingOrders { get; set; }

    /// <summary>Tick size.</summary>
    [JsonPropertyName("orderPriceMinTickSize")] [JsonConverter(typeof(PriceJsonConverter))] public Price OrderPriceMinTickSize { get; set; }

    /// <summary>Minimum order size (shares).</summary>
    [JsonPropertyName("orderMinSize")] [JsonConverter(typeof(QuantityJsonConverter))] public Quantity OrderMinSize { get; set; }

    /// <summary>Neg risk.</summary>
    [JsonPropertyName("negRisk")] public bool? NegRisk { get; set; }

    /// <summary>Neg-risk market id (event level).</summary>
    [JsonPropertyName("negRiskMarketID")] public string? NegRiskMarketId { get; set; }

    /// <summary>Neg-risk request id.</summary>
    [JsonPropertyName("negRiskRequestID")] public string? NegRiskRequestId { get; set; }

    /// <summary>True for the augmented "Other" outcome — avoid trading it.</summary>
    [JsonPropertyName("negRiskOther")] public bool? NegRiskOther { get; set; }

    /// <summary>Best bid (indicative).</summary>
    [JsonPropertyName("bestBid")] public decimal? BestBid { get; set; }

    /// <summary>Best ask (indicative).</summary>
    [JsonPropertyName("bestAsk")] public decimal? BestAsk { get; set; }

    /// <summary>Spread (indicative).</summary>
    [JsonPropertyName("spread")] public decimal? Spread { get; set; }

    /// <summary>Last trade price (indicative).</summary>
    [JsonPropertyName("lastTradePrice")] public decimal? LastTradePrice { get; set; }

    /// <summary>Liquidity-rewards minimum size (shares).</summary>
    [JsonPropertyName("rewardsMinSize")] public decimal? RewardsMinSize { get; set; }

    /// <summary>Liquidity-rewards maximum spread (cents).</summary>
    [JsonPropertyName("rewardsMaxSpread")] public decimal? RewardsMaxSpread { get; set; }

    /// <summary>Fees enabled.</summary>
    [JsonPropertyName("feesEnabled")] public bool? FeesEnabled { get; set; }

    /// <summary>RFQ enabled.</summary>
    [JsonPropertyName("rfqEnabled")] public bool? RfqEnabled { get; set; }

    /// <summary>End date, ISO.</summary>
    [JsonPropertyName("endDate")] public string? EndDate { get; set; }

    /// <summary>Game start, ISO.</summary>
    [JsonPropertyName("gameStartTime")] public string? GameStartTime { get; set; }

    /// <summary>Seconds delay.</summary>
    [JsonPropertyName("secondsDelay")] public decimal? SecondsDelay { get; set; }

    /// <summary>Liquidity, numeric.</summary>
    [JsonPropertyName("liquidityNum")] public decimal? LiquidityNum { get; set; }

    /// <summary>24 h volume.</summary>
    [JsonPropertyName("volume24hr")] public decimal? Volume24Hr { get; set; }

    /// <summary>
    /// The token ids to trade, index-aligned with <see cref="OutcomeLabels"/>: <c>positionIds</c> when the market's
    /// <c>version</c> is "v2", else the decoded <c>clobTokenIds</c> ("choose the ID field by version, even when both
    /// fields are present").
    /// </summary>
    public IReadOnlyList<string> TradingTokenIds() =>
        string.Equals(Version, "v2", StringComparison.OrdinalIgnoreCase)
            ? PositionIds ?? []
            : DecodeStringArray(ClobTokenIds);

    /// <summary>The decoded outcome labels.</summary>
    public IReadOnlyList<string> OutcomeLabels() => DecodeStringArray(Outcomes);

    private static string[] DecodeStringArray(string? encoded) =>
        string.IsNullOrWhiteSpace(encoded) ? [] : JsonSerializer.Deserialize(encoded, PolymarketJsonContext.Default.StringArray) ?? [];
}

/// <summary>A Gamma event (GET <c>/events</c>): a group of markets, neg-risk when mutually exclusive.</summary>
public sealed class GammaEventDto
{
    /// <summary>Gamma event id.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }

    /// <summary>Ticker.</summary>
    [JsonPropertyName("ticker")] public string? Ticker { get; set; }

    /// <summary>Slug.</summary>
    [JsonPropertyName("slug")] public string? Slug { get; set; }

    /// <summary>Title.</summary>
    [JsonPropertyName("title")] public string? Title { get; set; }

    /// <summary>Active.</summary>
    [JsonPropertyName("active")] public bool? Active { get; set; }

    /// <summary>Closed.</summary>
    [JsonPropertyName("closed")] public bool? Closed { get; set; }

    /// <summary>Archived.</summary>
    [JsonPropertyName("archived")] public bool? Archived { get; set; }

    /// <summary>Order book enabled.</summary>
    [JsonPropertyName("enableOrderBook")] public bool? EnableOrderBook { get; set; }

    /// <summary>Neg risk (mutually exclusive outcomes).</summary>
    [JsonPropertyName("negRisk")] public bool? NegRisk { get; set; }

    /// <summary>Neg risk enabled.</summary>
    [JsonPropertyName("enableNegRisk")] public bool? EnableNegRisk { get; set; }

    /// <summary>Augmented neg risk (placeholders and "Other").</summary>
    [JsonPropertyName("negRiskAugmented")] public bool? NegRiskAugmented { get; set; }

    /// <summary>Neg-risk market id shared by the event's markets.</summary>
    [JsonPropertyName("negRiskMarketID")] public string? NegRiskMarketId { get; set; }

    /// <summary>End date, ISO.</summary>
    [JsonPropertyName("endDate")] public string? EndDate { get; set; }

    /// <summary>The event's markets.</summary>
    [JsonPropertyName("markets")] public List<GammaMarketDto> Markets { get; set; } = [];
}

/// <summary>A keyset page of Gamma <c>/markets/keyset</c> or <c>/events/keyset</c>; <c>next_cursor</c> absent on the last page.</summary>
public sealed class GammaKeysetPageDto
{
    /// <summary>Markets (markets endpoint).</summary>
    [JsonPropertyName("markets")] public List<GammaMarketDto>? Markets { get; set; }

    /// <summary>Events (events endpoint).</summary>
    [JsonPropertyName("events")] public List<GammaEventDto>? Events { get; set; }

    /// <summary>Next cursor, null on the last page.</summary>
    [JsonPropertyName("next_cursor")] public string? NextCursor { get; set; }
}
