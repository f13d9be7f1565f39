using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The venues' live order-price bands per instrument (Bybit's <c>buyLmt</c> / <c>sellLmt</c>): the gate's check
/// <c>price_band</c>. One job: hold the last limits an adapter published and judge a price against them. An instrument
/// with no band known (a venue without one, or before the first read) is not checked — the venue stays the judge then.
/// Allocation-free on the check path: two arrays indexed by the instrument's dense index.
/// </summary>
internal sealed class PriceBands
{
    private long[] _buyLimit = [];
    private long[] _sellLimit = [];

    /// <summary>Sets one side's limit of instrument <paramref name="index"/> (zero clears it).</summary>
    public void Set(int index, Side side, Price limit)
    {
        if (index < 0) return;
        if (index >= _buyLimit.Length)
        {
            // Grows on the rare publish of a new instrument's band, never on the check path.
            int size = Math.Max(index + 1, _buyLimit.Length * 2);
            Array.Resize(ref _buyLimit, size);
            Array.Resize(ref _sellLimit, size);
        }

        if (side == Side.Buy) _buyLimit[index] = limit.Raw;
        else _sellLimit[index] = limit.Raw;
    }

    /// <summary>The limit of one side (zero: none known).</summary>
    public Price Limit(int index, Side side)
    {
        if ((uint)index >= (uint)_buyLimit.Length) return Price.Zero;
        return new Price(side == Side.Buy ? _buyLimit[index] : _sellLimit[index]);
    }

    /// <summary>True when a buy above the buy limit or a sell below the sell limit; at the limit is inside.</summary>
    public bool IsOutside(OrderRequest order, int index)
    {
        if ((uint)index >= (uint)_buyLimit.Length) return false;
        // A market order carries its worst acceptable price: past the band the venue would refuse or not fill it either.
        long price = order.Price.Raw;
        if (price <= 0) return false;
        if (order.Side == Side.Buy) return _buyLimit[index] > 0 && price > _buyLimit[index];
        return _sellLimit[index] > 0 && price < _sellLimit[index];
    }
}
