using Bookmaker.Core.Values;

namespace Bookmaker.Core.Books;

/// <summary>
/// An <see cref="OrderBook"/> for unbounded price ranges (crypto): each side is a <see cref="PagedLadder{TValue}"/> of
/// sizes keyed by price (bids) or negated price (asks), so both sides keep their best level last.
/// </summary>
/// <remarks>
/// <para>Best bid/ask is a read of the last page's last slot — O(1). Search is two short binary searches, the top
/// page first (most traffic is near the touch). An insert or remove shifts at most one page of levels, so books of
/// thousands of levels churned all through (Binance full-depth diffs) cost what a shallow book does.</para>
/// <para>Storage is pre-sized by <c>initialCapacity</c> and doubles when full (warm-up only), so steady-state updates
/// allocate nothing.</para>
/// </remarks>
public sealed class SortedBook : OrderBook
{
    private readonly PagedLadder<long> _bids;
    private readonly PagedLadder<long> _asks;

    /// <summary>Creates an empty book with room for <paramref name="initialCapacity"/> levels per side.</summary>
    public SortedBook(int initialCapacity = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _bids = new PagedLadder<long>(initialCapacity);
        _asks = new PagedLadder<long>(initialCapacity);
    }

    /// <inheritdoc />
    public override int BidLevelCount => _bids.Count;

    /// <inheritdoc />
    public override int AskLevelCount => _asks.Count;

    /// <inheritdoc />
    public override BookLevel BestBid
    {
        get
        {
            int last = _bids.Last;
            return last < 0 ? default : new BookLevel(new Price(_bids.KeyAt(last)), new Quantity(_bids.ValueAt(last)));
        }
    }

    /// <inheritdoc />
    public override BookLevel BestAsk
    {
        get
        {
            int last = _asks.Last;
            return last < 0 ? default : new BookLevel(new Price(-_asks.KeyAt(last)), new Quantity(_asks.ValueAt(last)));
        }
    }

    /// <inheritdoc />
    public override Quantity SizeAt(Side side, Price price)
    {
        if (price.Raw == long.MinValue) return Quantity.Zero;
        PagedLadder<long> ladder = side == Side.Buy ? _bids : _asks;
        int i = ladder.Find(side == Side.Buy ? price.Raw : -price.Raw);
        return i >= 0 ? new Quantity(ladder.ValueAt(i)) : Quantity.Zero;
    }

    /// <inheritdoc />
    public override int CopyDepth(Side side, Span<BookLevel> destination)
    {
        PagedLadder<long> ladder = side == Side.Buy ? _bids : _asks;
        long sign = side == Side.Buy ? 1 : -1;
        int n = Math.Min(destination.Length, ladder.Count);
        int j = ladder.Last;
        for (int k = 0; k < n; k++, j = ladder.Previous(j))
            destination[k] = new BookLevel(new Price(sign * ladder.KeyAt(j)), new Quantity(ladder.ValueAt(j)));
        return n;
    }

    /// <inheritdoc />
    protected override bool SetLevelCore(Side side, long priceRaw, long sizeRaw)
    {
        // long.MinValue has no negation; no venue quotes it.
        if (priceRaw == long.MinValue) return false;
        PagedLadder<long> ladder = side == Side.Buy ? _bids : _asks;
        long key = side == Side.Buy ? priceRaw : -priceRaw;
        if (sizeRaw == 0) ladder.Remove(key);
        else ladder.GetOrAdd(key, out _) = sizeRaw;
        return true;
    }

    /// <inheritdoc />
    protected override void ClearLevels()
    {
        _bids.Clear();
        _asks.Clear();
    }
}
