using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Testing;
using Bookmaker.Venues.Bybit.Wire;

namespace Bookmaker.Venues.Bybit.Tests.Wire;

/// <summary>The public-stream parser on the reference's message shapes and on the real recorded feed.</summary>
public class PublicParserTests
{
    private static readonly string[] Feed = File.ReadAllLines(SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl"));

    private static BybitPublicMessage Parse(string json, BybitPublicKind expected)
    {
        var m = new BybitPublicMessage();
        var kind = BybitPublicParser.Parse(Encoding.UTF8.GetBytes(json), m);
        Assert.True(kind == expected, $"{kind}: {m.Error}");
        return m;
    }

    [Fact]
    public void Recorded_snapshot_has_500_levels_a_side_best_first()
    {
        var m = Parse(Feed[0], BybitPublicKind.OrderBook);
        Assert.True(m.IsSnapshot);
        Assert.Equal((500, "XRPUSDT", 500, 500), (m.Depth, m.Symbol, m.Bids.Count, m.Asks.Count));
        Assert.Equal(Price.Parse("1.9531"), m.Bids.Prices[0]);
        Assert.Equal(Quantity.Parse("6203"), m.Bids.Sizes[0]);
        Assert.True(m.Asks.Prices[0] > m.Bids.Prices[0]);
        Assert.Equal(1733011200691, m.TimeMs);
    }

    [Fact]
    public void Recorded_deltas_carry_consecutive_update_ids()
    {
        var m = new BybitPublicMessage();
        BybitPublicParser.Parse(Encoding.UTF8.GetBytes(Feed[0]), m);
        long u = m.UpdateId;
        foreach (string line in Feed.Skip(1))
        {
            Assert.Equal(BybitPublicKind.OrderBook, BybitPublicParser.Parse(Encoding.UTF8.GetBytes(line), m));
            Assert.False(m.IsSnapshot);
            Assert.Equal(u + 1, m.UpdateId);
            Assert.True(m.MatchTimeMs <= m.TimeMs);
            u = m.UpdateId;
        }
    }

    [Fact]
    public void Reference_delta_reads_absolute_sizes_and_zero_deletes()
    {
        var m = Parse("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[["30247.20","30.028"],["30240.00","0"]],"a":[["30248.70","0"],["30249.30","0.892"]],"u":177400507,"seq":66544703342},"cts":1687940967464}""", BybitPublicKind.OrderBook);
        Assert.Equal((50, 177400507L, 66544703342L, 1687940967464L), (m.Depth, m.UpdateId, m.CrossSequence, m.MatchTimeMs));
        Assert.Equal([Quantity.Parse("30.028"), Quantity.Zero], m.Bids.Sizes.ToArray());
        Assert.Equal(Price.Parse("30249.30"), m.Asks.Prices[1]);
    }

    [Fact]
    public void Field_order_does_not_matter()
    {
        var m = Parse("""{"data":{"u":7,"a":[],"b":[["1.5","2"]],"s":"ETHUSDT"},"ts":5,"type":"snapshot","topic":"orderbook.1.ETHUSDT"}""", BybitPublicKind.OrderBook);
        Assert.Equal(("ETHUSDT", 1, 7L, 1), (m.Symbol, m.Depth, m.UpdateId, m.Bids.Count));
    }

    [Fact]
    public void Public_trades_read_price_size_side_and_time()
    {
        var m = Parse("""{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"16578.50","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false,"seq":1783284617},{"T":1672304486866,"s":"BTCUSDT","S":"Sell","v":"0.5","p":"16578.00","L":"MinusTick","i":"x","BT":false,"RPI":false}]}""", BybitPublicKind.Trades);
        Assert.Equal(2, m.Trades.Count);
        Assert.Equal((Side.Buy, Price.Parse("16578.50"), Quantity.Parse("0.001"), 1672304486865L), (m.Trades.Aggressors[0], m.Trades.Prices[0], m.Trades.Sizes[0], m.Trades.TimesMs[0]));
        Assert.Equal(Side.Sell, m.Trades.Aggressors[1]);
    }

    [Fact]
    public void Subscribe_ack_and_pong_are_op_answers()
    {
        var ack = Parse("""{"success":true,"ret_msg":"","conn_id":"abc","req_id":"1","op":"subscribe"}""", BybitPublicKind.OpAnswer);
        Assert.Equal((true, BybitOp.Subscribe), (ack.Success, ack.Op));
        var pong = Parse("""{"success":true,"ret_msg":"pong","conn_id":"abc","req_id":"","op":"ping"}""", BybitPublicKind.OpAnswer);
        Assert.Equal((BybitOp.Ping, "pong"), (pong.Op, pong.RetMsg));
    }

    [Fact]
    public void Retired_depth_500_subscription_failure_is_a_failed_ack_with_the_reason()
    {
        var m = Parse("""{"success":false,"ret_msg":"error:handler not found,topic:orderbook.500.BTCUSDT","conn_id":"c","req_id":"2","op":"subscribe"}""", BybitPublicKind.OpAnswer);
        Assert.False(m.Success);
        Assert.Contains("handler not found", m.RetMsg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["abc","1"]],"a":[],"u":2}}""", "data.b")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[]}}""", "u")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"ETHUSDT","b":[],"a":[],"u":3}}""", "topic's symbol")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"middle","data":{"u":3}}""", "type")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1","-2"]],"a":[],"u":2}}""", "size")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1","2"]""", "JSON")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"hello":1}""", "neither")]
    public void Malformed_messages_are_reported_never_thrown(string json, string reason)
    {
        var m = Parse(json, BybitPublicKind.Malformed);
        Assert.Contains(reason, m.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmodelled_topics_are_other()
    {
        Parse("""{"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","bid1Price":"1"},"cs":1,"ts":1}""", BybitPublicKind.Other);
    }

    [Fact]
    public void A_reused_message_reports_only_the_latest_levels()
    {
        var m = new BybitPublicMessage();
        BybitPublicParser.Parse(Encoding.UTF8.GetBytes(Feed[0]), m);
        BybitPublicParser.Parse(Encoding.UTF8.GetBytes(Feed[1]), m);
        Assert.True(m.Bids.Count + m.Asks.Count < 100);
    }
}
