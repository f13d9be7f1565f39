using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

internal sealed partial class EmulatorVenue
{
    // ------------------------------------------------------------------ public market data

    public EmuResponse Book(string? tokenId)
    {
        lock (_gate)
        {
            return tokenId is not null && _tokens.ContainsKey(tokenId)
                ? EmuResponse.Json(BookJson(tokenId, ws: false))
                : EmuResponse.Error(404, VenueTexts.NoOrderbook);
        }
    }

    public EmuResponse Books(IEnumerable<string> tokenIds)
    {
        lock (_gate)
        {
            var list = new JsonArray();
            foreach (string id in tokenIds)
            {
                if (_tokens.ContainsKey(id)) list.Add(BookJson(id, ws: false));
            }

            return EmuResponse.Json(list);
        }
    }

    public EmuResponse TickSize(string? tokenId)
    {
        lock (_gate)
        {
            if (tokenId is null || !_tokens.TryGetValue(tokenId, out var t)) return EmuResponse.Error(404, VenueTexts.NoOrderbook);
            return EmuResponse.Raw($"{{\"minimum_tick_size\":{t.Market.Tick}}}");
        }
    }

    public EmuResponse NegRisk(string? tokenId)
    {
        lock (_gate)
        {
            if (tokenId is null || !_tokens.TryGetValue(tokenId, out var t)) return EmuResponse.Error(404, VenueTexts.NoOrderbook);
            return EmuResponse.Json(new JsonObject { ["neg_risk"] = t.Market.Definition.NegRisk });
        }
    }

    public EmuResponse ClobMarket(string conditionId)
    {
        lock (_gate)
        {
            if (!_byCondition.TryGetValue(conditionId, out MarketState? m)) return EmuResponse.Error(404, "market not found");
            EmulatedMarket d = m.Definition;
            var o = new JsonObject
            {
                ["c"] = d.ConditionId,
                ["t"] = new JsonArray(new JsonObject { ["t"] = d.YesTokenId, ["o"] = "Yes" }, new JsonObject { ["t"] = d.NoTokenId, ["o"] = "No" }),
                ["mts"] = JsonValue.Create(m.Tick.ToDecimal()),
                ["fd"] = new JsonObject { ["r"] = 0, ["e"] = 1, ["to"] = true },
                ["mbf"] = 0,
                ["tbf"] = 0,
                ["r"] = null,
                ["ao"] = true,
                ["mos"] = JsonValue.Create(d.MinOrderSize.ToDecimal()),
                ["sd"] = 0,
            };
            if (d.NegRisk) o["nr"] = true;
            return EmuResponse.Json(o);
        }
    }

    public EmuResponse ClobMarkets(string? cursor)
    {
        lock (_gate)
        {
            return Page(_markets.Select(ClobMarketJson).ToList(), cursor, _options.MarketsPageSize);
        }
    }

    public EmuResponse ClobMarketByCondition(string conditionId)
    {
        lock (_gate)
        {
            return _byCondition.TryGetValue(conditionId, out MarketState? m) ? EmuResponse.Json(ClobMarketJson(m)) : EmuResponse.Error(404, "market not found");
        }
    }

    private JsonObject ClobMarketJson(MarketState m)
    {
        EmulatedMarket d = m.Definition;
        return new JsonObject
        {
            ["enable_order_book"] = true, ["active"] = true, ["closed"] = false, ["archived"] = false, ["accepting_orders"] = true,
            ["minimum_order_size"] = JsonValue.Create(d.MinOrderSize.ToDecimal()),
            ["minimum_tick_size"] = JsonValue.Create(m.Tick.ToDecimal()),
            ["condition_id"] = d.ConditionId, ["question_id"] = d.ConditionId, ["question"] = d.Question, ["market_slug"] = d.Slug,
            ["end_date_iso"] = "2099-01-01T00:00:00Z", ["seconds_delay"] = 0, ["maker_base_fee"] = 0, ["taker_base_fee"] = 0,
            ["neg_risk"] = d.NegRisk, ["neg_risk_market_id"] = d.NegRisk ? d.EventId ?? "" : "",
            ["tokens"] = new JsonArray(
                new JsonObject { ["token_id"] = d.YesTokenId, ["outcome"] = "Yes", ["price"] = 0.5, ["winner"] = false },
                new JsonObject { ["token_id"] = d.NoTokenId, ["outcome"] = "No", ["price"] = 0.5, ["winner"] = false }),
        };
    }

