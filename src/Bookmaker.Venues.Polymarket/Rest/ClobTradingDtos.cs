using System.Text.Json.Serialization;

namespace Bookmaker.Venues.Polymarket.Rest;

/// <summary>Error body <c>{"error":"…","code":"…","retry_after_seconds":79}</c>.</summary>
public sealed class ErrorResponseDto
{
    /// <summary>The venue's message.</summary>
    [JsonPropertyName("error")] public string? Error { get; set; }

    /// <summary>Machine code, when sent (e.g. <c>post_only_mode</c>).</summary>
    [JsonPropertyName("code")] public string? Code { get; set; }

    /// <summary>Seconds to wait, when sent.</summary>
    [JsonPropertyName("retry_after_seconds")] public int? RetryAfterSeconds { get; set; }
}

/// <summary>Response of POST <c>/order</c>, and each element of POST <c>/orders</c>.</summary>
public sealed class PostOrderResponseDto
{
    /// <summary>True when accepted.</summary>
    [JsonPropertyName("success")] public bool Success { get; set; }

    /// <summary>Failure text (empty on success); map with <see cref="PolymarketErrorMapper"/>.</summary>
    [JsonPropertyName("errorMsg")] public string? ErrorMsg { get; set; }

    /// <summary>Venue order id.</summary>
    [JsonPropertyName("orderID")] public string? OrderId { get; set; }

    /// <summary>live / matched / delayed / unmatched.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>Amount given so far (decimal string).</summary>
    [JsonPropertyName("makingAmount")] public string? MakingAmount { get; set; }

    /// <summary>Amount received so far (decimal string).</summary>
    [JsonPropertyName("takingAmount")] public string? TakingAmount { get; set; }

    /// <summary>Settlement transactions (may be empty since V2 1.1.0).</summary>
    [JsonPropertyName("transactionsHashes")] public List<string>? TransactionsHashes { get; set; }

    /// <summary>Trades created by an immediate match.</summary>
    [JsonPropertyName("tradeIDs")] public List<string>? TradeIds { get; set; }
}

/// <summary>Response of every cancel endpoint: <c>{"canceled":[…],"not_canceled":{"0x…":"reason"}}</c>.</summary>
public sealed class CancelResponseDto
{
    /// <summary>Cancelled order ids.</summary>
    [JsonPropertyName("canceled")] public List<string> Canceled { get; set; } = [];

    /// <summary>Order ids not cancelled, with the reason.</summary>
    [JsonPropertyName("not_canceled")] public Dictionary<string, string> NotCanceled { get; set; } = [];
}

/// <summary>GET <c>/data/order/{id}</c> and the elements of GET <c>/data/orders</c>.</summary>
public sealed class OpenOrderDto
{
    /// <summary>Venue order id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    /// <summary>ORDER_STATUS_LIVE / _INVALID / _CANCELED_MARKET_RESOLVED / _CANCELED / _MATCHED.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>Owning API key.</summary>
    [JsonPropertyName("owner")] public string? Owner { get; set; }

    /// <summary>Funder address.</summary>
    [JsonPropertyName("maker_address")] public string? MakerAddress { get; set; }

    /// <summary>Condition id.</summary>
    [JsonPropertyName("market")] public string? Market { get; set; }

    /// <summary>Token id.</summary>
    [JsonPropertyName("asset_id")] public string AssetId { get; set; } = "";

    /// <summary>BUY / SELL.</summary>
    [JsonPropertyName("side")] public string? Side { get; set; }

    /// <summary>Original size (decimal string).</summary>
    [JsonPropertyName("original_size")] public string? OriginalSize { get; set; }

    /// <summary>Matched size (decimal string).</summary>
    [JsonPropertyName("size_matched")] public string? SizeMatched { get; set; }

    /// <summary>Price (decimal string).</summary>
    [JsonPropertyName("price")] public string? Price { get; set; }

    /// <summary>Outcome label.</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }

    /// <summary>Expiration, unix seconds ("0" = none).</summary>
    [JsonPropertyName("expiration")] public string? Expiration { get; set; }

