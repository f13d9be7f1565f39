using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The ledger: the one store of positions, marks and holding times, and the cash that moves with every fill (a buy
/// pays notional, a sell receives it, fees are paid and rebates received separately: cash += ±notional − cash fee +
/// rebate). A fee the venue kept in shares (<see cref="Fill.FeeShares"/>, a Polymarket taker BUY) leaves cash alone and
/// shrinks the shares received instead; every fee counts in <see cref="Position.FeesPaid"/> at its USDC value.
/// Funding of perpetuals moves cash on its own line (<see cref="Funding"/>). Equity = cash + Σ positions at their marks
/// (a position without a mark counts at cost). All arithmetic is exact; the identity equity − initial cash = realized +
/// unrealized − fees + rebates + funding holds to the raw unit.
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
/// <para>Strategies see it only as <see cref="IPortfolioView"/> (where the reads are documented); the mutators here are
/// the engine's. Not thread-safe: the event loop owns it.</para>
/// </remarks>
public sealed class Portfolio : IPortfolioView
{
    private readonly InstrumentRegistry _instruments;
    private readonly List<Position?> _byIndex = [];
    private readonly PositionHistory _history = new();
    private readonly BinaryMarketLegs _binary = new();
    private readonly MarkBoard _marks = new();
    private readonly RiskGroupLedger _groups;

    /// <summary>A portfolio over <paramref name="instruments"/> starting with <paramref name="initialCash"/>.</summary>
    public Portfolio(InstrumentRegistry instruments, Money initialCash)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _instruments = instruments;
        InitialCash = initialCash;
        Cash = initialCash;
        _groups = new RiskGroupLedger(_marks, _byIndex);
        Sync();
    }

    /// <inheritdoc />
    public Money InitialCash { get; }

    /// <inheritdoc />
    public Money Cash { get; private set; }

    /// <inheritdoc />
    public IEnumerable<Position> Positions
    {
        get
        {
            foreach (var p in _byIndex)
                if (p is not null) yield return p;
        }
    }

    /// <inheritdoc />
    public Position? GetPosition(InstrumentId id) =>
        _instruments.TryGet(id, out var instrument) ? GetPosition(instrument) : null;

    /// <inheritdoc />
    public Position? GetPosition(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        int i = instrument.Index;
        return (uint)i < (uint)_byIndex.Count ? _byIndex[i] : null;
    }

    /// <inheritdoc />
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

    /// <inheritdoc />
    public Quantity SellableQuantity(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        long held = GetPosition(instrument)?.Quantity.Raw ?? 0;
        return new Quantity(Math.Max(0, held - Settlements.UnsellableBought(instrument.Index, SellableAt).Raw));
    }

    /// <inheritdoc />
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
        return _instruments.TryGet(instrument, out var inst) ? _history.Find(inst.Index, tradeId) : null;
    }

    /// <summary>Applies a fill for a known instrument (no lookup). Returns false for a fill already applied.</summary>
    public bool ApplyFill(Instrument instrument, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(fill);
        var position = GetOrCreate(instrument);
        if (!_history.TryRecord(instrument.Index, fill)) return false;
        long old = position.Quantity.Raw;
        long netBefore = NetPnlBeforeOpening(instrument.Index);
        Money notional = fill.Notional;
        PositionHistory.ApplyFill(position, fill, notional);
        Cash += CashEffect(fill, notional);
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
        if (_history.Remove(i, fill) is not { } original) return false;
        Settlements.Forget(original.OrderId, original.TradeId);
        Cash -= CashEffect(original, original.Notional);
        var position = _byIndex[i]!;
        long old = position.Quantity.Raw;
        long netBefore = NetPnlBeforeOpening(i);
        position.Reset();
        _history.Replay(i, position);
        PositionChanged(i, old, position, at ?? fill.Timestamp, netBefore, tradePriceRaw: 0);
        return true;
    }

    /// <inheritdoc />
    public bool HasApplied(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return _history.WasApplied(fill);
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

    /// <inheritdoc />
    public Money CashAdjustments { get; private set; }

    /// <summary>The funding line: payments booked, their net, paid and received, per instrument.</summary>
    public FundingLedger Funding { get; } = new();

    /// <summary>Books a funding payment as cash on its own P&amp;L line (never a fee nor realized P&amp;L); false for one booked before.</summary>
    public bool ApplyFunding(FundingPayment payment)
    {
        if (!Funding.Book(payment)) return false;
        Cash += payment.Amount;
        return true;
    }

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
        if (venueQuantity.Raw != old) _history.RecordAdjustment(instrument.Index, venueQuantity.Raw - old, position.Mark, at);
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

    /// <inheritdoc />
    public Price MarkOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new Price(_marks.Raw(instrument.Index));
    }

    /// <inheritdoc />
    public Money RealizedPnl => Sum(static p => p.RealizedPnl);

    /// <inheritdoc />
    /// <remarks>Complete neg-risk baskets count at exactly $1 each, not at the sum of their outcomes' marks.</remarks>
    public Money UnrealizedPnl => Sum(static p => p.UnrealizedPnl()) + BasketUplift;

    /// <inheritdoc />
    public Money FeesPaid => Sum(static p => p.FeesPaid);

    /// <inheritdoc />
    public Money RebatesEarned => Sum(static p => p.RebatesEarned);

    /// <inheritdoc />
    public Money FundingPnl => Funding.Net;

    /// <inheritdoc />
    public Money Equity => Cash + Sum(static p => p.MarketValue()) + BasketUplift;

    /// <inheritdoc />
    public Money NetPnl => RealizedPnl + UnrealizedPnl - FeesPaid + RebatesEarned + FundingPnl;

    /// <inheritdoc />
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

        var uplift = BasketUplift;
        return (new Money(net) + Funding.Net + uplift, Cash + new Money(value) + uplift);
    }

    /// <summary>Complete neg-risk baskets valued at $1 each rather than at their outcomes' marks (see <see cref="RiskGroupLedger.CompleteBasketUpliftRaw"/>).</summary>
    private Money BasketUplift => new(_groups.CompleteBasketUpliftRaw());

    /// <inheritdoc />
    public Quantity NetDelta(string marketId) => _binary.NetDelta(marketId);

    /// <inheritdoc />
    public Quantity CompleteSets(string marketId) => _binary.CompleteSets(marketId);

    /// <inheritdoc />
    public Quantity CompleteBaskets(ReadOnlySpan<string> eventMarketIds) => _binary.CompleteBaskets(eventMarketIds);

    /// <inheritdoc />
    public Money BinaryMarketValue(string marketId, Price yesMark, Price noMark) => _binary.Value(marketId, yesMark, noMark);

    // ── Risk groups: the ledger maintains them with every position change and mark (RiskGroupLedger); these reads
    //    wrap its raw figures and are array accesses by the group's index, without allocation.

    /// <inheritdoc />
    public RiskGroup RiskGroupOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Index >= _groups.Count) Sync();
        return _groups.GroupOf(instrument.Index);
    }

    /// <inheritdoc />
    public Quantity GroupDelta(int group) => new(_groups.DeltaRaw(group));

    /// <inheritdoc />
    public Quantity GroupDelta(Instrument instrument) => GroupDelta(RiskGroupOf(instrument).Index);

    /// <inheritdoc />
    public DateTimeOffset? GroupOpenedAt(int group) => AtTicks(_groups.OpenedAtTicks(group));

    /// <inheritdoc />
    public DateTimeOffset? GroupOpenedAt(Instrument instrument) => GroupOpenedAt(RiskGroupOf(instrument).Index);

    /// <inheritdoc />
    public Price GroupMark(int group) => new(_groups.GroupMarkRaw(group));

    /// <inheritdoc />
    public Money GroupExposure(int group) => new(_groups.ExposureRaw(group));

    /// <inheritdoc />
    public Money NetExposure => new(_groups.NetExposureRaw);

    /// <inheritdoc />
    public int OpenGroups => _groups.OpenGroups;

    /// <inheritdoc />
    public Money GroupNetPnl(int group) => new(_groups.NetPnlRaw(group));

    /// <inheritdoc />
    public Money RoundTripPnl(int group) => GroupNetPnl(group) - new Money(_groups.RoundTripStartRaw(group));

    /// <inheritdoc />
    public Quantity UnhedgedDelta(Instrument instrument) => new(_groups.UnhedgedRaw(RiskGroupOf(instrument).Index));

    /// <inheritdoc />
    public DateTimeOffset? UnhedgedOpenedAt(Instrument instrument) => AtTicks(_groups.UnhedgedOpenedAtTicks(RiskGroupOf(instrument).Index));

    /// <inheritdoc />
    public Price? UnhedgedAverageEntry(Instrument instrument) =>
        _groups.UnhedgedAverageEntryRaw(RiskGroupOf(instrument).Index) is { } raw ? new Price(raw) : null;

    private static DateTimeOffset? AtTicks(long utcTicks) => utcTicks is not 0 ? new DateTimeOffset(utcTicks, TimeSpan.Zero) : null;

    /// <summary>The group's net P&amp;L before a change, needed only when the change may open the group from flat.</summary>
    private long NetPnlBeforeOpening(int instrument)
    {
        int group = _groups.GroupOf(instrument).Index;
        return _groups.DeltaRaw(group) == 0 ? _groups.NetPnlRaw(group) : 0;
    }

    private void PositionChanged(int instrument, long oldRaw, Position position, DateTimeOffset at, long netBefore, long tradePriceRaw)
    {
        long newRaw = position.Quantity.Raw;
        if (newRaw == oldRaw) return;
        _groups.OnPositionChanged(instrument, oldRaw, newRaw, at.UtcTicks, netBefore, tradePriceRaw);
    }

    /// <summary>Covers instruments the registry gained since; rebuilds the group aggregates if a mapping or event changed.</summary>
    private void Sync()
    {
        _marks.Grow(_instruments.Count);
        if (_groups.Grow(_instruments)) _groups.Rebuild();
    }

    private static Money CashEffect(Fill fill, Money notional) =>
        (fill.Side == Side.Buy ? -notional : notional) - fill.CashFee + fill.Rebate;

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
        while (_byIndex.Count <= i) _byIndex.Add(null);
        _history.Grow(_byIndex.Count);

        var position = _byIndex[i];
        if (position is not null) return position;
        position = new Position(instrument, _marks);
        _byIndex[i] = position;
        if (instrument.Outcome is { } links) _binary.Add(links, position);
        return position;
    }
}
