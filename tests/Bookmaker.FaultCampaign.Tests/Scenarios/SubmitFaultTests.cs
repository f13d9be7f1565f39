using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.FaultCampaign.Tests.Harness;

namespace Bookmaker.FaultCampaign.Tests.Scenarios;

/// <summary>Order submits that time out, hit a 429 storm, or meet a matching-engine restart.</summary>
/// <remarks>
/// The simulated venue has no circuit breaker (the only one is Polly's in the Polymarket adapter, tested against the
/// emulator): a 429 or 425 pauses submits to the venue for its Retry-After, which is what these scenarios check.
/// </remarks>
public sealed class SubmitFaultTests
{
    [Fact]
    public async Task Order_whose_post_timed_out_but_is_live_is_found_by_reconciliation_and_never_resent()
    {
        await using var h = await FaultHarness.StartAsync(new HarnessOptions { TimeoutExecutedProbability = 1.0 });
        h.SetFaults("order.timeout=1");
        var outcome = h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 10));
        Assert.True(outcome.Sent);
        h.ClearFaults();
        h.Run(TimeSpan.FromSeconds(6)); // past the client timeout: a status-0 failure, no ack
        Assert.Single(h.Venue.PeekAccount().OpenOrders);
        Assert.Contains(h.Engine.Orders.LiveOrders, o => o.Id == outcome.Id);
        h.Engine.Orders.RequestReconciliation();
        h.Run(TimeSpan.FromSeconds(1));
        var order = h.Engine.Orders.Find(outcome.Id)!;
        Assert.True(order.IsAcknowledged);
        Assert.True(h.Engine.Orders.Stats.ReconciliationFindings > 0);
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Late_answer_after_timeout_leaves_one_live_order_known_to_engine_and_venue()
    {
        await using var h = await FaultHarness.StartAsync();
        h.SetFaults("order.late=1:2s");
        var outcome = h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 10));
        h.ClearFaults();
        h.Run(TimeSpan.FromSeconds(8));
        Assert.True(h.Engine.Orders.Find(outcome.Id)!.IsAcknowledged);
        Assert.Single(h.Venue.PeekAccount().OpenOrders);
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Rate_limit_storm_pauses_submits_until_retry_after()
    {
        await using var h = await FaultHarness.StartAsync();
        h.SetFaults("order.ratelimit=1:3s");
        h.Strategy.Burst(40, TimeSpan.FromMilliseconds(50), (c, i) => h.Strategy.Limit(h.Yes, Side.Buy, "0.4" + (i % 5), 5));
        h.Run(TimeSpan.FromSeconds(2));
        Assert.True(h.Engine.Gate.AreSubmitsPaused(h.Venue.Venue));
        Assert.True(h.Engine.Alerts.IsActive("rate_limited", h.Venue.Venue));
        Assert.True(h.Engine.Orders.Stats.DeniedByReason.GetValueOrDefault("submits_paused") > 0);
        // Only the requests sent before the first 429 came back reached the venue's door; none were placed.
        Assert.Empty(h.Venue.OrderArrivals);
        Assert.True(h.Recorder.Sent.Count < 10, $"{h.Recorder.Sent.Count} sent into a 429 storm");
        h.ClearFaults();
        h.Run(TimeSpan.FromSeconds(3));
        Assert.False(h.Engine.Gate.AreSubmitsPaused(h.Venue.Venue));
        Assert.True(h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 10)).Sent);
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Restart_window_refuses_submits_and_cancels_and_trading_resumes_after_it()
    {
        await using var h = await FaultHarness.StartAsync();
        CancelAllFaultTests.RestSixBids(h);
        h.SetFaults("order.restart=1:3s");
        h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 10));
        h.ClearFaults();
        h.Run(TimeSpan.FromMilliseconds(200));
        // The 425 says "retry after": submits wait, cancels are tried (and refused by the venue) but never denied.
        Assert.True(h.Engine.Gate.AreSubmitsPaused(h.Venue.Venue));
        var denied = h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.43", 10));
        Assert.Equal(DenyReason.SubmitsPaused, denied.Decision.Reason);
        var resting = h.Engine.Orders.LiveOrders.First(o => o.IsAcknowledged).Id;
        Assert.True(h.Strategy.Context.Cancel(resting));
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(6, h.Venue.PeekAccount().OpenOrders.Count);
        h.Run(TimeSpan.FromSeconds(3));
        Assert.False(h.Engine.Gate.AreSubmitsPaused(h.Venue.Venue));
        Assert.True(h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.43", 10)).Sent);
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(7, h.Venue.PeekAccount().OpenOrders.Count);
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Restart_window_during_a_freeze_still_ends_with_nothing_open()
    {
        await using var h = await FaultHarness.StartAsync();
        CancelAllFaultTests.RestSixBids(h);
        h.SetFaults("cancel_all.restart=1:4s");
        h.OperatorHalt();
        h.ClearFaults();
        Assert.Equal(TradingState.Halted, h.Engine.Gate.State);
        Assert.True(h.RunUntil(() => h.Venue.PeekAccount().OpenOrders.Count == 0 && h.Engine.Orders.LiveCount == 0, h.Options.Risk.CancelAllDeadline));
        await Invariants.AssertAllAsync(h);
    }

    internal static SubmitOutcome Dummy => default;
}
