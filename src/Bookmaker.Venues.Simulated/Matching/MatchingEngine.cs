using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// The simulated venue's matching engine: price-time priority over L3 resting orders, one book per market (a
/// Polymarket binary market's YES and NO tokens share one book, so MINT and MERGE matches happen as on the CTF
/// exchange), exact cash and token settlement per account, fees and rebates per fill, and a compact event stream.
/// </summary>
/// <remarks>
/// <para>Single-threaded and deterministic: it reads time only from the injected <see cref="TimeProvider"/> and
/// numbers orders, arrivals and trades with its own sequences. Steady-state operation allocates nothing: resting
/// orders are pooled struct nodes, price levels are intrusive FIFOs on a tick-indexed ladder, and results are
/// <see cref="MatchEvent"/> structs written into the caller's <see cref="MatchEventBuffer"/>.</para>
/// <para>Fill prices: every maker trades at its own limit price. The taker trades at the complement-equivalent of the
/// maker's price: the same price for a normal match, 1 − the maker's price for MINT (YES buy vs NO buy) and MERGE
/// (YES sell vs NO sell), so the two legs of a MINT pay exactly $1 per set and a MERGE pays out exactly $1 per set.
/// Price improvement therefore goes to the taker, as on the venue.</para>
/// </remarks>
public sealed class MatchingEngine
{
    private const long Scale = FixedPoint.Scale;

    /// <summary>Ladder step of binary markets: 0.0001, which divides every Polymarket tick (0.1 … 0.0001).</summary>
    public static readonly Price BinaryLadderStep = new(100_000);

    private const int MaxLadderLevels = 4_000_000;

    private readonly TimeProvider _time;
    private readonly List<InstrumentOrderBook> _markets = [];
    private readonly List<SimAccount> _accounts = [];
    private readonly Dictionary<InstrumentId, int> _slotById = [];
    private readonly Dictionary<long, int> _liveById;
    private readonly PriorityQueue<long, long> _expiries = new();
    private Instrument[] _slotInstrument = new Instrument[8];
    private int[] _slotMarket = new int[8];
    private bool[] _slotIsNo = new bool[8];
    private int _slotCount;
    private OrderNode[] _nodes;
    private int _freeHead = -1;
    private int _nodeHighWater;
    private long _nextOrderId;
    private long _nextSequence;
    private long _nextTradeId;
    private long _feesCollected;
    private long _rebatesPaid;
    private long _deposits;

    /// <summary>Creates an engine.</summary>
    /// <param name="time">The clock (a <c>SimulatedTimeProvider</c> in simulations).</param>
    /// <param name="rules">Batch limit and texts for batch-level errors (default Polymarket).</param>
    /// <param name="selfTradePrevention">Self-trade policy (default: cancel the resting maker).</param>
    /// <param name="initialOrderCapacity">Resting-order nodes to preallocate.</param>
    public MatchingEngine(TimeProvider time, VenueRules? rules = null,
        SelfTradePrevention selfTradePrevention = SelfTradePrevention.CancelMaker, int initialOrderCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Rules = rules ?? VenueRules.Polymarket;
        SelfTradePrevention = selfTradePrevention;
        _nodes = new OrderNode[Math.Max(16, initialOrderCapacity)];
        _liveById = new Dictionary<long, int>(Math.Max(16, initialOrderCapacity));
    }

    /// <summary>Batch limit and batch-level texts.</summary>
    public VenueRules Rules { get; }

    /// <summary>Self-trade policy; may be changed between operations.</summary>
    public SelfTradePrevention SelfTradePrevention { get; set; }

    /// <summary>Taker and maker fees charged so far (the venue's fee sink).</summary>
    public Money FeesCollected => new(_feesCollected);

    /// <summary>Maker rebates credited so far (paid from the venue's rebate source).</summary>
    public Money RebatesPaid => new(_rebatesPaid);

    /// <summary>Cash put into accounts from outside (initial balances and deposits).</summary>
    public Money TotalDeposits => new(_deposits);

    /// <summary>Markets (books) registered.</summary>
    public IReadOnlyList<InstrumentOrderBook> Markets => _markets;

    /// <summary>Accounts opened.</summary>
    public IReadOnlyList<SimAccount> Accounts => _accounts;

    /// <summary>Resting orders across all markets.</summary>
    public int OpenOrderCount => _liveById.Count;

    // ------------------------------------------------------------------ setup

