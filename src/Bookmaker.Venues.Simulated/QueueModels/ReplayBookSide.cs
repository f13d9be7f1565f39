namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// One side of the recorded L2 book, indexed best first, in parallel sorted arrays (prices, sizes, and the size our
/// virtual aggressive fills have consumed). Prediction-market and crypto books have tens to thousands of levels, so a
/// binary search plus a shift beats a tree and allocates nothing once the arrays have grown. The arrays hold the levels
/// worst first (index <c>i</c> is slot <c>Count − 1 − i</c>), so the frequent changes near the top of the book shift
/// only the few levels better than them, not the whole book. The slots sit in a floating window of the arrays (slot
/// <c>s</c> is element <c>_start + s</c>): a change near the worst end shifts the few levels worse than it instead, which
/// a full-depth diff stream (Binance <c>depth@0ms</c>) does as often as it touches the top.
/// </summary>
internal sealed class ReplayBookSide
{
    private const int TopWindow = 32;

    private readonly bool _descending;
    private long[] _prices;
    private long[] _sizes;
    private long[] _consumed;
    private int _start;

    // True between Clear and EndLoad while every loaded level came in order: the slots are then best first.
    private bool _loadedBestFirst;

    public ReplayBookSide(bool descending, int capacity)
    {
        _descending = descending;
        _prices = new long[capacity];
        _sizes = new long[capacity];
        _consumed = new long[capacity];
        _start = capacity / 2;
    }

    public int Count { get; private set; }

    public long PriceAt(int i) => _prices[_start + Count - 1 - i];

    public long SizeAt(int i) => _sizes[_start + Count - 1 - i];

    /// <summary>Displayed size minus what we consumed virtually.</summary>
    public long AvailableAt(int i)
    {
        int slot = _start + Count - 1 - i;
        return Math.Max(0, _sizes[slot] - _consumed[slot]);
    }

    public void Consume(int i, long quantity) => _consumed[_start + Count - 1 - i] += quantity;

    public void Clear()
    {
        Count = 0;
        // Loading appends, so the window starts at the front of the arrays.
        _start = 0;
        _loadedBestFirst = true;
    }

    /// <summary>Index of <paramref name="price"/>, or the bitwise complement of its insertion point.</summary>
    public int Find(long price)
    {
        // Slots are worst first: ascending prices for bids, descending for asks. Negating the asks' prices makes both
        // ascending, so one branch-free lower bound serves both (a book of thousands of levels costs a dozen
        // mispredicted branches per search otherwise). Most changes are near the top, which sits at the end: the
        // last TopWindow slots are searched first.
        int count = Count;
        if (count == 0) return ~0;
        long[] prices = _prices;
        long sign = _descending ? 1 : -1;
        long key = sign * price;
        int first = _start;
        int lo = count > TopWindow ? count - TopWindow : 0;
        int len = count - lo;
        if (key < sign * prices[first + lo])
        {
            len = lo;
            lo = 0;
            if (len == 0) return ~count;
        }

        while (len > 1)
        {
            int half = len >> 1;
            lo = sign * prices[first + lo + half] <= key ? lo + half : lo;
            len -= half;
        }

        long at = sign * prices[first + lo];
        if (at == key) return count - 1 - lo;
        // Slot `slot` is where it would go; the count − slot slots from there on are better, so that is its index.
        int slot = at < key ? lo + 1 : lo;
        return ~(count - slot);
    }

    public long SizeAtPrice(long price)
    {
        int i = Find(price);
        return i >= 0 ? _sizes[_start + Count - 1 - i] : 0;
    }

    /// <summary>
    /// Sets a level's displayed size (zero removes it) and returns the previous size. When the level shrinks, the drop
    /// is assumed to come out of the part we had consumed first (our virtual take sat at the front, where the recorded
    /// trades and cancels that follow also land), so consumption never outlives the liquidity it stood for.
    /// </summary>
    public long Set(long price, long size)
    {
        int i = Find(price);
        if (i >= 0)
        {
            int slot = _start + Count - 1 - i;
            long previous = _sizes[slot];
            if (size <= 0)
            {
                RemoveSlot(slot - _start);
                return previous;
            }

            if (size < previous) _consumed[slot] = Math.Max(0, _consumed[slot] - (previous - size));
            _sizes[slot] = size;
            return previous;
        }

        if (size <= 0) return 0;
        InsertSlot(Count - ~i, price, size);
        return 0;
    }

