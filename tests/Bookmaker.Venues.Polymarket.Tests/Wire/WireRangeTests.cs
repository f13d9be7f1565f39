using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

/// <summary>
/// Outcome-token prices the venue cannot send (a level or trade at or beyond 0 and 1, a best bid/ask outside [0, 1])
/// and negative sizes are malformed messages: counted, reported for their instrument (the book goes stale and is
/// resynced), never delivered.
/// </summary>
public sealed class WireRangeTests
{
    private static string Sample(string name) => Encoding.UTF8.GetString(TestData.Sample(name));

    private static (MarketChannelParser Parser, RecordingMarketSink Sink) ParseMarket(string json)
    {
        var parser = new MarketChannelParser(TestData.SampleAssets());
        var sink = new RecordingMarketSink();
        parser.Parse(Encoding.UTF8.GetBytes(json), 7, sink);
        return (parser, sink);
    }

    [Theory]
    [InlineData("\".49\"", "\"2\"")]
    [InlineData("\".49\"", "\"1.5\"")]
    [InlineData("\".49\"", "\"-0.5\"")]
    [InlineData("\".49\"", "\"0\"")]
    [InlineData("\".53\"", "\"1\"")]
    [InlineData("\"20\"", "\"-1\"")]
    public void Book_with_a_level_out_of_range_is_refused_for_its_instrument(string from, string to)
    {
        var (parser, sink) = ParseMarket(Sample("market_book.json").Replace(from, to));

        Assert.Empty(sink.Events);
        Assert.Equal([(MalformedReason.OutOfRange, 3)], sink.Malformed);
        Assert.Equal(1, parser.Counters.Malformed(MalformedReason.OutOfRange));
    }

    [Theory]
    [InlineData("\"price\":\"0.5\",\"size\":\"200\"", "\"price\":\"1.5\",\"size\":\"200\"")]
    [InlineData("\"price\":\"0.5\",\"size\":\"200\"", "\"price\":\"0\",\"size\":\"200\"")]
    [InlineData("\"price\":\"0.5\",\"size\":\"200\"", "\"price\":\"1\",\"size\":\"200\"")]
    [InlineData("\"price\":\"0.5\",\"size\":\"200\"", "\"price\":\"0.5\",\"size\":\"-1\"")]
    public void Price_change_entry_out_of_range_is_dropped_alone_and_reported_for_its_instrument(string from, string to)
    {
        var (_, sink) = ParseMarket(Sample("market_price_change.json").Replace(from, to));

        MarketDataEvent e = Assert.Single(sink.Events);
        Assert.Equal(4, e.InstrumentIndex);
        Assert.Equal([(MalformedReason.OutOfRange, 3)], sink.Malformed);
    }

    [Fact]
    public void Price_change_removing_a_level_with_size_zero_is_still_delivered()
    {
        var (_, sink) = ParseMarket(Sample("market_price_change.json"));

        Assert.Equal(2, sink.Events.Count);
        Assert.Equal(Quantity.Zero, sink.Events[1].Size);
        Assert.Empty(sink.Malformed);
    }

