using Bookmaker.Testing;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Replay;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Replay;

public class PolymarketReplayTests
{
    private static readonly IReadOnlyList<PolymarketRecord> Records =
        PolymarketRecordingReader.ReadFile(SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json"));

    public static readonly TheoryData<string> Kinds = new() { "ladder", "sorted" };

    private static OrderBook Create(string kind) =>
        kind == "ladder" ? TickLadderBook.ForProbability(Price.Parse("0.001")) : new SortedBook(64);

    [Fact]
    public void Reader_decodes_every_message_of_the_crossing_burst()
    {
        Assert.Equal(51, Records.Count);
        Assert.Equal(2, Records.OfType<PolymarketBookRecord>().Count());
        Assert.Equal(49, Records.OfType<PolymarketPriceChangeRecord>().Count());
        Assert.Empty(Records.OfType<PolymarketMalformedRecord>());
        var first = (PolymarketBookRecord)Records[0];
        Assert.Equal(Price.Parse("0.001"), first.TickSize);
        Assert.True(first.Bids[0].Price > first.Bids[^1].Price, "bids are sorted best-first");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Price_changes_replayed_on_first_book_end_equal_to_final_book_and_crossing_is_flagged(string kind)
    {
        var firstBook = (PolymarketBookRecord)Records[0];
        string asset = firstBook.AssetId;
        var finalBook = Records.OfType<PolymarketBookRecord>().Last(b => b.AssetId == asset);
        Assert.NotSame(firstBook, finalBook);

        OrderBook book = Create(kind);
        bool sawCrossed = false;
        int applied = 0;
        foreach (PolymarketRecord record in Records)
        {
            if (ReferenceEquals(record, finalBook)) break;
            switch (record)
            {
                case PolymarketBookRecord b when b.AssetId == asset:
                    Assert.True(book.ApplySnapshot(b.ToSnapshot(), b.TimestampTicks));
                    break;
                case PolymarketPriceChangeRecord change:
                    foreach (PolymarketLevelChange c in change.Changes)
                    {
                        if (c.AssetId != asset) continue;
                        Assert.True(book.SetLevel(c.Side, c.Price, c.Size, change.TimestampTicks));
                        applied++;
                        sawCrossed |= book.IsCrossed;
                    }

                    break;
            }
        }

        Assert.Equal(49, applied);
        Assert.True(sawCrossed, "the transient crossed book of the last frames must be flagged");
        Assert.False(book.IsCrossed, "the crossing resolves once the 0.311 removal arrives");
        AssertSameLevels(finalBook.Bids, book, Side.Buy);
        AssertSameLevels(finalBook.Asks, book, Side.Sell);
    }

    [Fact]
    public void Normalized_events_carry_snapshot_then_level_updates_with_end_of_message()
    {
        var firstBook = (PolymarketBookRecord)Records[0];
        var events = PolymarketRecordingReader.ToMarketDataEvents(Records, id => id == firstBook.AssetId ? 0 : -1).ToList();

        Assert.Equal(MarketDataKind.Snapshot, events[0].Kind);
        Assert.Equal(49, events.Count(e => e.Kind == MarketDataKind.LevelUpdate));
        Assert.All(events.Where(e => e.Kind == MarketDataKind.LevelUpdate), e => Assert.True(e.EndOfMessage));
        Assert.Equal(MarketDataKind.Snapshot, events[^1].Kind);
    }

    [Fact]
    public void Malformed_message_is_returned_as_a_record_not_thrown()
    {
        byte[] json = """[{"event_type":"price_change","market":"m","timestamp":"1","price_changes":[{"asset_id":"a","price":"0.5e1","size":"1","side":"BUY"}]}]"""u8.ToArray();
        var records = PolymarketRecordingReader.Parse(json);
        var malformed = Assert.IsType<PolymarketMalformedRecord>(Assert.Single(records));
        Assert.Contains("price", malformed.Reason);
    }

    [Fact]
    public void Tick_size_change_is_decoded()
    {
        byte[] json = """{"event_type":"tick_size_change","asset_id":"a","market":"m","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"5"}"""u8.ToArray();
        var tick = Assert.IsType<PolymarketTickSizeChangeRecord>(Assert.Single(PolymarketRecordingReader.Parse(json)));
        Assert.Equal(Price.Parse("0.001"), tick.NewTick);
        Assert.Equal(Price.Parse("0.01"), tick.OldTick);
    }

    private static void AssertSameLevels(IReadOnlyList<BookLevel> expected, OrderBook book, Side side)
    {
        var actual = new BookLevel[expected.Count + 5];
        int n = book.CopyDepth(side, actual);
        Assert.Equal(expected.Count, n);
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], actual[i]);
    }
}
