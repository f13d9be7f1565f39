using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The aggregates the portfolio keeps per <see cref="RiskGroup"/>, by index so every read is an array access: the
/// group delta (YES-equivalent shares), when it opened from flat or last flipped side, its exposure at the group mark,
/// and the group's net P&amp;L just before it opened (where its round trip started); the same group's unhedged part
/// (the delta less the complete neg-risk baskets held) with its own opening time and entry cost; and the totals over
/// all groups (net exposure, groups open). Changed only by <see cref="Portfolio"/>, after every position change and mark;
/// it reads the portfolio's positions (by instrument index) for a group's net P&amp;L and to rebuild itself.
/// </summary>
/// <remarks>
/// <para>Group mark: the YES token's mark, else 1 − the NO token's mark, else 0 (no mark); a crypto instrument's own.</para>
/// <para>Neg-risk events: the YES tokens sharing an <see cref="OutcomeLinks.NegRiskEventId"/>, when at least three
/// markets of it are registered (taken as the whole event). One YES of every outcome pays exactly $1 whatever
/// resolves, so the complete baskets held — the smallest group delta of the event, zero when any is not long — are
/// hedged and every member's unhedged delta is its delta less them.</para>
/// <para>The unhedged entry cost is a running average of the unhedged YES-equivalent position, trade by trade: a trade
/// that adds to it (or opens it) adds size × its YES price (a NO trade at p is a YES trade at 1 − p), one that reduces
/// it keeps the average, one that flips it restarts at the trade's price; a change without a trade of this group (an
/// adoption from the venue, a reversed fill, baskets completed or broken in another market of the event) keeps the
/// average when the side stays and restarts at the group mark otherwise.</para>
/// </remarks>
internal sealed class RiskGroupLedger(MarkBoard marks, List<Position?> positions)
{
    private int[] _groupOf = [];
    private int[] _signOf = [];
    private int[] _noTokenOf = [];
    private int[] _eventOf = [];
    private int[][] _eventMembers = [];
    private long[] _basketsRaw = [];
    private GroupState[] _state = [];

    /// <summary>Instruments mapped.</summary>
    public int Count => _groupOf.Length;

    /// <summary>Σ group exposure, raw.</summary>
    public long NetExposureRaw { get; private set; }

    /// <summary>Groups with a non-zero delta.</summary>
    public int OpenGroups { get; private set; }

    /// <summary>
    /// Maps the instruments the registry gained (groups, signs, neg-risk events). Returns true when an instrument mapped
    /// before changed group or event (say, a NO token registered before its YES): the caller must then rebuild the
    /// aggregates from the positions.
    /// </summary>
    public bool Grow(InstrumentRegistry instruments)
    {
        int n = instruments.Count, old = _groupOf.Length;
        if (n <= old) return false;
        Array.Resize(ref _groupOf, n);
        Array.Resize(ref _signOf, n);
        Array.Resize(ref _noTokenOf, n);
        Array.Resize(ref _state, n);
        var eventBefore = _eventOf;
        for (int i = old; i < n; i++)
        {
            _groupOf[i] = i;
            _signOf[i] = 1;
            _noTokenOf[i] = -1;
        }

        bool remapped = false;
        var events = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (instruments[i].Outcome is not { } links) continue;
            if (links.IsYes && links.NegRiskEventId is { } eventId)
            {
                if (!events.TryGetValue(eventId, out var members)) events.Add(eventId, members = []);
                members.Add(i);
            }

            if (!instruments.TryGet(links.Complement, out var complement)) continue;
            int yes = links.IsYes ? i : complement.Index;
            int sign = links.IsYes ? 1 : -1;
            if (!links.IsYes) _noTokenOf[yes] = i;
            if (_groupOf[i] == yes && _signOf[i] == sign) continue;
            remapped |= i < old;
            _groupOf[i] = yes;
            _signOf[i] = sign;
        }

        _eventOf = new int[n];
        Array.Fill(_eventOf, -1);
        var eventMembers = new List<int[]>();
        foreach (var members in events.Values)
        {
            if (members.Count < 3) continue;
            foreach (int g in members) _eventOf[g] = eventMembers.Count;
            eventMembers.Add([.. members]);
        }

