using System.Runtime.CompilerServices;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Books;

/// <summary>
/// An <see cref="OrderBook"/> for unbounded price ranges (crypto): each side is a pair of parallel sorted arrays
/// (prices, sizes) searched by binary search, with inserts and removes done by shifting.
/// </summary>
/// <remarks>
/// <para>Each side is stored so that its best level is the <em>last</em> element (bids ascending, asks as negated
/// prices ascending). Most traffic is near the top of the book, so a shift moves only the few levels between the
/// change and the best price, and best bid/ask is a read of the last slot — O(1). Search is O(log n).</para>
/// <para>Arrays are pre-sized by <c>initialCapacity</c>; they double when full (warm-up only), so steady-state
/// updates allocate nothing.</para>
/// </remarks>
public sealed class SortedBook : OrderBook
{
    private readonly Ladder _bids;
    private readonly Ladder _asks;

    /// <summary>Creates an empty book with room for <paramref name="initialCapacity"/> levels per side.</summary>
    public SortedBook(int initialCapacity = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _bids = new Ladder(initialCapacity);
        _asks = new Ladder(initialCapacity);
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
            int last = _bids.Count - 1;
            return last < 0 ? default : new BookLevel(new Price(_bids.Keys[last]), new Quantity(_bids.Sizes[last]));
        }
    }

    /// <inheritdoc />
    public override BookLevel BestAsk
    {
        get
        {
            int last = _asks.Count - 1;
            return last < 0 ? default : new BookLevel(new Price(-_asks.Keys[last]), new Quantity(_asks.Sizes[last]));
        }
    }

    /// <inheritdoc />
    public override Quantity SizeAt(Side side, Price price)
    {
        if (price.Raw == long.MinValue) return Quantity.Zero;
        Ladder ladder = side == Side.Buy ? _bids : _asks;
        int i = ladder.Find(side == Side.Buy ? price.Raw : -price.Raw);
        return i >= 0 ? new Quantity(ladder.Sizes[i]) : Quantity.Zero;
    }

    /// <inheritdoc />
    public override int CopyDepth(Side side, Span<BookLevel> destination)
    {
        Ladder ladder = side == Side.Buy ? _bids : _asks;
        long sign = side == Side.Buy ? 1 : -1;
        int n = Math.Min(destination.Length, ladder.Count);
        int j = ladder.Count - 1;
        for (int k = 0; k < n; k++, j--)
            destination[k] = new BookLevel(new Price(sign * ladder.Keys[j]), new Quantity(ladder.Sizes[j]));
        return n;
    }

    /// <inheritdoc />
    protected override bool SetLevelCore(Side side, long priceRaw, long sizeRaw)
    {
        // long.MinValue has no negation; no venue quotes it.
        if (priceRaw == long.MinValue) return false;
        if (side == Side.Buy) _bids.Set(priceRaw, sizeRaw);
        else _asks.Set(-priceRaw, sizeRaw);
        return true;
    }

    /// <inheritdoc />
    protected override void ClearLevels()
    {
        _bids.Count = 0;
        _asks.Count = 0;
    }

    /// <summary>One side: keys ascending, best at the end.</summary>
    private sealed class Ladder(int capacity)
    {
        private const int TopWindow = 32;

        public long[] Keys = new long[capacity];
        public long[] Sizes = new long[capacity];
        public int Count;

        /// <summary>Index of <paramref name="key"/>, or the bitwise complement of its insertion point.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(long key)
        {
            long[] keys = Keys;
            int count = Count;
            if (count == 0) return ~0;
            // Most traffic touches the top of the book, which sits at the end: search the top window first.
            int lo = count > TopWindow ? count - TopWindow : 0;
            int len = count - lo;
            if (key < keys[lo])
            {
                len = lo;
                lo = 0;
                if (len == 0) return ~0;
            }

            // Branch-free lower bound (the JIT turns the select into a conditional move).
            while (len > 1)
            {
                int half = len >> 1;
                lo = keys[lo + half] <= key ? lo + half : lo;
                len -= half;
            }

            long at = keys[lo];
            if (at == key) return lo;
            return at < key ? ~(lo + 1) : ~lo;
        }

        public void Set(long key, long size)
        {
            int i = Find(key);
            if (i >= 0)
            {
                if (size != 0)
                {
                    Sizes[i] = size;
                    return;
                }

                int tail = Count - i - 1;
                if (tail > 0)
                {
                    Array.Copy(Keys, i + 1, Keys, i, tail);
                    Array.Copy(Sizes, i + 1, Sizes, i, tail);
                }

                Count--;
                return;
            }

            if (size == 0) return;
            int at = ~i;
            if (Count == Keys.Length) Grow();
            int move = Count - at;
            if (move > 0)
            {
                Array.Copy(Keys, at, Keys, at + 1, move);
                Array.Copy(Sizes, at, Sizes, at + 1, move);
            }

            Keys[at] = key;
            Sizes[at] = size;
            Count++;
        }

        private void Grow()
        {
            Array.Resize(ref Keys, Keys.Length * 2);
            Array.Resize(ref Sizes, Sizes.Length * 2);
        }
    }
}