    /// <summary>
    /// Adds a level during a snapshot rebuild, between <see cref="Clear"/> and <see cref="EndLoad"/> (levels arrive best
    /// first); unordered input is inserted as by <see cref="Set"/>.
    /// </summary>
    public void Load(long price, long size)
    {
        if (size <= 0) return;
        if (_loadedBestFirst)
        {
            int end = _start + Count;
            bool appendable = Count == 0 || (_descending ? price < _prices[end - 1] : price > _prices[end - 1]);
            if (appendable)
            {
                if (end == _prices.Length)
                {
                    Recenter();
                    end = _start + Count;
                }

                _prices[end] = price;
                _sizes[end] = size;
                _consumed[end] = 0;
                Count++;
                return;
            }

            EndLoad();
        }

        bool inOrder = Count == 0 || (_descending ? price < _prices[_start] : price > _prices[_start]);
        if (inOrder) InsertSlot(0, price, size);
        else Set(price, size);
    }

    /// <summary>Ends a snapshot rebuild: the loaded levels take their worst-first layout.</summary>
    public void EndLoad()
    {
        if (!_loadedBestFirst) return;
        _loadedBestFirst = false;
        Array.Reverse(_prices, _start, Count);
        Array.Reverse(_sizes, _start, Count);
        Array.Reverse(_consumed, _start, Count);
    }

    // at and slot are window-relative; the shorter side of the window moves.
    private void InsertSlot(int at, long price, long size)
    {
        bool below = at < Count - at;
        if (below ? _start == 0 : _start + Count == _prices.Length) Recenter();
        int first = _start;
        if (_start > 0 && (below || _start + Count == _prices.Length))
        {
            // The worse slots move down one; the new level takes the slot just below at.
            Array.Copy(_prices, first, _prices, first - 1, at);
            Array.Copy(_sizes, first, _sizes, first - 1, at);
            Array.Copy(_consumed, first, _consumed, first - 1, at);
            _start--;
        }
        else
        {
            int move = Count - at;
            Array.Copy(_prices, first + at, _prices, first + at + 1, move);
            Array.Copy(_sizes, first + at, _sizes, first + at + 1, move);
            Array.Copy(_consumed, first + at, _consumed, first + at + 1, move);
        }

        int e = _start + at;
        _prices[e] = price;
        _sizes[e] = size;
        _consumed[e] = 0;
        Count++;
    }

    private void RemoveSlot(int slot)
    {
        int tail = Count - slot - 1;
        if (slot < tail)
        {
            Array.Copy(_prices, _start, _prices, _start + 1, slot);
            Array.Copy(_sizes, _start, _sizes, _start + 1, slot);
            Array.Copy(_consumed, _start, _consumed, _start + 1, slot);
            _start++;
        }
        else
        {
            int e = _start + slot;
            Array.Copy(_prices, e + 1, _prices, e, tail);
            Array.Copy(_sizes, e + 1, _sizes, e, tail);
            Array.Copy(_consumed, e + 1, _consumed, e, tail);
        }

        Count--;
    }

    // Puts the window in the middle again, doubling the arrays when it fills more than half (warm-up only).
    private void Recenter()
    {
        long[] prices = _prices, sizes = _sizes, consumed = _consumed;
        if (Count * 2 >= _prices.Length)
        {
            int n = Math.Max(8, _prices.Length * 2);
            prices = new long[n];
            sizes = new long[n];
            consumed = new long[n];
        }

        int start = (prices.Length - Count) / 2;
        Array.Copy(_prices, _start, prices, start, Count);
        Array.Copy(_sizes, _start, sizes, start, Count);
        Array.Copy(_consumed, _start, consumed, start, Count);
        _prices = prices;
        _sizes = sizes;
        _consumed = consumed;
        _start = start;
    }
}