    // ------------------------------------------------------------------ Gamma

    public EmuResponse GammaMarkets(Func<string, IReadOnlyList<string>> query)
    {
        lock (_gate)
        {
            IEnumerable<MarketState> list = _markets;
            var conditions = query("condition_ids");
            var tokens = query("clob_token_ids");
            var slugs = query("slug");
            if (conditions.Count > 0) list = list.Where(m => conditions.Contains(m.ConditionId, StringComparer.OrdinalIgnoreCase));
            if (tokens.Count > 0) list = list.Where(m => tokens.Contains(m.Definition.YesTokenId) || tokens.Contains(m.Definition.NoTokenId));
            if (slugs.Count > 0) list = list.Where(m => slugs.Contains(m.Definition.Slug));
            return EmuResponse.Json(Slice(list.Select(GammaMarketJson), query));
        }
    }

    public EmuResponse GammaMarket(string id)
    {
        lock (_gate)
        {
            MarketState? m = _markets.FirstOrDefault(x => GammaId(x) == id || string.Equals(x.ConditionId, id, StringComparison.OrdinalIgnoreCase));
            return m is null ? EmuResponse.Error(404, "not found") : EmuResponse.Json(GammaMarketJson(m));
        }
    }

    public EmuResponse GammaEvents(Func<string, IReadOnlyList<string>> query, string? onlyId = null)
    {
        lock (_gate)
        {
            var events = _markets.GroupBy(m => m.Definition.EventId ?? GammaId(m)).Select(g =>
            {
                var markets = new JsonArray();
                foreach (MarketState m in g) markets.Add(GammaMarketJson(m));
                bool negRisk = g.Any(m => m.Definition.NegRisk);
                return new JsonObject
                {
                    ["id"] = g.Key, ["ticker"] = "event-" + g.Key, ["slug"] = "event-" + g.Key, ["title"] = g.First().Definition.Question,
                    ["active"] = true, ["closed"] = false, ["archived"] = false, ["enableOrderBook"] = true,
                    ["negRisk"] = negRisk, ["enableNegRisk"] = negRisk, ["negRiskAugmented"] = false,
                    ["negRiskMarketID"] = negRisk ? g.Key : null, ["endDate"] = "2099-01-01T00:00:00Z", ["markets"] = markets,
                };
            });
            if (onlyId is not null)
            {
                JsonObject? one = events.FirstOrDefault(e => (string?)e["id"] == onlyId);
                return one is null ? EmuResponse.Error(404, "not found") : EmuResponse.Json(one);
            }

            return EmuResponse.Json(Slice(events, query));
        }
    }

    private static JsonArray Slice(IEnumerable<JsonObject> items, Func<string, IReadOnlyList<string>> query)
    {
        var offsets = query("offset");
        var limits = query("limit");
        int offset = offsets.Count > 0 && int.TryParse(offsets[0], NumberStyles.None, CultureInfo.InvariantCulture, out int o) ? o : 0;
        int limit = limits.Count > 0 && int.TryParse(limits[0], NumberStyles.None, CultureInfo.InvariantCulture, out int l) ? l : 100;
        var array = new JsonArray();
        foreach (JsonObject item in items.Skip(offset).Take(limit)) array.Add(item);
        return array;
    }

    private static string GammaId(MarketState m) => (m.EngineMarket + 1).ToString(CultureInfo.InvariantCulture);

