using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Adapter;

/// <summary>Every fault kind, applied with probability 1, must be visible to the client.</summary>
public class FaultApplicationTests
{
    [Fact]
    public void Order_error_answers_500_and_places_nothing()
    {
        var h = VenueHarness.OneMarket("order.error=1").StartVenue();
        var order = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(order);
        h.RunMs(1);
        var f = Assert.Single(h.Failures);
        Assert.Equal(500, f.HttpStatus);
        Assert.Equal(RejectReason.VenueError, f.Reason);
        Assert.Equal([order.Id], f.Orders);
        Assert.Equal(0, h.Venue.Engine.OpenOrderCount);
        Assert.Empty(h.Reports);
    }

    [Fact]
    public void Order_restart_answers_425_for_the_whole_window_and_announces_the_restart()
    {
        var h = VenueHarness.OneMarket("order.restart=0.5:30s").StartVenue();
        // Seeded: submit until the restart strikes, then every submit and cancel in the window is refused.
        for (int i = 0; i < 20 && h.Failures.Count == 0; i++)
        {
            h.Venue.Submit(h.Limit(Side.Buy, "0.30", 5));
            h.RunMs(1);
        }

        var first = Assert.Single(h.Failures);
        Assert.Equal(425, first.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(30), first.RetryAfter);
        Assert.Contains(h.Statuses, s => s.State == VenueState.Restarting);
        h.Run(TimeSpan.FromSeconds(10));
        h.Venue.Cancel(h.NextId(), h.Yes.Id, null);
        h.RunMs(1);
        Assert.Equal(425, h.Failures[^1].HttpStatus);
        Assert.True(h.Failures[^1].RetryAfter <= TimeSpan.FromSeconds(20));
        h.Run(TimeSpan.FromSeconds(21));
        Assert.Equal(VenueState.Live, h.Statuses[^1].State);
    }

    [Fact]
    public void Order_ratelimit_answers_429_with_retry_after()
    {
        var h = VenueHarness.OneMarket("order.ratelimit=1:2s").StartVenue();
        h.Venue.Submit(h.Limit(Side.Buy, "0.40", 10));
        h.RunMs(1);
        var f = Assert.Single(h.Failures);
        Assert.Equal(429, f.HttpStatus);
        Assert.Equal(RejectReason.RateLimited, f.Reason);
        Assert.Equal(TimeSpan.FromSeconds(2), f.RetryAfter);
    }

    [Fact]
    public void Cancel_only_refuses_submits_with_503_but_executes_cancels()
    {
        var h = VenueHarness.OneMarket("batch.cancel_only=1:10s").StartVenue();
        var resting = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(resting);
        h.RunMs(1);
        h.Venue.SubmitBatch([h.Limit(Side.Buy, "0.30", 10)]);
        h.RunMs(1);
        Assert.Equal(503, Assert.Single(h.Failures).HttpStatus);
        Assert.Equal(VenueState.CancelOnly, h.Statuses[^1].State);
        h.Venue.Submit(h.Limit(Side.Buy, "0.31", 10));
        h.RunMs(1);
        Assert.Equal(503, h.Failures[^1].HttpStatus);
        Assert.Equal(RejectReason.CancelOnly, h.Failures[^1].Reason);
        h.Venue.Cancel(resting.Id, h.Yes.Id, null);
        h.RunMs(1);
        Assert.Contains(h.ReportsOf(resting.Id), r => r.Kind == ExecutionReportKind.Cancelled);
        h.Run(TimeSpan.FromSeconds(10));
        Assert.Equal(VenueState.Live, h.Statuses[^1].State);
    }

    [Fact]
    public void Timeout_sends_only_a_status_zero_failure_after_the_client_timeout_and_the_order_may_be_live()
    {
        var h = VenueHarness.OneMarket("order.timeout=1");
        var venue = new SimulatedVenue(h.Clock, h.Venue.Markets, h.Venue.Options with { TimeoutExecutedProbability = 1 });
        h = new VenueHarness(venue, h.Clock).StartVenue();
        var order = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(order);
        h.Run(TimeSpan.FromMilliseconds(4999));
        Assert.Empty(h.Failures);
        h.RunMs(1);
        var f = Assert.Single(h.Failures);
        Assert.Equal(0, f.HttpStatus);
        Assert.Equal(RejectReason.Timeout, f.Reason);
        Assert.Empty(h.Reports);
        Assert.Equal(1, h.Venue.Engine.OpenOrderCount);
        h.Venue.RequestAccountSnapshot(1, VenueHarness.Start);
        h.RunMs(1);
        Assert.Equal(order.Id, Assert.Single(h.Snapshots[0].OpenOrders).OrderId);
    }

