using System.Numerics;
using System.Runtime.CompilerServices;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Books;

/// <summary>
/// An <see cref="OrderBook"/> for a bounded price range (Polymarket outcome tokens: 0..1) stored as a ladder of slots
/// at a fixed fine resolution: a level update is an array write, O(1).
/// </summary>
/// <remarks>
/// <para>The ladder is indexed at the finest resolution the venue can ever use (1e-4 for Polymarket, finer than
/// any tick it publishes), not at the current tick, so a run-time tick change (0.01 → 0.001) needs no re-index:
/// <see cref="ChangeTick"/> only records the new tick.</para>
/// <para>Each side keeps a bitmap of occupied slots beside the sizes and the index of its best slot. Best bid/ask
/// is a field read; when the best level empties the next one is found by scanning the bitmap 64 slots per word
/// (≤ 157 words for 10,001 slots), so the worst case stays small and the common case is O(1).</para>
/// </remarks>
public sealed class TickLadderBook : OrderBook
{
    private readonly long _minRaw;
    private readonly long _resolutionRaw;
    private readonly int _slots;
    private readonly long[] _bidSizes;
    private readonly long[] _askSizes;
    private readonly ulong[] _bidBits;
    private readonly ulong[] _askBits;
    private int _bestBid = -1;
    private int _bestAsk = -1;
    private int _bidCount;
    private int _askCount;

    /// <summary>Creates a ladder covering <paramref name="minPrice"/>..<paramref name="maxPrice"/> at <paramref name="resolution"/>.</summary>
    /// <param name="minPrice">Lowest price a level may have.</param>
    /// <param name="maxPrice">Highest price a level may have.</param>
    /// <param name="resolution">Slot spacing: the finest tick the venue may ever switch to.</param>
    /// <param name="tick">The current tick (a multiple of <paramref name="resolution"/>).</param>
    public TickLadderBook(Price minPrice, Price maxPrice, Price resolution, Price tick)
    {
        if (resolution.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(resolution), "resolution must be positive");
        if (maxPrice <= minPrice) throw new ArgumentException("max price must be above min price", nameof(maxPrice));
        if ((maxPrice.Raw - minPrice.Raw) % resolution.Raw != 0) throw new ArgumentException("range must be a whole number of slots", nameof(maxPrice));
        long slots = (maxPrice.Raw - minPrice.Raw) / resolution.Raw + 1;
        if (slots > 1_000_000) throw new ArgumentException("ladder over 1,000,000 slots; use SortedBook", nameof(resolution));
        if (tick.Raw <= 0 || tick.Raw % resolution.Raw != 0) throw new ArgumentException("tick must be a positive multiple of the resolution", nameof(tick));
        _minRaw = minPrice.Raw;
        _resolutionRaw = resolution.Raw;
        _slots = (int)slots;
        _bidSizes = new long[_slots];
        _askSizes = new long[_slots];
        int words = (_slots + 63) >> 6;
        _bidBits = new ulong[words];
        _askBits = new ulong[words];
        MinPrice = minPrice;
        MaxPrice = maxPrice;
        Resolution = resolution;
        Tick = tick;
    }

    /// <summary>Polymarket resolution: 0.0001, finer than every tick the CLOB publishes (0.1, 0.01, 0.001, 0.0001).</summary>
    public static readonly Price ProbabilityResolution = new(100_000);

    /// <summary>A ladder for a prediction-market outcome token: prices 0..1 at 1e-4 resolution (10,001 slots).</summary>
    public static TickLadderBook ForProbability(Price tick) => new(Price.Zero, Price.One, ProbabilityResolution, tick);

    /// <summary>Lowest price the ladder holds.</summary>
    public Price MinPrice { get; }

    /// <summary>Highest price the ladder holds.</summary>
    public Price MaxPrice { get; }

    /// <summary>Slot spacing.</summary>
    public Price Resolution { get; }

    /// <summary>The venue's current tick (informational: levels are validated against the resolution).</summary>
    public Price Tick { get; private set; }

    /// <inheritdoc />
    public override int BidLevelCount => _bidCount;

    /// <inheritdoc />
    public override int AskLevelCount => _askCount;

    /// <inheritdoc />
    public override BookLevel BestBid => _bestBid < 0 ? default : Level(_bidSizes, _bestBid);

    /// <inheritdoc />
    public override BookLevel BestAsk => _bestAsk < 0 ? default : Level(_askSizes, _bestAsk);

