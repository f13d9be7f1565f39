using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

public sealed class MarketChannelParserTests
{
    private static (MarketChannelParser Parser, RecordingMarketSink Sink) ParseRecorded()
    {
        var parser = new MarketChannelParser(TestData.RecordedAssets());
        var sink = new RecordingMarketSink();
        foreach (byte[] frame in TestData.RecordedFrames()) parser.Parse(frame, 42, sink);
        return (parser, sink);
    }

    private static RecordingMarketSink ParseOne(string json, AssetIndexMap? assets = null)
    {
        var parser = new MarketChannelParser(assets ?? TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(Encoding.UTF8.GetBytes(json), 7, sink);
        return sink;
    }

    [Fact]
    public void Parses_every_recorded_message_with_expected_counts_and_nothing_malformed()
    {
        var (parser, sink) = ParseRecorded();

        Assert.Equal(51, parser.Counters.Frames);
        Assert.Equal(2, parser.Counters.Books);
        Assert.Equal(49, parser.Counters.PriceChanges);
        Assert.Equal(98, parser.Counters.PriceChangeEntries);
        Assert.Equal(0, parser.Counters.MalformedTotal);
        Assert.Equal(0, parser.Counters.UnknownEventTypes);
        Assert.Empty(sink.Malformed);
        Assert.Equal(2 + 98, sink.Events.Count);
    }

    [Fact]
    public void Replaying_recorded_price_changes_on_the_first_book_gives_the_final_book()
    {
        var (_, sink) = ParseRecorded();
        var book = new ReferenceBook();
        MarketDataEvent first = sink.Events[0];
        MarketDataEvent last = sink.Events[^1];
        Assert.Equal(MarketDataKind.Snapshot, first.Kind);
        Assert.Equal(MarketDataKind.Snapshot, last.Kind);
        Assert.Equal(0, first.InstrumentIndex);
        Assert.Equal(0, last.InstrumentIndex);

        book.Apply(first.Snapshot!);
        Assert.False(book.SameAs(last.Snapshot!)); // the burst really changes the book
        foreach (MarketDataEvent e in sink.Events.Skip(1).SkipLast(1).Where(e => e.InstrumentIndex == 0))
        {
            Assert.Equal(MarketDataKind.LevelUpdate, e.Kind);
            book.Apply(e);
        }

        Assert.True(book.SameAs(last.Snapshot!));
    }

    [Fact]
    public void Recorded_snapshot_levels_are_delivered_best_first()
    {
        var (_, sink) = ParseRecorded();
        var snapshot = sink.Snapshots[0];
        Assert.Equal(Price.Parse("0.3"), snapshot.Bids[0].Price);
        Assert.True(snapshot.Bids.Zip(snapshot.Bids.Skip(1)).All(p => p.First.Price > p.Second.Price));
        Assert.True(snapshot.Asks.Zip(snapshot.Asks.Skip(1)).All(p => p.First.Price < p.Second.Price));
        Assert.Equal(Price.Parse("0.999"), snapshot.Asks[^1].Price);
    }

    [Fact]
    public void Recorded_price_change_frame_yields_one_update_per_asset_each_ending_that_assets_message()
    {
        var (_, sink) = ParseRecorded();
        MarketDataEvent a = sink.Events[1];
        MarketDataEvent b = sink.Events[2];
        Assert.Equal(new MarketDataEvent(
            MarketDataKind.LevelUpdate, 0, Side.Buy, Price.Parse("0.301"), Quantity.Parse("1000"), 0, 0,
            DateTimeOffset.FromUnixTimeMilliseconds(1790658674035).UtcTicks, 42, EndOfMessage: true), a); // its asset's only entry
        Assert.Equal(1, b.InstrumentIndex);
        Assert.Equal(Side.Sell, b.Side);
        Assert.Equal(Price.Parse("0.699"), b.Price);
        Assert.True(b.EndOfMessage);
    }

    [Fact]
    public void Book_sample_becomes_a_sorted_snapshot_with_venue_time()
    {
        var sink = new RecordingMarketSink();
        new MarketChannelParser(TestData.SampleAssets()).Parse(TestData.Sample("market_book.json"), 1, sink);

        MarketDataEvent e = Assert.Single(sink.Events);
        Assert.Equal(MarketDataKind.Snapshot, e.Kind);
        Assert.Equal(3, e.InstrumentIndex);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(123456789000).UtcTicks, e.VenueTimeTicks);
        Assert.Equal([Price.Parse("0.5"), Price.Parse("0.49"), Price.Parse("0.48")], e.Snapshot!.Bids.Select(l => l.Price));
        Assert.Equal([Price.Parse("0.52"), Price.Parse("0.53"), Price.Parse("0.54")], e.Snapshot.Asks.Select(l => l.Price));
    }

