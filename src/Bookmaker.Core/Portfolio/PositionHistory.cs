using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The ledger's memory of how each position came to be: every fill applied (identified by order id and trade id, so the
/// same fill twice is applied once) and every reconciliation adjustment, per instrument in order. A reversed fill
/// (Polymarket trade FAILED) is taken out by rebuilding the position from the other steps. Owned by
/// <see cref="Portfolio"/>, on the event loop.
/// </summary>
internal sealed class PositionHistory
{
    private readonly List<List<PositionStep>> _steps = [];
    private readonly HashSet<(ClientOrderId, string)> _applied = [];

    /// <summary>Makes room for instrument indexes below <paramref name="count"/>.</summary>
    public void Grow(int count)
    {
        while (_steps.Count < count) _steps.Add([]);
    }

    /// <summary>Records <paramref name="fill"/> on instrument <paramref name="index"/>; false when it was applied before.</summary>
    public bool TryRecord(int index, Fill fill)
    {
        if (!_applied.Add((fill.OrderId, fill.TradeId))) return false;
        _steps[index].Add(PositionStep.Of(fill));
        return true;
    }

    /// <summary>Records a reconciliation adjustment on instrument <paramref name="index"/>.</summary>
    public void RecordAdjustment(int index, long adjustmentRaw, Price? adoptedAt, DateTimeOffset at) =>
        _steps[index].Add(PositionStep.Adjustment(adjustmentRaw, adoptedAt, at));

    /// <summary>True when the fill (order id, trade id) was applied, reversed or not.</summary>
    public bool WasApplied(Fill fill) => _applied.Contains((fill.OrderId, fill.TradeId));

    /// <summary>The applied fill on instrument <paramref name="index"/> with this trade id (any order), or null.</summary>
    public Fill? Find(int index, string tradeId)
    {
        if ((uint)index >= (uint)_steps.Count) return null;
        foreach (var step in _steps[index])
            if (step.Fill is { } f && string.Equals(f.TradeId, tradeId, StringComparison.Ordinal)) return f;
        return null;
    }

    /// <summary>
    /// Takes the applied fill matching <paramref name="fill"/> (order id and trade id) out of instrument
    /// <paramref name="index"/>'s steps and returns it (null when there is none). It stays known as applied, so a late
    /// copy is not applied again.
    /// </summary>
    public Fill? Remove(int index, Fill fill)
    {
        if ((uint)index >= (uint)_steps.Count) return null;
        var steps = _steps[index];
        int found = steps.FindIndex(s => s.Fill is { } f && f.OrderId == fill.OrderId && string.Equals(f.TradeId, fill.TradeId, StringComparison.Ordinal));
        if (found < 0) return null;
        Fill original = steps[found].Fill!;
        steps.RemoveAt(found);
        return original;
    }

    /// <summary>Rebuilds <paramref name="position"/> (already reset) from instrument <paramref name="index"/>'s steps.</summary>
    public void Replay(int index, Position position)
    {
        foreach (var step in _steps[index])
        {
            if (step.Fill is { } f) ApplyFill(position, f, f.Notional);
            else position.AdjustTo(new Quantity(checked(position.Quantity.Raw + step.AdjustmentRaw)), step.At, step.AdoptedAt);
        }
    }

    /// <summary>
    /// A fill into its position. A BUY whose fee was kept in shares adds only the shares received, at a basis of the
    /// notional less the fee's value: the fee is booked once, as a fee, and the average entry stays the fill price.
    /// </summary>
    public static void ApplyFill(Position position, Fill fill, Money notional)
    {
        if (fill.FeeShares.Raw > 0)
            position.Apply(fill.Side, fill.Price, fill.PositionSize, notional - fill.Fee, fill.Fee, fill.Rebate, fill.Timestamp, fill.FeeShares);
        else
            position.Apply(fill.Side, fill.Price, fill.Size, notional, fill.Fee, fill.Rebate, fill.Timestamp);
    }
}
