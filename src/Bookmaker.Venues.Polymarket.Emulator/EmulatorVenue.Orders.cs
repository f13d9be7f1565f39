using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

internal sealed partial class EmulatorVenue
{
    private const long MicrosToRaw = 1000; // 1e-6 on-chain units → 1e-9 fixed point

    /// <summary>One parsed, signature-checked order ready for the engine (or the venue's refusal).</summary>
    private readonly record struct Checked(OrderRecord? Record, SimOrder Order, string? Error);

    /// <summary>POST /order.</summary>
    public EmuResponse PostOrder(ApiKeyRecord key, JsonElement body)
    {
        lock (_gate)
        {
            OrdersPosted++;
            Checked c = Check(key, body);
            if (c.Error is not null) return EmuResponse.Error(400, c.Error);
            var (ok, error, result) = Submit(c.Record!, c.Order);
            return ok ? EmuResponse.Json(result!) : EmuResponse.Error(400, error!);
        }
    }

    /// <summary>POST /orders: ≤ 15, each order answered on its own.</summary>
    public EmuResponse PostOrders(ApiKeyRecord key, JsonElement body)
    {
        lock (_gate)
        {
            if (body.ValueKind != JsonValueKind.Array) return EmuResponse.Error(400, VenueTexts.InvalidPayload);
            int n = body.GetArrayLength();
            if (n > OrderJson.MaxBatchSize) return EmuResponse.Error(400, VenueTexts.BatchTooLarge(n));
            var results = new JsonArray();
            foreach (JsonElement item in body.EnumerateArray())
            {
                OrdersPosted++;
                Checked c = Check(key, item);
                if (c.Error is not null)
                {
                    results.Add(Failure(c.Record?.Id ?? "", c.Error));
                    continue;
                }

                var (ok, error, result) = Submit(c.Record!, c.Order);
                results.Add(ok ? result : Failure(c.Record!.Id, error!));
            }

            return EmuResponse.Json(results);
        }
    }

    private static JsonObject Failure(string id, string error) => new()
    {
        ["success"] = false, ["errorMsg"] = error, ["orderID"] = id, ["status"] = "", ["makingAmount"] = "", ["takingAmount"] = "",
        ["transactionsHashes"] = new JsonArray(), ["tradeIDs"] = new JsonArray(),
    };

    /// <summary>How many orders a POST /orders body holds (for the rate limiter), −1 when it is not an array.</summary>
    public static int CountOrders(JsonElement body) => body.ValueKind == JsonValueKind.Array ? body.GetArrayLength() : -1;

    /// <summary>True when every order of a body is post-only (post-only mode lets those through).</summary>
    public static bool AllPostOnly(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object) return Str(body, "postOnly") == "true";
        if (body.ValueKind != JsonValueKind.Array) return false;
        foreach (JsonElement e in body.EnumerateArray())
        {
            if (Str(e, "postOnly") != "true") return false;
        }

