using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Emulator;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>Order entry against the loopback emulator: one behaviour each, over real HTTP and WebSockets on 127.0.0.1.</summary>
public sealed class OrderEntryTests
{
    [Fact]
    public async Task A_submit_goes_over_the_trade_socket_and_the_order_stream_acknowledges_it()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        var accepted = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        Assert.Equal(Quantity.Parse("0.01"), accepted.LeavesSize);
        Assert.False(string.IsNullOrEmpty(accepted.VenueOrderId));
        Assert.Equal("New", h.Emulator.Trading.StatusOf(bid.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((1L, 0L), (h.Client.Transport.SentOverSocket, h.Client.Transport.SentOverRest));
    }

    [Fact]
    public async Task Without_the_trade_socket_a_submit_goes_over_rest()
    {
        await using var h = await TradingHarness.StartAsync(tradeSocket: false);
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        Assert.Equal((0L, 1L), (h.Client.Transport.SentOverSocket, h.Client.Transport.SentOverRest));
        Assert.Equal(1, h.Emulator.Trading.OpenOrderCount);
    }

    [Fact]
    public async Task An_amend_moves_the_resting_order_to_the_new_price()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        var answer = await h.Client.AmendAsync(bid.Id, h.Btc, Price.Parse("59100.0"), Quantity.Parse("0.02"));
        Assert.Equal(0, answer.RetCode);
        // Taking at 59050 reaches the amended bid (59100) but would not have reached the old one (59000).
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59050.0"), Quantity.Parse("0.02"));
        var fill = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);
        Assert.Equal((Price.Parse("59100.0"), Quantity.Parse("0.02")), (fill.Fill!.Price, fill.Fill.Size));
    }

    [Fact]
    public async Task A_cancel_is_reported_by_the_order_stream()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Client.Cancel(bid.Id, h.Btc, null);
        var cancelled = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Cancelled);
        Assert.Equal("CancelByUser", cancelled.Text);
        Assert.Equal(0, h.Emulator.Trading.OpenOrderCount);
    }

    [Fact]
    public async Task A_cancel_of_an_order_the_venue_does_not_have_is_a_cancel_reject_with_the_venue_code()
    {
        await using var h = await TradingHarness.StartAsync();
        var ghost = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Cancel(ghost.Id, h.Btc, null);
        var refused = await h.Sink.WaitAsync(ghost.Id, ExecutionReportKind.CancelRejected);
        Assert.Contains("110001", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_one_failing_item_rejects_that_item_alone_with_its_typed_reason()
    {
        await using var h = await TradingHarness.StartAsync();
        var good1 = TradingHarness.Bid(h.Btc, "59000.0");
        var offTick = TradingHarness.Bid(h.Btc, "59000.05");
        var good2 = TradingHarness.Bid(h.Btc, "58900.0");
        h.Client.SubmitBatch([good1, offTick, good2]);
        var rejected = await h.Sink.WaitAsync(offTick.Id, ExecutionReportKind.Rejected);
        await h.Sink.WaitAsync(good1.Id, ExecutionReportKind.Accepted);
        await h.Sink.WaitAsync(good2.Id, ExecutionReportKind.Accepted);
        Assert.Equal(RejectReason.InvalidTick, rejected.Reason);
        Assert.Contains("170134", rejected.Text, StringComparison.Ordinal);
        Assert.Equal(2, h.Emulator.Trading.OpenOrderCount);
        Assert.DoesNotContain(h.Sink.Of(offTick.Id), r => r.Kind == ExecutionReportKind.Accepted);
    }

    [Fact]
    public async Task A_batch_above_the_linear_cap_is_split_into_requests_of_twenty()
    {
        await using var h = await TradingHarness.StartAsync(new BybitEmulatorOptions { OrderRateLimit = 100 });
        var bids = Enumerable.Range(0, 25).Select(i => TradingHarness.Bid(h.Btc, (58000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0")).ToList();
        h.Client.SubmitBatch(bids);
        foreach (var b in bids) await h.Sink.WaitAsync(b.Id, ExecutionReportKind.Accepted);
        Assert.Equal(20, h.Client.MaxBatchSize);
        Assert.Equal(25, h.Emulator.Trading.OpenOrderCount);
        Assert.Equal(2L, h.Client.Transport.SentOverSocket + h.Client.Transport.SentOverRest);
    }

    [Fact]
    public async Task A_crossing_post_only_is_rejected_as_post_only_would_cross()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Emulator.Trading.HouseRest("BTCUSDT", Side.Sell, Price.Parse("60000.0"), Quantity.Parse("1"));
        var crossing = TradingHarness.Bid(h.Btc, "60000.0");
        h.Client.Submit(crossing);
        var rejected = await h.Sink.WaitAsync(crossing.Id, ExecutionReportKind.Rejected);
        Assert.Equal(RejectReason.PostOnlyWouldCross, rejected.Reason);
        Assert.Contains("EC_PostOnlyWillTakeLiquidity", rejected.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_order_link_id_is_reconciled_not_rejected()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Client.Submit(bid); // the same orderLinkId: the venue answers 110072; the order it has is the truth
        await ReportSink.WaitForAsync(() => h.Client.ReconciledCreates == 1 ? "done" : null, "the duplicate looked up");
        await h.Client.DrainAsync();
        Assert.DoesNotContain(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Rejected);
        Assert.Equal(1, h.Emulator.Trading.OpenOrderCount);
    }
}
