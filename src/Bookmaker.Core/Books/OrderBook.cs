using System.Runtime.InteropServices;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Books;

/// <summary>
/// An L2 order book for one instrument: absolute-size levels per side, kept current by snapshots and level deltas.
/// This base owns what both storage layouts share — status, sequence continuity, last-update time and the derived
/// quantities (spread, micro-price, crossed/locked) — while subclasses own level storage.
/// </summary>
/// <remarks>
/// <para>Single-threaded: only the event loop mutates a book. Steady-state updates and reads allocate nothing.</para>
/// <para>Continuity: a caller passes each venue message's ids to <see cref="AcceptSequence"/> once and applies the
/// message's levels with <see cref="SetLevel"/> only when it answers <see cref="SequenceCheck.Accepted"/>. A gap flips
/// the book to <see cref="BookStatus.NeedsResync"/>, in which state level updates are ignored, until
/// <see cref="ApplySnapshot(BookSnapshot, long)"/>. Nothing here throws on venue data: bad input is a return value.</para>
/// </remarks>
public abstract class OrderBook : IOrderBookView
{
    private bool _firstAfterSnapshot;

    /// <summary>Whether the book can be trusted.</summary>
    public BookStatus Status { get; private set; }

    /// <summary>True unless <see cref="Status"/> is <see cref="BookStatus.Live"/>.</summary>
    public bool IsStale => Status != BookStatus.Live;

    /// <summary>Venue sequence / update id of the last applied snapshot or update (0 when the venue has none).</summary>
    public long Sequence { get; private set; }

    /// <summary>Engine-clock time (UTC ticks) of the last snapshot or applied level; compare with now for staleness.</summary>
    public long LastUpdateTicks { get; private set; }

    /// <summary>How many times continuity broke (gaps and malformed levels) since construction.</summary>
    public int ResyncCount { get; private set; }

    /// <summary>Number of bid levels.</summary>
    public abstract int BidLevelCount { get; }

    /// <summary>Number of ask levels.</summary>
    public abstract int AskLevelCount { get; }

    /// <summary>Best (highest) bid; <c>default</c> (zero size) when there are no bids. O(1).</summary>
    public abstract BookLevel BestBid { get; }

    /// <summary>Best (lowest) ask; <c>default</c> (zero size) when there are no asks. O(1).</summary>
    public abstract BookLevel BestAsk { get; }

    /// <summary>True when at least one bid level exists.</summary>
    public bool HasBids => BidLevelCount > 0;

    /// <summary>True when at least one ask level exists.</summary>
    public bool HasAsks => AskLevelCount > 0;

    /// <summary>Relation of best bid and best ask; <see cref="CrossState.Normal"/> when a side is empty.</summary>
    public CrossState Cross
    {
        get
        {
            if (BidLevelCount == 0 || AskLevelCount == 0) return CrossState.Normal;
            long bid = BestBid.Price.Raw;
            long ask = BestAsk.Price.Raw;
            return bid < ask ? CrossState.Normal : bid == ask ? CrossState.Locked : CrossState.Crossed;
        }
    }

    /// <summary>True when best bid &gt; best ask.</summary>
    public bool IsCrossed => Cross == CrossState.Crossed;

    /// <summary>True when best bid == best ask.</summary>
    public bool IsLocked => Cross == CrossState.Locked;

    /// <summary>True when the last update is older than <paramref name="maxAgeTicks"/> at <paramref name="nowTicks"/>.</summary>
    public bool IsOlderThan(long nowTicks, long maxAgeTicks) => nowTicks - LastUpdateTicks > maxAgeTicks;

    /// <summary>Best ask − best bid (negative when crossed). False when a side is empty.</summary>
    public bool TryGetSpread(out Price spread)
    {
        if (BidLevelCount == 0 || AskLevelCount == 0)
        {
            spread = default;
            return false;
        }

        spread = new Price(BestAsk.Price.Raw - BestBid.Price.Raw);
        return true;
    }

    /// <summary>
    /// Volume-weighted micro-price (bid × askSize + ask × bidSize) / (bidSize + askSize), as a <c>double</c> for model
    /// math: it is generally not on any tick, so it becomes a quote only through <see cref="Price.FromModelBid"/> /
    /// <see cref="Price.FromModelAsk"/>, which round in the safe direction. False when a side is empty.
    /// </summary>
    public bool TryGetMicroPrice(out double microPrice)
    {
        if (BidLevelCount == 0 || AskLevelCount == 0)
        {
            microPrice = double.NaN;
            return false;
        }

        BookLevel bid = BestBid;
        BookLevel ask = BestAsk;
        // Exact in 128 bits, one rounding at the end: raw prices × raw sizes fit (≤ 9.2e18 × 9.2e18 < 1.7e38 per term).
        Int128 numerator = (Int128)bid.Price.Raw * ask.Size.Raw + (Int128)ask.Price.Raw * bid.Size.Raw;
        Int128 denominator = (Int128)ask.Size.Raw + bid.Size.Raw;
        Int128 whole = numerator / denominator;
        Int128 remainder = numerator - whole * denominator;
        microPrice = ((double)whole + (double)remainder / (double)denominator) / FixedPoint.Scale;
        return true;
    }

