using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The fills whose trades have not settled for good yet (MATCHED, MINED, RETRYING), per instrument: what part of a
/// position may be sold (a venue refuses to sell tokens that have not settled) and what the venue's own balance shows
/// (it moves only when a trade settles). A fill leaves this list when it is CONFIRMED or FAILED. Fills confirmed at once
/// (simulated venue, Bybit) never enter it, so for them every read is an empty loop.
/// </summary>
/// <remarks>Not thread-safe: the event loop owns it through the <see cref="Portfolio"/>.</remarks>
public sealed class PendingSettlements
{
    private readonly List<List<Entry>?> _byInstrument = [];
    private readonly Dictionary<(ClientOrderId, string), Entry> _byFill = [];

    /// <summary>Fills not yet settled for good.</summary>
    public int Count => _byFill.Count;

    /// <summary>Starts tracking a fill that is not final yet (a final state is ignored).</summary>
    public void Track(int instrumentIndex, Fill fill, SettlementState state)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (state.IsFinal() || _byFill.ContainsKey((fill.OrderId, fill.TradeId))) return;
        var entry = new Entry(instrumentIndex, fill, state);
        _byFill[(fill.OrderId, fill.TradeId)] = entry;
        while (_byInstrument.Count <= instrumentIndex) _byInstrument.Add(null);
        (_byInstrument[instrumentIndex] ??= []).Add(entry);
    }

    /// <summary>The state of a tracked fill, or null when it is not tracked (settled, reversed, or never pending).</summary>
    public SettlementState? StateOf(ClientOrderId orderId, string tradeId) =>
        _byFill.TryGetValue((orderId, tradeId), out var e) ? e.State : null;

    /// <summary>
    /// Moves a tracked fill to <paramref name="state"/>; a final state ends its tracking. Returns the state before, or
    /// null when the fill was not tracked. A MATCHED after a later rung is a late duplicate and changes nothing.
    /// </summary>
    public SettlementState? Move(ClientOrderId orderId, string tradeId, SettlementState state)
    {
        if (!_byFill.TryGetValue((orderId, tradeId), out var e)) return null;
        var before = e.State;
        if (state == SettlementState.Matched) return before;
        if (state.IsFinal())
        {
            Forget(orderId, tradeId);
            return before;
        }

        e.State = state;
        return before;
    }

    /// <summary>Stops tracking a fill (it was reversed or settled).</summary>
    public void Forget(ClientOrderId orderId, string tradeId)
    {
        if (!_byFill.Remove((orderId, tradeId), out var e)) return;
        _byInstrument[e.Instrument]!.Remove(e);
    }

    /// <summary>
    /// Bought shares of the instrument not yet sellable: bought by fills whose state is below <paramref name="sellableAt"/>
    /// (RETRYING is never sellable). Allocation-free.
    /// </summary>
    public Quantity UnsellableBought(int instrumentIndex, SettlementState sellableAt)
    {
        long raw = 0;
        if ((uint)instrumentIndex < (uint)_byInstrument.Count && _byInstrument[instrumentIndex] is { } list)
            foreach (var e in list)
                if (e.Fill.Side == Side.Buy && !Sellable(e.State, sellableAt)) raw += e.Fill.Size.Raw;
        return new Quantity(raw);
    }

    /// <summary>
    /// Net shares the venue's balance does not show yet: Σ unsettled buys − Σ unsettled sells (a balance moves when the
    /// trade settles). Allocation-free.
    /// </summary>
    public Quantity UnsettledNet(int instrumentIndex)
    {
        long raw = 0;
        if ((uint)instrumentIndex < (uint)_byInstrument.Count && _byInstrument[instrumentIndex] is { } list)
            foreach (var e in list)
                raw += e.Fill.Side == Side.Buy ? e.Fill.Size.Raw : -e.Fill.Size.Raw;
        return new Quantity(raw);
    }

    /// <summary>The unsettled fills, in no particular order (reports and the journal's recovery check).</summary>
    public IEnumerable<(Fill Fill, SettlementState State)> All()
    {
        foreach (var e in _byFill.Values) yield return (e.Fill, e.State);
    }

    // MINED counts as sellable only when configured so; RETRYING went back off chain and never does.
    private static bool Sellable(SettlementState state, SettlementState sellableAt) =>
        state == SettlementState.Confirmed || (sellableAt == SettlementState.Mined && state == SettlementState.Mined);

    private sealed class Entry(int instrument, Fill fill, SettlementState state)
    {
        public int Instrument { get; } = instrument;

        public Fill Fill { get; } = fill;

        public SettlementState State { get; set; } = state;
    }
}
