using Bookmaker.Core.Orders;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.FaultCampaign.Tests.Harness;

namespace Bookmaker.FaultCampaign.Tests.Scenarios;

/// <summary>The kill-switch file appearing mid-burst, a daily-loss breach, and a day roll while HALTED.</summary>
public sealed class HaltTests
{
    [Fact]
    public async Task Kill_switch_file_appearing_mid_burst_halts_before_the_next_order_and_cancels_everything()
    {
        await using var h = await FaultHarness.StartAsync(new HarnessOptions { KillSwitchFile = true });
        h.Strategy.Burst(40, TimeSpan.FromMilliseconds(50), (c, i) => h.Strategy.Limit(h.Yes, Side.Buy, "0.4" + (i % 5), 5));
        h.Run(TimeSpan.FromMilliseconds(1_010));
        int sentBefore = h.Strategy.Sent;
        var engagedAt = h.Now;
        Assert.True(sentBefore >= 15, $"{sentBefore}: " + string.Join(",", h.Strategy.Outcomes.Select(o => o.Decision.Reason)));
        new KillSwitchFile(h.KillSwitchPath).Engage("campaign", h.Now, "fault campaign");
        h.Run(TimeSpan.FromSeconds(3));

        var halt = h.StateChanges.First(c => c.State == TradingState.Halted);
        Assert.Equal("kill_switch", halt.Reason);
        Assert.True(halt.Ticks - engagedAt.UtcTicks <= TimeSpan.FromMilliseconds(250).Ticks, $"seen {TimeSpan.FromTicks(halt.Ticks - engagedAt.UtcTicks)} after, more than one housekeeping period");
        Assert.All(h.Recorder.Sent, s => Assert.True(s.SentTicks <= halt.Ticks));
        // Between the file appearing and the next housekeeping tick (≤ 250 ms) the burst goes on: at most 5 more orders.
        Assert.InRange(h.Recorder.Sent.Count(s => s.SentTicks > engagedAt.UtcTicks), 0, 5);
        Assert.Contains(h.Strategy.Outcomes, o => o.Decision.Reason == DenyReason.KillSwitch);
        Assert.Empty(h.Venue.PeekAccount().OpenOrders);
        Assert.Equal(0, h.Engine.Orders.LiveCount);

        // The file going away does not resume; an operator does.
        new KillSwitchFile(h.KillSwitchPath).Disengage();
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(TradingState.Halted, h.Engine.Gate.State);
        h.Host.Loop.Post(new OperatorCommand(OperatorCommandKind.Resume, "campaign"));
        h.Drain();
        Assert.Equal(TradingState.Active, h.Engine.Gate.State);
        await Invariants.AssertAllAsync(h);
    }

    /// <summary>Buys 200 at 0.51/0.52, then the market drops to <paramref name="mid"/>.</summary>
    internal static void BuyThenDrop(FaultHarness h, decimal mid)
    {
        Assert.True(h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.52", 200)).Sent);
        h.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(200m, h.Engine.Portfolio.QuantityOf(h.Yes.Id).ToDecimal());
        h.QuoteAround(mid);
        h.Run(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Daily_loss_breach_halts_cancels_and_the_loss_passes_the_limit_by_at_most_the_crossing_step()
    {
        await using var h = await FaultHarness.StartAsync();
        CancelAllFaultTests.RestSixBids(h);
        BuyThenDrop(h, 0.25m);
        Assert.True(h.Engine.Gate.IsBreached);
        Assert.True(h.Engine.Alerts.IsActive("daily_loss_breach"));
        Assert.Equal(DenyReason.DailyLossBreached, h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.24", 5)).Decision.Reason);
        Assert.True(h.Pnl.Crossed);
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Day_roll_during_a_breach_halt_resets_the_daily_baseline_but_keeps_trading_halted()
    {
        await using var h = await FaultHarness.StartAsync(new HarnessOptions { Start = new DateTimeOffset(2026, 3, 2, 23, 59, 0, TimeSpan.Zero) });
        BuyThenDrop(h, 0.25m);
        Assert.True(h.Engine.Gate.IsBreached);
        Assert.True(h.Engine.Gate.DailyPnl.Raw < 0);
        h.RunUntil(new DateTimeOffset(2026, 3, 3, 0, 0, 30, TimeSpan.Zero));
        Assert.Equal(Money.Zero, h.Engine.Gate.DailyPnl);
        Assert.Equal(0, h.Engine.Gate.OrdersToday);
        Assert.True(h.Engine.Gate.IsBreached);
        Assert.Equal(TradingState.Halted, h.Engine.Gate.State);
        Assert.Equal(DenyReason.DailyLossBreached, h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.24", 5)).Decision.Reason);
        // Only an explicit reset lifts it.
        h.Host.Loop.Post(new OperatorCommand(OperatorCommandKind.ResetBreach, "campaign"));
        h.Drain();
        Assert.Equal(TradingState.Active, h.Engine.Gate.State);
        Assert.True(h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.24", 5)).Sent);
        await Invariants.AssertAllAsync(h);
    }

    [Fact]
    public async Task Day_roll_during_a_kill_switch_halt_keeps_trading_halted()
    {
        await using var h = await FaultHarness.StartAsync(new HarnessOptions { KillSwitchFile = true, Start = new DateTimeOffset(2026, 3, 2, 23, 59, 50, TimeSpan.Zero) });
        CancelAllFaultTests.RestSixBids(h);
        new KillSwitchFile(h.KillSwitchPath).Engage("campaign", h.Now, "fault campaign");
        h.RunUntil(new DateTimeOffset(2026, 3, 3, 0, 0, 20, TimeSpan.Zero));
        Assert.Equal(TradingState.Halted, h.Engine.Gate.State);
        Assert.Equal(DenyReason.KillSwitch, h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, "0.44", 5)).Decision.Reason);
        Assert.Empty(h.Venue.PeekAccount().OpenOrders);
        await Invariants.AssertAllAsync(h);
    }
}