    /// <summary>
    /// Registers a Polymarket binary market: the YES and NO tokens share one book in YES-price space.
    /// Returns the market index; token slots come from <see cref="SlotOf"/>.
    /// </summary>
    public int AddBinaryMarket(Instrument yes, Instrument no, IFeeModel fees, VenueRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(yes);
        ArgumentNullException.ThrowIfNull(no);
        ArgumentNullException.ThrowIfNull(fees);
        CheckTick(yes.TickSize, BinaryLadderStep.Raw);
        CheckTick(no.TickSize, BinaryLadderStep.Raw);
        int index = _markets.Count;
        int yesSlot = AddSlot(yes, index, false);
        int noSlot = AddSlot(no, index, true);
        int levels = (int)(Scale / BinaryLadderStep.Raw) + 1;
        _markets.Add(new InstrumentOrderBook(index, yes, yesSlot, no, noSlot, fees, rules ?? VenueRules.Polymarket,
            sellRequiresInventory: true, ladderBase: 0, BinaryLadderStep.Raw, levels));
        return index;
    }

    /// <summary>
    /// Registers a plain instrument (Bybit spot or perpetual). The ladder spans <paramref name="bandMin"/> ..
    /// <paramref name="bandMax"/> (default: the instrument's bounds) in steps of <paramref name="ladderStep"/> (default:
    /// the tick); orders outside the band are refused as out of range.
    /// </summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="fees">Its fee schedule.</param>
    /// <param name="sellRequiresInventory">True for spot (sells need the base asset); false for perpetuals (short allowed).</param>
    /// <param name="rules">Venue vocabulary (default Bybit).</param>
    /// <param name="bandMin">Lowest price the simulated book can hold.</param>
    /// <param name="bandMax">Highest price the simulated book can hold.</param>
    /// <param name="ladderStep">Ladder granularity; every tick this instrument will use must be a multiple.</param>
    public int AddInstrument(Instrument instrument, IFeeModel fees, bool sellRequiresInventory = true, VenueRules? rules = null,
        Price? bandMin = null, Price? bandMax = null, Price? ladderStep = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(fees);
        long step = (ladderStep ?? instrument.TickSize).Raw;
        CheckTick(instrument.TickSize, step);
        long lo = FixedPoint.FloorTo((bandMin ?? instrument.MinPrice).Raw, step);
        long hi = (bandMax ?? instrument.MaxPrice).Raw;
        long levels = (hi - lo) / step + 1;
        if (levels <= 0 || levels > MaxLadderLevels)
            throw new ArgumentException($"price band {FixedPoint.Format(lo)}..{FixedPoint.Format(hi)} at step {FixedPoint.Format(step)} needs {levels} levels (max {MaxLadderLevels}); pass a narrower band", nameof(bandMax));
        int index = _markets.Count;
        int slot = AddSlot(instrument, index, false);
        _markets.Add(new InstrumentOrderBook(index, instrument, slot, null, -1, fees, rules ?? VenueRules.Bybit,
            sellRequiresInventory, lo, step, (int)levels));
        return index;
    }

    /// <summary>The engine slot of an instrument (−1 when unknown). Off the hot path (dictionary lookup).</summary>
    public int SlotOf(InstrumentId id) => _slotById.TryGetValue(id, out int slot) ? slot : -1;

    /// <summary>The instrument in a slot.</summary>
    public Instrument InstrumentAt(int slot) => _slotInstrument[slot];

    /// <summary>The book that holds a slot's orders.</summary>
    public InstrumentOrderBook MarketOf(int slot) => _markets[_slotMarket[slot]];

    /// <summary>Opens an account with an initial cash balance; returns its id.</summary>
    public int OpenAccount(Money cash)
    {
        if (cash.IsNegative) throw new ArgumentOutOfRangeException(nameof(cash), "initial cash must be ≥ 0");
        var account = new SimAccount(_accounts.Count, cash);
        _accounts.Add(account);
        _deposits += cash.Raw;
        return account.Id;
    }

    /// <summary>An account by id.</summary>
    public SimAccount Account(int id) => _accounts[id];

    /// <summary>Adds (or, negative, withdraws up to the free amount) cash from outside.</summary>
    public void Deposit(int account, Money amount)
    {
        SimAccount a = _accounts[account];
        if (amount.Raw < 0 && a.AvailableCash.Raw < -amount.Raw) throw new InvalidOperationException("withdrawal exceeds free cash");
        a.Cash += amount;
        _deposits += amount.Raw;
    }

    /// <summary>Credits base-asset tokens of a plain (non-binary) instrument from outside (spot inventory).</summary>
    public void DepositTokens(int account, int slot, Quantity amount)
    {
        if (MarketOf(slot).IsBinary) throw new InvalidOperationException("outcome tokens come from Split, not from outside");
        _accounts[account].AddTokens(slot, amount.Raw);
    }

