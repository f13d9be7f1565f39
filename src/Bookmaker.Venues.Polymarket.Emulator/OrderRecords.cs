namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulator's books of record: every order it accepted (by venue id and by engine id) and every trade (in match
/// order and by id). What REST queries answer and what stream messages describe comes from here.
/// </summary>
internal sealed class OrderRecords
{
    private readonly Dictionary<string, OrderRecord> _orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, OrderRecord> _byEngineId = [];
    private readonly List<TradeRecord> _trades = [];
    private readonly Dictionary<string, TradeRecord> _tradesById = new(StringComparer.Ordinal);
    private long _nextTrade;

    /// <summary>Every order accepted.</summary>
    public IEnumerable<OrderRecord> Orders => _orders.Values;

    /// <summary>Every trade, in match order.</summary>
    public IReadOnlyList<TradeRecord> Trades => _trades;

    /// <summary>True when an order with this venue id (EIP-712 digest) was accepted before.</summary>
    public bool Contains(string orderId) => _orders.ContainsKey(orderId);

    /// <summary>An order by venue id (case-insensitive).</summary>
    public bool TryGet(string orderId, out OrderRecord order) => _orders.TryGetValue(orderId, out order!);

    /// <summary>An order by engine id.</summary>
    public bool TryGetByEngineId(long engineId, out OrderRecord order) => _byEngineId.TryGetValue(engineId, out order!);

    /// <summary>A trade by id.</summary>
    public bool TryGetTrade(string tradeId, out TradeRecord trade) => _tradesById.TryGetValue(tradeId, out trade!);

    /// <summary>Records an order the engine accepted under <see cref="OrderRecord.EngineId"/>.</summary>
    public void Add(OrderRecord order)
    {
        _orders[order.Id] = order;
        _byEngineId[order.EngineId] = order;
    }

    /// <summary>Records a trade.</summary>
    public void Add(TradeRecord trade)
    {
        _trades.Add(trade);
        _tradesById[trade.Id] = trade;
    }

    /// <summary>The next trade id, a UUID-shaped running number.</summary>
    public string NextTradeId() => $"00000000-0000-4000-8000-{++_nextTrade:x12}";
}
