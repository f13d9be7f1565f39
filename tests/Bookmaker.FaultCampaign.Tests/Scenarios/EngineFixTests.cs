using Bookmaker.Core.Orders;
using Bookmaker.FaultCampaign.Tests.Harness;

namespace Bookmaker.FaultCampaign.Tests.Scenarios;

/// <summary>Engine defects the campaign found, each pinned by a test that failed before its fix.</summary>
public sealed class EngineFixTests
{
    [Fact]
    public async Task Restored_order_the_venue_never_placed_is_closed_by_the_first_reconciliation_after_restart()
    {
        await using var h = await FaultHarness.StartAsync();
        // The batch is journaled (durable) but the venue answers 500 and places nothing — and the process dies before it hears.
        h.SetFaults("batch.error=1");
        var legs = Enumerable.Range(0, 3).Select(i => h.Strategy.Limit(h.Yes, Side.Buy, $"0.4{i}", 10)).ToList();
        Assert.True(h.Strategy.Basket(legs).Decision.IsAllowed);
        h.Journal.Commit();
        await h.KillAsync();
        h.ClearFaults();
        h.AdvanceWhileDown(TimeSpan.FromSeconds(2));
        Assert.Empty(h.Venue.OrderArrivals);

        await h.RestartAsync(); // recovers the three as PendingNew; the start-up reconciliation must settle them
        Assert.Equal(3, h.Recovered!.LiveOrders.Count);
        h.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(0, h.Engine.Orders.LiveCount);
        Assert.Equal(0, h.Engine.Gate.OpenOrders);
        await Invariants.AssertAllAsync(h);
    }

    [Theory]
    [InlineData("order.ratelimit=1:2s")]
    [InlineData("order.restart=1:2s")]
    public async Task Submit_refused_outright_by_the_venue_is_rejected_at_once_and_releases_its_commitment(string fault)
    {
        await using var h = await FaultHarness.StartAsync();
        var cashBefore = h.Engine.Gate.AvailableCash;
        h.SetFaults(fault);
        var outcome = h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 100));
        h.ClearFaults();
        h.Run(TimeSpan.FromSeconds(1));
        // A 429 / 425 is a definite "not executed": nothing to wait 30 s of reconciliation for.
        Assert.Equal(OrderStatus.Rejected, h.Engine.Orders.Find(outcome.Id)!.Status);
        Assert.Equal(0, h.Engine.Orders.LiveCount);
        Assert.Equal(cashBefore, h.Engine.Gate.AvailableCash);
        await Invariants.AssertAllAsync(h);
    }
}