    [Fact]
    public void Price_change_sample_size_zero_is_a_level_removal()
    {
        var sink = new RecordingMarketSink();
        new MarketChannelParser(TestData.SampleAssets()).Parse(TestData.Sample("market_price_change.json"), 1, sink);

        Assert.Equal(2, sink.Events.Count);
        Assert.Equal((3, Side.Buy, Quantity.Parse("200")), (sink.Events[0].InstrumentIndex, sink.Events[0].Side, sink.Events[0].Size));
        Assert.Equal((4, Side.Sell, Quantity.Zero), (sink.Events[1].InstrumentIndex, sink.Events[1].Side, sink.Events[1].Size));
    }

    [Fact]
    public void Tick_size_change_sample_carries_the_new_tick()
    {
        var sink = new RecordingMarketSink();
        new MarketChannelParser(TestData.SampleAssets()).Parse(TestData.Sample("market_tick_size_change.json"), 1, sink);

        MarketDataEvent e = Assert.Single(sink.Events);
        Assert.Equal(MarketDataKind.TickSizeChange, e.Kind);
        Assert.Equal(Price.Parse("0.001"), e.Price);
    }

    [Fact]
    public void Last_trade_price_sample_becomes_an_exact_trade()
    {
        var sink = new RecordingMarketSink();
        new MarketChannelParser(TestData.SampleAssets()).Parse(TestData.Sample("market_last_trade_price.json"), 1, sink);

        MarketDataEvent e = Assert.Single(sink.Events);
        Assert.Equal(MarketDataKind.Trade, e.Kind);
        Assert.Equal((Side.Buy, Price.Parse("0.456"), Quantity.Parse("219.217767")), (e.Side, e.Price, e.Size));
    }

    [Fact]
    public void Best_bid_ask_sample_goes_to_its_own_callback()
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(TestData.Sample("market_best_bid_ask.json"), 1, sink);

