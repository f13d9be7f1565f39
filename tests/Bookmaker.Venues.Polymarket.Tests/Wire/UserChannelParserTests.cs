using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

public sealed class UserChannelParserTests
{
    private sealed class Sink : IUserChannelSink
    {
        public List<UserOrderEvent> Orders { get; } = [];

        public List<UserTradeEvent> Trades { get; } = [];

        public List<MalformedReason> Malformed { get; } = [];

        public void OnOrder(UserOrderEvent order) => Orders.Add(order);

        public void OnTrade(UserTradeEvent trade) => Trades.Add(trade);

        public void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame) => Malformed.Add(reason);
    }

    private static (UserChannelParser Parser, Sink Sink) Parse(byte[] frame)
    {
        var parser = new UserChannelParser();
        var sink = new Sink();
        parser.Parse(frame, sink);
        return (parser, sink);
    }

    [Theory]
    [InlineData("user_order_placement.json", UserOrderEventType.Placement, "0", "10")]
    [InlineData("user_order_update.json", UserOrderEventType.Update, "4.5", "5.5")]
    [InlineData("user_order_cancellation.json", UserOrderEventType.Cancellation, "4.5", "5.5")]
    public void Order_samples_become_typed_order_events(string sample, UserOrderEventType type, string matched, string leaves)
    {
        var (_, sink) = Parse(TestData.Sample(sample));

        UserOrderEvent o = Assert.Single(sink.Orders);
        Assert.Equal(type, o.Type);
        Assert.Equal("0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b", o.OrderId);
        Assert.Equal(TestData.SampleA, o.AssetId);
        Assert.Equal((Side.Sell, Price.Parse("0.57"), Quantity.Parse("10")), (o.Side, o.Price, o.OriginalSize));
        Assert.Equal(Quantity.Parse(matched), o.SizeMatched);
        Assert.Equal(Quantity.Parse(leaves), o.LeavesSize);
        Assert.NotNull(o.TimestampTicks);
    }

    [Theory]
    [InlineData("user_trade_matched.json", TradeStatus.Matched)]
    [InlineData("user_trade_mined.json", TradeStatus.Mined)]
    [InlineData("user_trade_confirmed.json", TradeStatus.Confirmed)]
    [InlineData("user_trade_retrying.json", TradeStatus.Retrying)]
    [InlineData("user_trade_failed.json", TradeStatus.Failed)]
    public void Trade_samples_become_typed_trades_for_every_status(string sample, TradeStatus status)
    {
        var (parser, sink) = Parse(TestData.Sample(sample));

        UserTradeEvent t = Assert.Single(sink.Trades);
        Assert.Equal(status, t.Status);
        Assert.Equal("28c4d2eb-bbea-40e7-a9f0-b2fdb56b2c2e", t.TradeId);
        Assert.Equal("0x06bc63e346ed4ceddce9efd6b3af37c8f8f440c92fe7da6b2d0f9e4ccbc50c42", t.TakerOrderId);
        Assert.Equal((Side.Buy, Price.Parse("0.57"), Quantity.Parse("10"), 0), (t.Side, t.Price, t.Size, t.FeeRateBps));
        Assert.Equal(TraderSide.Maker, t.TraderSide);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1672290701).UtcTicks, t.MatchTimeTicks);
        Assert.Equal(2, t.MakerOrders.Count);
        MakerOrderFill m = t.MakerOrders[0];
        Assert.Equal(("0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b", Quantity.Parse("4.5"), Price.Parse("0.57"), TestData.SampleA, (Side?)Side.Sell),
            (m.OrderId, m.MatchedAmount, m.Price, m.AssetId, m.Side));
        Assert.Equal(Quantity.Parse("10"), t.MakerOrders.Aggregate(Quantity.Zero, (s, x) => s + x.MatchedAmount));
        Assert.Equal(1, parser.Counters.Trades);
    }

    [Fact]
    public void Only_a_failed_trade_reverses_its_fill_and_only_confirmed_or_failed_are_terminal()
    {
        Assert.Equal([TradeStatus.Failed], Enum.GetValues<TradeStatus>().Where(s => s.ReversesFill()));
        Assert.Equal([TradeStatus.Confirmed, TradeStatus.Failed], Enum.GetValues<TradeStatus>().Where(s => s.IsTerminal()));
    }

    [Theory]
    [InlineData("TRADE_STATUS_CONFIRMED", TradeStatus.Confirmed)]
    [InlineData("retrying", TradeStatus.Retrying)]
    public void Trade_status_reads_websocket_and_rest_spellings(string text, TradeStatus expected)
    {
        Assert.True(UserChannelParser.TryStatus(text, out TradeStatus status));
        Assert.Equal(expected, status);
    }

    [Fact]
    public void Array_frame_with_order_and_trade_delivers_both()
    {
        string json = "[" + Encoding.UTF8.GetString(TestData.Sample("user_order_update.json")) + ","
            + Encoding.UTF8.GetString(TestData.Sample("user_trade_matched.json")) + "]";
        var (_, sink) = Parse(Encoding.UTF8.GetBytes(json));

        Assert.Single(sink.Orders);
        Assert.Single(sink.Trades);
    }

    [Theory]
    [InlineData("{\"event_type\":\"trade\"", MalformedReason.BadJson)]
    [InlineData("{\"id\":\"x\"}", MalformedReason.MissingField)]
    [InlineData("[3]", MalformedReason.UnexpectedShape)]
    public void Malformed_user_frames_are_counted_not_thrown(string json, MalformedReason reason)
    {
        var (parser, sink) = Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal([reason], sink.Malformed);
        Assert.Equal(1, parser.Counters.Malformed(reason));
    }

    [Fact]
    public void Unknown_trade_status_is_reported_so_the_adapter_reconciles()
    {
        string json = Encoding.UTF8.GetString(TestData.Sample("user_trade_mined.json")).Replace("\"MINED\"", "\"SETTLING\"");
        var (_, sink) = Parse(Encoding.UTF8.GetBytes(json));

        Assert.Empty(sink.Trades);
        Assert.Equal([MalformedReason.UnexpectedShape], sink.Malformed);
    }

    [Fact]
    public void Inexact_size_is_a_bad_number_not_a_rounded_fill()
    {
        string json = Encoding.UTF8.GetString(TestData.Sample("user_trade_matched.json")).Replace("\"size\":\"10\"", "\"size\":\"10.0000000001\"");
        var (_, sink) = Parse(Encoding.UTF8.GetBytes(json));

        Assert.Empty(sink.Trades);
        Assert.Equal([MalformedReason.BadNumber], sink.Malformed);
    }

    [Fact]
    public void Unknown_user_event_type_is_counted_and_skipped()
    {
        var (parser, sink) = Parse("""{"event_type":"notification"}"""u8.ToArray());

        Assert.Empty(sink.Malformed);
        Assert.Equal(1, parser.Counters.UnknownEventTypes);
    }
}
