using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The venue's view of our perpetual positions as risk inputs — its mark price and our liquidation price per instrument
/// (Bybit's <c>position</c> stream) — and the gate's check <c>liquidation_distance</c>. One job: say whether the
/// liquidation price sits closer to the mark than the configured minimum. The venue's mark, not the ledger's mid, is the
/// reference: liquidation is triggered by the venue's mark. No liquidation price known (flat, a spot instrument, a venue
/// that does not state one) = no check. Allocation-free on the check path.
/// </summary>
internal sealed class LiquidationDistance
{
    private long[] _markRaw = [];
    private long[] _liquidationRaw = [];

    /// <summary>Sets the venue's mark of instrument <paramref name="index"/>.</summary>
    public void SetMark(int index, Price mark)
    {
        Grow(index);
        if (index >= 0) _markRaw[index] = mark.Raw;
    }

    /// <summary>Sets the liquidation price of our position on instrument <paramref name="index"/> (zero: none).</summary>
    public void SetLiquidation(int index, Price liquidation)
    {
        Grow(index);
        if (index >= 0) _liquidationRaw[index] = liquidation.Raw;
    }

    /// <summary>The venue's last mark (zero: none).</summary>
    public Price Mark(int index) => (uint)index < (uint)_markRaw.Length ? new Price(_markRaw[index]) : Price.Zero;

    /// <summary>The last liquidation price (zero: none).</summary>
    public Price Liquidation(int index) => (uint)index < (uint)_liquidationRaw.Length ? new Price(_liquidationRaw[index]) : Price.Zero;

    /// <summary>True when both are known and |mark − liquidation| &lt; <paramref name="minBps"/> of the mark (0 bps: never).</summary>
    public bool IsTooClose(int index, int minBps)
    {
        if (minBps <= 0 || (uint)index >= (uint)_markRaw.Length) return false;
        long mark = _markRaw[index], liquidation = _liquidationRaw[index];
        if (mark <= 0 || liquidation <= 0) return false;
        // distance / mark < bps / 10000, in integers (Int128: mark × 10000 cannot overflow).
        return (Int128)Math.Abs(mark - liquidation) * 10_000 < (Int128)mark * minBps;
    }

    private void Grow(int index)
    {
        if (index < _markRaw.Length) return;
        // On the rare first position update of an instrument, never on the check path.
        int size = Math.Max(index + 1, _markRaw.Length * 2);
        Array.Resize(ref _markRaw, size);
        Array.Resize(ref _liquidationRaw, size);
    }
}
