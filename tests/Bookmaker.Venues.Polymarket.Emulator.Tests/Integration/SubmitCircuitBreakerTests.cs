using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Adapter;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// The one submit circuit breaker: Polly's, in the adapter's REST pipeline. A storm of failed submits (the emulator
/// answers new orders 500) opens it; the adapter reports each transition as a venue status on the event loop; the
/// engine's gate mirrors it for the venue (submits denied <c>circuit_open</c>, cancels still go) and the
/// <c>circuit_open</c> alert follows it. The breaker runs on the adapter's clock (wall time, a 1 s break); the gate's
/// mirror and the alert on the engine's simulated clock, which the test moves. Every wait is bounded.
/// </summary>
public sealed class SubmitCircuitBreakerTests
{
    // Opens at the third failed submit after one good one (4 requests in the window, 3 of them failed).
    private static PolymarketAdapterSettings QuickBreaker(PolymarketAdapterSettings a) => a with
    {
        Http = a.Http with { BreakerMinimumThroughput = 4, BreakerFailureRatio = 0.5, BreakerBreakDuration = TimeSpan.FromSeconds(1) },
    };

    [Fact]
    public async Task A_storm_of_failed_submits_opens_the_adapters_breaker_which_the_gate_mirrors_until_a_trial_submit_closes_it()
    {
        await using var s = await EngineSession.StartAsync(adapterSettings: QuickBreaker);
        string venue = s.Yes.Id.Venue;
        await s.SeedBookAsync();
        var resting = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(resting, OrderStatus.Open);
        s.Emulator.FailOrderPosts(TimeSpan.FromHours(1));

        // Near the mark whether or not the engine has seen our 0.45 bid yet (the fat-finger band is judged from the mid).
        for (int i = 7; i <= 9; i++) s.Submit(s.Limit(Side.Buy, "0.4" + i));
        await s.UntilAsync(() => s.Engine.Gate.IsCircuitOpen(venue), "the gate mirroring the adapter's open circuit");

        var opened = Assert.Single(s.Tap.Statuses, e => e.State == VenueState.CircuitOpen);
        Assert.Equal(TimeSpan.FromSeconds(1), opened.RetryAfter);
        Assert.Equal(DenyReason.CircuitOpen, s.Orders.Submit(s.Limit(Side.Buy, "0.46")).Decision.Reason);
        Assert.Equal(AlertSeverity.Warning, s.Engine.Alerts.Active.Single(a => a.Code == VenueAvailabilityWatch.CircuitOpen && a.Key == venue).Severity);
        Assert.True(s.Orders.Cancel(resting));
        await s.WaitStatusAsync(resting, OrderStatus.Cancelled);

        // The outage ends; the break ends on both clocks; the next submit is the breaker's trial and closes it.
        s.Emulator.FailOrderPosts(TimeSpan.Zero);
        var breakEnd = opened.Timestamp + opened.RetryAfter!.Value;
        await s.UntilAsync(() => DateTimeOffset.UtcNow > breakEnd, "the breaker's break over (adapter clock)");
        if (s.EngineClock.GetUtcNow() <= breakEnd) s.Advance(breakEnd - s.EngineClock.GetUtcNow() + TimeSpan.FromMilliseconds(1));
        Assert.False(s.Engine.Gate.IsCircuitOpen(venue));
        var trial = s.Submit(s.Limit(Side.Buy, "0.46"));
        await s.WaitStatusAsync(trial, OrderStatus.Open);
        await s.UntilAsync(() => s.Tap.Statuses.Any(e => e.State == VenueState.CircuitClosed), "the adapter reporting its circuit closed");
        Assert.Contains(s.Tap.Statuses, e => e.State == VenueState.CircuitHalfOpen);

        // The alert is one episode: it ends at a normal answer once the circuit has stayed closed a quiet minute.
        Assert.True(s.Engine.Alerts.IsActive(VenueAvailabilityWatch.CircuitOpen, venue));
        s.Advance(VenueAvailabilityWatch.QuietPeriod + TimeSpan.FromSeconds(1));
        s.Orders.RequestReconciliation();
        await s.UntilAsync(() => !s.Engine.Alerts.IsActive(VenueAvailabilityWatch.CircuitOpen, venue), "circuit_open cleared");
    }
}
