using System.Text.Json.Nodes;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Orders and trades as the venue writes them, for REST answers (<c>/data/orders</c>, <c>/data/trades</c>) and the
/// user channel (the same objects with the stream's extra fields).
/// </summary>
internal static class RecordJson
{
    /// <summary>An order (OpenOrder shape).</summary>
    public static JsonObject Order(OrderRecord o) => new()
    {
        ["id"] = o.Id,
        ["status"] = o.Resting ? "ORDER_STATUS_LIVE" : o.Status,
        ["owner"] = o.Owner.Key,
        ["maker_address"] = o.MakerAddress,
        ["market"] = o.Market.ConditionId,
        ["asset_id"] = o.AssetId,
        ["side"] = EmuJson.SideText(o.Side),
        ["original_size"] = o.OriginalSize.ToString(),
        ["size_matched"] = o.Matched.ToString(),
        ["price"] = o.Price.ToString(),
        ["outcome"] = o.Market.OutcomeOf(o.Slot),
        ["expiration"] = EmuJson.Unix(o.Expiration),
        ["order_type"] = o.OrderType,
        ["associate_trades"] = EmuJson.Strings(o.Trades),
        ["created_at"] = o.CreatedAt,
    };

    /// <summary>
    /// A trade as <paramref name="viewer"/> sees it: REST statuses carry the TRADE_STATUS_ prefix; stream messages
    /// (<paramref name="rest"/> false) add the event fields and <paramref name="nowSeconds"/> as their timestamp.
    /// </summary>
    public static JsonObject Trade(TradeRecord t, ApiKeyRecord viewer, bool rest, long nowSeconds)
    {
        OrderRecord taker = t.Taker;
        OrderRecord maker = t.Maker.Order;
        bool isTaker = taker.Owner == viewer;
        var makerOrder = new JsonObject
        {
            ["order_id"] = maker.Id, ["owner"] = maker.Owner.Key, ["maker_address"] = maker.MakerAddress,
            ["matched_amount"] = t.Maker.Size.ToString(), ["price"] = t.Maker.Price.ToString(), ["fee_rate_bps"] = "0",
            ["asset_id"] = maker.AssetId, ["outcome"] = maker.Market.OutcomeOf(maker.Slot), ["side"] = EmuJson.SideText(maker.Side),
        };
        var o = new JsonObject();
        if (!rest)
        {
            o["event_type"] = "trade";
            o["type"] = "TRADE";
        }

        o["id"] = t.Id;
        o["taker_order_id"] = taker.Id;
        o["market"] = taker.Market.ConditionId;
        o["asset_id"] = taker.AssetId;
        o["side"] = EmuJson.SideText(taker.Side);
        o["size"] = t.Size.ToString();
        o["fee_rate_bps"] = taker.Market.Definition.TakerFeeBps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        o["price"] = t.TakerPrice.ToString();
        o["status"] = rest ? "TRADE_STATUS_" + t.Status : t.Status;
        o["match_time"] = EmuJson.Unix(t.MatchTimeSeconds);
        o["last_update"] = EmuJson.Unix(t.LastUpdateSeconds);
        o["outcome"] = taker.Market.OutcomeOf(taker.Slot);
        o["bucket_index"] = 0;
        o["owner"] = viewer.Key;
        o["maker_address"] = isTaker ? taker.MakerAddress : maker.MakerAddress;
        o["transaction_hash"] = t.Status is "MINED" or "CONFIRMED" ? TxHash(t) : "";
        o["maker_orders"] = new JsonArray(makerOrder);
        o["trader_side"] = isTaker ? "TAKER" : "MAKER";
        if (!rest)
        {
            o["trade_owner"] = viewer.Key;
            o["timestamp"] = EmuJson.Unix(nowSeconds);
        }

        return o;
    }

    /// <summary>The fake transaction hash of a trade (stable per trade id).</summary>
    public static string TxHash(TradeRecord t) => Hex.Encode0x(Keccak256.HashUtf8("tx-" + t.Id));
}
