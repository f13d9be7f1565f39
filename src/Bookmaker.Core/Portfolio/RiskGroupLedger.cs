using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The aggregates the portfolio keeps per <see cref="RiskGroup"/>, by index so every read is an array access: the
/// group delta (YES-equivalent shares), when it opened from flat or last flipped side, its exposure at the group mark,
/// and the group's net P&amp;L just before it opened (where its round trip started); with the totals over all groups
/// (net exposure, groups open). Changed only by <see cref="Portfolio"/>, after every position change and mark.
/// </summary>
internal sealed class RiskGroupLedger
{
    private int[] _groupOf = [];
    private int[] _signOf = [];
    private int[] _noTokenOf = [];
    private GroupState[] _state = [];

    /// <summary>Instruments mapped.</summary>
    public int Count => _groupOf.Length;

    /// <summary>Σ group exposure, raw.</summary>
    public long NetExposureRaw { get; private set; }

    /// <summary>Groups with a non-zero delta.</summary>
    public int OpenGroups { get; private set; }

    /// <summary>
    /// Maps the instruments the registry gained. Returns true when an instrument mapped before changed group (a NO token
    /// registered before its YES): the caller must then rebuild the aggregates from the positions.
    /// </summary>
    public bool Grow(InstrumentRegistry instruments)
    {
        int n = instruments.Count, old = _groupOf.Length;
        if (n <= old) return false;
        Array.Resize(ref _groupOf, n);
        Array.Resize(ref _signOf, n);
        Array.Resize(ref _noTokenOf, n);
        Array.Resize(ref _state, n);
        for (int i = old; i < n; i++)
        {
            _groupOf[i] = i;
            _signOf[i] = 1;
            _noTokenOf[i] = -1;
        }

        bool remapped = false;
        for (int i = 0; i < n; i++)
        {
            if (instruments[i].Outcome is not { } links || !instruments.TryGet(links.Complement, out var complement)) continue;
            int yes = links.IsYes ? i : complement.Index;
            int sign = links.IsYes ? 1 : -1;
            if (!links.IsYes) _noTokenOf[yes] = i;
            if (_groupOf[i] == yes && _signOf[i] == sign) continue;
            remapped |= i < old;
            _groupOf[i] = yes;
            _signOf[i] = sign;
        }

        return remapped;
    }

    /// <summary>Forgets every aggregate (before a rebuild from the positions).</summary>
    public void Clear()
    {
        Array.Clear(_state);
        NetExposureRaw = 0;
        OpenGroups = 0;
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

    /// <summary>
    /// A position of <paramref name="instrument"/> went from <paramref name="oldRaw"/> to <paramref name="newRaw"/> at
    /// <paramref name="atTicks"/>. <paramref name="netPnlBeforeRaw"/> is the group's net P&amp;L before the change
    /// (used when the group opens from flat); <paramref name="groupMarkRaw"/> values the new delta.
    /// </summary>
    public void OnPositionChanged(int instrument, long oldRaw, long newRaw, long atTicks, long netPnlBeforeRaw, long groupMarkRaw)
    {
        int group = _groupOf[instrument];
        ref var s = ref _state[group];
        long before = s.DeltaRaw;
        long after = checked(before + (newRaw - oldRaw) * _signOf[instrument]);
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

        Revalue(group, groupMarkRaw);
    }

    /// <summary>Values the group's delta at a new group mark and keeps the net exposure in step.</summary>
    public void Revalue(int group, long groupMarkRaw)
    {
        ref var s = ref _state[group];
        long exposure = FixedPoint.MultiplyScaled(s.DeltaRaw, groupMarkRaw, MidpointRounding.AwayFromZero);
        NetExposureRaw += exposure - s.ExposureRaw;
        s.ExposureRaw = exposure;
    }

    private struct GroupState
    {
        public long DeltaRaw;
        public long OpenedAtTicks;
        public long ExposureRaw;
        public long RoundTripStartRaw;
    }
}