    /// <summary>
    /// Records a venue tick change. The ladder needs no re-index; returns false (tick unchanged) when the new tick is
    /// not a positive multiple of <see cref="Resolution"/>, which would need a finer ladder.
    /// </summary>
    public bool ChangeTick(Price newTick)
    {
        if (newTick.Raw <= 0 || newTick.Raw % _resolutionRaw != 0) return false;
        Tick = newTick;
        return true;
    }

    /// <inheritdoc />
    public override Quantity SizeAt(Side side, Price price)
    {
        int i = IndexOf(price.Raw);
        if (i < 0) return Quantity.Zero;
        return new Quantity(side == Side.Buy ? _bidSizes[i] : _askSizes[i]);
    }

    /// <inheritdoc />
    public override int CopyDepth(Side side, Span<BookLevel> destination)
    {
        int n = 0;
        if (side == Side.Buy)
        {
            for (int i = _bestBid; i >= 0 && n < destination.Length; i = HighestAtOrBelow(_bidBits, i - 1))
                destination[n++] = Level(_bidSizes, i);
        }
        else
        {
            for (int i = _bestAsk; i >= 0 && n < destination.Length; i = LowestAtOrAbove(_askBits, i + 1))
                destination[n++] = Level(_askSizes, i);
        }

        return n;
    }

    /// <inheritdoc />
    protected override bool SetLevelCore(Side side, long priceRaw, long sizeRaw)
    {
        int i = IndexOf(priceRaw);
        if (i < 0) return false;
        if (side == Side.Buy) SetBid(i, sizeRaw);
        else SetAsk(i, sizeRaw);
        return true;
    }

    /// <inheritdoc />
    protected override void ClearLevels()
    {
        Array.Clear(_bidSizes);
        Array.Clear(_askSizes);
        Array.Clear(_bidBits);
        Array.Clear(_askBits);
        _bestBid = _bestAsk = -1;
        _bidCount = _askCount = 0;
    }

    private void SetBid(int i, long size)
    {
        ref long slot = ref _bidSizes[i];
        if (size == 0)
        {
            if (slot == 0) return;
            slot = 0;
            _bidBits[i >> 6] &= ~(1UL << i);
            _bidCount--;
            if (i == _bestBid) _bestBid = HighestAtOrBelow(_bidBits, i - 1);
            return;
        }

        if (slot == 0)
        {
            _bidBits[i >> 6] |= 1UL << i;
            _bidCount++;
            if (i > _bestBid) _bestBid = i;
        }

        slot = size;
    }

    private void SetAsk(int i, long size)
    {
        ref long slot = ref _askSizes[i];
        if (size == 0)
        {
            if (slot == 0) return;
            slot = 0;
            _askBits[i >> 6] &= ~(1UL << i);
            _askCount--;
            if (i == _bestAsk) _bestAsk = LowestAtOrAbove(_askBits, i + 1);
            return;
        }

        if (slot == 0)
        {
            _askBits[i >> 6] |= 1UL << i;
            _askCount++;
            if (_bestAsk < 0 || i < _bestAsk) _bestAsk = i;
        }

        slot = size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(long priceRaw)
    {
        ulong offset = (ulong)(priceRaw - _minRaw);
        ulong res = (ulong)_resolutionRaw;
        ulong index = offset / res;
        // Unsigned: prices below the minimum wrap to huge offsets and fail the range test.
        if (index >= (ulong)_slots || index * res != offset) return -1;
        return (int)index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BookLevel Level(long[] sizes, int i) => new(new Price(_minRaw + i * _resolutionRaw), new Quantity(sizes[i]));

    private static int HighestAtOrBelow(ulong[] bits, int index)
    {
        if (index < 0) return -1;
        int w = index >> 6;
        ulong word = bits[w] & (ulong.MaxValue >> (63 - (index & 63)));
        while (true)
        {
            if (word != 0) return (w << 6) + 63 - BitOperations.LeadingZeroCount(word);
            if (--w < 0) return -1;
            word = bits[w];
        }
    }

    private static int LowestAtOrAbove(ulong[] bits, int index)
    {
        int w = index >> 6;
        if (w >= bits.Length) return -1;
        ulong word = bits[w] & (ulong.MaxValue << (index & 63));
        while (true)
        {
            if (word != 0) return (w << 6) + BitOperations.TrailingZeroCount(word);
            if (++w >= bits.Length) return -1;
            word = bits[w];
        }
    }
}
