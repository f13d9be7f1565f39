using System.Globalization;
using System.Text.Json.Nodes;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Runs orders and cancels through the <see cref="MatchingEngine"/> and turns what it reports into the emulator's
/// records (<see cref="OrderRecords"/>: status, matched size, trades) and stream messages (<see cref="StreamPublisher"/>),
/// in the order the engine reported them: placements, one trade per maker fill with an UPDATE for both orders,
/// cancellations, then one <c>price_change</c> per touched market.
/// </summary>
internal sealed class OrderExecution(MatchingEngine engine, OrderRecords records, StreamPublisher publish, TimeProvider time, TradeSettlement settlement)
{
    private readonly MatchEventBuffer _events = new(256);

    /// <summary>What API keys did, in order: "posted {id} {side} {price} {size}" and "cancelled {id}" (tests read it).</summary>
    public List<string> Trail { get; } = [];

    /// <summary>Notes an API key's order the venue accepted (the house flow is not noted).</summary>
    public void NotePosted(in CheckedOrder c) =>
        Trail.Add(string.Create(CultureInfo.InvariantCulture, $"posted {c.Record!.Id} {c.Order.Side} {c.Order.Price} {c.Order.Size}"));

    /// <summary>Runs one vetted order; on success answers the venue's <c>SendOrderResponse</c>.</summary>
    public (bool Ok, string? Error, JsonObject? Result) Submit(OrderRecord record, in SimOrder order)
    {
        _events.Clear();
        long engineId = engine.Submit(order, _events);
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
        records.Add(record);
        List<TradeRecord> trades = Apply(record);
        var result = new JsonObject
        {
            ["success"] = true,
            ["errorMsg"] = "",
            ["orderID"] = record.Id,
            ["status"] = trades.Count > 0 ? "matched" : record.Resting ? "live" : "unmatched",
            ["makingAmount"] = trades.Count > 0 ? (record.Side == Side.Buy ? record.Making : new Money(record.Matched.Raw)).ToString() : "",
            ["takingAmount"] = trades.Count > 0 ? (record.Side == Side.Buy ? new Money(record.Matched.Raw) : record.Taking).ToString() : "",
            ["transactionsHashes"] = EmuJson.Strings(trades.Select(RecordJson.TxHash)),
            ["tradeIDs"] = EmuJson.Strings(trades.Select(t => t.Id)),
        };
        return (true, null, result);
    }

    /// <summary>The answer for an order of a batch that was refused.</summary>
    public static JsonObject Failure(string id, string error) => new()
    {
        ["success"] = false, ["errorMsg"] = error, ["orderID"] = id, ["status"] = "", ["makingAmount"] = "", ["takingAmount"] = "",
        ["transactionsHashes"] = new JsonArray(), ["tradeIDs"] = new JsonArray(),
    };

    /// <summary>Cancels the given ids of one key; answers {"canceled":[…],"not_canceled":{…}}.</summary>
    public EmuResponse Cancel(ApiKeyRecord key, IReadOnlyList<string> ids)
    {
        var canceled = new JsonArray();
        var notCanceled = new JsonObject();
        foreach (string id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!records.TryGet(id, out OrderRecord rec) || rec.Owner != key)
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
            engine.Cancel(key.Account, rec.EngineId, _events);
            Apply(null);
            canceled.Add(rec.Id);
            Trail.Add("cancelled " + rec.Id);
        }

        return EmuResponse.Json(new JsonObject { ["canceled"] = canceled, ["not_canceled"] = notCanceled });
    }

    /// <summary>DELETE /cancel-all (no filter) or /cancel-market-orders; returns the answer and how many were cancelled.</summary>
    public (EmuResponse Response, int Count) CancelWhere(ApiKeyRecord key, string? conditionId, string? assetId)
    {
        var ids = records.Orders.Where(o => o.Owner == key && o.Resting
            && (conditionId is null || string.Equals(o.Market.ConditionId, conditionId, StringComparison.OrdinalIgnoreCase))
            && (assetId is null || o.AssetId == assetId)).Select(o => o.Id).ToList();
        return (Cancel(key, ids), ids.Count);
    }

    /// <summary>Cancels every resting order in a market, whoever owns it (the market resolved).</summary>
    public int CancelMarket(MarketState market)
    {
        var resting = records.Orders.Where(o => o.Resting && o.Market == market).ToList();
        foreach (var group in resting.GroupBy(o => o.Owner)) Cancel(group.Key, [.. group.Select(o => o.Id)]);
        return resting.Count;
    }

    /// <summary>Cancels every order of a key whose heartbeat lapsed (the venue's dead-man switch).</summary>
    public void CancelAllOf(ApiKeyRecord key)
    {
        _events.Clear();
        engine.CancelAll(key.Account, _events);
        Apply(null);
    }

    /// <summary>Expires the GTD orders due at <paramref name="now"/>.</summary>
    public void ExpireDue(DateTimeOffset now)
    {
        _events.Clear();
        if (engine.ExpireDue(now, _events) > 0) Apply(null);
    }

    /// <summary>Applies the engine events in the buffer; returns the trades they created.</summary>
    private List<TradeRecord> Apply(OrderRecord? incoming)
    {
        var trades = new List<TradeRecord>();
        var touched = new HashSet<(MarketState, Side, long)>();
        MakerFill? pendingMaker = null;
        foreach (MatchEvent e in _events.AsSpan().ToArray())
        {
            if (!records.TryGetByEngineId(e.OrderId, out OrderRecord rec)) continue;
            switch (e.Kind)
            {
                case MatchEventKind.Accepted:
                    publish.Order(rec, "PLACEMENT");
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
                        Id = records.NextTradeId(), Taker = rec, Maker = maker, TakerPrice = e.Price, Size = e.Size,
                        MatchTime = time.GetUtcNow(), MatchTimeSeconds = time.GetUtcNow().ToUnixTimeSeconds(),
                        LastUpdateSeconds = time.GetUtcNow().ToUnixTimeSeconds(),
                    };
                    records.Add(trade);
                    trades.Add(trade);
                    settlement.OnMatched(trade);
                    rec.Trades.Add(trade.Id);
                    maker.Order.Trades.Add(trade.Id);
                    publish.Order(maker.Order, "UPDATE");
                    publish.Order(rec, "UPDATE");
                    publish.Trade(trade);
                    publish.LastTrade(trade);
                    break;
                }

                case MatchEventKind.Cancelled or MatchEventKind.Expired:
                    if (rec.Resting) touched.Add(Canon(rec));
                    rec.Resting = false;
                    rec.Status = "ORDER_STATUS_CANCELED";
                    publish.Order(rec, "CANCELLATION");
                    break;
            }
        }

        if (incoming is not null && engine.TryGetOpenOrder(incoming.EngineId, out _, out _))
        {
            incoming.Resting = true;
            touched.Add(Canon(incoming));
        }
        else if (incoming is not null && incoming.Status == "ORDER_STATUS_LIVE")
        {
            incoming.Status = incoming.Matched.IsPositive ? "ORDER_STATUS_MATCHED" : "ORDER_STATUS_CANCELED";
        }

        publish.PriceChanges(touched);
        return trades;
    }

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

    /// <summary>The order's level in YES space (market, side, price): what a <c>price_change</c> reports.</summary>
    private static (MarketState, Side, long) Canon(OrderRecord r)
    {
        bool isNo = r.Slot == r.Market.NoSlot;
        return (r.Market, isNo ? r.Side.Opposite() : r.Side, isNo ? Price.One.Raw - r.Price.Raw : r.Price.Raw);
    }
}
