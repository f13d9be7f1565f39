using System.Globalization;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// What the streams say when the venue's state changes: on the user channel an <c>order</c> event per placement,
/// fill and cancellation and a <c>trade</c> event per fill and status step (to taker and maker); on the market channel
/// <c>last_trade_price</c>, <c>tick_size_change</c> and one <c>price_change</c> per market with an entry per touched
/// level for both tokens.
/// </summary>
internal sealed class StreamPublisher(MatchingEngine engine, WsSubscribers subscribers, HashSequence hashes, TimeProvider time)
{
    /// <summary>An <c>order</c> event (PLACEMENT, UPDATE or CANCELLATION) to the order's owner.</summary>
    public void Order(OrderRecord o, string type)
    {
        JsonObject m = RecordJson.Order(o);
        m["event_type"] = "order";
        m["type"] = type;
        m["order_owner"] = o.Owner.Key;
        m["status"] = type == "CANCELLATION" ? "CANCELED" : o.Resting ? "LIVE" : "MATCHED";
        m["timestamp"] = EmuJson.Unix(time.GetUtcNow().ToUnixTimeSeconds());
        m["created_at"] = EmuJson.Unix(o.CreatedAt);
        subscribers.SendUser(o.Owner, o.Market.ConditionId, m.ToJsonString());
    }

    /// <summary>A <c>trade</c> event to the taker and, when another key, to the maker.</summary>
    public void Trade(TradeRecord t)
    {
        subscribers.SendUser(t.Taker.Owner, t.Taker.Market.ConditionId, RecordJson.Trade(t, t.Taker.Owner, rest: false, NowSeconds()).ToJsonString());
        if (t.Maker.Order.Owner != t.Taker.Owner)
            subscribers.SendUser(t.Maker.Order.Owner, t.Taker.Market.ConditionId, RecordJson.Trade(t, t.Maker.Order.Owner, rest: false, NowSeconds()).ToJsonString());
    }

    /// <summary>A <c>last_trade_price</c> on the taker's token (and the market's last price in YES terms).</summary>
    public void LastTrade(TradeRecord t)
    {
        MarketState m = t.Taker.Market;
        m.LastTradePrice = t.Taker.Slot == m.YesSlot ? t.TakerPrice : t.TakerPrice.Complement();
        var msg = new JsonObject
        {
            ["asset_id"] = t.Taker.AssetId, ["event_type"] = "last_trade_price", ["fee_rate_bps"] = "0", ["market"] = m.ConditionId,
            ["price"] = t.TakerPrice.ToString(), ["side"] = EmuJson.SideText(t.Taker.Side), ["size"] = t.Size.ToString(),
            ["timestamp"] = EmuJson.Unix(time.GetUtcNow().ToUnixTimeMilliseconds()),
        };
        subscribers.SendMarket(t.Taker.AssetId, msg.ToJsonString());
    }

    /// <summary>A <c>tick_size_change</c> for both tokens of a market.</summary>
    public void TickChange(MarketState m, Price old, Price newTick)
    {
        string ts = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (string asset in new[] { m.Definition.YesTokenId, m.Definition.NoTokenId })
        {
            var msg = new JsonObject
            {
                ["event_type"] = "tick_size_change", ["asset_id"] = asset, ["market"] = m.ConditionId,
                ["old_tick_size"] = old.ToString(), ["new_tick_size"] = newTick.ToString(), ["timestamp"] = ts,
            };
            subscribers.SendMarket(asset, msg.ToJsonString());
        }
    }

    /// <summary>A <c>market_resolved</c> for a market (sent to the subscribers of either token).</summary>
    public void MarketResolved(MarketState m)
    {
        EmulatedMarket d = m.Definition;
        bool yesWon = m.WinningToken == d.YesTokenId;
        var msg = new JsonObject
        {
            ["event_type"] = "market_resolved", ["id"] = d.ConditionId, ["market"] = d.ConditionId, ["question"] = d.Question, ["slug"] = d.Slug,
            ["assets_ids"] = new JsonArray(d.YesTokenId, d.NoTokenId), ["outcomes"] = new JsonArray("Yes", "No"),
            ["winning_asset_id"] = m.WinningToken, ["winning_outcome"] = yesWon ? "Yes" : "No",
            ["timestamp"] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        subscribers.SendMarket(d.YesTokenId, d.NoTokenId, msg.ToJsonString());
    }

    /// <summary>One <c>price_change</c> per market with an entry per touched level (YES-space side and price) for both tokens.</summary>
    public void PriceChanges(HashSet<(MarketState Market, Side Side, long Price)> touched)
    {
        foreach (var group in touched.GroupBy(t => t.Market))
        {
            MarketState m = group.Key;
            InstrumentOrderBook book = engine.Markets[m.EngineMarket];
            var changes = new JsonArray();
            foreach (var (_, side, raw) in group.OrderBy(t => t.Side).ThenBy(t => t.Price))
            {
                var canon = new Price(raw);
                Quantity size = book.SizeAt(side, canon);
                changes.Add(Change(m, m.YesSlot, canon, side, size, book));
                changes.Add(Change(m, m.NoSlot, canon.Complement(), side.Opposite(), size, book));
            }

            var msg = new JsonObject
            {
                ["market"] = m.ConditionId, ["price_changes"] = changes,
                ["timestamp"] = EmuJson.Unix(time.GetUtcNow().ToUnixTimeMilliseconds()), ["event_type"] = "price_change",
            };
            subscribers.SendMarket(m.Definition.YesTokenId, m.Definition.NoTokenId, msg.ToJsonString());
        }
    }

    private long NowSeconds() => time.GetUtcNow().ToUnixTimeSeconds();

    private JsonObject Change(MarketState m, int slot, Price price, Side side, Quantity size, InstrumentOrderBook book)
    {
        bool hasBid = book.TryGetBestBid(slot, out Price bid, out _);
        bool hasAsk = book.TryGetBestAsk(slot, out Price ask, out _);
        return new JsonObject
        {
            ["asset_id"] = m.TokenOf(slot), ["price"] = price.ToString(), ["size"] = size.ToString(),
            ["side"] = EmuJson.SideText(side), ["hash"] = hashes.Next("pc")[2..42],
            ["best_bid"] = hasBid ? bid.ToString() : "0", ["best_ask"] = hasAsk ? ask.ToString() : "1",
        };
    }
}