    [Fact]
    public void Timeout_not_executed_leaves_nothing_at_the_venue()
    {
        var h = VenueHarness.OneMarket("order.timeout=1");
        var venue = new SimulatedVenue(h.Clock, h.Venue.Markets, h.Venue.Options with { TimeoutExecutedProbability = 0 });
        h = new VenueHarness(venue, h.Clock).StartVenue();
        h.Venue.Submit(h.Limit(Side.Buy, "0.40", 10));
        h.Run(TimeSpan.FromSeconds(6));
        Assert.Equal(0, Assert.Single(h.Failures).HttpStatus);
        Assert.Equal(0, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Late_answer_arrives_after_the_timeout_failure_and_the_order_is_live()
    {
        var h = VenueHarness.OneMarket("order.late=1:2s").StartVenue();
        var order = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(order);
        h.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Assert.Single(h.Failures).HttpStatus);
        Assert.Empty(h.Reports);
        Assert.Equal(1, h.Venue.Engine.OpenOrderCount);
        h.Run(TimeSpan.FromSeconds(2));
        var ack = Assert.Single(h.ReportsOf(order.Id));
        Assert.Equal(ExecutionReportKind.Accepted, ack.Kind);
        Assert.Contains("fail", h.Log.First(l => l.Contains("fail", StringComparison.Ordinal) || l.Contains(" er ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_all_partial_cancels_only_that_fraction_and_reports_success()
    {
        var h = VenueHarness.OneMarket("cancel_all.partial=1:0.5").StartVenue();
        var orders = Enumerable.Range(0, 4).Select(i => h.Limit(Side.Buy, "0.3" + i, 5)).ToList();
        foreach (var o in orders) h.Venue.Submit(o);
        h.RunMs(1);
        h.Venue.CancelAll();
        h.RunMs(1);
        Assert.Empty(h.Failures);
        Assert.Equal(2, h.Reports.Count(r => r.Kind == ExecutionReportKind.Cancelled));
        Assert.Equal(2, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Cancel_market_partial_cancels_only_that_fraction()
    {
        var h = VenueHarness.OneMarket("cancel_market.partial=1:0.25").StartVenue();
        foreach (var o in Enumerable.Range(0, 4).Select(i => h.Limit(Side.Buy, "0.3" + i, 5))) h.Venue.Submit(o);
        h.RunMs(1);
        h.Venue.CancelMarket(h.Venue.Markets[0].MarketId);
        h.RunMs(1);
        Assert.Equal(1, h.Reports.Count(r => r.Kind == ExecutionReportKind.Cancelled));
        Assert.Equal(3, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Cancel_all_error_answers_500_and_cancels_nothing()
    {
        var h = VenueHarness.OneMarket("cancel_all.error=1").StartVenue();
        foreach (var o in Enumerable.Range(0, 3).Select(i => h.Limit(Side.Buy, "0.3" + i, 5))) h.Venue.Submit(o);
        h.RunMs(1);
        h.Venue.CancelAll();
        h.RunMs(1);
        var f = Assert.Single(h.Failures);
        Assert.Equal(500, f.HttpStatus);
        Assert.Equal(VenueEndpoint.CancelAll, f.Endpoint);
        Assert.Equal(3, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Batch_partial_places_only_that_fraction_silently()
    {
        var h = VenueHarness.OneMarket("batch.partial=1:0.5").StartVenue();
        h.Venue.SubmitBatch(Enumerable.Range(0, 4).Select(i => h.Limit(Side.Buy, "0.3" + i, 5)).ToList());
        h.RunMs(1);
        Assert.Equal(2, h.Reports.Count(r => r.Kind == ExecutionReportKind.Accepted));
        Assert.Equal(2, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Query_error_fails_the_reconciliation_request()
    {
        var h = VenueHarness.OneMarket("query.error=1").StartVenue();
        h.Venue.RequestAccountSnapshot(3, VenueHarness.Start);
        h.RunMs(1);
        Assert.Equal(VenueEndpoint.Query, Assert.Single(h.Failures).Endpoint);
        Assert.Empty(h.Snapshots);
    }

    // ───────────────────────────── feed ─────────────────────────────

    private static VenueHarness FeedHarness(string faults)
    {
        var h = VenueHarness.OneMarket(faults).StartVenue();
        h.MarketData.Clear();
        h.Statuses.Clear();
        return h;
    }

    private static void Burst(VenueHarness h, int n)
    {
        for (int i = 0; i < n; i++)
        {
            h.AgentLimit(Side.Buy, "0.2" + i, 5);
            h.RunMs(10);
        }
    }

    [Fact]
    public void Feed_drop_shows_as_a_sequence_gap_then_a_fresh_snapshot()
    {
        var h = FeedHarness("feed.drop=0.5");
        Burst(h, 6);
        var yes = h.MarketData.Where(e => e.InstrumentIndex == 0 && e.Kind == MarketDataKind.LevelUpdate).ToList();
        Assert.True(yes.Count < 6, "some messages were dropped");
        Assert.Contains(yes.Skip(1), e => e.PreviousSequence != yes[yes.IndexOf(e) - 1].Sequence);
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Contains(h.MarketData, e => e.Kind == MarketDataKind.Snapshot && e.InstrumentIndex == 0);
        Assert.True(h.Venue.Stats.FeedDropped > 0);
    }

    [Fact]
    public void Feed_duplicate_delivers_the_same_message_twice()
    {
        var h = FeedHarness("feed.duplicate=1");
        Burst(h, 1);
        var yes = h.MarketData.Where(e => e.InstrumentIndex == 0).ToList();
        Assert.Equal(2, yes.Count);
        Assert.Equal(yes[0], yes[1]);
    }

    [Fact]
    public void Feed_reorder_delivers_a_later_message_first()
    {
        var h = FeedHarness("feed.reorder=1:1");
        h.AgentLimit(Side.Buy, "0.20", 5);
        h.AgentLimit(Side.Buy, "0.21", 5); // same instant: one message per instrument, YES held behind NO
        h.RunMs(10);
        h.AgentLimit(Side.Buy, "0.22", 5);
        h.RunMs(10);
        var seqs = h.MarketData.Where(e => e.InstrumentIndex == 0 && e.EndOfMessage).Select(e => e.Sequence).ToList();
        Assert.True(seqs.Zip(seqs.Skip(1)).Any(p => p.Second < p.First) || h.MarketData.First().InstrumentIndex == 1,
            "a message was held back behind a later one");
        Assert.Equal(1, h.MarketData[0].InstrumentIndex);
    }

    [Fact]
    public void Feed_stale_stalls_the_stream_for_the_window_then_delivers()
    {
        var h = FeedHarness("feed.stale=1:2s");
        h.AgentLimit(Side.Buy, "0.20", 5);
        h.Run(TimeSpan.FromMilliseconds(1999));
        Assert.Empty(h.MarketData);
        h.RunMs(1);
        Assert.NotEmpty(h.MarketData);
        Assert.All(h.MarketData, e => Assert.Equal(h.Now, e.ReceiveTimeTicks));
    }

    [Fact]
    public void Feed_disconnect_announces_it_then_reconnects_with_fresh_snapshots()
    {
        var h = FeedHarness("feed.disconnect=1:5s");
        h.AgentLimit(Side.Buy, "0.20", 5);
        h.RunMs(1);
        Assert.Equal(VenueState.Disconnected, Assert.Single(h.Statuses).State);
        Assert.Empty(h.MarketData);
        h.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(VenueState.Reconnected, h.Statuses[^1].State);
        var snaps = h.MarketData.Where(e => e.Kind == MarketDataKind.Snapshot).ToList();
        Assert.Equal(2, snaps.Count);
        Assert.Equal(Price.Parse("0.20"), snaps[0].Snapshot!.Bids[0].Price);
    }

    // ───────────────────────────── user feed ─────────────────────────────

    [Fact]
    public void User_feed_drop_loses_the_report_and_only_reconciliation_finds_the_order()
    {
        var h = VenueHarness.OneMarket("user_feed.drop=1").StartVenue();
        var order = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(order);
        h.RunMs(1);
        Assert.Empty(h.Reports);
        h.Venue.RequestAccountSnapshot(1, VenueHarness.Start);
        h.RunMs(1);
        Assert.Equal(order.Id, Assert.Single(h.Snapshots[0].OpenOrders).OrderId);
    }

    [Fact]
    public void User_feed_duplicate_sends_the_report_twice()
    {
        var h = VenueHarness.OneMarket("user_feed.duplicate=1").StartVenue();
        h.Venue.Submit(h.Limit(Side.Buy, "0.40", 10));
        h.RunMs(1);
        Assert.Equal(2, h.Reports.Count);
        Assert.Same(h.Reports[0], h.Reports[1]);
    }

    [Fact]
    public void User_feed_reorder_swaps_a_report_with_the_next()
    {
        var h = VenueHarness.OneMarket("user_feed.reorder=1:1").StartVenue();
        h.AgentLimit(Side.Sell, "0.50", 100);
        var order = h.Limit(Side.Buy, "0.50", 10);
        h.Venue.Submit(order);
        h.RunMs(1);
        Assert.Equal([ExecutionReportKind.Filled, ExecutionReportKind.Accepted], h.Reports.Select(r => r.Kind));
    }

    [Fact]
    public void User_feed_stale_holds_reports_for_the_window()
    {
        var h = VenueHarness.OneMarket("user_feed.stale=1:3s").StartVenue();
        h.Venue.Submit(h.Limit(Side.Buy, "0.40", 10));
        h.Run(TimeSpan.FromMilliseconds(2999));
        Assert.Empty(h.Reports);
        h.RunMs(1);
        Assert.Single(h.Reports);
    }

    [Fact]
    public void User_feed_disconnect_announces_it_and_loses_reports_until_reconnected()
    {
        var h = VenueHarness.OneMarket("user_feed.disconnect=1:5s").StartVenue();
        h.Venue.Submit(h.Limit(Side.Buy, "0.40", 10));
        h.RunMs(1);
        Assert.Empty(h.Reports);
        Assert.Equal(VenueState.Disconnected, h.Statuses[^1].State);
        h.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(VenueState.Reconnected, h.Statuses[^1].State);
    }
}