    /// <summary>CTF split: $<paramref name="amount"/> of cash → <paramref name="amount"/> YES + NO tokens. False when cash is short.</summary>
    public bool Split(int account, int market, Quantity amount)
    {
        InstrumentOrderBook mk = _markets[market];
        SimAccount a = _accounts[account];
        if (!mk.IsBinary || amount.Raw <= 0 || a.AvailableCash.Raw < amount.Raw) return false;
        a.Cash -= new Money(amount.Raw);
        a.AddTokens(mk.YesSlot, amount.Raw);
        a.AddTokens(mk.NoSlot, amount.Raw);
        mk.SetsOutstanding += amount;
        return true;
    }

    /// <summary>CTF merge: <paramref name="amount"/> YES + NO tokens → $<paramref name="amount"/>. False when tokens are short.</summary>
    public bool Merge(int account, int market, Quantity amount)
    {
        InstrumentOrderBook mk = _markets[market];
        SimAccount a = _accounts[account];
        if (!mk.IsBinary || amount.Raw <= 0 || a.AvailableTokens(mk.YesSlot) < amount || a.AvailableTokens(mk.NoSlot) < amount) return false;
        a.AddTokens(mk.YesSlot, -amount.Raw);
        a.AddTokens(mk.NoSlot, -amount.Raw);
        a.Cash += new Money(amount.Raw);
        mk.SetsOutstanding -= amount;
        return true;
    }

    /// <summary>
    /// Applies a run-time tick change (Polymarket <c>tick_size_change</c>) to a market's instruments. Resting orders
    /// stay where they are; new orders must respect the new tick.
    /// </summary>
    public void ChangeTick(int market, Price newTick)
    {
        InstrumentOrderBook mk = _markets[market];
        CheckTick(newTick, mk.Granularity);
        mk.Yes.ChangeTick(newTick);
        mk.No?.ChangeTick(newTick);
    }

