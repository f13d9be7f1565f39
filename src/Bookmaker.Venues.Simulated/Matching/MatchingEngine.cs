using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// The simulated venue's matching engine: its order entry. Each request runs through the venue's entry rules
/// (<see cref="OrderAdmission"/>), the account's balance (<see cref="SimAccountLedger"/>), price-time matching
/// (<see cref="PriceTimeMatcher"/>) and resting (<see cref="RestingOrders"/>, with GTD expiries in
/// <see cref="GtdExpiryQueue"/>), and what happened is written as compact <see cref="MatchEvent"/>s. One book per
/// market (<see cref="MarketListing"/>): a Polymarket binary market's YES and NO tokens share one book, so MINT and
/// MERGE matches happen as on the CTF exchange; split and merge outside the book are <see cref="CompleteSetOperations"/>.
/// </summary>
/// <remarks>
/// <para>Single-threaded and deterministic: it reads time only from the injected <see cref="TimeProvider"/> and
/// numbers orders, arrivals and trades with its own sequences. Steady-state operation allocates nothing: resting
/// orders are pooled struct nodes, price levels are intrusive FIFOs on a tick-indexed ladder, and results are
/// <see cref="MatchEvent"/> structs written into the caller's <see cref="MatchEventBuffer"/>.</para>
/// <para>Fill prices: every maker trades at its own limit price; the taker trades at the complement-equivalent of the
/// maker's price (see <see cref="PriceTimeMatcher"/>), so price improvement goes to the taker, as on the venue.</para>
/// </remarks>
public sealed class MatchingEngine
{
    /// <summary>Ladder step of binary markets: 0.0001, which divides every Polymarket tick (0.1 … 0.0001).</summary>
    public static readonly Price BinaryLadderStep = new(100_000);