        Assert.Empty(sink.Events);
        var b = Assert.Single(sink.BestBidAsks);
        Assert.Equal((3, Price.Parse("0.73"), Price.Parse("0.77")), (b.Instrument, b.Bid, b.Ask));
        Assert.Equal(1, parser.Counters.BestBidAsks);
    }

    [Theory]
    [InlineData("market_new_market.json")]
    [InlineData("market_market_resolved.json")]
    public void Market_lifecycle_samples_are_counted_not_delivered(string sample)
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(TestData.Sample(sample), 1, sink);

        Assert.Empty(sink.Events);
        Assert.Empty(sink.Malformed);
        Assert.Equal(1, parser.Counters.MarketLifecycle);
    }

    [Fact]
    public void Market_resolved_is_handed_over_with_its_market_and_winning_outcome()
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(TestData.Sample("market_market_resolved.json"), 1, sink);

        var resolved = Assert.Single(sink.Resolved);
        Assert.Equal("0x311d0c4b6671ab54af4970c06fcf58662516f5168997bdda209ec3db5aa6b0c1", resolved.Market);
        Assert.Equal("Up", resolved.WinningOutcome);
        Assert.Equal(1, parser.Counters.MarketsResolved);
    }

    [Fact]
    public void New_market_is_not_reported_as_resolved()
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(TestData.Sample("market_new_market.json"), 1, sink);

        Assert.Empty(sink.Resolved);
        Assert.Equal(0, parser.Counters.MarketsResolved);
    }

    [Fact]
    public void Every_market_resolved_event_of_an_array_frame_is_read()
    {
        string json = "[" + Encoding.UTF8.GetString(TestData.Sample("market_book.json")) + ","
            + "{\"event_type\":\"market_resolved\",\"market\":\"0xa\",\"winning_outcome\":\"Yes\"},"
            + "{\"event_type\":\"market_resolved\",\"market\":\"0xb\"}]";

        var read = MarketResolvedMessage.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal([new MarketResolvedMessage("0xa", "Yes"), new MarketResolvedMessage("0xb", null)], read);
    }

    [Fact]
    public void Array_frame_delivers_every_message_in_order()
    {
        string json = "[" + Encoding.UTF8.GetString(TestData.Sample("market_book.json")) + ","
            + Encoding.UTF8.GetString(TestData.Sample("market_last_trade_price.json")) + "]";
        var sink = ParseOne(json);

        Assert.Equal([MarketDataKind.Snapshot, MarketDataKind.Trade], sink.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Pong_heartbeat_is_counted_not_parsed()
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse("PONG"u8, 1, sink);

        Assert.Equal(1, parser.Counters.Pongs);
        Assert.Empty(sink.Malformed);
    }

    [Fact]
    public void Truncated_json_is_counted_as_bad_json_and_delivers_nothing()
    {
        byte[] frame = TestData.RecordedFrames()[1];
        var parser = new MarketChannelParser(TestData.RecordedAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(frame.AsSpan(0, frame.Length / 2), 1, sink);

        Assert.Empty(sink.Events);
        Assert.Equal([(MalformedReason.BadJson, -1)], sink.Malformed);
        Assert.Equal(1, parser.Counters.Malformed(MalformedReason.BadJson));
    }

    [Fact]
    public void Bad_number_drops_only_its_entry_and_names_its_instrument()
    {
        string json = Encoding.UTF8.GetString(TestData.Sample("market_price_change.json")).Replace("\"200\"", "\"2e2\"");
        var sink = ParseOne(json);

        MarketDataEvent e = Assert.Single(sink.Events);
        Assert.Equal(4, e.InstrumentIndex);
        Assert.True(e.EndOfMessage);
        Assert.Equal([(MalformedReason.BadNumber, 3)], sink.Malformed);
    }

    [Fact]
    public void Bad_number_in_a_book_drops_the_snapshot_and_names_its_instrument()
    {
        string json = Encoding.UTF8.GetString(TestData.Sample("market_book.json")).Replace("\".49\"", "\"0.4x\"");
        var sink = ParseOne(json);

        Assert.Empty(sink.Events);
        Assert.Equal([(MalformedReason.BadNumber, 3)], sink.Malformed);
    }

    [Fact]
    public void Unknown_asset_is_counted_and_does_not_invalidate_books()
    {
        var assets = new AssetIndexMap();
        assets.Add(TestData.SampleB, 4);
        var parser = new MarketChannelParser(assets);
        var sink = new RecordingMarketSink();
        parser.Parse(TestData.Sample("market_price_change.json"), 1, sink);

        Assert.Single(sink.Events);
        Assert.Equal([(MalformedReason.UnknownAsset, -1)], sink.Malformed);
        Assert.False(MalformedReason.UnknownAsset.InvalidatesBooks());
        Assert.Equal(1, parser.Counters.Malformed(MalformedReason.UnknownAsset));
    }

    [Fact]
    public void Unknown_event_type_is_counted_and_skipped()
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse("""{"event_type":"something_new","asset_id":"1","price":"oops"}"""u8, 1, sink);

        Assert.Empty(sink.Events);
        Assert.Empty(sink.Malformed);
        Assert.Equal(1, parser.Counters.UnknownEventTypes);
    }

    [Theory]
    [InlineData("", MalformedReason.BadJson)]
    [InlineData("not json", MalformedReason.BadJson)]
    [InlineData("42", MalformedReason.UnexpectedShape)]
    [InlineData("[1]", MalformedReason.UnexpectedShape)]
    [InlineData("""{"asset_id":"1"}""", MalformedReason.MissingField)]
    [InlineData("""{"event_type":"price_change","timestamp":"1"}""", MalformedReason.MissingField)]
    [InlineData("""{"event_type":"price_change","price_changes":[],"timestamp":"soon"}""", MalformedReason.BadNumber)]
    public void Malformed_frames_are_counted_per_reason_never_thrown(string json, MalformedReason reason)
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(Encoding.UTF8.GetBytes(json), 1, sink);

        Assert.Equal(reason, Assert.Single(sink.Malformed).Reason);
        Assert.Equal(1, parser.Counters.Malformed(reason));
    }

    [Fact]
    public void Bad_side_in_a_trade_is_reported_for_its_instrument()
    {
        string json = Encoding.UTF8.GetString(TestData.Sample("market_last_trade_price.json")).Replace("\"BUY\"", "\"UP\"");
        var sink = ParseOne(json);

        Assert.Empty(sink.Events);
        Assert.Equal([(MalformedReason.BadSide, 3)], sink.Malformed);
    }

    [Fact]
    public void Escaped_strings_are_unescaped_rather_than_refused()
    {
        // \u0030 is '0': legal JSON a venue never sends, handled through the slow path.
        string json = """{"event_type":"last_trade_price","asset_id":"A","price":"\u0030.5","size":"1\u0030","side":"SELL","timestamp":"1"}""".Replace("\"A\"", "\"" + TestData.SampleA + "\"");
        var sink = ParseOne(json);

        MarketDataEvent e = Assert.Single(sink.Events);
        Assert.Equal((Price.Parse("0.5"), Quantity.Parse("10")), (e.Price, e.Size));
    }

    [Fact]
    public void Any_truncation_or_byte_flip_of_a_recorded_frame_never_throws()
    {
        List<byte[]> frames = TestData.RecordedFrames();
        var gen =
            from index in Gen.Choose(0, frames.Count - 1)
            from cut in Gen.Choose(0, 4000)
            from flip in Gen.Choose(0, 4000)
            from value in Gen.Choose(0, 255)
            select (index, cut, flip, value);
        var parser = new MarketChannelParser(TestData.RecordedAssets());
        var sink = new RecordingMarketSink();
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            byte[] frame = (byte[])frames[t.index].Clone();
            frame[t.flip % frame.Length] = (byte)t.value;
            parser.Parse(frame.AsSpan(0, t.cut % (frame.Length + 1)), 1, sink);
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