    /// <summary>Builds the engine's struct order from a boundary <see cref="OrderRequest"/> (off the hot path).</summary>
    public SimOrder ToSimOrder(OrderRequest request, int account)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SimOrder(account, request.Id, SlotOf(request.Instrument), request.Side, request.Type, request.TimeInForce,
            request.Price, request.Size, request.PostOnly, request.ExpireAt?.UtcTicks ?? 0, request.QuoteAmount);
    }

    // ------------------------------------------------------------------ order entry

    /// <summary>
    /// Submits a batch: more than <see cref="VenueRules.MaxBatch"/> orders and the whole batch is refused with one
    /// <see cref="MatchEventKind.Rejected"/> event (order id 0); otherwise each order is submitted in turn and
    /// <paramref name="orderIds"/>[i] receives its engine id (0 when that order was rejected).
    /// </summary>
    public bool SubmitBatch(ReadOnlySpan<SimOrder> orders, Span<long> orderIds, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (orders.Length > Rules.MaxBatch)
        {
            output.Add(new MatchEvent(MatchEventKind.Rejected, 0, default, -1, -1, Side.Buy, default, default, default,
                default, default, Liquidity.Taker, MatchKind.None, 0, 0, RejectReason.BatchTooLarge, Rules.BatchCode,
                Rules.BatchTooLarge(orders.Length), Now()));
            return false;
        }

        if (orderIds.Length < orders.Length) throw new ArgumentException("one id slot per order is needed", nameof(orderIds));
        for (int i = 0; i < orders.Length; i++) orderIds[i] = Submit(orders[i], output);
        return true;
    }

    /// <summary>
    /// Submits one order: validates it, checks balances, matches it and rests or cancels the remainder. Returns the
    /// engine order id, or 0 when rejected. Events go to <paramref name="output"/>.
    /// </summary>
    public long Submit(in SimOrder order, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long now = Now();
        if ((uint)order.Instrument >= (uint)_slotCount || (uint)order.Account >= (uint)_accounts.Count)
            return Reject(order, Rules.Unknown, now, output);

        InstrumentOrderBook mk = _markets[_slotMarket[order.Instrument]];
        Instrument inst = _slotInstrument[order.Instrument];
        VenueRules rules = mk.Rules;
        bool isNo = _slotIsNo[order.Instrument];
        bool isMarket = order.Type == OrderType.Market;
        TimeInForce tif = order.TimeInForce;
        if (isMarket && tif is TimeInForce.Gtc or TimeInForce.Gtd) tif = TimeInForce.Fak;
        bool immediate = tif is TimeInForce.Fok or TimeInForce.Fak;

        if (order.PostOnly && (isMarket || immediate)) return Reject(order, rules.PostOnlyType, now, output);
        if (tif == TimeInForce.Gtd && order.ExpireAtUtcTicks <= now) return Reject(order, rules.Expiration, now, output);

        long limit = order.Price.Raw;
        if (isMarket && limit == 0)
        {
            limit = order.Side == Side.Buy ? inst.MaxPrice.Raw : inst.MinPrice.Raw;
        }
        else
        {
            if (limit < inst.MinPrice.Raw || limit > inst.MaxPrice.Raw) return RejectPrice(order, inst, rules, now, output);
            if (limit % inst.TickSize.Raw != 0) return Reject(order, rules.Tick, now, output);
        }

        long canonLimit = isNo ? Scale - limit : limit;
        if (!mk.TryIndex(canonLimit, out _)) return RejectPrice(order, inst, rules, now, output);

        bool quoteSized = order.IsQuoteSized;
        if (quoteSized)
        {
            if (order.QuoteAmount < rules.MinQuoteAmount) return Reject(order, rules.MarketBuyAmount, now, output);
        }
        else
        {
            if (order.Size.Raw <= 0 || order.Size < inst.MinSize) return Reject(order, rules.MinSize, now, output);
            if (!order.Size.IsOnStep(inst.SizeStep)) return Reject(order, rules.SizeStep, now, output);
        }

        Side canonSide = isNo ? order.Side.Opposite() : order.Side;
        SimAccount account = _accounts[order.Account];
        if (!HasBalance(mk, account, order, quoteSized, limit, canonSide, inst.SizeStep.Raw)) return Reject(order, rules.Balance, now, output);

        bool crosses = Crosses(mk, canonSide, canonLimit);
        if (order.PostOnly && crosses) return Reject(order, rules.PostOnlyCrosses, now, output);
        if (immediate && !crosses) return Reject(order, tif == TimeInForce.Fok ? rules.FokNotFilled : rules.FakNoMatch, now, output);

        var taker = new Taker
        {
            Account = order.Account,
            ClientOrderId = order.ClientOrderId,
            Instrument = order.Instrument,
            Side = order.Side,
            CanonSide = canonSide,
            IsNo = isNo,
            CanonLimit = canonLimit,
            Remaining = quoteSized ? long.MaxValue : order.Size.Raw,
            QuoteLeft = quoteSized ? order.QuoteAmount.Raw : 0,
            QuoteSized = quoteSized,
            SizeStep = inst.SizeStep.Raw,
        };

        if (crosses && (tif == TimeInForce.Fok || SelfTradePrevention == SelfTradePrevention.Reject))
        {
            ProbeResult probe = Probe(mk, ref taker);
            if (probe == ProbeResult.SelfTrade) return Reject(order, rules.SelfTrade, now, output);
            if (tif == TimeInForce.Fok && probe != ProbeResult.Complete) return Reject(order, rules.FokNotFilled, now, output);
        }

        long orderId = ++_nextOrderId;
        taker.OrderId = orderId;
        output.Add(new MatchEvent(MatchEventKind.Accepted, orderId, order.ClientOrderId, order.Account, order.Instrument,
            order.Side, new Price(limit), quoteSized ? Quantity.Zero : order.Size, quoteSized ? Quantity.Zero : order.Size,
            default, default, Liquidity.Taker, MatchKind.None, 0, 0, RejectReason.None, 0, null, now));

        if (crosses) Match(mk, ref taker, now, output);

        long leaves = quoteSized ? 0 : taker.Remaining;
        if (taker.SelfTradeStop)
        {
            output.Add(Terminal(MatchEventKind.Cancelled, orderId, order, leaves, limit, RejectReason.SelfTrade, now));
        }
        else if (immediate)
        {
            if (quoteSized ? taker.QuoteLeft > 0 : leaves > 0)
                output.Add(Terminal(MatchEventKind.Cancelled, orderId, order, leaves, limit, RejectReason.None, now));
        }
        else if (leaves > 0)
        {
            Rest(mk, ref taker, limit, tif == TimeInForce.Gtd ? order.ExpireAtUtcTicks : 0);
        }

        return orderId;
    }

    /// <summary>Cancels one order of <paramref name="account"/>; a missing order yields a CancelRejected event.</summary>
    public bool Cancel(int account, long orderId, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_liveById.TryGetValue(orderId, out int node) || _nodes[node].Account != account)
        {
            RejectText rt = Rules.CancelNotFound;
            output.Add(new MatchEvent(MatchEventKind.CancelRejected, orderId, default, account, -1, Side.Buy, default, default,
                default, default, default, Liquidity.Maker, MatchKind.None, 0, 0, rt.Reason, rt.Code, rt.Text, Now()));
            return false;
        }

        RemoveNode(node, MatchEventKind.Cancelled, RejectReason.None, Now(), output);
        return true;
    }

    /// <summary>Cancels every open order of an account; returns how many.</summary>
    public int CancelAll(int account, MatchEventBuffer output) => CancelWhere(account, -1, output);

    /// <summary>Cancels an account's open orders in one market (both tokens of a binary market); returns how many.</summary>
    public int CancelMarket(int account, int market, MatchEventBuffer output) => CancelWhere(account, market, output);

    /// <summary>Expires every GTD order due at or before <paramref name="now"/>; returns how many.</summary>
    public int ExpireDue(DateTimeOffset now, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long ticks = now.UtcTicks;
        int count = 0;
        while (_expiries.TryPeek(out long orderId, out long due) && due <= ticks)
        {
            _expiries.Dequeue();
            if (_liveById.TryGetValue(orderId, out int node) && _nodes[node].ExpireTicks != 0 && _nodes[node].ExpireTicks <= ticks)
            {
                RemoveNode(node, MatchEventKind.Expired, RejectReason.None, ticks, output);
                count++;
            }
        }

        return count;
    }

    /// <summary>Expires every GTD order due at the engine clock's current time.</summary>
    public int ExpireDue(MatchEventBuffer output) => ExpireDue(_time.GetUtcNow(), output);

    /// <summary>Earliest pending GTD expiry (may belong to an order already gone), if any.</summary>
    public DateTimeOffset? NextExpiry => _expiries.TryPeek(out _, out long due) ? new DateTimeOffset(due, TimeSpan.Zero) : null;

    /// <summary>Remaining size of a live order (false when it is not resting).</summary>
    public bool TryGetOpenOrder(long orderId, out Quantity remaining, out Price price)
    {
        if (_liveById.TryGetValue(orderId, out int node))
        {
            remaining = new Quantity(_nodes[node].Remaining);
            price = new Price(_nodes[node].OwnPrice);
            return true;
        }

        remaining = default;
        price = default;
        return false;
    }

    // ------------------------------------------------------------------ internals

    private long Now() => _time.GetUtcNow().UtcTicks;

    private static void CheckTick(Price tick, long step)
    {
        if (tick.Raw <= 0 || tick.Raw % step != 0)
            throw new ArgumentException($"tick {tick} is not a multiple of the ladder step {FixedPoint.Format(step)}", nameof(tick));
    }

    private int AddSlot(Instrument instrument, int market, bool isNo)
    {
        if (_slotById.ContainsKey(instrument.Id)) throw new ArgumentException($"{instrument.Id} is already registered", nameof(instrument));
        if (_slotCount == _slotInstrument.Length)
        {
            Array.Resize(ref _slotInstrument, _slotCount * 2);
            Array.Resize(ref _slotMarket, _slotCount * 2);
            Array.Resize(ref _slotIsNo, _slotCount * 2);
        }

        int slot = _slotCount++;
        _slotInstrument[slot] = instrument;
        _slotMarket[slot] = market;
        _slotIsNo[slot] = isNo;
        _slotById.Add(instrument.Id, slot);
        return slot;
    }

    private bool HasBalance(InstrumentOrderBook mk, SimAccount account, in SimOrder order, bool quoteSized, long limit, Side canonSide, long sizeStep)
    {
        if (order.Side == Side.Sell)
            return !mk.SellRequiresInventory || account.AvailableTokens(order.Instrument) >= order.Size;

        long need;
        if (quoteSized)
        {
            // Shares bought can be at most quote / best opposite price (prices only get worse from there).
            long bestOwn = BestOppositeOwnPrice(mk, canonSide, _slotIsNo[order.Instrument]);
            long sharesBound = bestOwn > 0 ? FixedPoint.FloorTo(DivideScaled(order.QuoteAmount.Raw, bestOwn), sizeStep) : 0;
            need = order.QuoteAmount.Raw + mk.Fees.BuyFeeHeadroom(new Price(limit), new Quantity(sharesBound), Liquidity.Taker).Raw;
        }
        else
        {
            long notional = FixedPoint.MultiplyScaled(limit, order.Size.Raw, MidpointRounding.ToPositiveInfinity);
            long taker = mk.Fees.BuyFeeHeadroom(new Price(limit), order.Size, Liquidity.Taker).Raw;
            long maker = mk.Fees.BuyFeeHeadroom(new Price(limit), order.Size, Liquidity.Maker).Raw;
            need = notional + Math.Max(taker, maker);
        }

        return account.AvailableCash.Raw >= need;
    }

    private static long BestOppositeOwnPrice(InstrumentOrderBook mk, Side canonSide, bool isNo)
    {
        int i = canonSide == Side.Buy ? mk.BestAskIndex : mk.BestBidIndex;
        if (i < 0 || i >= mk.LevelCount) return 0;
        long canon = mk.PriceAt(i);
        return isNo ? Scale - canon : canon;
    }

    private static long DivideScaled(long amount, long price) => (long)((Int128)amount * Scale / price);

    private static bool Crosses(InstrumentOrderBook mk, Side canonSide, long canonLimit)
    {
        if (canonSide == Side.Buy)
            return mk.BestAskIndex < mk.LevelCount && mk.PriceAt(mk.BestAskIndex) <= canonLimit;
        return mk.BestBidIndex >= 0 && mk.PriceAt(mk.BestBidIndex) >= canonLimit;
    }

    private enum ProbeResult : byte
    {
        Complete,
        Short,
        SelfTrade,
    }

    /// <summary>Walks the crossing liquidity without changing anything, exactly as <see cref="Match"/> would.</summary>
    private ProbeResult Probe(InstrumentOrderBook mk, ref Taker t)
    {
        Side makerSide = t.CanonSide.Opposite();
        long need = t.Remaining;
        long quoteLeft = t.QuoteLeft;
        long lastOwnPx = 0;
        int li = makerSide == Side.Sell ? mk.BestAskIndex : mk.BestBidIndex;
        while (li >= 0 && li < mk.LevelCount)
        {
            long px = mk.PriceAt(li);
            if (t.CanonSide == Side.Buy ? px > t.CanonLimit : px < t.CanonLimit) break;
            for (int node = mk.LevelRef(makerSide, li).Head; node >= 0; node = _nodes[node].Next)
            {
                ref OrderNode m = ref _nodes[node];
                if (m.Account == t.Account)
                {
                    if (SelfTradePrevention == SelfTradePrevention.Reject) return ProbeResult.SelfTrade;
                    if (SelfTradePrevention == SelfTradePrevention.CancelTaker) return ProbeResult.Short;
                    continue;
                }

                if (t.QuoteSized)
                {
                    long ownPx = t.IsNo ? Scale - px : px;
                    lastOwnPx = ownPx;
                    long afford = FixedPoint.FloorTo(DivideScaled(quoteLeft, ownPx), t.SizeStep);
                    long q = Math.Min(afford, m.Remaining);
                    if (q <= 0) return ProbeResult.Complete;
                    quoteLeft -= FixedPoint.MultiplyScaled(ownPx, q, MidpointRounding.ToEven);
                }
                else
                {
                    need -= Math.Min(need, m.Remaining);
                    if (need == 0) return ProbeResult.Complete;
                }
            }

            li = mk.NextWorse(makerSide, li);
        }

        // A budget spent down to less than one size step at the last price is as full as a quote-sized order gets.
        if (t.QuoteSized && lastOwnPx > 0 && FixedPoint.FloorTo(DivideScaled(quoteLeft, lastOwnPx), t.SizeStep) == 0)
            return ProbeResult.Complete;
        return ProbeResult.Short;
    }

    private void Match(InstrumentOrderBook mk, ref Taker t, long now, MatchEventBuffer output)
    {
        Side makerSide = t.CanonSide.Opposite();
        while (t.Remaining > 0)
        {
            int li = makerSide == Side.Sell ? mk.BestAskIndex : mk.BestBidIndex;
            if (li < 0 || li >= mk.LevelCount) return;
            long px = mk.PriceAt(li);
            if (t.CanonSide == Side.Buy ? px > t.CanonLimit : px < t.CanonLimit) return;
            int node = mk.LevelRef(makerSide, li).Head;
            while (node >= 0)
            {
                int next = _nodes[node].Next;
                if (_nodes[node].Account == t.Account)
                {
                    if (SelfTradePrevention == SelfTradePrevention.CancelTaker)
                    {
                        t.SelfTradeStop = true;
                        return;
                    }

                    // CancelMaker (and Reject, whose probe already ruled out reaching an own order).
                    RemoveNode(node, MatchEventKind.Cancelled, RejectReason.SelfTrade, now, output);
                    node = next;
                    continue;
                }

                long qty = Math.Min(t.Remaining, _nodes[node].Remaining);
                if (t.QuoteSized)
                {
                    long ownPx = t.IsNo ? Scale - px : px;
                    qty = Math.Min(qty, FixedPoint.FloorTo(DivideScaled(t.QuoteLeft, ownPx), t.SizeStep));
                    if (qty <= 0)
                    {
                        t.Remaining = 0;
                        return;
                    }
                }

                Execute(mk, node, ref t, px, qty, now, output);
                if (t.Remaining == 0) return;
                node = next;
            }
        }
    }

    private void Execute(InstrumentOrderBook mk, int node, ref Taker t, long canonPx, long qty, long now, MatchEventBuffer output)
    {
        ref OrderNode m = ref _nodes[node];
        long makerPx = m.IsNo ? Scale - canonPx : canonPx;
        long takerPx = t.IsNo ? Scale - canonPx : canonPx;
        MatchKind type = m.IsNo == t.IsNo ? MatchKind.Normal : (t.Side == Side.Buy ? MatchKind.Mint : MatchKind.Merge);
        long makerNotional = FixedPoint.MultiplyScaled(makerPx, qty, MidpointRounding.ToEven);
        // MINT/MERGE: the two legs together are exactly one dollar per set.
        long takerNotional = type == MatchKind.Normal ? makerNotional : qty - makerNotional;
        var size = new Quantity(qty);
        FeeCharge makerFee = mk.Fees.ForFill(new Price(makerPx), size, Liquidity.Maker);
        FeeCharge takerFee = mk.Fees.ForFill(new Price(takerPx), size, Liquidity.Taker);

        SimAccount ma = _accounts[m.Account];
        Settle(ma, m.Side, m.Instrument, qty, makerNotional, makerFee);
        m.Remaining -= qty;
        mk.LevelRef(m.CanonSide, m.Level).Size -= qty;
        if (m.Side == Side.Buy)
        {
            long relock = Lock(mk, m.OwnPrice, m.Remaining);
            ma.LockedCash += new Money(relock - m.LockedCash);
            m.LockedCash = relock;
        }
        else if (mk.SellRequiresInventory)
        {
            ma.AddLockedTokens(m.Instrument, -qty);
        }

        Settle(_accounts[t.Account], t.Side, t.Instrument, qty, takerNotional, takerFee);
        t.Remaining -= qty;
        if (t.QuoteSized) t.QuoteLeft -= takerNotional;
        if (type == MatchKind.Mint) mk.SetsOutstanding += size;
        else if (type == MatchKind.Merge) mk.SetsOutstanding -= size;
        _feesCollected += makerFee.Fee.Raw + takerFee.Fee.Raw;
        _rebatesPaid += makerFee.Rebate.Raw + takerFee.Rebate.Raw;

        long tradeId = ++_nextTradeId;
        output.Add(new MatchEvent(MatchEventKind.Fill, m.OrderId, m.ClientOrderId, m.Account, m.Instrument, m.Side,
            new Price(makerPx), size, new Quantity(m.Remaining), makerFee.Fee, makerFee.Rebate, Liquidity.Maker, type,
            tradeId, t.OrderId, RejectReason.None, 0, null, now));
        output.Add(new MatchEvent(MatchEventKind.Fill, t.OrderId, t.ClientOrderId, t.Account, t.Instrument, t.Side,
            new Price(takerPx), size, new Quantity(t.QuoteSized ? 0 : t.Remaining), takerFee.Fee, takerFee.Rebate,
            Liquidity.Taker, type, tradeId, m.OrderId, RejectReason.None, 0, null, now));

        if (m.Remaining == 0) Unlink(node);
    }

    private static void Settle(SimAccount account, Side side, int slot, long qty, long notional, FeeCharge fee)
    {
        long cash = side == Side.Buy ? -notional : notional;
        account.Cash = new Money(checked(account.Cash.Raw + cash - fee.Fee.Raw + fee.Rebate.Raw));
        account.AddTokens(slot, side == Side.Buy ? qty : -qty);
    }

    private static long Lock(InstrumentOrderBook mk, long ownPrice, long remaining) =>
        remaining == 0
            ? 0
            : FixedPoint.MultiplyScaled(ownPrice, remaining, MidpointRounding.ToPositiveInfinity)
              + mk.Fees.BuyFeeHeadroom(new Price(ownPrice), new Quantity(remaining), Liquidity.Maker).Raw;

    private void Rest(InstrumentOrderBook mk, ref Taker t, long ownPrice, long expireTicks)
    {
        int node = AllocateNode();
        ref OrderNode n = ref _nodes[node];
        mk.TryIndex(t.CanonLimit, out int level);
        n.OrderId = t.OrderId;
        n.Sequence = ++_nextSequence;
        n.ClientOrderId = t.ClientOrderId;
        n.Account = t.Account;
        n.Instrument = t.Instrument;
        n.Market = mk.Index;
        n.Level = level;
        n.CanonPrice = t.CanonLimit;
        n.OwnPrice = ownPrice;
        n.Remaining = t.Remaining;
        n.ExpireTicks = expireTicks;
        n.Side = t.Side;
        n.CanonSide = t.CanonSide;
        n.IsNo = t.IsNo;
        n.InUse = true;
        SimAccount a = _accounts[t.Account];
        if (t.Side == Side.Buy)
        {
            n.LockedCash = Lock(mk, ownPrice, t.Remaining);
            a.LockedCash += new Money(n.LockedCash);
        }
        else
        {
            n.LockedCash = 0;
            if (mk.SellRequiresInventory) a.AddLockedTokens(t.Instrument, t.Remaining);
        }

        mk.Append(_nodes, node);
        n.AccPrev = -1;
        n.AccNext = a.OrderHead;
        if (a.OrderHead >= 0) _nodes[a.OrderHead].AccPrev = node;
        a.OrderHead = node;
        a.OpenOrders++;
        _liveById.Add(t.OrderId, node);
        if (expireTicks != 0) _expiries.Enqueue(t.OrderId, expireTicks);
    }

    private int CancelWhere(int account, int market, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if ((uint)account >= (uint)_accounts.Count) return 0;
        long now = Now();
        int count = 0;
        int node = _accounts[account].OrderHead;
        while (node >= 0)
        {
            int next = _nodes[node].AccNext;
            if (market < 0 || _nodes[node].Market == market)
            {
                RemoveNode(node, MatchEventKind.Cancelled, RejectReason.None, now, output);
                count++;
            }

            node = next;
        }

        return count;
    }

    /// <summary>Takes a live order off the book, releases what it locked and reports it.</summary>
    private void RemoveNode(int node, MatchEventKind kind, RejectReason reason, long now, MatchEventBuffer output)
    {
        ref OrderNode n = ref _nodes[node];
        InstrumentOrderBook mk = _markets[n.Market];
        SimAccount a = _accounts[n.Account];
        if (n.Side == Side.Buy) a.LockedCash -= new Money(n.LockedCash);
        else if (mk.SellRequiresInventory) a.AddLockedTokens(n.Instrument, -n.Remaining);
        n.LockedCash = 0;
        output.Add(new MatchEvent(kind, n.OrderId, n.ClientOrderId, n.Account, n.Instrument, n.Side, new Price(n.OwnPrice),
            new Quantity(n.Remaining), Quantity.Zero, default, default, Liquidity.Maker, MatchKind.None, 0, 0, reason,
            0, null, now));
        Unlink(node);
    }

    /// <summary>Detaches a node from its level, its account and the id map, and returns it to the pool.</summary>
    private void Unlink(int node)
    {
        ref OrderNode n = ref _nodes[node];
        InstrumentOrderBook mk = _markets[n.Market];
        mk.Remove(_nodes, node);
        SimAccount a = _accounts[n.Account];
        if (n.AccPrev >= 0) _nodes[n.AccPrev].AccNext = n.AccNext;
        else a.OrderHead = n.AccNext;
        if (n.AccNext >= 0) _nodes[n.AccNext].AccPrev = n.AccPrev;
        a.OpenOrders--;
        _liveById.Remove(n.OrderId);
        n.InUse = false;
        n.Next = _freeHead;
        _freeHead = node;
    }

    private int AllocateNode()
    {
        if (_freeHead >= 0)
        {
            int node = _freeHead;
            _freeHead = _nodes[node].Next;
            return node;
        }

        if (_nodeHighWater == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        return _nodeHighWater++;
    }

    private static long Reject(in SimOrder order, in RejectText rt, long now, MatchEventBuffer output)
    {
        output.Add(new MatchEvent(MatchEventKind.Rejected, 0, order.ClientOrderId, order.Account, order.Instrument, order.Side,
            order.Price, order.Size, Quantity.Zero, default, default, Liquidity.Taker, MatchKind.None, 0, 0, rt.Reason,
            rt.Code, rt.Text, now));
        return 0;
    }

    private static long RejectPrice(in SimOrder order, Instrument inst, VenueRules rules, long now, MatchEventBuffer output)
    {
        RejectText rt = rules.PriceBounds;
        if (inst.IsOutcomeToken)
        {
            // The CLOB's own wording: "invalid price (p), min: t - max: 1-t" (reject path only, so formatting is fine).
            rt = rt with { Text = $"invalid price ({order.Price}), min: {inst.MinPrice} - max: {inst.MaxPrice}" };
        }

        return Reject(order, rt, now, output);
    }

    private static MatchEvent Terminal(MatchEventKind kind, long orderId, in SimOrder order, long size, long price, RejectReason reason, long now) =>
        new(kind, orderId, order.ClientOrderId, order.Account, order.Instrument, order.Side, new Price(price), new Quantity(size),
            Quantity.Zero, default, default, Liquidity.Taker, MatchKind.None, 0, 0, reason, 0, null, now);

    /// <summary>The incoming order while it matches (a stack struct; nothing allocated).</summary>
    private struct Taker
    {
        public long OrderId;
        public ClientOrderId ClientOrderId;
        public int Account;
        public int Instrument;
        public Side Side;
        public Side CanonSide;
        public bool IsNo;
        public bool QuoteSized;
        public bool SelfTradeStop;
        public long CanonLimit;
        public long Remaining;
        public long QuoteLeft;
        public long SizeStep;
    }
}
