using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Wire;

/// <summary>
/// One side's levels of a decoded order-book message, in the order the venue sent them: a reusable buffer that grows
/// to the largest message seen and is then reused, so steady-state parsing allocates nothing.
/// </summary>
public sealed class BybitLevels
{
    private Price[] _prices = new Price[64];
    private Quantity[] _sizes = new Quantity[64];

    /// <summary>Number of levels decoded.</summary>
    public int Count { get; private set; }

    /// <summary>The decoded prices (first <see cref="Count"/>).</summary>
    public ReadOnlySpan<Price> Prices => _prices.AsSpan(0, Count);

    /// <summary>The decoded absolute sizes (first <see cref="Count"/>; zero deletes the level).</summary>
    public ReadOnlySpan<Quantity> Sizes => _sizes.AsSpan(0, Count);

    /// <summary>Empties the buffer (keeps its capacity).</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends one level.</summary>
    public void Add(Price price, Quantity size)
    {
        if (Count == _prices.Length)
        {
            Array.Resize(ref _prices, Count * 2);
            Array.Resize(ref _sizes, Count * 2);
        }

        _prices[Count] = price;
        _sizes[Count] = size;
        Count++;
    }
}