        return true;
    }

    private Checked Check(ApiKeyRecord key, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("order", out JsonElement o) || o.ValueKind != JsonValueKind.Object)
            return new(null, default, VenueTexts.InvalidPayload);
        string? owner = Str(body, "owner");
        string orderType = (Str(body, "orderType") ?? "GTC").ToUpperInvariant();
        bool postOnly = Str(body, "postOnly") == "true";

        OrderV2 order;
        string signatureText;
        long expiration;
        try
        {
            string sideText = Str(o, "side") ?? throw new FormatException("side");
            Side side = sideText.ToUpperInvariant() switch
            {
                "BUY" or "0" => Side.Buy,
                "SELL" or "1" => Side.Sell,
                _ => throw new FormatException("side"),
            };
            order = new OrderV2(
                ulong.Parse(Str(o, "salt") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                EthereumAddress.Parse(Str(o, "maker") ?? ""),
                EthereumAddress.Parse(Str(o, "signer") ?? ""),
                TokenId.Parse(Str(o, "tokenId") ?? ""),
                long.Parse(Str(o, "makerAmount") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                long.Parse(Str(o, "takerAmount") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                side,
                (SignatureType)byte.Parse(Str(o, "signatureType") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                long.Parse(Str(o, "timestamp") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                ParseBytes32(Str(o, "metadata")),
                ParseBytes32(Str(o, "builder")));
            signatureText = Str(o, "signature") ?? throw new FormatException("signature");
            expiration = long.Parse(Str(o, "expiration") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return new(null, default, VenueTexts.InvalidPayload);
        }

        if (order.SignatureType > SignatureType.Poly1271 || orderType is not ("GTC" or "GTD" or "FOK" or "FAK") || order.MakerAmount <= 0 || order.TakerAmount <= 0)
            return new(null, default, VenueTexts.InvalidPayload);
        if (!string.Equals(owner, key.Key, StringComparison.Ordinal)) return new(null, default, VenueTexts.OwnerMismatch);
        if (!_tokens.TryGetValue(order.TokenId.Text, out var token)) return new(null, default, VenueTexts.NoOrderbook);
        MarketState market = token.Market;

        // The order id is the EIP-712 digest, as on the venue.
        ExchangeDomain domain = _options.Contracts.For(_options.OrderVersion, market.Definition.NegRisk);
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV2(order, structHash);
        Eip712.Digest(domain.Separator, structHash, digest);
        string id = Hex.Encode0x(digest);

        string? signerError = CheckSignature(key, order, signatureText, structHash, domain, market.Definition.NegRisk);
        if (signerError is not null) return new(null, default, signerError);
        if (_orders.ContainsKey(id)) return new(null, default, VenueTexts.Duplicated);

        // Price and size from the signed amounts (1e-6 units).
        long shares = order.Side == Side.Buy ? order.TakerAmount : order.MakerAmount;
        long usdc = order.Side == Side.Buy ? order.MakerAmount : order.TakerAmount;
        Int128 scaled = (Int128)usdc * FixedPoint.Scale;
        long priceRaw = (long)(scaled / shares);
        bool exact = scaled % shares == 0;
        bool immediate = orderType is "FOK" or "FAK";
        Price tick = market.Tick;
        var size = new Quantity(shares * MicrosToRaw);
        Price price;
        if (immediate)
        {
            // Market orders: the amounts carry a rounded worst price; the nearest tick is the slippage cap.
            long half = tick.Raw / 2;
            price = new Price((priceRaw + half) / tick.Raw * tick.Raw);
            if (price < tick) price = tick;
            if (price > Price.One - tick) price = Price.One - tick;
        }
        else
        {
            price = new Price(priceRaw);
            if (!exact || !price.IsOnTick(tick) || price < tick || price > Price.One - tick)
            {
                string shown = exact ? price.ToString() : ((decimal)usdc / shares).ToString("0.######", CultureInfo.InvariantCulture);
                return new(null, default, VenueTexts.Tick(id, shown, tick.ToString()));
            }

            if (size < market.Definition.MinOrderSize) return new(null, default, VenueTexts.MinSize);
        }

        TimeInForce tif = orderType switch { "GTD" => TimeInForce.Gtd, "FOK" => TimeInForce.Fok, "FAK" => TimeInForce.Fak, _ => TimeInForce.Gtc };
        long expireTicks = 0;
        if (tif == TimeInForce.Gtd)
        {
            // The venue's one-minute security threshold: the order leaves the book a minute before `expiration`.
            DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expiration, 0, 253402300799));
            if (at <= Now + GtdThreshold) return new(null, default, VenueTexts.InvalidExpiration);
            expireTicks = (at - GtdThreshold).UtcTicks;
        }
        else if (expiration != 0)
        {
            return new(null, default, VenueTexts.InvalidExpiration);
        }

        var record = new OrderRecord
        {
            Id = id, Owner = key, Market = market, Slot = token.Slot, Side = order.Side, Price = price,
            OriginalSize = size, OrderType = orderType, MakerAddress = order.Maker.ToChecksumString(),
            Expiration = expiration, CreatedAt = Now.ToUnixTimeSeconds(),
        };
        SimOrder sim = immediate
            ? new SimOrder(key.Account, default, token.Slot, order.Side, OrderType.Market, tif, price,
                order.Side == Side.Buy ? Quantity.Zero : size, postOnly, 0, order.Side == Side.Buy ? new Money(usdc * MicrosToRaw) : default)
            : new SimOrder(key.Account, default, token.Slot, order.Side, OrderType.Limit, tif, price, size, postOnly, expireTicks);
        return new(record, sim, null);
    }

    private static Bytes32 ParseBytes32(string? text) => string.IsNullOrEmpty(text) ? Bytes32.Zero : Bytes32.Parse(text);

    /// <summary>
    /// The signer field must be the key's address (deposit wallets: the wallet, whose inner signature must come from
    /// the key's address); the signature must recover to it under the market's exchange domain. A signature valid
    /// under the other order version's domain is answered with <c>order_version_mismatch</c>.
    /// </summary>
    private string? CheckSignature(ApiKeyRecord key, in OrderV2 order, string signatureText, ReadOnlySpan<byte> structHash,
        ExchangeDomain domain, bool negRisk)
    {
        byte[] signature;
        try
        {
            signature = Hex.Decode(signatureText);
        }
        catch (FormatException)
        {
            return VenueTexts.InvalidPayload;
        }

        EthereumAddress expectedSigner = key.Credentials.Address;
        if (order.SignatureType == SignatureType.Poly1271)
        {
            if (signature.Length != OrderSigner.Poly1271SignatureLength || order.Maker != order.Signer) return VenueTexts.InvalidPayload;
            return Recovers(domain, order, structHash, signature, expectedSigner, wrapped: true) ? null : VenueTexts.SignerMismatch;
        }

        if (order.Signer != expectedSigner) return VenueTexts.SignerMismatch;
        if (order.SignatureType == SignatureType.Eoa && order.Maker != order.Signer) return VenueTexts.InvalidPayload;
        if (signature.Length != 65) return VenueTexts.InvalidPayload;
        if (Recovers(domain, order, structHash, signature, expectedSigner, wrapped: false)) return null;
        OrderVersion other = _options.OrderVersion == OrderVersion.V2 ? OrderVersion.V3 : OrderVersion.V2;
        if (Recovers(_options.Contracts.For(other, negRisk), order, structHash, signature, expectedSigner, wrapped: false))
            return VenueTexts.VersionMismatch;
        return VenueTexts.SignerMismatch;
    }

    private bool Recovers(ExchangeDomain domain, in OrderV2 order, ReadOnlySpan<byte> structHash, byte[] signature, EthereumAddress expected, bool wrapped)
    {
        Span<byte> digest = stackalloc byte[32];
        if (wrapped)
        {
            Span<byte> inner = stackalloc byte[32];
            Eip712.HashTypedDataSign(structHash, _options.Contracts.ChainId, order.Signer, inner);
            Eip712.Digest(domain.Separator, inner, digest);
        }
        else
        {
            Eip712.Digest(domain.Separator, structHash, digest);
        }

        return Secp256k1Recovery.TryRecoverAddress(digest, signature.AsSpan(0, 65), out EthereumAddress signer) && signer == expected;
    }

    /// <summary>Runs one order through the engine and turns the events into records, WS messages and the answer.</summary>
    private (bool Ok, string? Error, JsonObject? Result) Submit(OrderRecord record, in SimOrder order)
    {
        _events.Clear();
        long engineId = _engine.Submit(order, _events);
        if (engineId == 0)
        {
            string error = "could not insert order";
            foreach (ref readonly MatchEvent e in _events.AsSpan())
            {
                if (e.Kind == MatchEventKind.Rejected) error = e.Text ?? error;
            }

            return (false, error, null);
        }

        record.EngineId = engineId;
        _orders[record.Id] = record;
        _byEngineId[engineId] = record;
        List<TradeRecord> trades = Apply(record);
        var result = new JsonObject
        {
            ["success"] = true,
            ["errorMsg"] = "",
            ["orderID"] = record.Id,
            ["status"] = trades.Count > 0 ? "matched" : record.Resting ? "live" : "unmatched",
            ["makingAmount"] = trades.Count > 0 ? (record.Side == Side.Buy ? record.Making : new Money(record.Matched.Raw)).ToString() : "",
            ["takingAmount"] = trades.Count > 0 ? (record.Side == Side.Buy ? new Money(record.Matched.Raw) : record.Taking).ToString() : "",
            ["transactionsHashes"] = Strings(trades.Select(TxHash)),
            ["tradeIDs"] = Strings(trades.Select(t => t.Id)),
        };
        return (true, null, result);
    }

    private static string TxHash(TradeRecord t) => Hex.Encode0x(Keccak256.HashUtf8("tx-" + t.Id));

    /// <summary>Applies the engine events in <see cref="_events"/>; returns the trades they created.</summary>
    private List<TradeRecord> Apply(OrderRecord? incoming)
    {
        var trades = new List<TradeRecord>();
        var touched = new HashSet<(MarketState, Side, long)>();
        MakerFill? pendingMaker = null;
        foreach (MatchEvent e in _events.AsSpan().ToArray())
        {
            if (!_byEngineId.TryGetValue(e.OrderId, out OrderRecord? rec)) continue;
            switch (e.Kind)
            {
                case MatchEventKind.Accepted:
                    PublishOrder(rec, "PLACEMENT");
                    break;
                case MatchEventKind.Fill when e.Liquidity == Liquidity.Maker:
                    touched.Add(Canon(rec));
                    Fill(rec, e);
                    pendingMaker = new MakerFill(rec, e.Price, e.Size, e.Fee);
                    break;
                case MatchEventKind.Fill:
                {
                    Fill(rec, e);
                    MakerFill maker = pendingMaker ?? throw new InvalidOperationException("taker leg without a maker leg");
                    pendingMaker = null;
                    var trade = new TradeRecord
                    {
                        Id = TradeId(++_nextTrade), Taker = rec, Maker = maker, TakerPrice = e.Price, Size = e.Size,
                        MatchTime = Now, MatchTimeSeconds = Now.ToUnixTimeSeconds(), LastUpdateSeconds = Now.ToUnixTimeSeconds(),
                    };
                    _trades.Add(trade);
                    _tradesById[trade.Id] = trade;
                    trades.Add(trade);
                    rec.Trades.Add(trade.Id);
                    maker.Order.Trades.Add(trade.Id);
                    PublishOrder(maker.Order, "UPDATE");
                    PublishOrder(rec, "UPDATE");
                    PublishTrade(trade);
                    PublishLastTrade(trade);
                    break;
                }

                case MatchEventKind.Cancelled or MatchEventKind.Expired:
                    if (rec.Resting) touched.Add(Canon(rec));
                    rec.Resting = false;
                    rec.Status = "ORDER_STATUS_CANCELED";
                    PublishOrder(rec, "CANCELLATION");
                    break;
            }
        }

        if (incoming is not null && _engine.TryGetOpenOrder(incoming.EngineId, out _, out _))
        {
            incoming.Resting = true;
            touched.Add(Canon(incoming));
        }
        else if (incoming is not null && incoming.Status == "ORDER_STATUS_LIVE")
        {
            incoming.Status = incoming.Matched.IsPositive ? "ORDER_STATUS_MATCHED" : "ORDER_STATUS_CANCELED";
        }

        PublishPriceChanges(touched);
        return trades;
    }

    private static string TradeId(long n) => $"00000000-0000-4000-8000-{n:x12}";

    private static void Fill(OrderRecord rec, in MatchEvent e)
    {
        rec.Matched += e.Size;
        Money notional = Money.Notional(e.Price, e.Size);
        if (rec.Side == Side.Buy) rec.Making += notional;
        else rec.Taking += notional;
        if (rec.Resting && e.Leaves.IsZero)
        {
            rec.Resting = false;
            rec.Status = "ORDER_STATUS_MATCHED";
        }
    }

    private static (MarketState, Side, long) Canon(OrderRecord r)
    {
        bool isNo = r.Slot == r.Market.NoSlot;
        return (r.Market, isNo ? r.Side.Opposite() : r.Side, isNo ? Price.One.Raw - r.Price.Raw : r.Price.Raw);
    }

    // ------------------------------------------------------------------ cancels

    /// <summary>Cancels the given ids of one key; answers {"canceled":[…],"not_canceled":{…}}.</summary>
    public EmuResponse Cancel(ApiKeyRecord key, IReadOnlyList<string> ids)
    {
        lock (_gate)
        {
            var canceled = new JsonArray();
            var notCanceled = new JsonObject();
            foreach (string id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_orders.TryGetValue(id, out OrderRecord? rec) || rec.Owner != key)
                {
                    notCanceled[id] = VenueTexts.NotFound;
                    continue;
                }

                if (!rec.Resting)
                {
                    notCanceled[id] = rec.Status == "ORDER_STATUS_MATCHED" ? "Order already matched" : VenueTexts.NotFound;
                    continue;
                }

                _events.Clear();
                _engine.Cancel(key.Account, rec.EngineId, _events);
                Apply(null);
                canceled.Add(rec.Id);
            }

            return EmuResponse.Json(new JsonObject { ["canceled"] = canceled, ["not_canceled"] = notCanceled });
        }
    }

    /// <summary>DELETE /cancel-all (market null) or /cancel-market-orders; returns the answer and how many were cancelled.</summary>
    public (EmuResponse Response, int Count) CancelWhere(ApiKeyRecord key, string? conditionId, string? assetId)
    {
        lock (_gate)
        {
            var ids = _orders.Values.Where(o => o.Owner == key && o.Resting
                && (conditionId is null || string.Equals(o.Market.ConditionId, conditionId, StringComparison.OrdinalIgnoreCase))
                && (assetId is null || o.AssetId == assetId)).Select(o => o.Id).ToList();
            return (Cancel(key, ids), ids.Count);
        }
    }

    // ------------------------------------------------------------------ queries

    public EmuResponse OpenOrders(ApiKeyRecord key, Func<string, string?> query)
    {
        lock (_gate)
        {
            string? id = query("id"), market = query("market"), asset = query("asset_id");
            var list = _orders.Values.Where(o => o.Owner == key && o.Resting
                    && (id is null || string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase))
                    && (market is null || string.Equals(o.Market.ConditionId, market, StringComparison.OrdinalIgnoreCase))
                    && (asset is null || o.AssetId == asset))
                .OrderBy(o => o.EngineId).Select(OrderJsonOf).ToList();
            return Page(list, query("next_cursor"), _options.DataPageSize);
        }
    }

    public EmuResponse OneOrder(ApiKeyRecord key, string id)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out OrderRecord? o) && o.Owner == key
                ? EmuResponse.Json(OrderJsonOf(o))
                : EmuResponse.Error(404, VenueTexts.NotFound);
        }
    }

    public EmuResponse Trades(ApiKeyRecord key, Func<string, string?> query)
    {
        lock (_gate)
        {
            string? id = query("id"), market = query("market"), asset = query("asset_id");
            long before = long.TryParse(query("before"), NumberStyles.None, CultureInfo.InvariantCulture, out long b) ? b : long.MaxValue;
            long after = long.TryParse(query("after"), NumberStyles.None, CultureInfo.InvariantCulture, out long a) ? a : long.MinValue;
            var list = _trades.Where(t => (t.Taker.Owner == key || t.Maker.Order.Owner == key)
                    && (id is null || t.Id == id)
                    && (market is null || string.Equals(t.Taker.Market.ConditionId, market, StringComparison.OrdinalIgnoreCase))
                    && (asset is null || t.Taker.AssetId == asset || t.Maker.Order.AssetId == asset)
                    && t.MatchTimeSeconds < before && t.MatchTimeSeconds > after)
                .Select(t => TradeJson(t, key, rest: true)).ToList();
            return Page(list, query("next_cursor"), _options.DataPageSize);
        }
    }

    public EmuResponse BalanceAllowance(ApiKeyRecord key, Func<string, string?> query)
    {
        lock (_gate)
        {
            SimAccount account = _engine.Account(key.Account);
            string type = (query("asset_type") ?? "COLLATERAL").ToUpperInvariant();
            string balance;
            if (type == "COLLATERAL")
            {
                balance = Micros(account.Cash);
            }
            else
            {
                string? token = query("token_id");
                if (token is null || !_tokens.TryGetValue(token, out var t)) return EmuResponse.Error(400, "Invalid token id");
                balance = Micros(new Money(account.Tokens(t.Slot).Raw));
            }

            const string Unlimited = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
            var allowances = new JsonObject
            {
                [_options.Contracts.ExchangeV2.VerifyingContract.ToChecksumString()] = Unlimited,
                [_options.Contracts.NegRiskExchangeV2.VerifyingContract.ToChecksumString()] = Unlimited,
                ["0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296"] = Unlimited,
            };
            return EmuResponse.Json(new JsonObject { ["balance"] = balance, ["allowances"] = allowances });
        }
    }

    /// <summary>POST /v1/heartbeats: "" starts a session, then the returned id must be sent back.</summary>
    public EmuResponse Heartbeat(ApiKeyRecord key, string? heartbeatId)
    {
        lock (_gate)
        {
            HeartbeatsReceived++;
            if (key.HeartbeatId is not null && Now - key.LastHeartbeat > _options.HeartbeatTimeout)
            {
                key.HeartbeatId = null; // lapsed: the timer will cancel (or has cancelled) its orders
                _events.Clear();
                _engine.CancelAll(key.Account, _events);
                Apply(null);
            }

            if (string.IsNullOrEmpty(heartbeatId) && key.HeartbeatId is null)
            {
                key.HeartbeatId = $"{++_nextHeartbeat:x8}-0000-4000-8000-{key.Account:x12}";
            }
            else if (!string.Equals(heartbeatId, key.HeartbeatId, StringComparison.Ordinal))
            {
                var error = new JsonObject { ["error"] = VenueTexts.InvalidHeartbeat, ["heartbeat_id"] = key.HeartbeatId ?? "" };
                return EmuResponse.Json(error, 400);
            }

            key.LastHeartbeat = Now;
            return EmuResponse.Json(new JsonObject { ["heartbeat_id"] = key.HeartbeatId });
        }
    }

    private static EmuResponse Page(List<JsonObject> items, string? cursor, int pageSize)
    {
        int offset = DecodeCursor(cursor);
        var data = new JsonArray();
        foreach (JsonObject item in items.Skip(offset).Take(pageSize)) data.Add(item);
        int next = offset + data.Count;
        return EmuResponse.Json(new JsonObject
        {
            ["limit"] = pageSize,
            ["count"] = data.Count,
            ["next_cursor"] = next >= items.Count ? Rest.ClobCursors.End : EncodeCursor(next),
            ["data"] = data,
        });
    }

    private static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            string text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue;
        }
        catch (FormatException)
        {
            return int.MaxValue;
        }
    }

    private static string EncodeCursor(int offset) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));
}
