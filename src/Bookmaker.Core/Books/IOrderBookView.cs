using Bookmaker.Core.Values;

namespace Bookmaker.Core.Books;

/// <summary>
/// A local L2 book as a strategy reads it: status and staleness, continuity point, the touch, depth and the derived
/// quantities — and nothing that changes it (snapshots, level updates, invalidation belong to the engine's market-data
/// path). <see cref="OrderBook"/> implements this view itself, so reading through it copies nothing and allocates
/// nothing.
/// </summary>
public interface IOrderBookView
{
    /// <summary>Whether the book can be trusted.</summary>
    BookStatus Status { get; }

    /// <summary>True unless <see cref="Status"/> is <see cref="BookStatus.Live"/>.</summary>
    bool IsStale { get; }

    /// <summary>Venue sequence / update id of the last applied snapshot or update (0 when the venue has none).</summary>
    long Sequence { get; }

    /// <summary>Engine-clock time (UTC ticks) of the last snapshot or applied level; compare with now for staleness.</summary>
    long LastUpdateTicks { get; }

    /// <summary>How many times continuity broke (gaps and malformed levels) since construction.</summary>
    int ResyncCount { get; }

    /// <summary>Number of bid levels.</summary>
    int BidLevelCount { get; }

    /// <summary>Number of ask levels.</summary>
    int AskLevelCount { get; }

    /// <summary>Best (highest) bid; <c>default</c> (zero size) when there are no bids. O(1).</summary>
    BookLevel BestBid { get; }

    /// <summary>Best (lowest) ask; <c>default</c> (zero size) when there are no asks. O(1).</summary>
    BookLevel BestAsk { get; }

    /// <summary>True when at least one bid level exists.</summary>
    bool HasBids { get; }

    /// <summary>True when at least one ask level exists.</summary>
    bool HasAsks { get; }

    /// <summary>Relation of best bid and best ask; <see cref="CrossState.Normal"/> when a side is empty.</summary>
    CrossState Cross { get; }

    /// <summary>True when best bid &gt; best ask.</summary>
    bool IsCrossed { get; }

    /// <summary>True when best bid == best ask.</summary>
    bool IsLocked { get; }

    /// <summary>True when the last update is older than <paramref name="maxAgeTicks"/> at <paramref name="nowTicks"/>.</summary>
    bool IsOlderThan(long nowTicks, long maxAgeTicks);

    /// <summary>Best ask − best bid (negative when crossed). False when a side is empty.</summary>
    bool TryGetSpread(out Price spread);

    /// <summary>
    /// Volume-weighted micro-price as a <c>double</c> for model math (it becomes a quote only through the directional
    /// rounding of <see cref="Price.FromModelBid"/> / <see cref="Price.FromModelAsk"/>). False when a side is empty.
    /// </summary>
    bool TryGetMicroPrice(out double microPrice);

    /// <summary>Total size resting at <paramref name="price"/> on <paramref name="side"/> (zero when none).</summary>
    Quantity SizeAt(Side side, Price price);

    /// <summary>
    /// Copies up to <c>destination.Length</c> levels of <paramref name="side"/>, best first, into the caller's span.
    /// Returns how many were written. Allocates nothing.
    /// </summary>
    int CopyDepth(Side side, Span<BookLevel> destination);
}
