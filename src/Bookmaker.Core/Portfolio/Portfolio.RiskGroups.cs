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
    public Price GroupMark(int group) => new(GroupMarkRaw(group));

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
    /// Average entry of the open position of the risk group of <paramref name="instrument"/>, in YES terms for a binary
    /// market (a NO share bought at p is a YES share sold at 1 − p): the average over the legs that hold the group's
    /// side (complete sets are not exposed). Null while the group is flat.
    /// </summary>
    public Price? GroupAverageEntry(Instrument instrument)
    {
        var group = RiskGroupOf(instrument).Index;
        long delta = _groups.DeltaRaw(group);
        if (delta == 0) return null;
        Int128 basis = 0, shares = 0;
        AddEntry(group, yesTerms: false, delta, ref basis, ref shares);
        int no = _groups.NoTokenOf(group);
        if (no >= 0) AddEntry(no, yesTerms: true, delta, ref basis, ref shares);
        if (shares == 0) return null;
        return new Price((long)(basis * FixedPoint.Scale / shares));
    }

    private void AddEntry(int index, bool yesTerms, long groupDelta, ref Int128 basis, ref Int128 shares)
    {
        if ((uint)index >= (uint)_byIndex.Count || _byIndex[index] is not { IsFlat: false } p) return;
        long qty = p.Quantity.Raw;
        long equivalent = yesTerms ? -qty : qty;
        if (Math.Sign(equivalent) != Math.Sign(groupDelta)) return;
        long size = Math.Abs(qty);
        // A NO share's YES-equivalent entry is 1 − its price: basis in YES terms = size × 1 − NO basis.
        basis += yesTerms ? (Int128)size - p.CostBasis.Raw : p.CostBasis.Raw;
        shares += size;
    }

    private long PositionNet(int index) =>
        (uint)index < (uint)_byIndex.Count && _byIndex[index] is { } p ? p.NetPnl().Raw : 0;

    private long GroupMarkRaw(int group)
    {
        long mark = _marks.Raw(group);
        if (mark > 0) return mark;
        int no = _groups.NoTokenOf(group);
        long noMark = no >= 0 ? _marks.Raw(no) : 0;
        return noMark > 0 ? FixedPoint.Scale - noMark : 0;
    }

    /// <summary>The group's net P&amp;L before a change, needed only when the change may open the group from flat.</summary>
    private long NetPnlBeforeOpening(int instrument)
    {
        int group = _groups.GroupOf(instrument).Index;
        return _groups.DeltaRaw(group) == 0 ? GroupNetPnl(group).Raw : 0;
    }

    private void PositionChanged(int instrument, long oldRaw, Position position, DateTimeOffset at, long netBefore)
    {
        long newRaw = position.Quantity.Raw;
        if (newRaw == oldRaw) return;
        int group = _groups.GroupOf(instrument).Index;
        _groups.OnPositionChanged(instrument, oldRaw, newRaw, at.UtcTicks, netBefore, GroupMarkRaw(group));
    }

    /// <summary>Covers instruments the registry gained since; rebuilds the group aggregates if a mapping changed.</summary>
    private void Sync()
    {
        _marks.Grow(_instruments.Count);
        if (!_groups.Grow(_instruments)) return;
        // A NO token registered before its YES was its own group: count every position again under the final map.
        _groups.Clear();
        foreach (var p in Positions)
        {
            if (p.IsFlat) continue;
            int i = p.Instrument.Index;
            _groups.OnPositionChanged(i, 0, p.Quantity.Raw, p.OpenedAt?.UtcTicks ?? 0, 0, GroupMarkRaw(_groups.GroupOf(i).Index));
        }
    }
}