        _eventMembers = [.. eventMembers];
        _basketsRaw = new long[_eventMembers.Length];
        for (int g = 0; g < old; g++) remapped |= eventBefore[g] != _eventOf[g] && (_eventOf[g] >= 0 || eventBefore[g] >= 0);
        return remapped;
    }

    /// <summary>
    /// What valuing the complete neg-risk baskets held at exactly $1 a basket changes against marking every outcome at
    /// its own mark, raw: Σ over events of baskets × (1 − Σ the members' group marks), rounded down (a valuation never
    /// flatters). Marks are bids or last prices, so an event's marks rarely sum to 1, and without this a basket bought
    /// below $1 — a locked-in profit — showed as a loss (and counted toward the daily loss limit). An event with an
    /// unmarked member adds nothing.
    /// </summary>
    public long CompleteBasketUpliftRaw()
    {
        long total = 0;
        for (int e = 0; e < _basketsRaw.Length; e++)
        {
            long baskets = _basketsRaw[e];
            if (baskets <= 0) continue;
            long marksSum = 0;
            foreach (int member in _eventMembers[e])
            {
                long mark = GroupMarkRaw(member);
                if (mark <= 0) { marksSum = -1; break; }
                marksSum += mark;
            }

            if (marksSum < 0) continue;
            total = checked(total + FixedPoint.MultiplyScaled(baskets, FixedPoint.Scale - marksSum, MidpointRounding.ToNegativeInfinity));
        }

        return total;
    }

    /// <summary>Forgets every aggregate (before a rebuild from the positions).</summary>
    public void Clear()
    {
        Array.Clear(_state);
        Array.Clear(_basketsRaw);
        NetExposureRaw = 0;
        OpenGroups = 0;
    }

    /// <summary>
    /// Counts every open position again under the current map (a NO token registered before its YES was its own group,
    /// or an event gained members). Opening times and entries are then those of the positions themselves.
    /// </summary>
    public void Rebuild()
    {
        Clear();
        foreach (var p in positions)
        {
            if (p is null || p.IsFlat) continue;
            OnPositionChanged(p.Instrument.Index, 0, p.Quantity.Raw, p.OpenedAt?.UtcTicks ?? 0, 0, p.AverageCost?.Raw ?? 0);
        }
    }

    /// <summary>Net P&amp;L (realized + unrealized at the marks − fees + rebates) of every position of a group, raw.</summary>
    public long NetPnlRaw(int group)
    {
        long total = PositionNet(group);
        int no = NoTokenOf(group);
        if (no >= 0) total += PositionNet(no);
        return total;
    }

    /// <summary>Average entry of the unhedged delta in YES terms, raw; null while it is flat.</summary>
    public long? UnhedgedAverageEntryRaw(int group)
    {
        long unhedged = UnhedgedRaw(group);
        if (unhedged == 0) return null;
        return (long)((Int128)UnhedgedEntryCostRaw(group) * FixedPoint.Scale / Math.Abs(unhedged));
    }

    /// <summary>The group of an instrument (its own index when unmapped).</summary>
    public RiskGroup GroupOf(int instrument) =>
        (uint)instrument < (uint)_groupOf.Length ? new RiskGroup(_groupOf[instrument], _signOf[instrument]) : new RiskGroup(instrument, 1);

    /// <summary>The NO token of a binary group, −1 for any other group.</summary>
    public int NoTokenOf(int group) => (uint)group < (uint)_noTokenOf.Length ? _noTokenOf[group] : -1;

    /// <summary>Group delta, raw YES-equivalent shares.</summary>
    public long DeltaRaw(int group) => (uint)group < (uint)_state.Length ? _state[group].DeltaRaw : 0;

    /// <summary>UTC ticks at which the group opened from flat or last flipped side; 0 while flat.</summary>
    public long OpenedAtTicks(int group) => (uint)group < (uint)_state.Length ? _state[group].OpenedAtTicks : 0;

    /// <summary>Group delta × group mark, raw (rounded away from zero).</summary>
    public long ExposureRaw(int group) => (uint)group < (uint)_state.Length ? _state[group].ExposureRaw : 0;

    /// <summary>The group's net P&amp;L just before it last opened from flat, raw.</summary>
    public long RoundTripStartRaw(int group) => (uint)group < (uint)_state.Length ? _state[group].RoundTripStartRaw : 0;

    /// <summary>The group delta less the complete baskets of its neg-risk event held, raw (the delta outside an event).</summary>
    public long UnhedgedRaw(int group) => (uint)group < (uint)_state.Length ? _state[group].UnhedgedRaw : 0;

    /// <summary>UTC ticks at which the unhedged delta opened from flat or last flipped side; 0 while it is flat.</summary>
    public long UnhedgedOpenedAtTicks(int group) => (uint)group < (uint)_state.Length ? _state[group].UnhedgedOpenedAtTicks : 0;

    /// <summary>Entry cost of the unhedged delta in YES terms (|unhedged| × average entry, ≥ 0), raw.</summary>
    public long UnhedgedEntryCostRaw(int group) => (uint)group < (uint)_state.Length ? _state[group].UnhedgedEntryCostRaw : 0;

    /// <summary>The group mark, raw: the YES token's mark, else 1 − the NO token's mark, else 0.</summary>
    public long GroupMarkRaw(int group)
    {
        long mark = marks.Raw(group);
        if (mark > 0) return mark;
        int no = NoTokenOf(group);
        long noMark = no >= 0 ? marks.Raw(no) : 0;
        return noMark > 0 ? FixedPoint.Scale - noMark : 0;
    }

    /// <summary>
    /// A position of <paramref name="instrument"/> went from <paramref name="oldRaw"/> to <paramref name="newRaw"/> at
    /// <paramref name="atTicks"/>, by a trade at <paramref name="tradePriceRaw"/> (0: no trade — an adjustment or a
    /// reversal). <paramref name="netPnlBeforeRaw"/> is the group's net P&amp;L before the change (used when the group
    /// opens from flat).
    /// </summary>
    public void OnPositionChanged(int instrument, long oldRaw, long newRaw, long atTicks, long netPnlBeforeRaw, long tradePriceRaw)
    {
        int group = _groupOf[instrument];
        int sign = _signOf[instrument];
        ref var s = ref _state[group];
        long before = s.DeltaRaw;
        long after = checked(before + (newRaw - oldRaw) * sign);
        s.DeltaRaw = after;
        if (before == 0 && after != 0)
        {
            OpenGroups++;
            s.OpenedAtTicks = atTicks;
            s.RoundTripStartRaw = netPnlBeforeRaw;
        }
        else if (before != 0 && after == 0)
        {
            OpenGroups--;
            s.OpenedAtTicks = 0;
        }
        else if (before != 0 && Math.Sign(before) != Math.Sign(after))
        {
            s.OpenedAtTicks = atTicks;
        }

        Revalue(group);
        long yesPrice = tradePriceRaw <= 0 ? 0 : sign > 0 ? tradePriceRaw : FixedPoint.Scale - tradePriceRaw;
        int e = _eventOf[group];
        if (e < 0)
        {
            MoveUnhedged(group, after, atTicks, yesPrice);
            return;
        }

        // A neg-risk member: the baskets of its event may change, and with them every member's unhedged delta.
        long baskets = Baskets(e);
        long basketsBefore = _basketsRaw[e];
        _basketsRaw[e] = baskets;
        MoveUnhedged(group, after - baskets, atTicks, yesPrice);
        if (baskets == basketsBefore) return;
        foreach (int member in _eventMembers[e])
            if (member != group) MoveUnhedged(member, _state[member].DeltaRaw - baskets, atTicks, 0);
    }

    /// <summary>Values the group's delta at its current group mark and keeps the net exposure in step.</summary>
    public void Revalue(int group)
    {
        ref var s = ref _state[group];
        long exposure = FixedPoint.MultiplyScaled(s.DeltaRaw, GroupMarkRaw(group), MidpointRounding.AwayFromZero);
        NetExposureRaw += exposure - s.ExposureRaw;
        s.ExposureRaw = exposure;
    }

    private long PositionNet(int index) =>
        (uint)index < (uint)positions.Count && positions[index] is { } p ? p.NetPnl().Raw : 0;

    private long Baskets(int e)
    {
        long baskets = long.MaxValue;
        foreach (int member in _eventMembers[e])
        {
            long delta = _state[member].DeltaRaw;
            if (delta <= 0) return 0;
            baskets = Math.Min(baskets, delta);
        }

        return baskets;
    }

    private void MoveUnhedged(int group, long after, long atTicks, long yesPrice)
    {
        ref var s = ref _state[group];
        long before = s.UnhedgedRaw;
        if (after == before) return;
        s.UnhedgedRaw = after;
        bool sameSide = before != 0 && after != 0 && Math.Sign(before) == Math.Sign(after);
        if (after == 0)
        {
            s.UnhedgedEntryCostRaw = 0;
            s.UnhedgedOpenedAtTicks = 0;
        }
        else if (!sameSide)
        {
            // Opened or flipped: the new side's entry is this trade's price (the group mark without a trade).
            s.UnhedgedEntryCostRaw = FixedPoint.MultiplyScaled(Math.Abs(after), yesPrice > 0 ? yesPrice : GroupMarkRaw(group), MidpointRounding.AwayFromZero);
            s.UnhedgedOpenedAtTicks = atTicks;
        }
        else if (Math.Abs(after) > Math.Abs(before) && yesPrice > 0)
        {
            s.UnhedgedEntryCostRaw += FixedPoint.MultiplyScaled(Math.Abs(after) - Math.Abs(before), yesPrice, MidpointRounding.AwayFromZero);
        }
        else
        {
            // Reduced, or resized without a trade: the remaining shares keep their average entry.
            s.UnhedgedEntryCostRaw = (long)((Int128)s.UnhedgedEntryCostRaw * Math.Abs(after) / Math.Abs(before));
        }
    }

    private struct GroupState
    {
        public long DeltaRaw;
        public long OpenedAtTicks;
        public long ExposureRaw;
        public long RoundTripStartRaw;
        public long UnhedgedRaw;
        public long UnhedgedOpenedAtTicks;
        public long UnhedgedEntryCostRaw;
    }
}
