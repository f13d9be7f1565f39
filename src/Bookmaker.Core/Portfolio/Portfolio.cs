using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The ledger: the one store of positions, marks and holding times, and the cash that moves with every fill (a buy
/// pays notional, a sell receives it, fees are paid and rebates received separately: cash += ±notional − cash fee +
/// rebate). A fee the venue kept in shares (<see cref="Fill.FeeShares"/>, a Polymarket taker BUY) leaves cash alone and
/// shrinks the shares received instead; every fee counts in <see cref="Position.FeesPaid"/> at its USDC value.
/// Equity = cash + Σ positions at their marks (a position without a mark counts at cost). All arithmetic is exact; the
/// identity equity − initial cash = realized + unrealized − fees + rebates holds to the raw unit.
/// </summary>
/// <remarks>
/// <para>Marks are kept for every instrument (<see cref="SetMark(Instrument, Price)"/>, <see cref="MarkOf"/>), held or
/// not, so a position is valued at the current mark from the fill that opens it.</para>
/// <para>Per <see cref="RiskGroup"/> — a crypto instrument alone, or the YES and NO tokens of one binary market in
/// YES-equivalent shares — the ledger maintains, with every position change and mark, the group delta, when the group
/// opened (from the fill timestamps, so a replay after a restart restores it), its exposure at the group mark, where its
/// round trip started, and the totals <see cref="NetExposure"/> and <see cref="OpenGroups"/>. Reads are array accesses
/// by index: the risk gate reads them on every check, the market maker for its inventory and hold time, the order
/// manager for the loss breaker's round trips. Nobody else keeps a copy.</para>
/// <para>For prediction markets, YES and NO tokens of one market (same <see cref="OutcomeLinks.MarketId"/>) offset each
/// other: see <see cref="NetDelta"/>, <see cref="CompleteSets"/> and <see cref="BinaryMarketValue(string, Price, Price)"/>.
/// A fill is identified by (order id, trade id): the same fill twice is applied once. Each position keeps its fills and
/// reconciliation adjustments so a reversed fill (Polymarket trade FAILED) can be taken out exactly by replaying the
/// others.</para>
/// <para>Not thread-safe: the event loop owns it.</para>
/// </remarks>
public sealed partial class Portfolio
{
    private readonly InstrumentRegistry _instruments;
    private readonly List<Position?> _byIndex = [];
    private readonly List<List<PositionStep>> _history = [];
    private readonly HashSet<(ClientOrderId, string)> _seen = [];
    private readonly Dictionary<string, BinaryLegs> _markets = new(StringComparer.Ordinal);
    private readonly MarkBoard _marks = new();
    private readonly RiskGroupLedger _groups;

    /// <summary>A portfolio over <paramref name="instruments"/> starting with <paramref name="initialCash"/>.</summary>
    public Portfolio(InstrumentRegistry instruments, Money initialCash)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _instruments = instruments;
        InitialCash = initialCash;
        Cash = initialCash;
        _groups = new RiskGroupLedger(_marks);
        Sync();
    }

    /// <summary>Cash at the start.</summary>
    public Money InitialCash { get; }

    /// <summary>Cash now.</summary>
    public Money Cash { get; private set; }

    /// <summary>Positions ever opened, in instrument index order (flat ones included: they carry realized P&amp;L).</summary>
    public IEnumerable<Position> Positions
    {
        get
        {
            foreach (var p in _byIndex)
                if (p is not null) yield return p;
        }
    }

    /// <summary>The position in <paramref name="id"/>, or null if it never traded.</summary>
    public Position? GetPosition(InstrumentId id) =>
        _instruments.TryGet(id, out var instrument) ? GetPosition(instrument) : null;

    /// <summary>The position in <paramref name="instrument"/>, or null if it never traded (no dictionary lookup).</summary>
    public Position? GetPosition(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        int i = instrument.Index;
        return (uint)i < (uint)_byIndex.Count ? _byIndex[i] : null;
    }

    /// <summary>Signed quantity held in <paramref name="id"/> (zero if none).</summary>
    public Quantity QuantityOf(InstrumentId id) => GetPosition(id)?.Quantity ?? Quantity.Zero;

    /// <summary>Applies a fill to its position and to cash. Returns false (and changes nothing) for a fill already applied.</summary>
    /// <exception cref="KeyNotFoundException">The instrument is not registered (a wiring bug, not a venue event).</exception>
    public bool ApplyFill(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return ApplyFill(_instruments.Get(fill.Instrument), fill);
    }

    /// <summary>
    /// Fills whose trades have not settled for good (MATCHED, MINED, RETRYING): they count in positions, P&amp;L and
    /// risk at once, but their bought shares are not sellable (<see cref="SellableQuantity"/>) and the venue's balance
    /// does not show them yet (<see cref="SettledQuantity"/>).
    /// </summary>
    public PendingSettlements Settlements { get; } = new();

    /// <summary>
    /// From which rung bought shares may be sold: <see cref="SettlementState.Confirmed"/> (default) or
    /// <see cref="SettlementState.Mined"/> (<c>Venue:Polymarket:SellableAt</c>).
    /// </summary>
    public SettlementState SellableAt { get; set; } = SettlementState.Confirmed;

    /// <summary>
    /// Applies a fill whose trade is at <paramref name="settlement"/>: like <see cref="ApplyFill(Instrument, Fill)"/>, and
    /// a fill not yet settled for good is tracked in <see cref="Settlements"/> until it is.
    /// </summary>
    public bool ApplyFill(Instrument instrument, Fill fill, SettlementState settlement)
    {
        if (!ApplyFill(instrument, fill)) return false;
        Settlements.Track(instrument.Index, fill, settlement);
        return true;
    }

    /// <summary>
    /// Shares of <paramref name="instrument"/> that may be sold now: the position less bought shares whose trades have
    /// not reached <see cref="SellableAt"/> (never below zero). Allocation-free; the risk gate reads it for every sell.
    /// </summary>
    public Quantity SellableQuantity(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        long held = GetPosition(instrument)?.Quantity.Raw ?? 0;
        return new Quantity(Math.Max(0, held - Settlements.UnsellableBought(instrument.Index, SellableAt).Raw));
    }

    /// <summary>
    /// The position as the venue's balance shows it: less the unsettled buys, plus the unsettled sells (a balance moves
    /// when a trade settles, not when it matches). Reconciliation compares the venue's balance with this.
    /// </summary>
    public Quantity SettledQuantity(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        long held = GetPosition(instrument)?.Quantity.Raw ?? 0;
        return new Quantity(held - Settlements.UnsettledNet(instrument.Index).Raw);
    }

    /// <summary>
    /// The applied fill of <paramref name="instrument"/> with trade id <paramref name="tradeId"/> (any order), or null:
    /// a FAILED trade learned after a restart names the trade, not always our order id.
    /// </summary>
    public Fill? FindFill(InstrumentId instrument, string tradeId)
    {
        if (!_instruments.TryGet(instrument, out var inst) || (uint)inst.Index >= (uint)_history.Count) return null;
        foreach (var step in _history[inst.Index])
            if (step.Fill is { } f && string.Equals(f.TradeId, tradeId, StringComparison.Ordinal)) return f;
        return null;
    }

    /// <summary>Applies a fill for a known instrument (no lookup). Returns false for a fill already applied.</summary>
    public bool ApplyFill(Instrument instrument, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(fill);
        if (!_seen.Add((fill.OrderId, fill.TradeId))) return false;
        var position = GetOrCreate(instrument);
        long old = position.Quantity.Raw;
        long netBefore = NetPnlBeforeOpening(instrument.Index);
        Money notional = fill.Notional;
        ApplyTo(position, fill, notional);
        Cash += CashEffect(fill, notional);
        _history[instrument.Index].Add(PositionStep.Of(fill));
        PositionChanged(instrument.Index, old, position, fill.Timestamp, netBefore, fill.Price.Raw);
        return true;
    }

    /// <summary>
    /// Takes a previously applied fill out again (same order id and trade id): cash moves back exactly and the position
    /// is rebuilt from its remaining changes — the other fills and the reconciliation adjustments, each replayed as the
    /// quantity it added or removed, so a balance adopted from the venue stays. Returns false when no such fill was
    /// applied. The fill stays known, so a late copy of it is not applied again. <paramref name="at"/> (when the
    /// reversal was learned; the fill's own time when omitted) becomes the group's opening time if the reversal opens
    /// or flips it.
    /// </summary>
    public bool ReverseFill(Fill fill, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!_instruments.TryGet(fill.Instrument, out var instrument)) return false;
        int i = instrument.Index;
        if ((uint)i >= (uint)_history.Count) return false;
        var steps = _history[i];
        int found = steps.FindIndex(s => s.Fill is { } f && f.OrderId == fill.OrderId && string.Equals(f.TradeId, fill.TradeId, StringComparison.Ordinal));
        if (found < 0) return false;
        Fill original = steps[found].Fill!;
        steps.RemoveAt(found);
        Settlements.Forget(original.OrderId, original.TradeId);
        Cash -= CashEffect(original, original.Notional);
        var position = _byIndex[i]!;
        long old = position.Quantity.Raw;
        long netBefore = NetPnlBeforeOpening(i);
        position.Reset();
        foreach (var step in steps)
        {
            if (step.Fill is { } f) ApplyTo(position, f, f.Notional);
            else position.AdjustTo(new Quantity(checked(position.Quantity.Raw + step.AdjustmentRaw)), step.At, step.AdoptedAt);
        }

        PositionChanged(i, old, position, at ?? fill.Timestamp, netBefore, tradePriceRaw: 0);
        return true;
    }

    /// <summary>True when this fill (order id + trade id) was already applied.</summary>
    public bool HasApplied(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return _seen.Contains((fill.OrderId, fill.TradeId));
    }

    /// <summary>
    /// Reconciliation: the venue's cash differs from ours and the venue is the source of truth. The difference is booked
    /// as an adjustment (kept in <see cref="CashAdjustments"/>) so the P&amp;L identity stays explainable.
    /// </summary>
    public void AdjustCash(Money venueCash)
    {
        CashAdjustments += venueCash - Cash;
        Cash = venueCash;
    }

    /// <summary>Σ cash adjustments made by reconciliation.</summary>
    public Money CashAdjustments { get; private set; }

    /// <summary>
    /// Reconciliation: the venue's position differs from ours. The position is set to the venue's quantity; shares added
    /// are carried at the current average cost (or the mark when there is none), shares removed take their share of the
    /// basis with them. No cash moves: a cash difference is reconciled separately by <see cref="AdjustCash"/>. The
    /// group aggregates follow: a group the adjustment flattens is no longer open and has no opening time.
    /// </summary>
    public void AdjustPosition(Instrument instrument, Quantity venueQuantity, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var position = GetOrCreate(instrument);
        long old = position.Quantity.Raw;
        long netBefore = NetPnlBeforeOpening(instrument.Index);
        if (venueQuantity.Raw != old) _history[instrument.Index].Add(PositionStep.Adjustment(venueQuantity.Raw - old, position.Mark, at));
        position.AdjustTo(venueQuantity, at);
        PositionChanged(instrument.Index, old, position, at, netBefore, tradePriceRaw: 0);
    }

    /// <summary>
    /// Sets the mark (mid) of an instrument, held or not (no lookup; the hot-path overload). A mark ≤ 0 clears it.
    /// Revalues the instrument's risk group; a position adopted before any mark takes its basis from this one.
    /// </summary>
    public void SetMark(Instrument instrument, Price mark)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        int i = instrument.Index;
        if (i < 0) throw new ArgumentException($"instrument {instrument.Id} is not registered", nameof(instrument));
        if (i >= _marks.Count) Sync();
        if (!_marks.Set(i, mark)) return;
        if ((uint)i < (uint)_byIndex.Count && _byIndex[i] is { BasisAwaitsMark: true } adopted) adopted.SettleBasis(mark);
        _groups.Revalue(_groups.GroupOf(i).Index);
    }

    /// <summary>Sets the mark price used for unrealized P&amp;L, equity and exposure.</summary>
    public void SetMark(InstrumentId id, Price mark) => SetMark(_instruments.Get(id), mark);

    /// <summary>The mark of an instrument, <see cref="Price.Zero"/> while it has none (allocation-free, O(1)).</summary>
    public Price MarkOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new Price(_marks.Raw(instrument.Index));
    }

    /// <summary>Σ realized P&amp;L (fees and rebates excluded).</summary>
    public Money RealizedPnl => Sum(static p => p.RealizedPnl);

    /// <summary>Σ unrealized P&amp;L at the stored marks.</summary>
    public Money UnrealizedPnl => Sum(static p => p.UnrealizedPnl());

    /// <summary>Σ fees paid.</summary>
    public Money FeesPaid => Sum(static p => p.FeesPaid);

    /// <summary>Σ rebates earned.</summary>
    public Money RebatesEarned => Sum(static p => p.RebatesEarned);

    /// <summary>Cash + Σ positions at their marks (at cost when unmarked).</summary>
    public Money Equity => Cash + Sum(static p => p.MarketValue());

    /// <summary>Realized + unrealized − fees + rebates; equals <see cref="Equity"/> − <see cref="InitialCash"/>.</summary>
    public Money NetPnl => RealizedPnl + UnrealizedPnl - FeesPaid + RebatesEarned;

    /// <summary>
    /// Net P&amp;L and equity in one pass over the positions (what the risk gate needs after every fill and mark; the
    /// separate properties would walk the positions five times).
    /// </summary>
    public (Money NetPnl, Money Equity) Totals()
    {
        long net = 0, value = 0;
        foreach (var p in _byIndex)
        {
            if (p is null) continue;
            Money mv = p.MarketValue();
            net += p.RealizedPnl.Raw + (mv - p.SignedCostBasis).Raw - p.FeesPaid.Raw + p.RebatesEarned.Raw;
            value += mv.Raw;
        }

        return (new Money(net), Cash + new Money(value));
    }

    /// <summary>
    /// Net exposure of a binary market in YES-equivalent shares: qty(YES) − qty(NO). Long YES and long NO offset, since a
    /// NO share is a short YES share plus $1.
    /// </summary>
    public Quantity NetDelta(string marketId)
    {
        var (yes, no) = Legs(marketId);
        return yes - no;
    }

    /// <summary>Complete sets held: min(qty YES, qty NO), zero when either is not long. Each set is worth exactly $1 (it can be merged).</summary>
    public Quantity CompleteSets(string marketId)
    {
        var (yes, no) = Legs(marketId);
        var sets = Quantity.Min(yes, no);
        return sets.Raw > 0 ? sets : Quantity.Zero;
    }

    /// <summary>
    /// Complete baskets of a neg-risk event held, given the condition ids of EVERY outcome of the event: after netting
    /// each outcome's YES against its NO (binary sets), the smallest YES excess across the outcomes. One YES of every
    /// outcome pays exactly $1 whatever resolves, so a basket is hedged, not inventory. Zero when any outcome's net
    /// delta is not long. Allocation free.
    /// </summary>
    public Quantity CompleteBaskets(ReadOnlySpan<string> eventMarketIds)
    {
        if (eventMarketIds.IsEmpty) return Quantity.Zero;
        long baskets = long.MaxValue;
        foreach (string marketId in eventMarketIds)
        {
            long q = NetDelta(marketId).Raw;
            if (q <= 0) return Quantity.Zero;
            baskets = Math.Min(baskets, q);
        }

        return new Quantity(baskets);
    }

    /// <summary>
    /// Value of everything held in a binary market: complete sets at exactly 1, only the residual YES or NO at its mark.
    /// </summary>
    public Money BinaryMarketValue(string marketId, Price yesMark, Price noMark)
    {
        var (yes, no) = Legs(marketId);
        var sets = CompleteSets(marketId);
        return Money.Notional(Price.One, sets)
            + Money.Notional(yesMark, yes - sets)
            + Money.Notional(noMark, no - sets);
    }

    private (Quantity Yes, Quantity No) Legs(string marketId)
    {
        ArgumentNullException.ThrowIfNull(marketId);
        if (!_markets.TryGetValue(marketId, out var legs)) return (Quantity.Zero, Quantity.Zero);
        return (legs.Yes?.Quantity ?? Quantity.Zero, legs.No?.Quantity ?? Quantity.Zero);
    }

    private static Money CashEffect(Fill fill, Money notional) =>
        (fill.Side == Side.Buy ? -notional : notional) - fill.CashFee + fill.Rebate;

    /// <summary>
    /// A fill into its position. A BUY whose fee was kept in shares adds only the shares received, at a basis of the
    /// notional less the fee's value: the fee is booked once, as a fee, and the average entry stays the fill price.
    /// </summary>
    private static void ApplyTo(Position position, Fill fill, Money notional)
    {
        if (fill.FeeShares.Raw > 0)
            position.Apply(fill.Side, fill.Price, fill.PositionSize, notional - fill.Fee, fill.Fee, fill.Rebate, fill.Timestamp, fill.FeeShares);
        else
            position.Apply(fill.Side, fill.Price, fill.Size, notional, fill.Fee, fill.Rebate, fill.Timestamp);
    }

    private Money Sum(Func<Position, Money> select)
    {
        Money total = Money.Zero;
        foreach (var p in _byIndex)
            if (p is not null) total += select(p);
        return total;
    }

    private Position GetOrCreate(Instrument instrument)
    {
        int i = instrument.Index;
        if (i < 0) throw new ArgumentException($"instrument {instrument.Id} is not registered", nameof(instrument));
        if (i >= _groups.Count || i >= _marks.Count) Sync();
        while (_byIndex.Count <= i)
        {
            _byIndex.Add(null);
            _history.Add([]);
        }

        var position = _byIndex[i];
        if (position is not null) return position;
        position = new Position(instrument, _marks);
        _byIndex[i] = position;
        if (instrument.Outcome is { } links)
        {
            if (!_markets.TryGetValue(links.MarketId, out var legs))
            {
                legs = new BinaryLegs();
                _markets.Add(links.MarketId, legs);
            }

            if (links.IsYes) legs.Yes = position;
            else legs.No = position;
        }

        return position;
    }

    private sealed class BinaryLegs
    {
        public Position? Yes { get; set; }

        public Position? No { get; set; }
    }
}
