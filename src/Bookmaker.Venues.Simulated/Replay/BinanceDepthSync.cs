using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>
/// Keeps an <see cref="OrderBook"/> in sync with a Binance depth stream, by Binance's documented procedure: diffs
/// that arrive before the REST snapshot are buffered; the snapshot is applied; buffered and later diffs with
/// <c>u</c> &lt; <c>lastUpdateId</c> are dropped; from then on each diff's <c>pu</c> must equal the previous diff's
/// <c>u</c> (checked by <see cref="OrderBook.AcceptSequence"/>), and a break leaves the book stale until the next snapshot.
/// </summary>
public sealed class BinanceDepthSync(OrderBook book)
{
    private readonly Queue<BinanceDepthUpdateRecord> _early = new();

    /// <summary>The book being maintained.</summary>
    public OrderBook Book { get; } = book ?? throw new ArgumentNullException(nameof(book));

    /// <summary>The <c>u</c> of the last applied diff (or the snapshot's id), 0 before any.</summary>
    public long LastAppliedUpdateId => Book.Sequence;

    /// <summary>Diffs applied so far.</summary>
    public int AppliedDiffs { get; private set; }

    /// <summary>Sequence breaks seen (each one means a resync).</summary>
    public int Gaps { get; private set; }

    /// <summary>Applies the REST snapshot, then any diffs buffered before it.</summary>
    public void OnSnapshot(BinanceDepthSnapshotRecord snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Book.ApplySnapshot(snapshot.Bids, snapshot.Asks, snapshot.LastUpdateId, snapshot.ReceiveTimeTicks);
        while (_early.TryDequeue(out BinanceDepthUpdateRecord? diff)) Apply(diff);
    }

    /// <summary>Applies (or buffers, before the first snapshot) one diff and says what happened to it.</summary>
    public SequenceCheck OnDiff(BinanceDepthUpdateRecord diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (Book.Status == BookStatus.AwaitingSnapshot)
        {
            _early.Enqueue(diff);
            return SequenceCheck.Stale;
        }

        return Apply(diff);
    }

    private SequenceCheck Apply(BinanceDepthUpdateRecord diff)
    {
        // USD-M links diffs by pu; spot has no pu but its ids are contiguous, so U − 1 is the previous diff's u.
        long previous = diff.PreviousFinalUpdateId != 0 ? diff.PreviousFinalUpdateId : diff.FirstUpdateId - 1;
        SequenceCheck check = Book.AcceptSequence(diff.FinalUpdateId, previous);
        if (check == SequenceCheck.Gap) Gaps++;
        if (check != SequenceCheck.Accepted) return check;
        long t = diff.ReceiveTimeTicks;
        foreach (BookLevel level in diff.Bids) Book.SetLevel(Side.Buy, level.Price, level.Size, t);
        foreach (BookLevel level in diff.Asks) Book.SetLevel(Side.Sell, level.Price, level.Size, t);
        AppliedDiffs++;
        return check;
    }
}