    private JsonObject GammaMarketJson(MarketState m)
    {
        EmulatedMarket d = m.Definition;
        InstrumentOrderBook book = _engine.Markets[m.EngineMarket];
        bool hasBid = book.TryGetBestBid(m.YesSlot, out Price bid, out _);
        bool hasAsk = book.TryGetBestAsk(m.YesSlot, out Price ask, out _);
        return new JsonObject
        {
            ["id"] = GammaId(m), ["question"] = d.Question, ["conditionId"] = d.ConditionId, ["questionID"] = d.ConditionId,
            ["slug"] = d.Slug, ["outcomes"] = "[\"Yes\", \"No\"]", ["outcomePrices"] = "[\"0.5\", \"0.5\"]",
            ["clobTokenIds"] = JsonSerializer.Serialize(new[] { d.YesTokenId, d.NoTokenId }, Rest.PolymarketJsonContext.Default.StringArray),
            ["version"] = "v1", ["active"] = true, ["closed"] = false, ["enableOrderBook"] = true, ["acceptingOrders"] = true,
            ["orderPriceMinTickSize"] = JsonValue.Create(m.Tick.ToDecimal()), ["orderMinSize"] = JsonValue.Create(d.MinOrderSize.ToDecimal()),
            ["negRisk"] = d.NegRisk, ["negRiskMarketID"] = d.NegRisk ? d.EventId : null,
            ["bestBid"] = hasBid ? JsonValue.Create(bid.ToDecimal()) : null, ["bestAsk"] = hasAsk ? JsonValue.Create(ask.ToDecimal()) : null,
            ["lastTradePrice"] = m.LastTradePrice is Price p ? JsonValue.Create(p.ToDecimal()) : null,
            ["feesEnabled"] = false, ["endDate"] = "2099-01-01T00:00:00Z",
        };
    }

    // ------------------------------------------------------------------ books

    /// <summary>One token's book, levels worst-first like the venue (bids ascending, asks descending).</summary>
    private JsonObject BookJson(string tokenId, bool ws)
    {
        var (m, slot) = _tokens[tokenId];
        InstrumentOrderBook book = _engine.Markets[m.EngineMarket];
        bool isNo = slot == m.NoSlot;
        var bids = new JsonArray();
        var asks = new JsonArray();
        long step = MatchingEngine.BinaryLadderStep.Raw;
        // Own-token price p: YES reads YES-space levels at p; NO reads the mirrored side at 1 − p.
        for (long p = step; p < Price.One.Raw; p += step)
        {
            var own = new Price(p);
            Price canon = isNo ? own.Complement() : own;
            Quantity bid = book.SizeAt(isNo ? Side.Sell : Side.Buy, canon);
            if (bid.IsPositive) bids.Add(Level(own, bid));
        }

        for (long p = Price.One.Raw - step; p > 0; p -= step)
        {
            var own = new Price(p);
            Price canon = isNo ? own.Complement() : own;
            Quantity ask = book.SizeAt(isNo ? Side.Buy : Side.Sell, canon);
            if (ask.IsPositive) asks.Add(Level(own, ask));
        }

        string ts = Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var o = new JsonObject();
        if (ws) o["event_type"] = "book";
        o["market"] = m.ConditionId;
        o["asset_id"] = tokenId;
        o["timestamp"] = ts;
        o["hash"] = NextHash("book")[..42];
        o["bids"] = bids;
        o["asks"] = asks;
        if (!ws)
        {
            o["min_order_size"] = m.Definition.MinOrderSize.ToString();
            o["tick_size"] = m.Tick.ToString();
            o["neg_risk"] = m.Definition.NegRisk;
            o["last_trade_price"] = (m.LastTradePrice ?? Price.Parse("0.5")).ToString();
        }

        return o;
    }

    private static JsonObject Level(Price p, Quantity q) => new() { ["price"] = p.ToString(), ["size"] = q.ToString() };

    // ------------------------------------------------------------------ JSON of orders and trades

    private JsonObject OrderJsonOf(OrderRecord o) => new()
    {
        ["id"] = o.Id,
        ["status"] = o.Resting ? "ORDER_STATUS_LIVE" : o.Status,
        ["owner"] = o.Owner.Key,
        ["maker_address"] = o.MakerAddress,
        ["market"] = o.Market.ConditionId,
        ["asset_id"] = o.AssetId,
        ["side"] = o.Side == Side.Buy ? "BUY" : "SELL",
        ["original_size"] = o.OriginalSize.ToString(),
        ["size_matched"] = o.Matched.ToString(),
        ["price"] = o.Price.ToString(),
        ["outcome"] = o.Market.OutcomeOf(o.Slot),
        ["expiration"] = Unix(o.Expiration),
        ["order_type"] = o.OrderType,
        ["associate_trades"] = Strings(o.Trades),
        ["created_at"] = o.CreatedAt,
    };

