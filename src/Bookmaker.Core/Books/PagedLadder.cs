using System.Runtime.CompilerServices;

namespace Bookmaker.Core.Books;

/// <summary>
/// One side of a price-sorted book held in pages of up to <see cref="PageSize"/> levels: keys ascending with the best
/// level last (a caller negates ask prices), each key with a value of type <typeparamref name="TValue"/>. Finding a
/// level is two short binary searches (over the pages' first keys, then inside one page); an insert or remove shifts
/// only the rest of its page, never the rest of the book.
/// </summary>
/// <remarks>
/// <para>Why pages: a full-depth diff stream (Binance <c>depth@0ms</c>) keeps thousands of levels per side and
/// inserts and removes all through them, so a flat sorted array shifts hundreds of levels per change. Here a change
/// moves at most one page; a full page splits in two, an emptied page is dropped and a nearly empty one merges into a
/// neighbour, which moves a few page numbers rather than levels.</para>
/// <para>Positions are handles: <c>page × PageSize + offset</c> into flat arrays. A handle stays valid until the next
/// insert or remove. The arrays grow (doubling) only when every page is in use — warm-up only — so a steady book
/// allocates nothing. Single-threaded like the books that use it.</para>
/// </remarks>
/// <typeparam name="TValue">What each level carries (its size; a replay book also what was consumed of it).</typeparam>
public sealed class PagedLadder<TValue>
    where TValue : unmanaged
{
    /// <summary>Most levels one page holds.</summary>
    public const int PageSize = 64;

    private const int PageShift = 6;
    private const int OffsetMask = PageSize - 1;

    // A page under a quarter full merges with a neighbour when both fit in three quarters of a page, so a split page
    // (two halves) does not merge straight back and pages stay dense enough for the first-key search to stay short.
    private const int MergeBelow = PageSize / 4;
    private const int MergedAtMost = PageSize * 3 / 4;

    private long[] _keys;
    private TValue[] _values;
    private int[] _counts;
    private int[] _positionOf;
    private int[] _order;
    private long[] _firstKeys;
    private int[] _free;
    private int _freeCount;
    private int _pageCount;

    // The slot the last change landed on, or −1: venues list a message's levels in price order, so the next change is
    // usually the neighbouring level, found with two compares instead of two binary searches. Always a live slot.
    private int _finger = -1;

    /// <summary>Creates an empty ladder with room for about <paramref name="initialCapacity"/> levels.</summary>
    public PagedLadder(int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        // Split pages are half full, so room for twice the levels in pages before the first growth.
        int pages = Math.Max(2, (initialCapacity * 2 + PageSize - 1) / PageSize);
        _keys = new long[pages * PageSize];
        _values = new TValue[pages * PageSize];
        _counts = new int[pages];
        _positionOf = new int[pages];
        _order = new int[pages];
        _firstKeys = new long[pages];
        _free = new int[pages];
        FreeAll();
    }

    /// <summary>Number of levels.</summary>
    public int Count { get; private set; }

    /// <summary>Handle of the best (last, highest-key) level, or −1 when empty.</summary>
    public int Last
    {
        get
        {
            if (_pageCount == 0) return -1;
            int page = _order[_pageCount - 1];
            return (page << PageShift) + _counts[page] - 1;
        }
    }

    /// <summary>The key at <paramref name="handle"/>.</summary>
    public long KeyAt(int handle) => _keys[handle];

    /// <summary>The value at <paramref name="handle"/>, by reference (writable).</summary>
    public ref TValue ValueAt(int handle) => ref _values[handle];

    /// <summary>Handle of the next worse (lower-key) level than <paramref name="handle"/>, or −1 at the worst.</summary>
    public int Previous(int handle)
    {
        if ((handle & OffsetMask) != 0) return handle - 1;
        int position = _positionOf[handle >> PageShift];
        if (position == 0) return -1;
        int page = _order[position - 1];
        return (page << PageShift) + _counts[page] - 1;
    }

    /// <summary>Handle of <paramref name="key"/>, or −1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key) => Locate(key, out _, out int slot) ? slot : -1;

    /// <summary>
    /// How many levels are better (higher-key) than <paramref name="key"/>: its rank from the best when present, else
    /// the bitwise complement of the rank it would take. Walks the pages above it (cheap near the top).
    /// </summary>
    public int RankOf(long key)
    {
        bool found = Locate(key, out int position, out int slot);
        if (position < 0) return ~0;
        int page = _order[position];
        int rank = _counts[page] - (slot - (page << PageShift)) - (found ? 1 : 0);
        for (int p = position + 1; p < _pageCount; p++) rank += _counts[_order[p]];
        return found ? rank : ~rank;
    }

    /// <summary>Handle of the level with <paramref name="rank"/> better levels (0 = best), or −1 past the worst.</summary>
    public int AtRank(int rank)
    {
        for (int position = _pageCount - 1; position >= 0; position--)
        {
            int page = _order[position];
            int count = _counts[page];
            if (rank < count) return (page << PageShift) + count - 1 - rank;
            rank -= count;
        }

        return -1;
    }

    /// <summary>
    /// The value of <paramref name="key"/>, inserting the level with a default value when absent
    /// (<paramref name="added"/> then true). The reference is valid until the next insert or remove.
    /// </summary>
    public ref TValue GetOrAdd(long key, out bool added)
    {
        int near = NearFinger(key);
        if (near >= 0)
        {
            added = false;
            return ref _values[near];
        }

        if (Locate(key, out int position, out int slot))
        {
            added = false;
            _finger = slot;
            return ref _values[slot];
        }

        added = true;
        // Insert first: it may grow the storage, and _values[Insert(…)] would read the old array before the index.
        int inserted = Insert(key, position, slot);
        return ref _values[inserted];
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Remove(long key)
    {
        int slot = NearFinger(key);
        if (slot < 0 && !Locate(key, out _, out slot)) return false;
        RemoveAt(slot);
        return true;
    }

    /// <summary>Removes the level at <paramref name="handle"/> (invalidates every handle).</summary>
    public void RemoveAt(int handle)
    {
        int page = handle >> PageShift;
        int start = page << PageShift;
        int offset = handle - start;
        int count = _counts[page] - 1;
        _finger = -1;
        Array.Copy(_keys, handle + 1, _keys, handle, count - offset);
        Array.Copy(_values, handle + 1, _values, handle, count - offset);
        _counts[page] = count;
        Count--;
        int position = _positionOf[page];
        if (count == 0)
        {
            DropPageAt(position);
            return;
        }

        if (offset == 0) _firstKeys[position] = _keys[start];
        if (count >= MergeBelow) return;
        if (position + 1 < _pageCount && count + _counts[_order[position + 1]] <= MergedAtMost) MergeNextInto(position);
        else if (position > 0 && count + _counts[_order[position - 1]] <= MergedAtMost) MergeNextInto(position - 1);
    }

    /// <summary>Removes every level (keeps the storage).</summary>
    public void Clear()
    {
        Count = 0;
        _pageCount = 0;
        _finger = -1;
        Array.Clear(_counts);
        FreeAll();
    }

    // The finger's slot or its neighbour in the same page when it holds key, else −1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NearFinger(long key)
    {
        int finger = _finger;
        if (finger < 0) return -1;
        long[] keys = _keys;
        long at = keys[finger];
        if (at == key) return finger;
        if (key < at)
        {
            if ((finger & OffsetMask) != 0 && keys[finger - 1] == key) return _finger = finger - 1;
        }
        else if ((finger & OffsetMask) + 1 < _counts[finger >> PageShift] && keys[finger + 1] == key)
        {
            return _finger = finger + 1;
        }

        return -1;
    }

    // Finds the page position whose range holds key (the last page whose first key is ≤ key, else the first page) and
    // the slot of key in it, or where it would be inserted. position is −1 when the ladder is empty.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Locate(long key, out int position, out int slot)
    {
        int pages = _pageCount;
        if (pages == 0)
        {
            position = -1;
            slot = 0;
            return false;
        }

        long[] firstKeys = _firstKeys;
        int lo = pages - 1;
        // Most traffic is at the top of the book, which is the last page.
        if (key < firstKeys[lo])
        {
            lo = 0;
            int length = pages - 1;
            while (length > 1)
            {
                int half = length >> 1;
                lo = firstKeys[lo + half] <= key ? lo + half : lo;
                length -= half;
            }
        }

        position = lo;
        int page = _order[lo];
        long[] keys = _keys;
        int at = page << PageShift;
        int span = _counts[page];
        // Branch-free lower bound (the JIT turns the select into a conditional move).
        while (span > 1)
        {
            int half = span >> 1;
            at = keys[at + half] <= key ? at + half : at;
            span -= half;
        }

        long found = keys[at];
        if (found == key)
        {
            slot = at;
            return true;
        }

        slot = found < key ? at + 1 : at;
        return false;
    }

    private int Insert(long key, int position, int slot)
    {
        if (position < 0)
        {
            int first = TakePageAt(0);
            slot = first << PageShift;
            _counts[first] = 0;
            position = 0;
        }

        int page = _order[position];
        int start = page << PageShift;
        int count = _counts[page];
        if (count == PageSize)
        {
            int offset = slot - start;
            if (offset == PageSize && position == _pageCount - 1)
            {
                // Appending past the top: a fresh page, so books loaded in order fill their pages.
                page = TakePageAt(position + 1);
                position++;
                start = page << PageShift;
                slot = start;
                count = 0;
            }
            else
            {
                const int half = PageSize / 2;
                int upper = TakePageAt(position + 1);
                int upperStart = upper << PageShift;
                Array.Copy(_keys, start + half, _keys, upperStart, PageSize - half);
                Array.Copy(_values, start + half, _values, upperStart, PageSize - half);
                _counts[page] = half;
                _counts[upper] = PageSize - half;
                _firstKeys[position + 1] = _keys[upperStart];
                count = half;
                if (offset > half)
                {
                    page = upper;
                    position++;
                    start = upperStart;
                    slot = upperStart + offset - half;
                    count = PageSize - half;
                }
            }
        }

        int move = start + count - slot;
        Array.Copy(_keys, slot, _keys, slot + 1, move);
        Array.Copy(_values, slot, _values, slot + 1, move);
        _keys[slot] = key;
        _values[slot] = default;
        _counts[page] = count + 1;
        if (slot == start) _firstKeys[position] = key;
        Count++;
        _finger = slot;
        return slot;
    }

    // Appends the page after position to the page at position and drops it.
    private void MergeNextInto(int position)
    {
        int left = _order[position];
        int right = _order[position + 1];
        int leftCount = _counts[left];
        int rightCount = _counts[right];
        Array.Copy(_keys, right << PageShift, _keys, (left << PageShift) + leftCount, rightCount);
        Array.Copy(_values, right << PageShift, _values, (left << PageShift) + leftCount, rightCount);
        _counts[left] = leftCount + rightCount;
        _counts[right] = 0;
        DropPageAt(position + 1);
    }

    // Takes a free page (growing the storage when none is left) and puts it at position in key order.
    private int TakePageAt(int position)
    {
        if (_freeCount == 0) Grow();
        int page = _free[--_freeCount];
        int after = _pageCount - position;
        Array.Copy(_order, position, _order, position + 1, after);
        Array.Copy(_firstKeys, position, _firstKeys, position + 1, after);
        _order[position] = page;
        _pageCount++;
        for (int p = position; p < _pageCount; p++) _positionOf[_order[p]] = p;
        return page;
    }

    private void DropPageAt(int position)
    {
        int page = _order[position];
        int after = _pageCount - position - 1;
        Array.Copy(_order, position + 1, _order, position, after);
        Array.Copy(_firstKeys, position + 1, _firstKeys, position, after);
        _pageCount--;
        for (int p = position; p < _pageCount; p++) _positionOf[_order[p]] = p;
        _free[_freeCount++] = page;
    }

    // Doubles the page storage; the new pages go on the free stack (warm-up only).
    private void Grow()
    {
        int pages = _counts.Length;
        int grown = pages * 2;
        Array.Resize(ref _keys, grown * PageSize);
        Array.Resize(ref _values, grown * PageSize);
        Array.Resize(ref _counts, grown);
        Array.Resize(ref _positionOf, grown);
        Array.Resize(ref _order, grown);
        Array.Resize(ref _firstKeys, grown);
        Array.Resize(ref _free, grown);
        for (int page = grown - 1; page >= pages; page--) _free[_freeCount++] = page;
    }

    // Every page free, lowest id on top of the stack.
    private void FreeAll()
    {
        _freeCount = 0;
        for (int page = _counts.Length - 1; page >= 0; page--) _free[_freeCount++] = page;
    }
}
