using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Rest;
using Bookmaker.Venues.Polymarket.Tests.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Rest;

public sealed class PolymarketJsonContextTests
{
    private static PolymarketJsonContext Ctx => PolymarketJsonContext.Default;

    [Fact]
    public void Recorded_gamma_event_deserializes_with_exact_tick_min_size_and_token_ids()
    {
        byte[] json = File.ReadAllBytes(TestData.SharedData("polymarket/gamma_event.json"));

        List<GammaEventDto> events = JsonSerializer.Deserialize(json, Ctx.ListGammaEventDto)!;

        GammaEventDto e = Assert.Single(events);
        Assert.Equal("30829", e.Id);
        Assert.True(e.NegRisk);
        Assert.True(e.NegRiskAugmented);
        Assert.Equal(2, e.Markets.Count);
        GammaMarketDto m = e.Markets[0];
        Assert.Equal("0xc8f1cf5d4f26e0fd9c8fe89f2a7b3263b902cf14fde7bfccef525753bb492e47", m.ConditionId);
        Assert.Equal(Price.Parse("0.001"), m.OrderPriceMinTickSize);
        Assert.Equal(Quantity.Parse("5"), m.OrderMinSize);
        Assert.Equal(["Yes", "No"], m.OutcomeLabels());
        IReadOnlyList<string> tokens = m.TradingTokenIds();
        Assert.Equal(2, tokens.Count);
        Assert.StartsWith("60590045489347122735554346200880179420435533609307820342798544098823516727807", tokens[0]);
        Assert.All(e.Markets, x => Assert.Equal(e.NegRiskMarketId, x.NegRiskMarketId));
        Assert.Equal(20m, m.RewardsMinSize);
        Assert.Equal(3.5m, m.RewardsMaxSpread);
    }

    [Fact]
    public void Protocol_v2_gamma_market_trades_position_ids_even_when_clob_token_ids_present()
    {
        var m = JsonSerializer.Deserialize("""{"version":"v2","clobTokenIds":"[\"1\",\"2\"]","positionIds":["7","8"]}""", Ctx.GammaMarketDto)!;

        Assert.Equal(["7", "8"], m.TradingTokenIds());
    }

    [Fact]
    public void Book_summary_reads_exact_levels_and_metadata()
    {
        const string json = """{"market":"0x1","asset_id":"123","timestamp":"1234567890","hash":"h","bids":[{"price":"0.45","size":"100"}],"asks":[{"price":"0.46","size":"7.5"}],"min_order_size":"5","tick_size":"0.01","neg_risk":false,"last_trade_price":"0.45"}""";

        var b = JsonSerializer.Deserialize(json, Ctx.OrderBookSummaryDto)!;

        Assert.Equal("123", b.AssetId);
        Assert.Equal((Price.Parse("0.45"), Quantity.Parse("100")), (b.Bids[0].Price, b.Bids[0].Size));
        Assert.Equal(Quantity.Parse("7.5"), b.Asks[0].Size);
        Assert.Equal((Quantity.Parse("5"), Price.Parse("0.01")), (b.MinOrderSize, b.TickSize));
    }