    /// <summary>A trade as <paramref name="viewer"/> sees it (REST statuses carry the TRADE_STATUS_ prefix).</summary>
    private JsonObject TradeJson(TradeRecord t, ApiKeyRecord viewer, bool rest)
    {
        OrderRecord taker = t.Taker;
        OrderRecord maker = t.Maker.Order;
        bool isTaker = taker.Owner == viewer;
        var makerOrder = new JsonObject
        {
            ["order_id"] = maker.Id, ["owner"] = maker.Owner.Key, ["maker_address"] = maker.MakerAddress,
            ["matched_amount"] = t.Maker.Size.ToString(), ["price"] = t.Maker.Price.ToString(), ["fee_rate_bps"] = "0",
            ["asset_id"] = maker.AssetId, ["outcome"] = maker.Market.OutcomeOf(maker.Slot), ["side"] = maker.Side == Side.Buy ? "BUY" : "SELL",
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
        o["side"] = taker.Side == Side.Buy ? "BUY" : "SELL";
        o["size"] = t.Size.ToString();
        o["fee_rate_bps"] = "0";
        o["price"] = t.TakerPrice.ToString();
        o["status"] = rest ? "TRADE_STATUS_" + t.Status : t.Status;
        o["match_time"] = Unix(t.MatchTimeSeconds);
        o["last_update"] = Unix(t.LastUpdateSeconds);
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
            o["timestamp"] = Unix(Now.ToUnixTimeSeconds());
        }

        return o;
    }

    // ------------------------------------------------------------------ publication

    private void PublishOrder(OrderRecord o, string type)
    {
        JsonObject m = OrderJsonOf(o);
        m["event_type"] = "order";
        m["type"] = type;
        m["order_owner"] = o.Owner.Key;
        m["status"] = type == "CANCELLATION" ? "CANCELED" : o.Resting ? "LIVE" : "MATCHED";
        m["timestamp"] = Unix(Now.ToUnixTimeSeconds());
        m["created_at"] = Unix(o.CreatedAt);
        PublishUser(o.Owner, o.Market.ConditionId, m.ToJsonString());
    }

    private void PublishTrade(TradeRecord t)
    {
        PublishUser(t.Taker.Owner, t.Taker.Market.ConditionId, TradeJson(t, t.Taker.Owner, rest: false).ToJsonString());
        if (t.Maker.Order.Owner != t.Taker.Owner)
            PublishUser(t.Maker.Order.Owner, t.Taker.Market.ConditionId, TradeJson(t, t.Maker.Order.Owner, rest: false).ToJsonString());
    }

    private void PublishLastTrade(TradeRecord t)
    {
        MarketState m = t.Taker.Market;
        m.LastTradePrice = t.Taker.Slot == m.YesSlot ? t.TakerPrice : t.TakerPrice.Complement();
        var msg = new JsonObject
        {
            ["asset_id"] = t.Taker.AssetId, ["event_type"] = "last_trade_price", ["fee_rate_bps"] = "0", ["market"] = m.ConditionId,
            ["price"] = t.TakerPrice.ToString(), ["side"] = t.Taker.Side == Side.Buy ? "BUY" : "SELL", ["size"] = t.Size.ToString(),
            ["timestamp"] = Unix(Now.ToUnixTimeMilliseconds()),
        };
        PublishMarket(t.Taker.AssetId, msg.ToJsonString());
    }

