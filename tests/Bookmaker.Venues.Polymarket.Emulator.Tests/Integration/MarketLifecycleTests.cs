using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Http;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// Ticks and market lifecycle end to end (engine ← adapter ← loopback emulator): an off-tick reject re-reads the tick,
/// a tick change lost while the market channel was down is read after the reconnect, a resolved or closed market
/// cancels our orders and is refused by the gate, and a 403 pauses every request to the venue. Every wait is bounded.
/// </summary>
public class MarketLifecycleTests
{
    private static readonly Price Coarse = Price.Parse("0.1");

    [Fact]
    public async Task An_off_tick_reject_rereads_the_tick_and_the_instruments_take_it()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        s.Emulator.ChangeTick(s.Market.YesTokenId, Coarse, announce: false);

        var id = s.Submit(s.Limit(Side.Buy, "0.45"));

        await s.WaitStatusAsync(id, OrderStatus.Rejected);
        Assert.Contains(s.Tap.Reports, r => r.OrderId == id && r.Reason == RejectReason.InvalidTick);
        await s.UntilAsync(() => s.Yes.TickSize == Coarse && s.No.TickSize == Coarse, "both tokens at the re-read tick");
        Assert.True(s.Adapter.TickRereads >= 1);
    }

    [Fact]
    public async Task A_reread_tick_ends_the_markets_reject_backoff_so_quotes_re_quantize_at_once()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        s.Emulator.ChangeTick(s.Market.YesTokenId, Coarse, announce: false);
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Rejected);
        await s.UntilAsync(() => s.Yes.TickSize == Coarse, "tick re-read");

        // The engine clock has not moved: without the lift the market would still wait out its 1 s hold.
        var again = s.Orders.Submit(s.Limit(Side.Buy, "0.40"));

        Assert.True(again.Sent, again.Decision.Code);
        await s.WaitStatusAsync(again.Id, OrderStatus.Open);
    }

    [Fact]
    public async Task An_insufficient_balance_reject_holds_the_market_instead_of_resending_at_every_requote()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        s.Emulator.Fund(s.Credentials.ApiKey, Money.FromUnits(-9_990)); // the venue's cash falls behind the engine's
        var id = s.Submit(s.Limit(Side.Buy, "0.45", size: 100));
        await s.WaitStatusAsync(id, OrderStatus.Rejected);
        Assert.Contains(s.Tap.Reports, r => r.OrderId == id && r.Reason == RejectReason.InsufficientBalance);
        long posted = s.Emulator.OrdersPosted;

        // Both tokens of the market are held; nothing reaches the venue until the hold ends.
        Assert.Equal(DenyReason.RejectBackoff, s.Orders.Submit(s.Limit(Side.Buy, "0.45", size: 100)).Decision.Reason);
        Assert.Equal(DenyReason.RejectBackoff, s.Orders.Submit(s.Limit(Side.Buy, "0.50", instrument: s.No)).Decision.Reason);
        Assert.Equal(posted, s.Emulator.OrdersPosted);
        s.Advance(TimeSpan.FromSeconds(1));
        var retried = s.Orders.Submit(s.Limit(Side.Buy, "0.45", size: 100));
        Assert.True(retried.Sent, retried.Decision.Code);
        await s.WaitStatusAsync(retried.Id, OrderStatus.Rejected);

        // The second refusal doubles the hold.
        s.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DenyReason.RejectBackoff, s.Orders.Submit(s.Limit(Side.Buy, "0.45", size: 100)).Decision.Reason);
        s.Advance(TimeSpan.FromSeconds(1));
        Assert.True(s.Orders.Submit(s.Limit(Side.Buy, "0.45", size: 5)).Sent);
    }

    [Fact]
    public async Task A_tick_change_missed_while_the_market_channel_was_down_is_read_after_the_reconnect()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        s.Emulator.ChangeTick(s.Market.YesTokenId, Coarse, announce: false);

        s.Emulator.DropAllWebSockets();

        await s.UntilAsync(() => s.Yes.TickSize == Coarse && s.No.TickSize == Coarse, "ticks re-read after the reconnect");
        Assert.Contains(s.Tap.Statuses, e => e.State == VenueState.Reconnected);
    }

    [Fact]
    public async Task A_resolved_market_cancels_our_orders_there_and_the_gate_refuses_new_ones()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var resting = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(resting, OrderStatus.Open);

        s.Emulator.ResolveMarket(s.Market.ConditionId, s.Market.NoTokenId);

        await s.WaitStatusAsync(resting, OrderStatus.Cancelled);
        await s.UntilAsync(() => s.Engine.Gate.IsMarketClosed(s.Yes), "market closed in the engine");
        Assert.Contains(s.Tap.Statuses, e => e.State == VenueState.MarketClosed && e.Market == s.Market.ConditionId && e.Text!.Contains("winning outcome No", StringComparison.Ordinal));
        Assert.Equal(DenyReason.MarketClosed, s.Orders.Submit(s.Limit(Side.Buy, "0.45")).Decision.Reason);
        Assert.Equal(DenyReason.MarketClosed, s.Orders.Submit(s.Limit(Side.Buy, "0.45", instrument: s.No)).Decision.Reason);
        var alert = Assert.Single(s.Engine.Alerts.Active, a => a.Code == "market_closed");
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal(s.Market.ConditionId, alert.Key);
        Assert.Equal(0, s.Emulator.RestingOrderCount(s.Credentials.ApiKey));
    }

    [Fact]
    public async Task A_market_that_stopped_accepting_orders_unannounced_is_closed_after_the_first_refusal()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        s.Emulator.SilenceAsset(s.Market.YesTokenId); // the market_resolved message never reaches us
        s.Emulator.ResolveMarket(s.Market.ConditionId);

        var id = s.Submit(s.Limit(Side.Buy, "0.45"));

        await s.WaitStatusAsync(id, OrderStatus.Rejected);
        Assert.Contains(s.Tap.Reports, r => r.OrderId == id && r.Reason == RejectReason.MarketUnavailable);
        await s.UntilAsync(() => s.Engine.Gate.IsMarketClosed(s.No), "market closed from its REST record");
        Assert.Contains(s.Tap.Statuses, e => e.State == VenueState.MarketClosed && e.Text!.Contains("closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_403_pauses_every_request_holds_cancels_until_the_window_ends_and_raises_a_critical_alert()
    {
        await using var s = await EngineSession.StartAsync(adapterSettings: a => a with
        {
            // Long enough that the checks inside the window finish before it ends on a loaded machine (it runs on wall time).
            Http = a.Http with { ForbiddenPause = TimeSpan.FromSeconds(4) },
        });
        await s.SeedBookAsync();
        var resting = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(resting, OrderStatus.Open);
        s.Emulator.Forbid(TimeSpan.FromHours(1));

        var refused = s.Submit(s.Limit(Side.Buy, "0.44"));
        await s.WaitStatusAsync(refused, OrderStatus.Rejected);
        await s.UntilAsync(() => s.Engine.Alerts.IsActive("venue_blocked", s.Yes.Id.Venue), "venue_blocked alert");

        Assert.Equal(AlertSeverity.Critical, s.Engine.Alerts.Active.Single(a => a.Code == "venue_blocked").Severity);
        Assert.Equal(DenyReason.VenueBlocked, s.Orders.Submit(s.Limit(Side.Buy, "0.43", instrument: s.No)).Decision.Reason);
        Assert.NotNull(s.Adapter.Rest.ForbiddenFor);
        // A cancel during the window is held, not sent (the edge would only count it against us) and not failed.
        Assert.True(s.Orders.Cancel(resting));
        s.Emulator.Forbid(TimeSpan.Zero);
        await s.WaitStatusAsync(resting, OrderStatus.Cancelled);
        Assert.Equal(1, s.Emulator.ForbiddenAnswers);
        Assert.Null(s.Adapter.Rest.ForbiddenFor);

        s.Advance(TimeSpan.FromSeconds(11)); // the engine's own window (the 4 s pause) ends; housekeeping clears the alert
        Assert.False(s.Engine.Alerts.IsActive("venue_blocked", s.Yes.Id.Venue));
    }

    [Fact]
    public async Task Submits_during_the_403_window_are_refused_locally_without_reaching_the_venue()
    {
        await using var s = await EngineSession.StartAsync(adapterSettings: a => a with
        {
            Http = a.Http with { ForbiddenPause = TimeSpan.FromSeconds(30) },
        });
        s.Emulator.Forbid(TimeSpan.FromHours(1));
        var first = await s.Adapter.Rest.GetTickSizeAsync(s.Market.YesTokenId);
        Assert.Equal(403, first.HttpStatus);

        var second = await s.Adapter.Rest.PostOrderAsync("{}"u8.ToArray());

        Assert.Equal(0, second.HttpStatus);
        Assert.Contains("paused", second.Error!.Value.Text, StringComparison.Ordinal);
        Assert.Equal(1, s.Emulator.ForbiddenAnswers);
    }
}