    private readonly TimeProvider _time;
    private readonly MarketListing _listing = new();
    private readonly SimAccountLedger _ledger = new();
    private readonly RestingOrders _resting;
    private readonly PriceTimeMatcher _matcher;
    private readonly GtdExpiryQueue _expiries = new();
    private readonly CompleteSetOperations _sets;
    private long _nextOrderId;

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
        _resting = new RestingOrders(_listing, _ledger, initialOrderCapacity);
        _matcher = new PriceTimeMatcher(_resting, _ledger) { SelfTradePrevention = selfTradePrevention };
        _sets = new CompleteSetOperations(_listing, _ledger);
    }

    /// <summary>Batch limit and batch-level texts.</summary>
    public VenueRules Rules { get; }

    /// <summary>Self-trade policy; may be changed between operations.</summary>
    public SelfTradePrevention SelfTradePrevention
    {
        get => _matcher.SelfTradePrevention;
        set => _matcher.SelfTradePrevention = value;
    }

    /// <summary>Taker and maker fees charged in cash so far (the venue's fee sink; BUY fees kept in shares are in <see cref="FeeSharesCollected"/>).</summary>
    public Money FeesCollected => _ledger.FeesCollected;

    /// <summary>Shares of the instrument in <paramref name="slot"/> kept as BUY taker fees (Polymarket collects them in the token bought).</summary>
    public Quantity FeeSharesCollected(int slot) => _ledger.FeeSharesCollected(slot);

    /// <summary>Maker rebates credited so far (paid from the venue's rebate source).</summary>
    public Money RebatesPaid => _ledger.RebatesPaid;

    /// <summary>Cash put into accounts from outside (initial balances and deposits).</summary>
    public Money TotalDeposits => _ledger.TotalDeposits;

    /// <summary>Markets (books) registered.</summary>
    public IReadOnlyList<InstrumentOrderBook> Markets => _listing.Markets;

    /// <summary>Accounts opened.</summary>
    public IReadOnlyList<SimAccount> Accounts => _ledger.Accounts;

    /// <summary>Resting orders across all markets.</summary>
    public int OpenOrderCount => _resting.Count;

    /// <summary>Earliest pending GTD expiry (may belong to an order already gone), if any.</summary>
    public DateTimeOffset? NextExpiry => _expiries.Next;

    // ------------------------------------------------------------------ setup

    /// <summary>
    /// Registers a Polymarket binary market: the YES and NO tokens share one book in YES-price space.
    /// Returns the market index; token slots come from <see cref="SlotOf"/>.
    /// </summary>
    public int AddBinaryMarket(Instrument yes, Instrument no, IFeeModel fees, VenueRules? rules = null) =>
        _listing.AddBinaryMarket(yes, no, fees, rules);

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
        Price? bandMin = null, Price? bandMax = null, Price? ladderStep = null) =>
        _listing.AddInstrument(instrument, fees, sellRequiresInventory, rules, bandMin, bandMax, ladderStep);

    /// <summary>The engine slot of an instrument (−1 when unknown). Off the hot path (dictionary lookup).</summary>
    public int SlotOf(InstrumentId id) => _listing.SlotOf(id);

    /// <summary>The instrument in a slot.</summary>
    public Instrument InstrumentAt(int slot) => _listing.InstrumentAt(slot);

    /// <summary>The book that holds a slot's orders.</summary>
    public InstrumentOrderBook MarketOf(int slot) => _listing.MarketOf(slot);

    /// <summary>
    /// Applies a run-time tick change (Polymarket <c>tick_size_change</c>) to a market's instruments. Resting orders
    /// stay where they are; new orders must respect the new tick.
    /// </summary>
    public void ChangeTick(int market, Price newTick) => _listing.ChangeTick(market, newTick);

    /// <summary>Opens an account with an initial cash balance; returns its id.</summary>
    public int OpenAccount(Money cash) => _ledger.Open(cash);

    /// <summary>An account by id.</summary>
    public SimAccount Account(int id) => _ledger[id];

    /// <summary>Adds (or, negative, withdraws up to the free amount) cash from outside.</summary>
    public void Deposit(int account, Money amount) => _ledger.Deposit(account, amount);

    /// <summary>Credits base-asset tokens of a plain (non-binary) instrument from outside (spot inventory).</summary>
    public void DepositTokens(int account, int slot, Quantity amount) => _sets.DepositTokens(account, slot, amount);

    /// <summary>CTF split: $<paramref name="amount"/> of cash → <paramref name="amount"/> YES + NO tokens. False when cash is short.</summary>
    public bool Split(int account, int market, Quantity amount) => _sets.Split(account, market, amount);

    /// <summary>
    /// Takes one settled fill leg back out of an account (a venue whose settlement failed on chain): the cash, fee and
    /// tokens the leg moved go back. The book is not touched — the liquidity it consumed stays consumed.
    /// </summary>
    public void ReverseLeg(int account, Side side, int slot, Quantity size, Money notional, FeeCharge fee) =>
        SimAccountLedger.Settle(_ledger[account], side.Opposite(), slot, size.Raw, notional.Raw, new FeeCharge(new Money(-fee.Fee.Raw), new Money(-fee.Rebate.Raw)));

    /// <summary>CTF merge: <paramref name="amount"/> YES + NO tokens → $<paramref name="amount"/>. False when tokens are short.</summary>
    public bool Merge(int account, int market, Quantity amount) => _sets.Merge(account, market, amount);

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
            output.Add(MatchEvents.BatchRejected(Rules, orders.Length, Now()));
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
        if ((uint)order.Instrument >= (uint)_listing.SlotCount || (uint)order.Account >= (uint)_ledger.Count)
            return Reject(order, Rules.Unknown, now, output);

        InstrumentOrderBook mk = _listing.MarketOf(order.Instrument);
        Instrument inst = _listing.InstrumentAt(order.Instrument);
        bool isNo = _listing.IsNo(order.Instrument);
        if (!OrderAdmission.TryAdmit(order, inst, mk, isNo, now, out AdmittedOrder a, out RejectText refusal))
            return Reject(order, refusal, now, output);

        VenueRules rules = mk.Rules;
        if (!SimAccountLedger.HasBalance(mk, _ledger[order.Account], order, a.QuoteSized, a.Limit, a.CanonSide, isNo, inst.SizeStep.Raw))
            return Reject(order, rules.Balance, now, output);

        bool crosses = PriceTimeMatcher.Crosses(mk, a.CanonSide, a.CanonLimit);
        if (order.PostOnly && crosses) return Reject(order, rules.PostOnlyCrosses, now, output);
        if (a.Immediate && !crosses) return Reject(order, a.TimeInForce == TimeInForce.Fok ? rules.FokNotFilled : rules.FakNoMatch, now, output);

        var taker = new IncomingOrder
        {
            Account = order.Account,
            ClientOrderId = order.ClientOrderId,
            Instrument = order.Instrument,
            Side = order.Side,
            CanonSide = a.CanonSide,
            IsNo = isNo,
            CanonLimit = a.CanonLimit,
            Remaining = a.QuoteSized ? long.MaxValue : order.Size.Raw,
            QuoteLeft = a.QuoteSized ? order.QuoteAmount.Raw : 0,
            QuoteSized = a.QuoteSized,
            SizeStep = inst.SizeStep.Raw,
        };

        if (crosses && (a.TimeInForce == TimeInForce.Fok || SelfTradePrevention == SelfTradePrevention.Reject))
        {
            // Decided before anything changes: FOK is all or nothing, and Reject refuses before any fill.
            PriceTimeMatcher.ProbeResult probe = _matcher.Probe(mk, ref taker);
            if (probe == PriceTimeMatcher.ProbeResult.SelfTrade) return Reject(order, rules.SelfTrade, now, output);
            if (a.TimeInForce == TimeInForce.Fok && probe != PriceTimeMatcher.ProbeResult.Complete) return Reject(order, rules.FokNotFilled, now, output);
        }

        long orderId = ++_nextOrderId;
        taker.OrderId = orderId;
        output.Add(MatchEvents.Accepted(orderId, order, a.Limit, a.QuoteSized, now));

        if (crosses) _matcher.Match(mk, ref taker, now, output);

        long leaves = a.QuoteSized ? 0 : taker.Remaining;
        if (taker.SelfTradeStop)
        {
            output.Add(MatchEvents.Terminal(MatchEventKind.Cancelled, orderId, order, leaves, a.Limit, RejectReason.SelfTrade, now));
        }
        else if (a.Immediate)
        {
            if (a.QuoteSized ? taker.QuoteLeft > 0 : leaves > 0)
                output.Add(MatchEvents.Terminal(MatchEventKind.Cancelled, orderId, order, leaves, a.Limit, RejectReason.None, now));
        }
        else if (leaves > 0)
        {
            long expireTicks = a.TimeInForce == TimeInForce.Gtd ? order.ExpireAtUtcTicks : 0;
            _resting.Rest(mk, taker, a.Limit, expireTicks);
            if (expireTicks != 0) _expiries.Track(orderId, expireTicks);
        }

        return orderId;
    }

    /// <summary>Cancels one order of <paramref name="account"/>; a missing order yields a CancelRejected event.</summary>
    public bool Cancel(int account, long orderId, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_resting.TryFind(orderId, out int node) || _resting.Nodes[node].Account != account)
        {
            output.Add(MatchEvents.CancelRejected(Rules, account, orderId, Now()));
            return false;
        }

        _resting.Remove(node, MatchEventKind.Cancelled, RejectReason.None, Now(), output);
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
        return _expiries.ExpireDue(now.UtcTicks, _resting, output);
    }

    /// <summary>Expires every GTD order due at the engine clock's current time.</summary>
    public int ExpireDue(MatchEventBuffer output) => ExpireDue(_time.GetUtcNow(), output);

    /// <summary>Remaining size of a live order (false when it is not resting).</summary>
    public bool TryGetOpenOrder(long orderId, out Quantity remaining, out Price price)
    {
        if (_resting.TryFind(orderId, out int node))
        {
            remaining = new Quantity(_resting.Nodes[node].Remaining);
            price = new Price(_resting.Nodes[node].OwnPrice);
            return true;
        }

        remaining = default;
        price = default;
        return false;
    }

    private long Now() => _time.GetUtcNow().UtcTicks;

    private int CancelWhere(int account, int market, MatchEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if ((uint)account >= (uint)_ledger.Count) return 0;
        return _resting.CancelWhere(account, market, Now(), output);
    }

    private static long Reject(in SimOrder order, in RejectText rt, long now, MatchEventBuffer output)
    {
        output.Add(MatchEvents.Rejected(order, rt, now));
        return 0;
    }
}
