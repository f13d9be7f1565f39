using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Emulator;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>Fills, reconnects, DCP, rate limits, clock skew and timeouts against the loopback emulator.</summary>
public sealed class StreamAndRecoveryTests
{
    [Fact]
    public async Task Fills_come_from_the_execution_stream_and_a_repeated_execution_is_booked_once()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0", "0.03");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59000.0"), Quantity.Parse("0.01"));
        var first = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);
        h.Emulator.Trading.ReplayLastExecution();
        await ReportSink.WaitForAsync(() => h.Session.Translator.DuplicateExecutions == 1 ? "seen" : null, "the replayed execution");
        Assert.Single(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Filled);
        var fill = first.Fill!;
        Assert.Equal((Side.Buy, Price.Parse("59000.0"), Quantity.Parse("0.01"), Liquidity.Maker), (fill.Side, fill.Price, fill.Size, fill.Liquidity));
        Assert.Equal(Quantity.Parse("0.02"), first.LeavesSize);
        Assert.Equal(Money.Parse("0.118"), fill.Fee); // 2 bps of 590 USDT
        Assert.Equal(Money.Zero, fill.Rebate);
        await ReportSink.WaitForAsync(() => h.Session.PrivateFeed.PositionUpdates >= 1 && h.Session.PrivateFeed.WalletUpdates >= 1 ? "both" : null, "position and wallet pushes");
    }

    [Fact]
    public async Task A_negative_maker_fee_is_booked_as_a_rebate()
    {
        await using var h = await TradingHarness.StartAsync(new BybitEmulatorOptions { MakerFeeRate = -0.000025m });
        Assert.Equal(-0.000025m, h.Session.FeeRates["BTCUSDT"].Maker);
        var bid = TradingHarness.Bid(h.Btc, "60000.0", "0.01");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("60000.0"), Quantity.Parse("0.01"));
        var fill = (await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled)).Fill!;
        Assert.Equal((Money.Zero, Money.Parse("0.015")), (fill.Fee, fill.Rebate)); // 0.25 bp of 600 USDT
    }

    [Fact]
    public async Task After_a_reconnect_fills_missed_while_down_are_read_over_rest_and_the_session_is_restored()
    {
        await using var h = await TradingHarness.StartAsync(tradeSocket: false);
        var bid = TradingHarness.Bid(h.Btc, "59000.0", "0.02");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        // The stream goes down; the fill happens before it is back, so only the REST catch-up can report it.
        h.Emulator.Trading.DropStreams();
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59000.0"), Quantity.Parse("0.02"));
        var fill = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);
        await ReportSink.WaitForAsync(() => h.Sink.Statuses.FirstOrDefault(s => s.State == VenueState.SessionRestored), "session restored");
        Assert.Contains(h.Sink.Statuses, s => s.State == VenueState.SessionLost);
        Assert.Equal(Quantity.Parse("0.02"), fill.Fill!.Size);
        Assert.Single(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Filled);
        Assert.True(h.Session.PrivateFeed.Connections >= 2);
    }

    [Fact]
    public async Task Dcp_is_set_for_derivatives_and_read_back_at_start()
    {
        await using var h = await TradingHarness.StartAsync();
        Assert.True(h.Session.DcpActive);
        Assert.Equal("DCP on for DERIVATIVES, window 3 s", h.Session.DcpStatus);
    }

    [Fact]
    public async Task An_account_without_dcp_gets_a_warning_at_start()
    {
        await using var h = await TradingHarness.StartAsync(new BybitEmulatorOptions { DcpAvailable = false });
        Assert.False(h.Session.DcpActive);
        Assert.StartsWith("WARNING: no DCP for DERIVATIVES", h.Session.DcpStatus, StringComparison.Ordinal);
        Assert.Contains(h.Log.Lines, l => l.StartsWith("Warning: WARNING: Bybit DCP", StringComparison.Ordinal) && l.Contains("stall watchdog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dcp_cancels_every_order_once_the_private_socket_stays_down_past_the_window()
    {
        var h = await TradingHarness.StartAsync();
        var emulator = h.Emulator;
        try
        {
            var bid = TradingHarness.Bid(h.Btc, "59000.0");
            h.Client.Submit(bid);
            await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
            // The process goes away (sockets closed, never back): after the 3 s window the venue cancels on its own.
            var gone = System.Diagnostics.Stopwatch.StartNew();
            await h.Session.DisposeAsync();
            await ReportSink.WaitForAsync(() => emulator.Trading.OpenOrderCount == 0 ? "cancelled" : null, "DCP", seconds: 8);
            // Not before the window: the order outlived the socket by the DCP window (less a little scheduling slack).
            Assert.True(gone.Elapsed >= TimeSpan.FromSeconds(2.5), $"cancelled after {gone.Elapsed.TotalSeconds:0.00} s, before the 3 s window");
            Assert.Equal(1L, emulator.Trading.DcpCancelled);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_10006_is_a_rate_limit_reject_with_the_reset_as_retry_after_and_the_client_backs_off()
    {
        await using var h = await TradingHarness.StartAsync(new BybitEmulatorOptions { OrderRateLimit = 2 }, tradeSocket: false);
        var burst = Enumerable.Range(0, 5).Select(i => TradingHarness.Bid(h.Btc, (59000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0")).ToList();
        foreach (var b in burst) h.Client.Submit(b);
        await h.Client.DrainAsync();
        var limited = h.Sink.Reports.Where(r => r.Kind == ExecutionReportKind.Rejected && r.Reason == RejectReason.RateLimited).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.True(r.RetryAfter > TimeSpan.Zero && r.RetryAfter <= TimeSpan.FromSeconds(2)));
        Assert.Contains(h.Sink.Failures, f => f.Reason == RejectReason.RateLimited && f.HttpStatus == 429 && f.Orders.Count == 0);
        Assert.True(h.Emulator.Trading.RateLimited >= 1);
        // Backing off: the next submit waits for the reset the venue named instead of earning another 10006.
        long refusedBefore = h.Emulator.Trading.RateLimited;
        var later = TradingHarness.Bid(h.Btc, "58000.0");
        h.Client.Submit(later);
        await h.Sink.WaitAsync(later.Id, ExecutionReportKind.Accepted);
        Assert.Equal(refusedBefore, h.Emulator.Trading.RateLimited);
    }

    [Fact]
    public async Task A_10002_after_the_venue_clock_moves_resyncs_the_clock_and_the_order_goes_through()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Emulator.Trading.SetClockSkew(TimeSpan.FromSeconds(8));
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        Assert.Equal(1L, h.Emulator.Trading.TimestampRefusals);
        Assert.InRange(h.Session.Rest.Clock.OffsetMs, 7000, 9000);
        Assert.DoesNotContain(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Rejected);
    }

    [Fact]
    public async Task A_timed_out_create_is_looked_up_by_order_link_id_and_never_sent_again()
    {
        await using var h = await TradingHarness.StartAsync(tune: o => o with { AckTimeout = TimeSpan.FromMilliseconds(300), RequestTimeout = TimeSpan.FromMilliseconds(300) });
        // The venue places the order but answers late: the client's timeout meets an order that exists.
        h.Emulator.Trading.OrderDelay = TimeSpan.FromSeconds(2);
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        long before = h.Emulator.Trading.OrderRequests;
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        await h.Client.DrainAsync();
        Assert.Equal(1L, h.Client.ReconciledCreates);
        Assert.Equal(before + 1, h.Emulator.Trading.OrderRequests);
        Assert.Single(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Accepted);
        Assert.DoesNotContain(h.Sink.Failures, f => f.Orders.Contains(bid.Id));
    }

    [Fact]
    public async Task An_account_snapshot_lists_open_orders_position_cash_and_fills()
    {
        await using var h = await TradingHarness.StartAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var bid = TradingHarness.Bid(h.Btc, "59000.0", "0.03");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59000.0"), Quantity.Parse("0.01"));
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);
        h.Client.RequestAccountSnapshot(7, since);
        var snap = await ReportSink.WaitForAsync(() => h.Sink.Snapshots.FirstOrDefault(), "snapshot");
        Assert.True(snap.Complete);
        Assert.Equal(7, snap.RequestId);
        var open = Assert.Single(snap.OpenOrders);
        Assert.Equal((bid.Id, Quantity.Parse("0.03"), Quantity.Parse("0.01")), (open.OrderId, open.OriginalSize, open.FilledSize));
        Assert.Equal(Quantity.Parse("0.01"), snap.Positions[h.Btc]);
        Assert.Equal(Quantity.Zero, snap.Positions[h.Instruments[1].Id]);
        Assert.Equal(Money.Parse("1000000") - Money.Parse("590") - Money.Parse("0.118"), snap.Cash);
        Assert.Equal(bid.Id, Assert.Single(snap.FillsSince).OrderId);
    }
}
