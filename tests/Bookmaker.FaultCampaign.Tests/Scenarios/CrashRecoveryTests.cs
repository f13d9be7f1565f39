using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.FaultCampaign.Tests.Harness;

namespace Bookmaker.FaultCampaign.Tests.Scenarios;

/// <summary>
/// <c>kill -9</c> mid-batch: the engine object is dropped without shutdown while a basket is on the wire; the venue (the
/// exchange) keeps running and fills what it can; a new engine recovers from the same SQLite journal, reconciles, and
/// must end with nothing lost, nothing sent twice and no id reused.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Process_killed_mid_batch_restarts_without_losing_fills_reusing_ids_or_resending(bool intentsDurable)
    {
        await using var h = await FaultHarness.StartAsync();
        // Before the crash: three resting bids, one of them filled.
        for (int i = 0; i < 3; i++) h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, $"0.4{9 - i}", 10));
        h.Run(TimeSpan.FromSeconds(1));
        h.AgentOrder(Side.Sell, 0.49m, 10);
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(10m, h.Engine.Portfolio.QuantityOf(h.Yes.Id).ToDecimal());

        // A basket of 10 legs leaves (one batch): 8 resting bids, 2 crossing buys. Then the process dies.
        var legs = new List<OrderRequest>();
        for (int i = 0; i < 8; i++) legs.Add(h.Strategy.Limit(h.Yes, Side.Buy, $"0.4{i % 4}", 5 + i));
        legs.Add(h.Strategy.Limit(h.Yes, Side.Buy, "0.51", 20));
        legs.Add(h.Strategy.Limit(h.Yes, Side.Buy, "0.52", 10));
        var (decision, ids) = h.Strategy.Basket(legs);
        Assert.True(decision.IsAllowed);
        if (intentsDurable) h.Journal.Commit();
        var firstEpochIds = h.Recorder.Sent.Select(s => s.Id).ToHashSet();
        await h.KillAsync();
        // Not durable: the ten intents went with the process although their batch is on the wire (appends are queued
        // for the writer thread; only what a flush acknowledged survives a kill -9).
        if (intentsDurable) Assert.Equal(0, h.Journal.Lost);
        else Assert.True(h.Journal.Lost >= 10, $"{h.Journal.Lost} entries lost");

        // While we are down the venue places the batch and an agent trades with two of our resting bids.
        h.AdvanceWhileDown(TimeSpan.FromMilliseconds(500));
        Assert.Equal(10, h.Venue.OrderArrivals.Count(a => ids.Contains(a.Id)));
        h.AgentOrder(Side.Sell, 0.42m, 25);
        h.AdvanceWhileDown(TimeSpan.FromSeconds(2));

        await h.RestartAsync();
        Assert.NotNull(h.Recovered);
        Assert.Equal(intentsDurable ? 12 : 2, h.Recovered!.LiveOrders.Count);
        h.Run(TimeSpan.FromSeconds(5));

        // New ids come from a new epoch: nothing from the first process is ever reused.
        var fresh = h.Strategy.Context.NextId();
        Assert.True(fresh.Epoch > ids[0].Epoch);
        Assert.DoesNotContain(fresh, firstEpochIds);
        await Invariants.AssertAllAsync(h);
        Assert.Equal(TradingState.Active, h.Engine.Gate.State);
        // Every fill the venue made (before, during and after the crash) is in the portfolio and the journal.
        Assert.Equal(h.Venue.PeekAccount().Positions[h.Yes.Id], h.Engine.Portfolio.QuantityOf(h.Yes.Id));
        Assert.True(h.Engine.Portfolio.QuantityOf(h.Yes.Id).ToDecimal() > 10m);
    }
}
