using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <content>
/// The risk groups: what the ledger maintains per group with every position change and mark (<see cref="RiskGroupLedger"/>),
/// read in O(1) by the group's index and without allocation by the risk gate, the market maker and the loss breaker.
/// </content>
public sealed partial class Portfolio
{
    /// <summary>The risk group an instrument's position counts in, and its sign there.</summary>
    public RiskGroup RiskGroupOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Index >= _groups.Count) Sync();
        return _groups.GroupOf(instrument.Index);
    }

    /// <summary>Net position of a risk group in YES-equivalent shares (the position itself for a crypto instrument).</summary>
    public Quantity GroupDelta(int group) => new(_groups.DeltaRaw(group));

    /// <summary>Net position of the risk group of <paramref name="instrument"/>.</summary>
    public Quantity GroupDelta(Instrument instrument) => GroupDelta(RiskGroupOf(instrument).Index);

    /// <summary>
    /// When the group's current position opened (from flat, or by a flip of its side), from the fills' or the
    /// adjustment's time; null while the group is flat. For max hold time.
    /// </summary>
    public DateTimeOffset? GroupOpenedAt(int group) =>
        _groups.OpenedAtTicks(group) is not 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>When the current position of the risk group of <paramref name="instrument"/> opened; null while flat.</summary>
    public DateTimeOffset? GroupOpenedAt(Instrument instrument) => GroupOpenedAt(RiskGroupOf(instrument).Index);

    /// <summary>
    /// The price YES-equivalent shares of a group are valued at: the YES token's mark, else 1 − the NO token's mark,
    /// else zero (no mark); a crypto instrument's own mark.
    /// </summary>
    public Price GroupMark(int group) => new(_groups.GroupMarkRaw(group));

    /// <summary>Group delta × group mark (rounded away from zero).</summary>
    public Money GroupExposure(int group) => new(_groups.ExposureRaw(group));

    /// <summary>Net directional exposure in quote currency: Σ over the risk groups of delta × group mark.</summary>
    public Money NetExposure => new(_groups.NetExposureRaw);

    /// <summary>Risk groups holding a position (non-zero delta).</summary>
    public int OpenGroups => _groups.OpenGroups;

    /// <summary>Net P&amp;L (realized + unrealized at the marks − fees + rebates) of every position of a risk group.</summary>
    public Money GroupNetPnl(int group)
    {
        long total = PositionNet(group);
        int no = _groups.NoTokenOf(group);
        if (no >= 0) total += PositionNet(no);
        return new Money(total);
    }

    /// <summary>
    /// The group's net P&amp;L since it last opened from flat: what its round trip made so far, and what it made in
    /// all once the group is flat again (the consecutive-loss breaker counts these).
    /// </summary>
    public Money RoundTripPnl(int group) => GroupNetPnl(group) - new Money(_groups.RoundTripStartRaw(group));

    /// <summary>
    /// The unhedged part of the risk group of <paramref name="instrument"/>: its delta less the complete baskets of its
    /// neg-risk event held (one YES of every outcome pays exactly $1 whatever resolves); the delta itself outside an
    /// event. What the market maker treats as its inventory.
    /// </summary>
    public Quantity UnhedgedDelta(Instrument instrument) => new(_groups.UnhedgedRaw(RiskGroupOf(instrument).Index));

    /// <summary>When the unhedged part of the group of <paramref name="instrument"/> opened (from flat, or by a flip); null while flat.</summary>
    public DateTimeOffset? UnhedgedOpenedAt(Instrument instrument) =>
        _groups.UnhedgedOpenedAtTicks(RiskGroupOf(instrument).Index) is not 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// Average entry, in YES terms for a binary market, of the unhedged part of the group of <paramref name="instrument"/>:
    /// a running average trade by trade (a trade that adds adds its YES price — a NO trade at p counts at 1 − p — one
    /// that reduces keeps the average, one that flips restarts at its price; a change without a trade, such as an
    /// adoption from the venue or baskets completed in another market, restarts at the group mark when it opens or flips
    /// the side). Null while flat. What the market maker's stop loss judges against.
    /// </summary>
    public Price? UnhedgedAverageEntry(Instrument instrument)
    {
        int group = RiskGroupOf(instrument).Index;
        long unhedged = _groups.UnhedgedRaw(group);
        if (unhedged == 0) return null;
        return new Price((long)((Int128)_groups.UnhedgedEntryCostRaw(group) * FixedPoint.Scale / Math.Abs(unhedged)));
    }

    private long PositionNet(int index) =>
        (uint)index < (uint)_byIndex.Count && _byIndex[index] is { } p ? p.NetPnl().Raw : 0;

    /// <summary>The group's net P&amp;L before a change, needed only when the change may open the group from flat.</summary>
    private long NetPnlBeforeOpening(int instrument)
    {
        int group = _groups.GroupOf(instrument).Index;
        return _groups.DeltaRaw(group) == 0 ? GroupNetPnl(group).Raw : 0;
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
        if (!_groups.Grow(_instruments)) return;
        // A NO token registered before its YES was its own group (or an event gained members): count every position
        // again under the final map. Opening times and entries are then those of the positions themselves.
        _groups.Clear();
        foreach (var p in Positions)
        {
            if (p.IsFlat) continue;
            int i = p.Instrument.Index;
            _groups.OnPositionChanged(i, 0, p.Quantity.Raw, p.OpenedAt?.UtcTicks ?? 0, 0, p.AverageCost?.Raw ?? 0);
        }
    }
}
