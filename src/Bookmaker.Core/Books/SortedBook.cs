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
/// change and the best price, and best bid/ask is a read of the last slot — O(1). Search is O(log n). The levels sit
/// in a floating window of the arrays, so a change near the worst end shifts only the few levels worse than it.</para>
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
            int last = _bids.Last;
            return _bids.Count == 0 ? default : new BookLevel(new Price(_bids.Keys[last]), new Quantity(_bids.Sizes[last]));
        }
    }

    /// <inheritdoc />
    public override BookLevel BestAsk
    {
        get
        {
            int last = _asks.Last;
            return _asks.Count == 0 ? default : new BookLevel(new Price(-_asks.Keys[last]), new Quantity(_asks.Sizes[last]));
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
        int j = ladder.Last;
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
        _bids.Clear();
        _asks.Clear();
    }

    /// <summary>
    /// One side: keys ascending, best at the end, in the window <c>[Start, Start + Count)</c> of the arrays. The window
    /// floats: an insert or remove shifts whichever part is shorter — the levels better than the change (the frequent
    /// case near the top) or the levels worse than it (a full-depth diff stream also churns the far end of the book,
    /// where shifting the better part would move nearly every level).
    /// </summary>
    private sealed class Ladder
    {
        private const int TopWindow = 32;

        public long[] Keys;
        public long[] Sizes;
        public int Start;
        public int Count;

        public Ladder(int capacity)
        {
            Keys = new long[capacity];
            Sizes = new long[capacity];
            Start = capacity / 2;
        }

        /// <summary>Array index of the best level (valid when <see cref="Count"/> &gt; 0).</summary>
        public int Last => Start + Count - 1;

        public void Clear()
        {
            Count = 0;
            Start = Keys.Length / 2;
        }

        /// <summary>Array index of <paramref name="key"/>, or the bitwise complement of its insertion point.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(long key)
        {
            long[] keys = Keys;
            int count = Count;
            int start = Start;
            if (count == 0) return ~start;
            // Most traffic touches the top of the book, which sits at the end: search the top window first.
            int lo = count > TopWindow ? start + count - TopWindow : start;
            int len = start + count - lo;
            if (key < keys[lo])
            {
                len = lo - start;
                lo = start;
                if (len == 0) return ~start;
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

                int below = i - Start;
                int above = Start + Count - 1 - i;
                if (below < above)
                {
                    Array.Copy(Keys, Start, Keys, Start + 1, below);
                    Array.Copy(Sizes, Start, Sizes, Start + 1, below);
                    Start++;
                }
                else if (above > 0)
                {
                    Array.Copy(Keys, i + 1, Keys, i, above);
                    Array.Copy(Sizes, i + 1, Sizes, i, above);
                }

                Count--;
                return;
            }

            if (size == 0) return;
            int at = ~i;
            if (!Room(at - Start < Start + Count - at))
            {
                int offset = at - Start;
                Recenter();
                at = Start + offset;
            }

            int before = at - Start;
            int after = Start + Count - at;
            if (Start > 0 && (before < after || Start + Count == Keys.Length))
            {
                // The new level goes just below slot at: the worse levels move down one.
                Array.Copy(Keys, Start, Keys, Start - 1, before);
                Array.Copy(Sizes, Start, Sizes, Start - 1, before);
                Start--;
                at--;
            }
            else
            {
                Array.Copy(Keys, at, Keys, at + 1, after);
                Array.Copy(Sizes, at, Sizes, at + 1, after);
            }

            Keys[at] = key;
            Sizes[at] = size;
            Count++;
        }

        // Whether the preferred side (below = the worse end) has a free slot.
        private bool Room(bool below) => below ? Start > 0 : Start + Count < Keys.Length;

        // Puts the window in the middle again, doubling the arrays when it fills more than half (warm-up only).
        private void Recenter()
        {
            long[] keys = Keys, sizes = Sizes;
            if (Count * 2 > Keys.Length)
            {
                keys = new long[Keys.Length * 2];
                sizes = new long[Sizes.Length * 2];
            }

            int start = (keys.Length - Count) / 2;
            Array.Copy(Keys, Start, keys, start, Count);
            Array.Copy(Sizes, Start, sizes, start, Count);
            Keys = keys;
            Sizes = sizes;
            Start = start;
        }
    }
}