    /// <summary>GTC / GTD / FOK / FAK.</summary>
    [JsonPropertyName("order_type")] public string? OrderType { get; set; }

    /// <summary>Linked trade ids.</summary>
    [JsonPropertyName("associate_trades")] public List<string>? AssociateTrades { get; set; }

    /// <summary>Creation time, unix seconds.</summary>
    [JsonPropertyName("created_at")] public long? CreatedAt { get; set; }
}

/// <summary>A maker order inside <see cref="TradeDto"/>.</summary>
public sealed class TradeMakerOrderDto
{
    /// <summary>Maker venue order id.</summary>
    [JsonPropertyName("order_id")] public string OrderId { get; set; } = "";

    /// <summary>Owning API key.</summary>
    [JsonPropertyName("owner")] public string? Owner { get; set; }

    /// <summary>Funder address.</summary>
    [JsonPropertyName("maker_address")] public string? MakerAddress { get; set; }

    /// <summary>Matched amount (decimal string).</summary>
    [JsonPropertyName("matched_amount")] public string? MatchedAmount { get; set; }

    /// <summary>Price (decimal string).</summary>
    [JsonPropertyName("price")] public string? Price { get; set; }

    /// <summary>Fee rate, bps.</summary>
    [JsonPropertyName("fee_rate_bps")] public string? FeeRateBps { get; set; }

    /// <summary>Token id.</summary>
    [JsonPropertyName("asset_id")] public string? AssetId { get; set; }

    /// <summary>Outcome.</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }

    /// <summary>Side.</summary>
    [JsonPropertyName("side")] public string? Side { get; set; }
}

/// <summary>An element of GET <c>/data/trades</c>.</summary>
public sealed class TradeDto
{
    /// <summary>Trade id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    /// <summary>Taker venue order id.</summary>
    [JsonPropertyName("taker_order_id")] public string? TakerOrderId { get; set; }

    /// <summary>Condition id.</summary>
    [JsonPropertyName("market")] public string? Market { get; set; }

    /// <summary>Token id.</summary>
    [JsonPropertyName("asset_id")] public string? AssetId { get; set; }

    /// <summary>Taker side.</summary>
    [JsonPropertyName("side")] public string? Side { get; set; }

    /// <summary>Size (decimal string).</summary>
    [JsonPropertyName("size")] public string? Size { get; set; }

    /// <summary>Fee rate, bps.</summary>
    [JsonPropertyName("fee_rate_bps")] public string? FeeRateBps { get; set; }

    /// <summary>Price (decimal string).</summary>
    [JsonPropertyName("price")] public string? Price { get; set; }

    /// <summary>TRADE_STATUS_MATCHED / _MINED / _CONFIRMED / _RETRYING / _FAILED.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>Match time, unix seconds.</summary>
    [JsonPropertyName("match_time")] public string? MatchTime { get; set; }

    /// <summary>Last status change, unix seconds.</summary>
    [JsonPropertyName("last_update")] public string? LastUpdate { get; set; }

    /// <summary>Outcome.</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }

    /// <summary>Owning API key.</summary>
    [JsonPropertyName("owner")] public string? Owner { get; set; }

    /// <summary>Funder address.</summary>
    [JsonPropertyName("maker_address")] public string? MakerAddress { get; set; }

    /// <summary>Settlement transaction.</summary>
    [JsonPropertyName("transaction_hash")] public string? TransactionHash { get; set; }

    /// <summary>TAKER / MAKER.</summary>
    [JsonPropertyName("trader_side")] public string? TraderSide { get; set; }

    /// <summary>Maker orders filled.</summary>
    [JsonPropertyName("maker_orders")] public List<TradeMakerOrderDto> MakerOrders { get; set; } = [];
}

/// <summary>GET <c>/balance-allowance</c>: balance and allowances in 6-decimal base units (strings).</summary>
public sealed class BalanceAllowanceDto
{
    /// <summary>Balance, integer base units (1e-6).</summary>
    [JsonPropertyName("balance")] public string? Balance { get; set; }

    /// <summary>Allowance per spender contract, integer base units.</summary>
    [JsonPropertyName("allowances")] public Dictionary<string, string>? Allowances { get; set; }
}