    /// <summary>One <c>price_change</c> per market with an entry per touched level for both tokens.</summary>
    private void PublishPriceChanges(HashSet<(MarketState Market, Side Side, long Price)> touched)
    {
        foreach (var group in touched.GroupBy(t => t.Market))
        {
            MarketState m = group.Key;
            InstrumentOrderBook book = _engine.Markets[m.EngineMarket];
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
                ["timestamp"] = Unix(Now.ToUnixTimeMilliseconds()), ["event_type"] = "price_change",
            };
            string text = msg.ToJsonString();
            foreach (WsConnection c in _sockets)
            {
                if (!c.IsUser && (c.Assets.Contains(m.Definition.YesTokenId) || c.Assets.Contains(m.Definition.NoTokenId))) c.Send(text);
            }
        }
    }

    private JsonObject Change(MarketState m, int slot, Price price, Side side, Quantity size, InstrumentOrderBook book)
    {
        bool hasBid = book.TryGetBestBid(slot, out Price bid, out _);
        bool hasAsk = book.TryGetBestAsk(slot, out Price ask, out _);
        return new JsonObject
        {
            ["asset_id"] = m.TokenOf(slot), ["price"] = price.ToString(), ["size"] = size.ToString(),
            ["side"] = side == Side.Buy ? "BUY" : "SELL", ["hash"] = NextHash("pc")[2..42],
            ["best_bid"] = hasBid ? bid.ToString() : "0", ["best_ask"] = hasAsk ? ask.ToString() : "1",
        };
    }

    private void PublishMarket(string assetId, string text)
    {
        foreach (WsConnection c in _sockets)
        {
            if (!c.IsUser && c.Assets.Contains(assetId)) c.Send(text);
        }
    }

    private void PublishUser(ApiKeyRecord key, string conditionId, string text)
    {
        foreach (WsConnection c in _sockets)
        {
            if (c.IsUser && c.User == key && (c.Markets.Count == 0 || c.Markets.Contains(conditionId))) c.Send(text);
        }
    }

    // ------------------------------------------------------------------ WebSocket sessions

    public void Register(WsConnection connection)
    {
        lock (_gate) _sockets.Add(connection);
    }

    public void Unregister(WsConnection connection)
    {
        lock (_gate) _sockets.Remove(connection);
    }

    public int DropAllWebSockets()
    {
        WsConnection[] all;
        lock (_gate)
        {
            all = [.. _sockets];
            _sockets.Clear();
        }

        foreach (WsConnection c in all) c.Abort();
        return all.Length;
    }

    public int ConnectionCount
    {
        get
        {
            lock (_gate) return _sockets.Count;
        }
    }

    /// <summary>User-channel sockets that have authenticated (trade and order events reach only these).</summary>
    public int AuthenticatedUserCount
    {
        get
        {
            lock (_gate) return _sockets.Count(c => c.User is not null);
        }
    }

    /// <summary>A text frame from a client: PING, a subscription, or an operation on it.</summary>
    public void OnText(WsConnection c, string text)
    {
        if (text == "PING")
        {
            c.Send("PONG");
            return;
        }

        JsonElement root;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            c.Send("INVALID MESSAGE");
            return;
        }

        if (root.ValueKind != JsonValueKind.Object) return;
        lock (_gate)
        {
            if (c.IsUser) OnUserMessage(c, root);
            else OnMarketMessage(c, root);
        }
    }

    private void OnMarketMessage(WsConnection c, JsonElement root)
    {
        var ids = new List<string>();
        if (root.TryGetProperty("assets_ids", out JsonElement a) && a.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement e in a.EnumerateArray())
            {
                if (e.GetString() is string s) ids.Add(s);
            }
        }

        if (string.Equals(Str(root, "operation"), "unsubscribe", StringComparison.OrdinalIgnoreCase))
        {
            foreach (string id in ids) c.Assets.Remove(id);
            return;
        }

        bool dump = Str(root, "initial_dump") != "false";
        var books = new JsonArray();
        foreach (string id in ids)
        {
            if (!_tokens.ContainsKey(id)) continue;
            bool added = c.Assets.Add(id);
            if (dump && added) books.Add(BookJson(id, ws: true));
        }

        if (books.Count > 0) c.Send(books.ToJsonString());
    }

    private void OnUserMessage(WsConnection c, JsonElement root)
    {
        if (root.TryGetProperty("auth", out JsonElement auth))
        {
            string? key = Str(auth, "apiKey"), secret = Str(auth, "secret"), pass = Str(auth, "passphrase");
            if (key is null || !_keys.TryGetValue(key, out ApiKeyRecord? record)
                || secret != record.Credentials.Secret || pass != record.Credentials.Passphrase)
            {
                c.Close(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "Unauthorized");
                return;
            }

            c.User = record;
        }

        if (c.User is null)
        {
            c.Close(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "Unauthorized");
            return;
        }

        bool unsubscribe = string.Equals(Str(root, "operation"), "unsubscribe", StringComparison.OrdinalIgnoreCase);
        if (root.TryGetProperty("markets", out JsonElement markets) && markets.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement e in markets.EnumerateArray())
            {
                if (e.GetString() is not string s) continue;
                if (unsubscribe) c.Markets.Remove(s);
                else c.Markets.Add(s);
            }
        }
    }
}
