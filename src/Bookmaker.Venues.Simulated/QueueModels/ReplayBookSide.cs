namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// One side of the recorded L2 book, indexed best first, in parallel sorted arrays (prices, sizes, and the size our
/// virtual aggressive fills have consumed). Prediction-market and crypto books have tens to thousands of levels, so a
/// binary search plus a shift beats a tree and allocates nothing once the arrays have grown. The arrays hold the levels
/// worst first (index <c>i</c> is slot <c>Count − 1 − i</c>), so the frequent changes near the top of the book shift
/// only the few levels better than them, not the whole book.
/// </summary>
internal sealed class ReplayBookSide
{
    private readonly bool _descending;
    private long[] _prices;
    private long[] _sizes;
    private long[] _consumed;

    // True between Clear and EndLoad while every loaded level came in order: the slots are then best first.
    private bool _loadedBestFirst;

    public ReplayBookSide(bool descending, int capacity)
    {
        _descending = descending;
        _prices = new long[capacity];
        _sizes = new long[capacity];
        _consumed = new long[capacity];
    }

    public int Count { get; private set; }

    public long PriceAt(int i) => _prices[Count - 1 - i];

    public long SizeAt(int i) => _sizes[Count - 1 - i];

    /// <summary>Displayed size minus what we consumed virtually.</summary>
    public long AvailableAt(int i)
    {
        int slot = Count - 1 - i;
        return Math.Max(0, _sizes[slot] - _consumed[slot]);
    }

    public void Consume(int i, long quantity) => _consumed[Count - 1 - i] += quantity;

    public void Clear()
    {
        Count = 0;
        _loadedBestFirst = true;
    }

    /// <summary>Index of <paramref name="price"/>, or the bitwise complement of its insertion point.</summary>
    public int Find(long price)
    {
        // Slots are worst first: ascending prices for bids, descending for asks.
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long p = _prices[mid];
            if (p == price) return Count - 1 - mid;
            bool worse = _descending ? p < price : p > price;
            if (worse) lo = mid + 1;
            else hi = mid - 1;
        }

        // Slot lo is where it would go; the Count − lo slots from there on are better, so that is its index.
        return ~(Count - lo);
    }

    public long SizeAtPrice(long price)
    {
        int i = Find(price);
        return i >= 0 ? _sizes[Count - 1 - i] : 0;
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
            int slot = Count - 1 - i;
            long previous = _sizes[slot];
            if (size <= 0)
            {
                RemoveSlot(slot);
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
            bool appendable = Count == 0 || (_descending ? price < _prices[Count - 1] : price > _prices[Count - 1]);
            if (appendable)
            {
                if (Count == _prices.Length) Grow();
                _prices[Count] = price;
                _sizes[Count] = size;
                _consumed[Count] = 0;
                Count++;
                return;
            }

            EndLoad();
        }

        bool inOrder = Count == 0 || (_descending ? price < _prices[0] : price > _prices[0]);
        if (inOrder) InsertSlot(0, price, size);
        else Set(price, size);
    }

    /// <summary>Ends a snapshot rebuild: the loaded levels take their worst-first layout.</summary>
    public void EndLoad()
    {
        if (!_loadedBestFirst) return;
        _loadedBestFirst = false;
        Array.Reverse(_prices, 0, Count);
        Array.Reverse(_sizes, 0, Count);
        Array.Reverse(_consumed, 0, Count);
    }

    private void InsertSlot(int at, long price, long size)
    {
        if (Count == _prices.Length) Grow();
        Array.Copy(_prices, at, _prices, at + 1, Count - at);
        Array.Copy(_sizes, at, _sizes, at + 1, Count - at);
        Array.Copy(_consumed, at, _consumed, at + 1, Count - at);
        _prices[at] = price;
        _sizes[at] = size;
        _consumed[at] = 0;
        Count++;
    }

    private void RemoveSlot(int slot)
    {
        int tail = Count - slot - 1;
        Array.Copy(_prices, slot + 1, _prices, slot, tail);
        Array.Copy(_sizes, slot + 1, _sizes, slot, tail);
        Array.Copy(_consumed, slot + 1, _consumed, slot, tail);
        Count--;
    }

    private void Grow()
    {
        int n = Math.Max(8, _prices.Length * 2);
        Array.Resize(ref _prices, n);
        Array.Resize(ref _sizes, n);
        Array.Resize(ref _consumed, n);
    }
}
