using Bookmaker.Core.Books;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// One side of the recorded L2 book, indexed best first: each level's price, displayed size and the size our virtual
/// aggressive fills have consumed, in a <see cref="PagedLadder{TValue}"/> keyed by price (bids) or negated price (asks)
/// so the best level is the ladder's last. Prediction-market and crypto books have tens to thousands of levels and a
/// full-depth diff stream (Binance <c>depth@0ms</c>) changes them all through the book: a change shifts at most one
/// page, and nothing is allocated once the ladder has grown.
/// </summary>
/// <remarks>
/// Indexes count from the best level. The fill simulator reads them near the top of the book (crossing levels, our
/// own orders' prices), where turning an index into a ladder position walks only the top page or two.
/// </remarks>
internal sealed class ReplayBookSide
{
    private readonly long _sign;
    private readonly PagedLadder<ReplayLevel> _levels;

    public ReplayBookSide(bool descending, int capacity)
    {
        _sign = descending ? 1 : -1;
        _levels = new PagedLadder<ReplayLevel>(capacity);
    }

    public int Count => _levels.Count;

    public long PriceAt(int i) => _sign * _levels.KeyAt(_levels.AtRank(i));

    public long SizeAt(int i) => _levels.ValueAt(_levels.AtRank(i)).Size;

    /// <summary>Displayed size minus what we consumed virtually.</summary>
    public long AvailableAt(int i)
    {
        ref ReplayLevel level = ref _levels.ValueAt(_levels.AtRank(i));
        return Math.Max(0, level.Size - level.Consumed);
    }

    public void Consume(int i, long quantity) => _levels.ValueAt(_levels.AtRank(i)).Consumed += quantity;

    public void Clear() => _levels.Clear();

    /// <summary>Index of <paramref name="price"/>, or the bitwise complement of its insertion point.</summary>
    public int Find(long price) => _levels.RankOf(_sign * price);

    public long SizeAtPrice(long price)
    {
        int at = _levels.Find(_sign * price);
        return at >= 0 ? _levels.ValueAt(at).Size : 0;
    }

    /// <summary>
    /// Sets a level's displayed size (zero removes it) and returns the previous size. When the level shrinks, the drop
    /// is assumed to come out of the part we had consumed first (our virtual take sat at the front, where the recorded
    /// trades and cancels that follow also land), so consumption never outlives the liquidity it stood for.
    /// </summary>
    public long Set(long price, long size)
    {
        long key = _sign * price;
        if (size <= 0)
        {
            int at = _levels.Find(key);
            if (at < 0) return 0;
            long removed = _levels.ValueAt(at).Size;
            _levels.RemoveAt(at);
            return removed;
        }

        ref ReplayLevel level = ref _levels.GetOrAdd(key, out _);
        long previous = level.Size;
        if (size < previous) level.Consumed = Math.Max(0, level.Consumed - (previous - size));
        level.Size = size;
        return previous;
    }

    /// <summary>Adds a level during a snapshot rebuild, between <see cref="Clear"/> and <see cref="EndLoad"/>.</summary>
    public void Load(long price, long size)
    {
        if (size > 0) Set(price, size);
    }

    /// <summary>Ends a snapshot rebuild (the ladder is ordered as it loads; kept so a rebuild reads as one step).</summary>
#pragma warning disable CA1822 // an instance step of the load protocol; the paged ladder needs no finishing
    public void EndLoad()
    {
    }
#pragma warning restore CA1822

    private struct ReplayLevel
    {
        public long Size;
        public long Consumed;
    }
}
