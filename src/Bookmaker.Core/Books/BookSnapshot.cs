namespace Bookmaker.Core.Books;

/// <summary>
/// A full L2 picture from a venue (Polymarket <c>book</c>, Binance REST depth). Bids best-first (descending), asks
/// best-first (ascending). Adapters may reuse instances between messages; consumers copy what they keep.
/// </summary>
public sealed class BookSnapshot
{
    /// <summary>Bid levels, best (highest) first.</summary>
    public List<BookLevel> Bids { get; } = [];

    /// <summary>Ask levels, best (lowest) first.</summary>
    public List<BookLevel> Asks { get; } = [];

    /// <summary>The venue's sequence/update id of this snapshot (Binance lastUpdateId), 0 if the venue has none.</summary>
    public long Sequence { get; set; }

    /// <summary>Clears both sides for reuse.</summary>
    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
        Sequence = 0;
    }
}
