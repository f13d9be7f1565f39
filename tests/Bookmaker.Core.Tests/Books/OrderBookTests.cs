using Xunit;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using static Bookmaker.Core.Tests.Books.BookFactory;

namespace Bookmaker.Core.Tests.Books;

public class OrderBookTests
{
    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Snapshot_replaces_levels_and_makes_book_live(string kind)
    {
        OrderBook book = Create(kind);
        Assert.Equal(BookStatus.AwaitingSnapshot, book.Status);
        book.ApplySnapshot([L("0.4", "10"), L("0.45", "5")], [L("0.5", "7")], 0, 100);
        Assert.True(book.ApplySnapshot([L("0.3", "1")], [L("0.6", "2"), L("0.55", "3")], 42, 200));

        Assert.Equal(BookStatus.Live, book.Status);
        Assert.Equal(42, book.Sequence);
        Assert.Equal(1, book.BidLevelCount);
        Assert.Equal(2, book.AskLevelCount);
        Assert.Equal(L("0.3", "1"), book.BestBid);
        Assert.Equal(L("0.55", "3"), book.BestAsk);
        Assert.Equal(Quantity.Zero, book.SizeAt(Side.Buy, P("0.45")));
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Delta_sets_absolute_size_and_zero_removes_level(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.4"), Q("10"), 1);
        book.SetLevel(Side.Buy, P("0.4"), Q("3"), 2);
        Assert.Equal(Q("3"), book.SizeAt(Side.Buy, P("0.4")));
        Assert.Equal(1, book.BidLevelCount);

        book.SetLevel(Side.Buy, P("0.4"), Quantity.Zero, 3);
        Assert.Equal(0, book.BidLevelCount);
        Assert.Equal(Quantity.Zero, book.SizeAt(Side.Buy, P("0.4")));
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Removing_absent_level_is_a_no_op(string kind)
    {
        OrderBook book = Live(kind);
        Assert.True(book.SetLevel(Side.Sell, P("0.7"), Quantity.Zero, 1));
        Assert.Equal(0, book.AskLevelCount);
        Assert.Equal(BookStatus.Live, book.Status);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Best_levels_follow_inserts_and_removal_of_the_best(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.40"), Q("1"), 1);
        book.SetLevel(Side.Buy, P("0.42"), Q("2"), 1);
        book.SetLevel(Side.Buy, P("0.10"), Q("3"), 1);
        book.SetLevel(Side.Sell, P("0.60"), Q("4"), 1);
        book.SetLevel(Side.Sell, P("0.55"), Q("5"), 1);
        book.SetLevel(Side.Sell, P("0.90"), Q("6"), 1);
        Assert.Equal(L("0.42", "2"), book.BestBid);
        Assert.Equal(L("0.55", "5"), book.BestAsk);

        book.SetLevel(Side.Buy, P("0.42"), Quantity.Zero, 2);
        book.SetLevel(Side.Sell, P("0.55"), Quantity.Zero, 2);
        Assert.Equal(L("0.40", "1"), book.BestBid);
        Assert.Equal(L("0.60", "4"), book.BestAsk);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Depth_copies_best_first_up_to_span_length(string kind)
    {
        OrderBook book = Live(kind);
        book.ApplySnapshot(
            [L("0.1", "1"), L("0.3", "3"), L("0.2", "2")],
            [L("0.9", "9"), L("0.7", "7"), L("0.8", "8")], 0, 1);

        Span<BookLevel> two = stackalloc BookLevel[2];
        Assert.Equal(2, book.CopyDepth(Side.Buy, two));
        Assert.Equal(L("0.3", "3"), two[0]);
        Assert.Equal(L("0.2", "2"), two[1]);

        Span<BookLevel> ten = stackalloc BookLevel[10];
        Assert.Equal(3, book.CopyDepth(Side.Sell, ten));
        Assert.Equal(L("0.7", "7"), ten[0]);
        Assert.Equal(L("0.8", "8"), ten[1]);
        Assert.Equal(L("0.9", "9"), ten[2]);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Micro_price_weights_each_price_by_opposite_size(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.50"), Q("100"), 1);
        book.SetLevel(Side.Sell, P("0.52"), Q("300"), 1);

        // (0.50 × 300 + 0.52 × 100) / 400 = 202 / 400 = 0.505: heavy ask size pulls toward the bid.
        Assert.True(book.TryGetMicroPrice(out double micro));
        Assert.Equal(0.505, micro, 12);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Spread_is_ask_minus_bid(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.48"), Q("1"), 1);
        book.SetLevel(Side.Sell, P("0.515"), Q("1"), 1);
        Assert.True(book.TryGetSpread(out Price spread));
        Assert.Equal(P("0.035"), spread);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Empty_side_gives_default_best_and_no_spread_or_micro_price(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.48"), Q("1"), 1);

        Assert.False(book.HasAsks);
        Assert.Equal(default, book.BestAsk);
        Assert.False(book.TryGetSpread(out _));
        Assert.False(book.TryGetMicroPrice(out _));
        Assert.Equal(CrossState.Normal, book.Cross);
        Assert.Equal(0, book.CopyDepth(Side.Sell, new BookLevel[5]));
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Locked_book_is_flagged_not_thrown(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.5"), Q("1"), 1);
        book.SetLevel(Side.Sell, P("0.5"), Q("1"), 1);
        Assert.Equal(CrossState.Locked, book.Cross);
        Assert.True(book.IsLocked);
        Assert.False(book.IsCrossed);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Crossed_book_is_flagged_and_clears_when_the_stale_level_goes(string kind)
    {
        OrderBook book = Live(kind);
        book.SetLevel(Side.Buy, P("0.29"), Q("1"), 1);
        book.SetLevel(Side.Buy, P("0.311"), Q("1"), 1);
        book.SetLevel(Side.Sell, P("0.301"), Q("1"), 1);
        Assert.True(book.IsCrossed);
        Assert.True(book.TryGetSpread(out Price spread));
        Assert.Equal(P("-0.01"), spread);

        book.SetLevel(Side.Buy, P("0.311"), Quantity.Zero, 2);
        Assert.Equal(CrossState.Normal, book.Cross);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Last_update_time_tracks_applied_levels_for_staleness(string kind)
    {
        OrderBook book = Create(kind);
        book.ApplySnapshot([L("0.4", "1")], [], 0, 1_000);
        Assert.Equal(1_000, book.LastUpdateTicks);
        book.SetLevel(Side.Buy, P("0.41"), Q("1"), 5_000);

        Assert.Equal(5_000, book.LastUpdateTicks);
        Assert.False(book.IsOlderThan(nowTicks: 8_000, maxAgeTicks: 3_000));
        Assert.True(book.IsOlderThan(nowTicks: 8_001, maxAgeTicks: 3_000));
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Sequence_gap_marks_book_stale_until_next_snapshot(string kind)
    {
        OrderBook book = Live(kind, sequence: 100);
        Assert.Equal(SequenceCheck.Accepted, book.AcceptSequence(105, 98));
        Assert.Equal(SequenceCheck.Accepted, book.AcceptSequence(110, 105));

        Assert.Equal(SequenceCheck.Gap, book.AcceptSequence(120, 111));
        Assert.Equal(BookStatus.NeedsResync, book.Status);
        Assert.Equal(SequenceCheck.Stale, book.AcceptSequence(125, 120));
        Assert.False(book.SetLevel(Side.Buy, P("0.4"), Q("1"), 1));
        Assert.Equal(0, book.BidLevelCount);

        book.ApplySnapshot([L("0.4", "2")], [], 130, 2);
        Assert.False(book.IsStale);
        Assert.Equal(SequenceCheck.Accepted, book.AcceptSequence(131, 129));
        Assert.Equal(1, book.ResyncCount);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Updates_older_than_snapshot_are_dropped_without_staleness(string kind)
    {
        OrderBook book = Live(kind, sequence: 100);
        Assert.Equal(SequenceCheck.Outdated, book.AcceptSequence(99, 90));
        Assert.Equal(SequenceCheck.Accepted, book.AcceptSequence(101, 95));
        Assert.Equal(SequenceCheck.Outdated, book.AcceptSequence(101, 95));
        Assert.False(book.IsStale);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void First_update_beginning_after_snapshot_is_a_gap(string kind)
    {
        OrderBook book = Live(kind, sequence: 100);
        Assert.Equal(SequenceCheck.Gap, book.AcceptSequence(110, 104));
        Assert.True(book.IsStale);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Contiguous_counter_detects_a_skipped_message(string kind)
    {
        OrderBook book = Live(kind, sequence: 7);
        Assert.Equal(SequenceCheck.Accepted, book.AcceptSequence(8, 7));
        Assert.Equal(SequenceCheck.Gap, book.AcceptSequence(10, 9));
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Updates_before_first_snapshot_are_ignored(string kind)
    {
        OrderBook book = Create(kind);
        Assert.False(book.SetLevel(Side.Buy, P("0.4"), Q("1"), 1));
        Assert.Equal(SequenceCheck.Stale, book.AcceptSequence(5, 4));
        Assert.Equal(0, book.BidLevelCount);
    }

    [Theory]
    [MemberData(nameof(BookFactory.Kinds), MemberType = typeof(BookFactory))]
    public void Negative_size_is_malformed_and_invalidates_book(string kind)
    {
        OrderBook book = Live(kind);
        Assert.False(book.SetLevel(Side.Buy, P("0.4"), Q("-1"), 1));
        Assert.Equal(BookStatus.NeedsResync, book.Status);
    }

    [Fact]
    public void Ladder_rejects_price_outside_range_and_invalidates()
    {
        OrderBook book = Live("ladder");
        Assert.False(book.SetLevel(Side.Sell, P("1.001"), Q("1"), 1));
        Assert.True(book.IsStale);
    }

    [Fact]
    public void Ladder_rejects_price_finer_than_resolution()
    {
        OrderBook book = Live("ladder");
        Assert.False(book.SetLevel(Side.Buy, P("0.00005"), Q("1"), 1));
        Assert.Equal(Quantity.Zero, book.SizeAt(Side.Buy, P("0.00005")));
    }

    [Fact]
    public void Ladder_tick_change_to_finer_tick_keeps_levels_and_accepts_new_prices()
    {
        var book = TickLadderBook.ForProbability(P("0.01"));
        book.ApplySnapshot([L("0.45", "10"), L("0.44", "5")], [L("0.47", "3")], 0, 1);

        Assert.True(book.ChangeTick(P("0.001")));
        book.SetLevel(Side.Buy, P("0.455"), Q("2"), 2);
        book.SetLevel(Side.Sell, P("0.461"), Q("4"), 2);

        Assert.Equal(P("0.001"), book.Tick);
        Assert.Equal(L("0.455", "2"), book.BestBid);
        Assert.Equal(L("0.461", "4"), book.BestAsk);
        Assert.Equal(Q("10"), book.SizeAt(Side.Buy, P("0.45")));
        Assert.Equal(2, book.AskLevelCount);
    }

    [Fact]
    public void Ladder_refuses_tick_finer_than_its_resolution()
    {
        var book = TickLadderBook.ForProbability(P("0.01"));
        Assert.False(book.ChangeTick(P("0.00001")));
        Assert.Equal(P("0.01"), book.Tick);
    }

    [Fact]
    public void Ladder_holds_both_ends_of_the_probability_range()
    {
        OrderBook book = Live("ladder");
        book.SetLevel(Side.Buy, P("0"), Q("1"), 1);
        book.SetLevel(Side.Sell, P("1"), Q("2"), 1);
        Assert.Equal(L("0", "1"), book.BestBid);
        Assert.Equal(L("1", "2"), book.BestAsk);
        book.SetLevel(Side.Buy, P("0"), Quantity.Zero, 1);
        book.SetLevel(Side.Sell, P("1"), Quantity.Zero, 1);
        Assert.False(book.HasBids);
        Assert.False(book.HasAsks);
    }

    [Fact]
    public void Sorted_book_grows_past_initial_capacity()
    {
        var book = new SortedBook(2);
        book.ApplySnapshot([], [], 0, 0);
        for (int i = 1; i <= 50; i++) book.SetLevel(Side.Buy, new Price(i * 1_000_000_000L), Q("1"), 1);
        Assert.Equal(50, book.BidLevelCount);
        Assert.Equal(new Price(50_000_000_000L), book.BestBid.Price);
    }
}
