using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Alerts;

public sealed class CancelFailureWatchTests
{
    private static void FailCancels(WatchFixture f, ClientOrderId id, int times)
    {
        for (int i = 0; i < times; i++)
        {
            f.Orders.Cancel(id);
            f.Fail(VenueEndpoint.Cancel, 500, RejectReason.VenueError, null, id);
        }
    }

    [Fact]
    public void Halts_when_cancels_keep_failing()
    {
        using var f = new WatchFixture();
        var id = f.RestingBid();

        FailCancels(f, id, 5);

        Assert.Equal(TradingState.Halted, f.Gate.State);
        Assert.Equal(AlertSeverity.Critical, f.Active(CancelFailureWatch.Code, WatchFixture.Venue)?.Severity);
        Assert.False(f.Orders.Submit(new OrderRequest(default, f.Yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc,
            Price.Parse("0.48"), Quantity.FromUnits(10))).Sent);
    }

    [Fact]
    public void Stays_active_below_the_failure_threshold()
    {
        using var f = new WatchFixture();
        var id = f.RestingBid();

        FailCancels(f, id, 4);

        Assert.Equal(TradingState.Active, f.Gate.State);
        Assert.Null(f.Active(CancelFailureWatch.Code, WatchFixture.Venue));
    }

    [Fact]
    public void Counts_failed_cancel_alls()
    {
        using var f = new WatchFixture();
        f.RestingBid();

        for (int i = 0; i < 5; i++) f.Fail(VenueEndpoint.CancelAll, 0, RejectReason.Timeout);

        Assert.Equal(TradingState.Halted, f.Gate.State);
        Assert.NotNull(f.Active(CancelFailureWatch.Code, WatchFixture.Venue));
    }

    [Fact]
    public void Counts_the_venue_refusing_to_cancel_a_live_order_for_a_venue_side_reason()
    {
        using var f = new WatchFixture();
        var id = f.RestingBid();

        for (int i = 0; i < 5; i++)
        {
            f.Orders.Cancel(id);
            f.Report(ExecutionReportKind.CancelRejected, id, RejectReason.VenueError, "internal error, cancel not processed");
        }

        Assert.Equal(TradingState.Halted, f.Gate.State);
    }

    [Fact]
    public void A_refused_cancel_saying_the_order_is_gone_is_no_failure_even_before_its_fill_arrives()
    {
        using var f = new WatchFixture();
        var id = f.RestingBid();

        // The fill crossed our cancel and its report is late (or lost): the venue answers "not found".
        for (int i = 0; i < 5; i++)
        {
            f.Orders.Cancel(id);
            f.Report(ExecutionReportKind.CancelRejected, id, RejectReason.Other, "Order not found or already canceled");
        }

        Assert.Equal(TradingState.Active, f.Gate.State);
    }

    [Fact]
    public void A_refused_cancel_of_an_order_that_already_filled_is_no_failure()
    {
        using var f = new WatchFixture();
        for (int i = 0; i < 5; i++)
        {
            var id = f.RestingBid();
            f.Orders.Cancel(id);
            f.Filled(id);
            f.Report(ExecutionReportKind.CancelRejected, id, RejectReason.Other, "order already filled");
        }

        Assert.Equal(TradingState.Active, f.Gate.State);
    }

    [Fact]
    public void Does_not_halt_when_confirmed_cancels_come_between_failures()
    {
        using var f = new WatchFixture();
        var first = f.RestingBid();
        FailCancels(f, first, 4);
        f.Report(ExecutionReportKind.Cancelled, first);

        FailCancels(f, f.RestingBid(), 4);

        Assert.Equal(TradingState.Active, f.Gate.State);
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        using var f = new WatchFixture(new OperationalWatchOptions { CancelFailureWindow = TimeSpan.FromSeconds(30) });
        var id = f.RestingBid();
        FailCancels(f, id, 4);
        f.Run(TimeSpan.FromSeconds(31));

        FailCancels(f, id, 1);

        Assert.Equal(TradingState.Active, f.Gate.State);
    }

    [Fact]
    public void Alert_clears_when_a_cancel_is_confirmed_but_the_halt_stays_until_resumed()
    {
        using var f = new WatchFixture();
        var id = f.RestingBid();
        FailCancels(f, id, 5);

        f.Report(ExecutionReportKind.Cancelled, id);

        Assert.Null(f.Active(CancelFailureWatch.Code, WatchFixture.Venue));
        Assert.Equal(TradingState.Halted, f.Gate.State);
    }
}
