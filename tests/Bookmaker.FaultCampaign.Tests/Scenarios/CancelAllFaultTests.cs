using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.FaultCampaign.Tests.Harness;

namespace Bookmaker.FaultCampaign.Tests.Scenarios;

/// <summary>Cancel-all failing outright or half-way: the freeze must still close every order, or say loudly that it cannot.</summary>
public sealed class CancelAllFaultTests
{
    internal static void RestSixBids(FaultHarness h)
    {
        for (int i = 0; i < 6; i++) Assert.True(h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, $"0.4{4 - (i % 4)}", 10 + i)).Sent);
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(6, h.Venue.PeekAccount().OpenOrders.Count);
    }

    [Fact]
    public async Task Clean_run_keeps_every_invariant()
    {
        await using var h = await FaultHarness.StartAsync();
        RestSixBids(h);
        h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.51", 20));
        h.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(20m, h.Engine.Portfolio.QuantityOf(h.Yes.Id).ToDecimal());
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Freeze_closes_every_order_when_cancel_all_returns_500()
    {
        await using var h = await FaultHarness.StartAsync();
        RestSixBids(h);
        h.SetFaults("cancel_all.error=1");
        h.OperatorCancelAll();
        Assert.True(h.RunUntil(() => h.Venue.PeekAccount().OpenOrders.Count == 0 && h.Engine.Orders.LiveCount == 0, h.Options.Risk.CancelAllDeadline));
        Assert.True(h.Venue.Stats.FailedRequests >= 1);
        Assert.False(h.Engine.Alerts.IsActive("cancel_all_stuck"));
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Freeze_raises_critical_and_halts_when_no_cancel_gets_through()
    {
        await using var h = await FaultHarness.StartAsync();
        RestSixBids(h);
        h.SetFaults("cancel_all.error=1,cancel.error=1");
        h.OperatorCancelAll();
        h.Run(h.Options.Risk.CancelAllDeadline + TimeSpan.FromSeconds(2));
        Assert.Equal(6, h.Venue.PeekAccount().OpenOrders.Count);
        Assert.True(h.Engine.Alerts.IsActive("cancel_all_stuck"));
        Assert.Equal(TradingState.Halted, h.Engine.Gate.State);
        Assert.False(h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 10)).Sent);
        // The venue recovers: the freeze, still retrying, finishes the job.
        h.ClearFaults();
        Assert.True(h.RunUntil(() => h.Venue.PeekAccount().OpenOrders.Count == 0 && h.Engine.Orders.LiveCount == 0, TimeSpan.FromSeconds(5)));
        Assert.False(h.Engine.Alerts.IsActive("cancel_all_stuck"));
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Freeze_closes_the_rest_when_cancel_all_cancels_half()
    {
        await using var h = await FaultHarness.StartAsync();
        RestSixBids(h);
        h.SetFaults("cancel_all.partial=1:0.5");
        h.OperatorCancelAll();
        h.Run(TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, h.Venue.PeekAccount().OpenOrders.Count);
        Assert.True(h.RunUntil(() => h.Venue.PeekAccount().OpenOrders.Count == 0 && h.Engine.Orders.LiveCount == 0, h.Options.Risk.CancelAllDeadline));
        await Invariants.AssertAllAsync(h);
    }
}
