using System.Globalization;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>What the desk answers one order operation: the venue's retCode and words, and the order when there is one.</summary>
internal readonly record struct DeskAnswer(int Code, string Message, EmulatedOrder? Order)
{
    public static DeskAnswer Fail(int code, string message) => new(code, message, null);
}

/// <summary>
/// The API account's trading over the simulated <see cref="MatchingEngine"/> (Bybit vocabulary): create, amend, cancel
/// and cancel-all with the venue's checks (orderLinkId unique and well-formed, minimum notional; tick, step, minimum
/// quantity, price band, balance and post-only by the engine), the records behind <c>realtime</c> and
/// <c>execution/list</c>, and the private-stream frames of every change. A house account makes the other side of fills
/// when tests steer it. Not thread-safe: <see cref="TradingVenue"/> calls it under one lock.
/// </summary>
internal sealed class TradingDesk
{
    private readonly MatchingEngine _engine = new(TimeProvider.System, VenueRules.Bybit, SelfTradePrevention.CancelMaker);
    private readonly MatchEventBuffer _events = new(256);
    private readonly Dictionary<string, (EmulatedSymbol Symbol, int Slot)> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<long, EmulatedOrder> _byEngineId = [];
    private readonly Dictionary<string, EmulatedOrder> _byOrderId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedOrder> _byLinkId = new(StringComparer.Ordinal);
    private readonly List<EmulatedOrder> _orders = [];
    private readonly List<EmulatedExecution> _executions = [];
    private readonly BybitFeeModel _fees;
    private readonly Func<long> _now;
    private readonly int _account;
    private readonly int _house;
    private readonly Dictionary<string, (Price Buy, Price Sell)> _bands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Price Mark, Price Liquidation)> _positionRisk = new(StringComparer.Ordinal);
    private long _nextOrder = 1_000_000;
    private long _nextExec = 5_000_000;

    public TradingDesk(BybitEmulatorOptions options, Func<long> serverNowMs)
    {
        _now = serverNowMs;
        _fees = new BybitFeeModel(options.TakerFeeRate, options.MakerFeeRate);
        foreach (var s in options.Symbols)
        {
            var instrument = new Instrument(new InstrumentId(VenueNames.Bybit, s.Symbol), s.Category == BybitCategory.Linear ? InstrumentKind.LinearPerpetual : InstrumentKind.Spot,
                FixedPoint.SignificantDecimals(s.Tick.Raw), s.Tick, s.QtyStep, s.MinQty, s.Tick, Price.Parse("1999999"), "proportional");
            // The ladder spans the price band (mid × 0.8 … × 1.25): an order outside it is refused like the venue's band.
            var low = Price.FromDecimal(Math.Floor(s.Mid.ToDecimal() * 0.8m / s.Tick.ToDecimal()) * s.Tick.ToDecimal());
            var high = Price.FromDecimal(Math.Ceiling(s.Mid.ToDecimal() * 1.25m / s.Tick.ToDecimal()) * s.Tick.ToDecimal());
            int slot = _engine.AddInstrument(instrument, _fees, sellRequiresInventory: s.Category == BybitCategory.Spot, VenueRules.Bybit, low, high);
            _symbols[s.Symbol] = (s, slot);
            // The published band starts as the ladder's span (highest bid, lowest ask); tests move it with SetPriceBand.
            _bands[s.Symbol] = (high, low);
        }

        _account = _engine.OpenAccount(options.StartingCash);
        _house = _engine.OpenAccount(Money.FromUnits(1_000_000_000));
        foreach (var (s, slot) in _symbols.Values)
        {
            if (s.Category != BybitCategory.Spot) continue;
            _engine.DepositTokens(_account, slot, options.StartingBase);
            _engine.DepositTokens(_house, slot, Quantity.FromUnits(1_000_000));
        }
    }

    /// <summary>Private-stream frames of every change: (topic, frame).</summary>
    public Action<string, string> Publish { get; set; } = (_, _) => { };

    public BybitFeeModel Fees => _fees;

    public IReadOnlyList<EmulatedOrder> Orders => _orders;

    public IReadOnlyList<EmulatedExecution> Executions => _executions;

    public SimAccount Account => _engine.Account(_account);

    public bool TryGetSymbol(string symbol, out EmulatedSymbol s)
    {
        bool found = _symbols.TryGetValue(symbol, out var entry);
        s = entry.Symbol;
        return found;
    }

    public Quantity Position(string symbol) => _symbols.TryGetValue(symbol, out var e) ? Account.Tokens(e.Slot) : Quantity.Zero;

    /// <summary>The order-price band of <paramref name="symbol"/> (buyLmt, sellLmt); default when it is not listed.</summary>
    public (Price Buy, Price Sell) PriceBand(string symbol) => _bands.GetValueOrDefault(symbol);

    public void SetPriceBand(string symbol, Price buyLimit, Price sellLimit)
    {
        if (_symbols.ContainsKey(symbol)) _bands[symbol] = (buyLimit, sellLimit);
    }

    /// <summary>
    /// The emulator models no margin: a test states the mark and liquidation price the position stream reports for
    /// <paramref name="symbol"/>, and the stream pushes them at once (as the venue pushes on every change).
    /// </summary>
    public void SetPositionRisk(string symbol, Price mark, Price liquidation)
    {
        if (!_symbols.TryGetValue(symbol, out var entry) || entry.Symbol.Category != BybitCategory.Linear) return;
        _positionRisk[symbol] = (mark, liquidation);
        long now = _now();
        Publish("position", Frame("position", now, w => WritePosition(w, entry.Symbol, now)));
    }

    /// <summary>The mark and liquidation price the position of <paramref name="symbol"/> reports (the starting mid and none by default).</summary>
    public (Price Mark, Price Liquidation) PositionRisk(EmulatedSymbol symbol) => _positionRisk.GetValueOrDefault(symbol.Symbol, (symbol.Mid, Price.Zero));

    public EmulatedOrder? Find(string? orderId, string? linkId) =>
        !string.IsNullOrEmpty(orderId) ? _byOrderId.GetValueOrDefault(orderId) : !string.IsNullOrEmpty(linkId) ? _byLinkId.GetValueOrDefault(linkId) : null;

    /// <summary>POST /v5/order/create (and its batch and WebSocket forms).</summary>
    public DeskAnswer Create(BybitCategory category, OrderFields f)
    {
        if (!_symbols.TryGetValue(f.Symbol, out var entry) || entry.Symbol.Category != category) return DeskAnswer.Fail(10001, "params error: symbol invalid");
        bool spot = category == BybitCategory.Spot;
        if (f.Side is not ("Buy" or "Sell")) return DeskAnswer.Fail(10001, "params error: side invalid");
        if (f.OrderType is not ("Limit" or "Market")) return DeskAnswer.Fail(10001, "params error: orderType invalid");
        if (!Quantity.TryParse(f.Qty, out var qty) || qty.Raw <= 0) return DeskAnswer.Fail(10001, "params error: qty invalid");
        Price price = default;
        if (f.OrderType == "Limit" && (!Price.TryParse(f.Price, out price) || price.Raw <= 0)) return DeskAnswer.Fail(10001, "params error: price invalid");
        string tif = string.IsNullOrEmpty(f.TimeInForce) ? "GTC" : f.TimeInForce;
        if (tif is not ("GTC" or "IOC" or "FOK" or "PostOnly")) return DeskAnswer.Fail(10001, "params error: timeInForce invalid");
        string link = f.OrderLinkId ?? "";
        if (link.Length > 36 || link.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return DeskAnswer.Fail(10001, "params error: orderLinkId invalid");
        if (link.Length > 0 && _byLinkId.ContainsKey(link)) return spot ? DeskAnswer.Fail(170141, "Duplicate clientOrderId.") : DeskAnswer.Fail(110072, "OrderLinkedID is duplicate");
        if (f.OrderType == "Limit" && entry.Symbol.MinNotional.Raw > 0 && Money.Notional(price, qty) < entry.Symbol.MinNotional)
            return spot ? DeskAnswer.Fail(170140, "Order value exceeded lower limit.") : DeskAnswer.Fail(110094, "Order does not meet minimum order value.");

        var side = f.Side == "Buy" ? Side.Buy : Side.Sell;
        if (f.OrderType == "Limit" && OutsideBand(f.Symbol, side, price) is { } band) return band;
        var engineTif = tif switch { "IOC" => Core.Orders.TimeInForce.Fak, "FOK" => Core.Orders.TimeInForce.Fok, _ => f.OrderType == "Market" ? Core.Orders.TimeInForce.Fak : Core.Orders.TimeInForce.Gtc };
        var sim = new SimOrder(_account, default, entry.Slot, side, f.OrderType == "Market" ? OrderType.Market : OrderType.Limit, engineTif, price, qty, tif == "PostOnly");
        long now = _now();
        var order = new EmulatedOrder
        {
            OrderId = (++_nextOrder).ToString(CultureInfo.InvariantCulture), OrderLinkId = link, Symbol = entry.Symbol, Side = side, OrderType = f.OrderType,
            TimeInForce = tif, ReduceOnly = f.ReduceOnly, Price = price, Qty = qty, CreatedMs = now, UpdatedMs = now,
        };
        _events.Clear();
        long id = _engine.Submit(sim, _events);
        if (id == 0)
        {
            var reject = _events.AsSpan()[0];
            // Derivatives accept a crossing post-only order and then cancel it on the order stream; spot refuses it at once.
            if (reject.Reason != Core.Orders.RejectReason.PostOnlyWouldCross || spot) return DeskAnswer.Fail(reject.Code, reject.Text ?? "rejected");
            Track(order, link);
            order.Status = "Cancelled";
            order.CancelType = "UNKNOWN";
            order.RejectReason = "EC_PostOnlyWillTakeLiquidity";
            PublishOrder(order);
            return new DeskAnswer(0, "OK", order);
        }

        order.EngineId = id;
        Track(order, link);
        Apply(now);
        return new DeskAnswer(0, "OK", order);
    }

    /// <summary>POST /v5/order/amend: a new price and/or quantity for the unfilled rest (re-entered: it loses its queue place).</summary>
    public DeskAnswer Amend(BybitCategory category, string symbol, string? orderId, string? linkId, string? newQty, string? newPrice)
    {
        var order = Find(orderId, linkId);
        if (order is null || order.Symbol.Symbol != symbol || order.Symbol.Category != category || !order.IsOpen)
            return category == BybitCategory.Spot ? DeskAnswer.Fail(170213, "Order does not exist.") : DeskAnswer.Fail(110001, "Order does not exist");
        var price = order.Price;
        var qty = order.Qty;
        if (!string.IsNullOrEmpty(newPrice) && !Price.TryParse(newPrice, out price)) return DeskAnswer.Fail(10001, "params error: price invalid");
        if (!string.IsNullOrEmpty(newQty) && !Quantity.TryParse(newQty, out qty)) return DeskAnswer.Fail(10001, "params error: qty invalid");
        if (qty <= order.CumExecQty) return DeskAnswer.Fail(category == BybitCategory.Spot ? 170313 : 110001, "new qty must exceed the filled qty");
        if (price == order.Price && qty == order.Qty) return DeskAnswer.Fail(10001, "params error: nothing to amend");
        var entry = _symbols[symbol];
        var sim = new SimOrder(_account, default, entry.Slot, order.Side, OrderType.Limit, Core.Orders.TimeInForce.Gtc, price, qty - order.CumExecQty, order.TimeInForce == "PostOnly");
        _events.Clear();
        // Probe-free: cancel the rest, then re-enter it; a refused re-entry restores nothing (the venue's amend is atomic;
        // the emulator refuses before cancelling whatever the engine would refuse on tick, step and band).
        if (!price.IsOnTick(order.Symbol.Tick) || !(qty - order.CumExecQty).IsOnStep(order.Symbol.QtyStep)) return DeskAnswer.Fail(10001, "params error: price or qty off the grid");
        if (OutsideBand(symbol, order.Side, price) is { } band) return band;
        _engine.Cancel(_account, order.EngineId, _events);
        _byEngineId.Remove(order.EngineId);
        _events.Clear();
        long id = _engine.Submit(sim, _events);
        order.Price = price;
        order.Qty = qty;
        order.UpdatedMs = _now();
        if (id == 0)
        {
            order.Status = "Cancelled";
            order.RejectReason = _events.Count > 0 && _events.AsSpan()[0].Reason == Core.Orders.RejectReason.PostOnlyWouldCross ? "EC_PostOnlyWillTakeLiquidity" : "EC_NoError";
            PublishOrder(order);
            return new DeskAnswer(0, "OK", order);
        }

        order.EngineId = id;
        _byEngineId[id] = order;
        Apply(order.UpdatedMs, amended: order);
        return new DeskAnswer(0, "OK", order);
    }

    /// <summary>POST /v5/order/cancel.</summary>
    public DeskAnswer Cancel(BybitCategory category, string symbol, string? orderId, string? linkId, string cancelType = "CancelByUser")
    {
        var order = Find(orderId, linkId);
        if (order is null || order.Symbol.Symbol != symbol || order.Symbol.Category != category || !order.IsOpen)
            return category == BybitCategory.Spot ? DeskAnswer.Fail(170213, "Order does not exist.") : DeskAnswer.Fail(110001, "Order does not exist");
        _events.Clear();
        _engine.Cancel(_account, order.EngineId, _events);
        Apply(_now(), cancelType);
        return new DeskAnswer(0, "OK", order);
    }

    /// <summary>POST /v5/order/cancel-all (symbol null: the whole category); returns the orders cancelled.</summary>
    public List<EmulatedOrder> CancelAll(BybitCategory? category, string? symbol, string cancelType = "CancelByUser")
    {
        var victims = _orders.Where(o => o.IsOpen && (category is null || o.Symbol.Category == category) && (string.IsNullOrEmpty(symbol) || o.Symbol.Symbol == symbol)).ToList();
        foreach (var o in victims)
        {
            _events.Clear();
            _engine.Cancel(_account, o.EngineId, _events);
            Apply(_now(), cancelType);
        }

        return victims;
    }

    /// <summary>The house account trades against the book: <paramref name="rest"/> false sends an IOC that takes resting orders (ours included).</summary>
    public void House(string symbol, Side side, Price price, Quantity qty, bool rest)
    {
        var entry = _symbols[symbol];
        _events.Clear();
        _engine.Submit(new SimOrder(_house, default, entry.Slot, side, OrderType.Limit, rest ? Core.Orders.TimeInForce.Gtc : Core.Orders.TimeInForce.Fak, price, qty), _events);
        Apply(_now());
    }

    /// <summary>
    /// Settles one funding interval of <paramref name="symbol"/> at <paramref name="rate"/> (positive: longs pay shorts)
    /// on the position's mark: the account's cash moves by the payment, which is recorded as a <c>Funding</c> execution
    /// and pushed on the execution and wallet topics. Returns the execution, or null when the position is flat, the
    /// symbol is not a perpetual or the free cash cannot pay it.
    /// </summary>
    public EmulatedExecution? SettleFunding(string symbol, decimal rate)
    {
        if (!_symbols.TryGetValue(symbol, out var entry) || entry.Symbol.Category != BybitCategory.Linear) return null;
        var size = Position(symbol);
        if (size.Raw == 0) return null;
        var mark = PositionRisk(entry.Symbol).Mark;
        var abs = size.Raw < 0 ? -size : size;
        // What the account pays (negative: receives), at the venue's 8 decimals of USDT.
        decimal owed = decimal.Round(Money.Notional(mark, abs).ToDecimal() * rate * (size.Raw > 0 ? 1 : -1), 8, MidpointRounding.ToEven);
        var fee = Money.FromDecimal(owed);
        // The emulator models no margin: an account that cannot pay from its free cash is skipped, not liquidated.
        if (fee > Account.AvailableCash) return null;
        _engine.Deposit(_account, -fee);
        long now = _now();
        var holder = new EmulatedOrder
        {
            OrderId = "", OrderLinkId = "", Symbol = entry.Symbol, Side = size.Raw > 0 ? Side.Buy : Side.Sell, OrderType = "UNKNOWN", TimeInForce = "UNKNOWN",
            Price = mark, Qty = abs, Status = "Filled", CreatedMs = now, UpdatedMs = now,
        };
        var exec = new EmulatedExecution((++_nextExec).ToString(CultureInfo.InvariantCulture) + "-fund", holder, mark, abs, fee, rate, false, now, _nextExec, Quantity.Zero, "Funding");
        _executions.Add(exec);
        Publish("execution", Frame("execution", now, exec.Write));
        Publish("wallet", Frame("wallet", now, WriteWallet));
        return exec;
    }

    private void Track(EmulatedOrder order, string link)
    {
        _orders.Add(order);
        _byOrderId[order.OrderId] = order;
        if (link.Length > 0) _byLinkId[link] = order;
        if (order.EngineId != 0) _byEngineId[order.EngineId] = order;
    }

    // Turns the engine's events for the API account into order and execution records and their stream frames.
    private void Apply(long now, string cancelType = "UNKNOWN", EmulatedOrder? amended = null)
    {
        var changed = new List<EmulatedOrder>();
        var fills = new List<EmulatedExecution>();
        if (amended is not null) changed.Add(amended);
        foreach (ref readonly var e in _events.AsSpan())
        {
            if (e.Account != _account || !_byEngineId.TryGetValue(e.OrderId, out var order)) continue;
            switch (e.Kind)
            {
                case MatchEventKind.Accepted:
                    if (!changed.Contains(order)) changed.Add(order);
                    break;
                case MatchEventKind.Fill:
                    bool maker = e.Liquidity == Liquidity.Maker;
                    var fee = e.Fee - e.Rebate;
                    order.CumExecQty += e.Size;
                    order.CumExecValue += Money.Notional(e.Price, e.Size);
                    order.CumExecFee += fee;
                    order.Status = order.CumExecQty >= order.Qty ? "Filled" : "PartiallyFilled";
                    order.UpdatedMs = now;
                    var exec = new EmulatedExecution((++_nextExec).ToString(CultureInfo.InvariantCulture) + "-emu", order, e.Price, e.Size, fee,
                        maker ? _fees.MakerRate : _fees.TakerRate, maker, now, e.TradeId, order.LeavesQty);
                    _executions.Add(exec);
                    fills.Add(exec);
                    if (!changed.Contains(order)) changed.Add(order);
                    break;
                case MatchEventKind.Cancelled or MatchEventKind.Expired:
                    order.Status = order.CumExecQty.Raw > 0 && order.Symbol.Category == BybitCategory.Spot ? "PartiallyFilledCanceled" : "Cancelled";
                    order.CancelType = cancelType;
                    order.UpdatedMs = now;
                    _byEngineId.Remove(e.OrderId);
                    if (!changed.Contains(order)) changed.Add(order);
                    break;
            }
        }

        if (fills.Count > 0)
        {
            Publish("execution", Frame("execution", now, w => { foreach (var f in fills) f.Write(w); }));
            foreach (var symbol in fills.Select(f => f.Order.Symbol).Distinct().Where(s => s.Category == BybitCategory.Linear))
                Publish("position", Frame("position", now, w => WritePosition(w, symbol, now)));
        }

        // A fill moves the wallet; a spot order placed or cancelled locks or frees a coin.
        if (fills.Count > 0 || changed.Any(o => o.Symbol.Category == BybitCategory.Spot)) Publish("wallet", Frame("wallet", now, WriteWallet));
        foreach (var o in changed)
        {
            if (!o.IsOpen) _byEngineId.Remove(o.EngineId);
            PublishOrder(o);
        }
    }

    private void WritePosition(System.Text.Json.Utf8JsonWriter w, EmulatedSymbol s, long now)
    {
        var size = Position(s.Symbol);
        w.WriteStartObject();
        w.WriteString("category", "linear");
        w.WriteString("symbol", s.Symbol);
        w.WriteNumber("positionIdx", 0);
        w.WriteString("side", size.Raw > 0 ? "Buy" : size.Raw < 0 ? "Sell" : "");
        w.WriteString("size", (size.Raw < 0 ? -size : size).ToString());
        var (mark, liquidation) = PositionRisk(s);
        w.WriteString("markPrice", mark.ToString());
        w.WriteString("liqPrice", liquidation.Raw > 0 ? liquidation.ToString() : "");
        w.WriteString("updatedTime", now.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private void WriteWallet(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("accountType", "UNIFIED");
        w.WriteString("totalWalletBalance", Account.Cash.ToString());
        WriteCoins(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// The account's <c>coin[]</c>: USDT (cash, what open buys lock) and each spot symbol's base coin (what open sells
    /// lock), as wallet-balance and the wallet topic state them.
    /// </summary>
    public void WriteCoins(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartArray("coin");
        WriteCoin(w, "USDT", Account.Cash.ToString(), Account.LockedCash.ToString());
        foreach (var (s, slot) in _symbols.Values)
            if (s.Category == BybitCategory.Spot && UserStream.WalletTranslator.BaseCoin(s.Symbol) is { } coin)
                WriteCoin(w, coin, Account.Tokens(slot).ToString(), Account.LockedTokens(slot).ToString());
        w.WriteEndArray();
    }

    private static void WriteCoin(System.Text.Json.Utf8JsonWriter w, string coin, string balance, string locked)
    {
        w.WriteStartObject();
        w.WriteString("coin", coin);
        w.WriteString("equity", balance);
        w.WriteString("walletBalance", balance);
        w.WriteString("locked", locked);
        w.WriteEndObject();
    }

    private void PublishOrder(EmulatedOrder o) => Publish("order", Frame("order", _now(), o.Write));

    /// <summary>A private-stream frame <c>{id, topic, creationTime, data:[…]}</c>.</summary>
    public static string Frame(string topic, long now, Action<System.Text.Json.Utf8JsonWriter> items) => EmuJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", Guid.NewGuid().ToString("N"));
        w.WriteString("topic", topic);
        w.WriteNumber("creationTime", now);
        w.WriteStartArray("data");
        items(w);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    // The venue's codes for a price past the band (reference addendum C): derivatives 30208 (buy above the max buy price)
    // and 30209 (sell below the min sell price); spot 170371 / 170372.
    private DeskAnswer? OutsideBand(string symbol, Side side, Price price)
    {
        var (buy, sell) = PriceBand(symbol);
        bool spot = _symbols[symbol].Symbol.Category == BybitCategory.Spot;
        if (side == Side.Buy && buy.Raw > 0 && price > buy)
            return spot ? DeskAnswer.Fail(170371, "Order price is higher than the maximum buy price.") : DeskAnswer.Fail(30208, "The order price is higher than the maximum buy price.");
        if (side == Side.Sell && sell.Raw > 0 && price < sell)
            return spot ? DeskAnswer.Fail(170372, "Order price is lower than the minimum sell price.") : DeskAnswer.Fail(30209, "The order price is lower than the minimum sell price.");
        return null;
    }
}

/// <summary>The fields of one create request, as the venue reads them (strings, as sent).</summary>
internal sealed record OrderFields(string Symbol, string Side, string OrderType, string Qty, string? Price, string? TimeInForce, string? OrderLinkId, bool ReduceOnly);