    [Theory]
    [InlineData("\"price\":\"0.456\"", "\"price\":\"0\"")]
    [InlineData("\"price\":\"0.456\"", "\"price\":\"1\"")]
    [InlineData("\"price\":\"0.456\"", "\"price\":\"2\"")]
    [InlineData("\"size\":\"219.217767\"", "\"size\":\"0\"")]
    [InlineData("\"size\":\"219.217767\"", "\"size\":\"-1\"")]
    public void Trade_out_of_range_is_refused_for_its_instrument(string from, string to)
    {
        var (_, sink) = ParseMarket(Sample("market_last_trade_price.json").Replace(from, to));

        Assert.Empty(sink.Events);
        Assert.Equal([(MalformedReason.OutOfRange, 3)], sink.Malformed);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"1.5\"")]
    public void Tick_size_of_one_or_more_is_refused(string tick)
    {
        var (_, sink) = ParseMarket(Sample("market_tick_size_change.json").Replace("\"new_tick_size\":\"0.001\"", "\"new_tick_size\":" + tick));

        Assert.Empty(sink.Events);
        Assert.Equal([(MalformedReason.OutOfRange, 3)], sink.Malformed);
    }

    [Theory]
    [InlineData("\"best_bid\":\"-0.1\"")]
    [InlineData("\"best_bid\":\"1.5\"")]
    public void Best_bid_ask_outside_zero_to_one_is_refused(string bid)
    {
        var (_, sink) = ParseMarket(Sample("market_best_bid_ask.json").Replace("\"best_bid\":\"0.73\"", bid));

        Assert.Empty(sink.BestBidAsks);
        Assert.Equal([(MalformedReason.OutOfRange, 3)], sink.Malformed);
    }

    [Fact]
    public void Best_bid_ask_of_an_empty_side_zero_or_one_is_accepted()
    {
        // The venue reports an empty side as best_bid "0" / best_ask "1" (price_change entries carry the same fields).
        var (_, sink) = ParseMarket(Sample("market_best_bid_ask.json").Replace("\"best_bid\":\"0.73\"", "\"best_bid\":\"0\"").Replace("\"best_ask\":\"0.77\"", "\"best_ask\":\"1\""));

        Assert.Equal((3, Price.Zero, Price.One), (sink.BestBidAsks.Single().Instrument, sink.BestBidAsks.Single().Bid, sink.BestBidAsks.Single().Ask));
        Assert.Empty(sink.Malformed);
    }

    [Fact]
    public void Out_of_range_invalidates_books()
    {
        Assert.True(MalformedReason.OutOfRange.InvalidatesBooks());
    }

    private sealed class UserSink : IUserChannelSink
    {
        public List<object> Events { get; } = [];

        public List<MalformedReason> Malformed { get; } = [];

        public void OnOrder(UserOrderEvent order) => Events.Add(order);

        public void OnTrade(UserTradeEvent trade) => Events.Add(trade);

        public void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame) => Malformed.Add(reason);
    }

    private static UserSink ParseUser(string json)
    {
        var sink = new UserSink();
        new UserChannelParser().Parse(Encoding.UTF8.GetBytes(json), sink);
        return sink;
    }

    [Theory]
    [InlineData("\"price\":\"0.57\"", "\"price\":\"1.5\"")]
    [InlineData("\"price\":\"0.57\"", "\"price\":\"0\"")]
    [InlineData("\"original_size\":\"10\"", "\"original_size\":\"-1\"")]
    [InlineData("\"original_size\":\"10\"", "\"original_size\":\"0\"")]
    [InlineData("\"size_matched\":\"4.5\"", "\"size_matched\":\"-1\"")]
    public void User_order_out_of_range_is_refused(string from, string to)
    {
        var sink = ParseUser(Sample("user_order_update.json").Replace(from, to));

        Assert.Empty(sink.Events);
        Assert.Equal([MalformedReason.OutOfRange], sink.Malformed);
    }

    [Theory]
    [InlineData("\"price\":\"0.57\",\"side\":\"BUY\"", "\"price\":\"2\",\"side\":\"BUY\"")]
    [InlineData("\"price\":\"0.57\",\"side\":\"BUY\"", "\"price\":\"1\",\"side\":\"BUY\"")]
    [InlineData("\"size\":\"10\"", "\"size\":\"-1\"")]
    [InlineData("\"size\":\"10\"", "\"size\":\"0\"")]
    [InlineData("\"matched_amount\":\"4.5\"", "\"matched_amount\":\"-4.5\"")]
    [InlineData("\"price\":\"0.43\"", "\"price\":\"-0.43\"")]
    public void User_trade_out_of_range_is_refused(string from, string to)
    {
        string json = Sample("user_trade_mined.json");
        Assert.Contains(from, json);
        var sink = ParseUser(json.Replace(from, to));

        Assert.Empty(sink.Events);
        Assert.Equal([MalformedReason.OutOfRange], sink.Malformed);
    }
}
