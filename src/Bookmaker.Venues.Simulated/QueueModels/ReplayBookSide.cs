namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// One side of the recorded L2 book, best first, in parallel sorted arrays (prices, sizes, and the size our virtual
/// aggressive fills have consumed). Prediction-market and crypto books have tens to hundreds of levels, so a binary
/// search plus a shift beats a tree and allocates nothing once the arrays have grown.
/// </summary>
internal sealed class ReplayBookSide
{
    private readonly bool _descending;
    private long[] _prices;
    private long[] _sizes;
    private long[] _consumed;

    public ReplayBookSide(bool descending, int capacity)
    {
        _descending = descending;
        _prices = new long[capacity];
        _sizes = new long[capacity];
        _consumed = new long[capacity];
    }

    public int Count { get; private set; }

    public long PriceAt(int i) => _prices[i];

    public long SizeAt(int i) => _sizes[i];

    /// <summary>Displayed size minus what we consumed virtually.</summary>
    public long AvailableAt(int i) => Math.Max(0, _sizes[i] - _consumed[i]);

    public void Consume(int i, long quantity) => _consumed[i] += quantity;

    public void Clear() => Count = 0;

    /// <summary>Index of <paramref name="price"/>, or the bitwise complement of its insertion point.</summary>
    public int Find(long price)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long p = _prices[mid];
            if (p == price) return mid;
            bool before = _descending ? p > price : p < price;
            if (before) lo = mid + 1;
            else hi = mid - 1;
        }

        return ~lo;
    }

    public long SizeAtPrice(long price)
    {
        int i = Find(price);
        return i >= 0 ? _sizes[i] : 0;
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
            long previous = _sizes[i];
            if (size <= 0)
            {
                RemoveAt(i);
                return previous;
            }

            if (size < previous) _consumed[i] = Math.Max(0, _consumed[i] - (previous - size));
            _sizes[i] = size;
            return previous;
        }

        if (size <= 0) return 0;
        int at = ~i;
        if (Count == _prices.Length) Grow();
        Array.Copy(_prices, at, _prices, at + 1, Count - at);
        Array.Copy(_sizes, at, _sizes, at + 1, Count - at);
        Array.Copy(_consumed, at, _consumed, at + 1, Count - at);
        _prices[at] = price;
        _sizes[at] = size;
        _consumed[at] = 0;
        Count++;
        return 0;
    }

    /// <summary>Appends a level during a snapshot rebuild (levels arrive best first); unordered input is inserted.</summary>
    public void Load(long price, long size)
    {
        if (size <= 0) return;
        bool inOrder = Count == 0 || (_descending ? price < _prices[Count - 1] : price > _prices[Count - 1]);
        if (!inOrder)
        {
            Set(price, size);
            return;
        }

        if (Count == _prices.Length) Grow();
        _prices[Count] = price;
        _sizes[Count] = size;
        _consumed[Count] = 0;
        Count++;
    }

    private void RemoveAt(int i)
    {
        int tail = Count - i - 1;
        Array.Copy(_prices, i + 1, _prices, i, tail);
        Array.Copy(_sizes, i + 1, _sizes, i, tail);
        Array.Copy(_consumed, i + 1, _consumed, i, tail);
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