    /// <summary>Total size resting at <paramref name="price"/> on <paramref name="side"/> (zero when none).</summary>
    public abstract Quantity SizeAt(Side side, Price price);

    /// <summary>
    /// Copies up to <c>destination.Length</c> levels of <paramref name="side"/>, best first, into the caller's span.
    /// Returns how many were written. Allocates nothing.
    /// </summary>
    public abstract int CopyDepth(Side side, Span<BookLevel> destination);

    /// <summary>Replaces the whole book with <paramref name="snapshot"/> and makes it live (see the span overload).</summary>
    public bool ApplySnapshot(BookSnapshot snapshot, long timeTicks)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ApplySnapshot(
            CollectionsMarshal.AsSpan(snapshot.Bids), CollectionsMarshal.AsSpan(snapshot.Asks), snapshot.Sequence, timeTicks);
    }

    /// <summary>
    /// Replaces the whole book, takes <paramref name="sequence"/> as the continuity point and makes the book live.
    /// Levels may come in any order; zero-size levels are skipped. Returns false (book left
    /// <see cref="BookStatus.NeedsResync"/>) when a level is invalid for this book.
    /// </summary>
    public bool ApplySnapshot(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, long sequence, long timeTicks)
    {
        ClearLevels();
        LastUpdateTicks = timeTicks;
        foreach (BookLevel level in bids)
        {
            if (level.Size.Raw == 0) continue;
            if (level.Size.Raw < 0 || !SetLevelCore(Side.Buy, level.Price.Raw, level.Size.Raw)) return Fail();
        }

        foreach (BookLevel level in asks)
        {
            if (level.Size.Raw == 0) continue;
            if (level.Size.Raw < 0 || !SetLevelCore(Side.Sell, level.Price.Raw, level.Size.Raw)) return Fail();
        }

        Sequence = sequence;
        _firstAfterSnapshot = true;
        Status = BookStatus.Live;
        return true;
    }

    /// <summary>
    /// Checks an update message's ids against the book before its levels are applied. <paramref name="sequence"/> is
    /// the message's (last) update id, 0 when the venue has none (then everything is accepted).
    /// <paramref name="previousSequence"/> is the venue's link to the previous message (Binance <c>pu</c>; for a
    /// contiguous counter pass <c>sequence − 1</c>), 0 when the venue only promises monotonic ids.
    /// </summary>
    /// <remarks>
    /// The first update after a snapshot may straddle it (Binance: <c>U ≤ lastUpdateId ≤ u</c>): it is accepted when
    /// its link is at or before the snapshot's id and it reaches at least that id. Afterwards the link must equal the
    /// last applied id exactly. Levels carry absolute sizes, so re-applying a straddled part is harmless.
    /// </remarks>
    public SequenceCheck AcceptSequence(long sequence, long previousSequence)
    {
        if (Status != BookStatus.Live) return SequenceCheck.Stale;
        if (sequence == 0) return SequenceCheck.Accepted;
        bool linked = previousSequence != 0;
        if (_firstAfterSnapshot)
        {
            if (Sequence != 0)
            {
                if (sequence < Sequence || (!linked && sequence == Sequence)) return SequenceCheck.Outdated;
                if (linked && previousSequence > Sequence) return Gap();
            }
        }
        else
        {
            if (sequence <= Sequence) return SequenceCheck.Outdated;
            if (linked && previousSequence != Sequence) return Gap();
        }

        _firstAfterSnapshot = false;
        Sequence = sequence;
        return SequenceCheck.Accepted;
    }

    /// <summary>
    /// Sets the absolute size of one level (zero removes it). Ignored (false) while the book is stale. A level this
    /// book cannot hold (negative size, price off the ladder) is malformed data: the book turns
    /// <see cref="BookStatus.NeedsResync"/> and the call returns false.
    /// </summary>
    public bool SetLevel(Side side, Price price, Quantity size, long timeTicks)
    {
        if (Status != BookStatus.Live) return false;
        if (size.Raw < 0 || !SetLevelCore(side, price.Raw, size.Raw)) return Fail();
        LastUpdateTicks = timeTicks;
        return true;
    }

    /// <summary>Marks the book stale until the next snapshot (reconnect, malformed message, venue-specific gap).</summary>
    public void Invalidate()
    {
        if (Status == BookStatus.NeedsResync) return;
        Status = BookStatus.NeedsResync;
        ResyncCount++;
    }

    /// <summary>Empties both sides and returns to <see cref="BookStatus.AwaitingSnapshot"/>.</summary>
    public void Reset()
    {
        ClearLevels();
        Sequence = 0;
        Status = BookStatus.AwaitingSnapshot;
    }

    /// <summary>Stores one level; size is non-negative, zero removes. Returns false when the price cannot be held.</summary>
    protected abstract bool SetLevelCore(Side side, long priceRaw, long sizeRaw);

    /// <summary>Removes every level of both sides without releasing storage.</summary>
    protected abstract void ClearLevels();

    private SequenceCheck Gap()
    {
        Invalidate();
        return SequenceCheck.Gap;
    }

    private bool Fail()
    {
        Invalidate();
        return false;
    }
}