    [Fact]
    public void Inexact_price_in_a_book_is_refused_not_rounded()
    {
        const string json = """{"asset_id":"1","bids":[{"price":"0.4500000001","size":"1"}],"asks":[]}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Ctx.OrderBookSummaryDto));
    }

    [Fact]
    public void Tick_size_neg_risk_version_and_server_time_read_their_bare_shapes()
    {
        Assert.Equal(Price.Parse("0.01"), JsonSerializer.Deserialize("""{"minimum_tick_size":0.01}""", Ctx.TickSizeDto)!.MinimumTickSize);
        Assert.True(JsonSerializer.Deserialize("""{"neg_risk":true}""", Ctx.NegRiskDto)!.NegRisk);
        Assert.Equal(2, JsonSerializer.Deserialize("""{"version":2}""", Ctx.VersionDto)!.Version);
        Assert.Equal(1234567890L, JsonSerializer.Deserialize("1234567890", Ctx.Int64));
    }

    [Fact]
    public void Clob_market_details_read_compact_keys()
    {
        const string json = """{"c":"0xabc","t":[{"t":"111","o":"Yes"},{"t":"222","o":"No"}],"mts":0.001,"nr":true,"fd":{"r":0.25,"e":2,"to":true},"mbf":0,"tbf":0,"r":{"mi":20,"ma":3.5,"e":true,"smoa":false,"moas":10},"ao":true,"mos":5,"sd":0,"gst":null,"cbos":true,"rfqe":false,"itode":true,"ibce":false,"oas":0}""";

        var d = JsonSerializer.Deserialize(json, Ctx.ClobMarketDetailsDto)!;

        Assert.Equal(["111", "222"], d.Tokens.Select(t => t.TokenId));
        Assert.Equal(Price.Parse("0.001"), d.MinimumTickSize);
        Assert.True(d.NegRisk);
        Assert.Equal((0.25m, 2m, true), (d.FeeDetails!.Rate, d.FeeDetails.Exponent, d.FeeDetails.TakerOnly));
        Assert.Equal(20m, d.Rewards!.MinSize);
        Assert.Equal(Quantity.Parse("5"), d.MinOrderSize);
        Assert.True(d.TakerOrderDelayEnabled);
    }

    [Fact]
    public void Clob_markets_page_knows_its_last_page_cursor()
    {
        const string json = """{"limit":1,"count":1,"next_cursor":"LTE=","data":[{"condition_id":"0x1","minimum_tick_size":0.01,"minimum_order_size":5,"neg_risk":false,"tokens":[{"token_id":"9","outcome":"Yes","price":0.5,"winner":false}]}]}""";

        var page = JsonSerializer.Deserialize(json, Ctx.ClobPageDtoClobMarketDto)!;

        Assert.True(page.IsLastPage);
        Assert.Equal("9", page.Data[0].Tokens[0].TokenId);
        Assert.False(JsonSerializer.Deserialize("""{"next_cursor":"MTAw","data":[]}""", Ctx.ClobPageDtoClobMarketDto)!.IsLastPage);
    }

    [Fact]
    public void Post_order_responses_read_single_and_batch_shapes()
    {
        const string one = """{"success":true,"orderID":"0xabc","status":"live","makingAmount":"","takingAmount":"","transactionsHashes":[],"tradeIDs":[],"errorMsg":""}""";
        const string batch = """[{"success":true,"orderID":"0x1","status":"matched","makingAmount":"10","takingAmount":"20","errorMsg":""},{"success":false,"errorMsg":"not enough balance / allowance"}]""";

        var r = JsonSerializer.Deserialize(one, Ctx.PostOrderResponseDto)!;
        var rs = JsonSerializer.Deserialize(batch, Ctx.ListPostOrderResponseDto)!;

        Assert.Equal((true, "0xabc", "live"), (r.Success, r.OrderId, r.Status));
        Assert.Equal(("10", "20"), (rs[0].MakingAmount, rs[0].TakingAmount));
        Assert.False(rs[1].Success);
        Assert.Equal(Bookmaker.Core.Orders.RejectReason.InsufficientBalance, PolymarketErrorMapper.MapMessage(rs[1].ErrorMsg));
    }

    [Fact]
    public void Cancel_response_reads_canceled_list_and_not_canceled_map()
    {
        var c = JsonSerializer.Deserialize("""{"canceled":["0x1"],"not_canceled":{"0x2":"Order already matched"}}""", Ctx.CancelResponseDto)!;

        Assert.Equal(["0x1"], c.Canceled);
        Assert.Equal("Order already matched", c.NotCanceled["0x2"]);
    }

    [Fact]
    public void Open_orders_and_trades_pages_read_documented_fields()
    {
        const string orders = """{"limit":100,"next_cursor":"LTE=","count":1,"data":[{"id":"0x1","status":"ORDER_STATUS_LIVE","owner":"k","maker_address":"0xm","market":"0xc","asset_id":"9","side":"BUY","original_size":"10","size_matched":"2","price":"0.5","outcome":"Yes","expiration":"0","order_type":"GTC","associate_trades":["t1"],"created_at":1700000000}]}""";
        const string trades = """{"limit":100,"next_cursor":"LTE=","count":1,"data":[{"id":"t1","taker_order_id":"0x9","market":"0xc","asset_id":"9","side":"SELL","size":"2","fee_rate_bps":"0","price":"0.5","status":"TRADE_STATUS_CONFIRMED","match_time":"1700000001","last_update":"1700000002","outcome":"Yes","owner":"k","maker_address":"0xm","transaction_hash":"0xt","trader_side":"MAKER","maker_orders":[{"order_id":"0x1","owner":"k","maker_address":"0xm","matched_amount":"2","price":"0.5","fee_rate_bps":"0","asset_id":"9","outcome":"Yes","side":"BUY"}]}]}""";

        var o = JsonSerializer.Deserialize(orders, Ctx.ClobPageDtoOpenOrderDto)!.Data[0];
        var t = JsonSerializer.Deserialize(trades, Ctx.ClobPageDtoTradeDto)!.Data[0];

        Assert.Equal(("0x1", "10", "2", 1700000000L), (o.Id, o.OriginalSize, o.SizeMatched, o.CreatedAt));
        Assert.Equal(("TRADE_STATUS_CONFIRMED", "MAKER", "2"), (t.Status, t.TraderSide, t.MakerOrders[0].MatchedAmount));
    }

    [Fact]
    public void Balance_allowance_reads_base_unit_strings()
    {
        var b = JsonSerializer.Deserialize("""{"balance":"1000000","allowances":{"0xE111180000d2663C0091e4f400237545B87B996B":"115792089237316195423570985008687907853269984665640564039457584007913129639935"}}""", Ctx.BalanceAllowanceDto)!;

        Assert.Equal("1000000", b.Balance);
        Assert.Single(b.Allowances!);
    }
}
