using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// The engine path (order manager → risk gate → Polymarket adapter → REST/WS → emulator → user channel → order
/// manager) over real loopback sockets. Each test is bounded (5 s per wait) and steps venue time by hand.
/// </summary>
[Collection(IntegrationGroup.Name)]
public sealed class AdapterEngineTests
{
    [Fact]
    public async Task Submitted_order_reaches_the_emulator_signed_by_our_key_and_its_ack_maps_the_venue_id_to_our_id()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();

        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);

        var ack = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Accepted);
        Assert.Equal(id, ack.OrderId);
        Assert.StartsWith("0x", ack.VenueOrderId, StringComparison.Ordinal);
        Assert.Equal(ack.VenueOrderId, s.Orders.Find(id)!.VenueOrderId);
        var open = await s.Adapter.Rest.GetOpenOrdersAsync();
        var venueOrder = Assert.Single(open.Value!);
        Assert.Equal(ack.VenueOrderId, venueOrder.Id, StringComparer.OrdinalIgnoreCase);
        // The emulator recovered the EIP-712 signer and it is our key's address.
        Assert.Equal(s.Credentials.Address.ToChecksumString(), venueOrder.MakerAddress, StringComparer.OrdinalIgnoreCase);
        Assert.Equal((Price.Parse("0.45"), Quantity.FromUnits(10)), (Price.Parse(venueOrder.Price!), Quantity.Parse(venueOrder.OriginalSize!)));
    }

    [Fact]
    public async Task Cancel_through_the_order_manager_removes_the_order_at_the_venue()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);

        Assert.True(s.Orders.Cancel(id));
        await s.WaitStatusAsync(id, OrderStatus.Cancelled);

        Assert.Empty((await s.Adapter.Rest.GetOpenOrdersAsync()).Value!);
    }

    [Fact]
    public async Task Basket_of_15_goes_out_as_one_batch_and_every_leg_is_acknowledged()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var legs = Enumerable.Range(0, 15).Select(i => s.Limit(Side.Buy, i % 2 == 0 ? "0.44" : "0.43", 5)).ToArray();
        var ids = new ClientOrderId[15];

        Assert.True(s.Orders.SubmitBasket(legs, ids).IsAllowed);
        await s.UntilAsync(() => ids.All(i => s.Orders.Find(i)?.Status == OrderStatus.Open), "15 legs open");

        Assert.Equal(15, (await s.Adapter.Rest.GetOpenOrdersAsync()).Value!.Count);
        Assert.Equal(15, s.Tap.Reports.Count(r => r.Kind == ExecutionReportKind.Accepted));
    }

    [Fact]
    public async Task Batch_of_16_is_refused_by_the_adapter_before_anything_is_sent()
    {
        await using var s = await EngineSession.StartAsync();
        var legs = Enumerable.Range(1, 16).Select(i => s.Limit(Side.Buy, "0.44", 5) with { Id = ClientOrderId.From(9, (ulong)i) }).ToArray();

        s.Adapter.Execution.SubmitBatch(legs);
        await s.Adapter.DrainAsync();

        Assert.Equal(16, s.Tap.Reports.Count(r => r is { Kind: ExecutionReportKind.Rejected, Reason: RejectReason.BatchTooLarge }));
        Assert.Empty((await s.Adapter.Rest.GetOpenOrdersAsync()).Value!);
    }

    [Fact]
    public async Task Flow_taking_our_resting_bid_arrives_on_the_user_channel_as_maker_fills_one_per_trade()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var before = s.Engine.Portfolio.GetPosition(s.Yes)?.Quantity ?? Quantity.Zero; // the account's starting YES tokens
        var id = s.Submit(s.Limit(Side.Buy, "0.45", 12));
        await s.WaitStatusAsync(id, OrderStatus.Open);

        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(5));
        await s.WaitStatusAsync(id, OrderStatus.PartiallyFilled);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(7));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        var fills = s.Tap.Reports.Where(r => r.Kind == ExecutionReportKind.Filled).Select(r => r.Fill!).ToList();
        Assert.Equal(2, fills.Count);
        Assert.All(fills, f => Assert.Equal((id, Side.Buy, Price.Parse("0.45"), Liquidity.Maker, Money.Zero, Money.Zero), (f.OrderId, f.Side, f.Price, f.Liquidity, f.Fee, f.Rebate)));
        Assert.Equal([Quantity.FromUnits(5), Quantity.FromUnits(7)], fills.Select(f => f.Size));
        Assert.Equal(2, fills.Select(f => f.TradeId).Distinct().Count()); // each maker fill is its own trade
        Assert.All(fills, f => Assert.EndsWith(":" + s.Orders.Find(id)!.VenueOrderId, f.TradeId, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before + Quantity.FromUnits(12), s.Engine.Portfolio.GetPosition(s.Yes)!.Quantity);
    }

    [Fact]
    public async Task Crossing_order_is_filled_as_taker_even_when_the_trade_overtakes_the_post_answer()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var before = s.Engine.Portfolio.GetPosition(s.Yes)?.Quantity ?? Quantity.Zero;

        var id = s.Submit(s.Limit(Side.Buy, "0.60", 5));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        var fill = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!;
        Assert.Equal((Price.Parse("0.60"), Quantity.FromUnits(5), Liquidity.Taker, Money.Zero), (fill.Price, fill.Size, fill.Liquidity, fill.Fee));
        var ack = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Accepted);
        Assert.Equal("matched", ack.Text);
        Assert.Equal(before + Quantity.FromUnits(5), s.Engine.Portfolio.GetPosition(s.Yes)!.Quantity);
    }

    [Fact]
    public async Task Dropped_websockets_are_reported_books_are_gated_until_fresh_snapshots_then_both_channels_are_live_again()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        int mdBefore = s.Tap.MarketData.Count;

        Assert.True(s.Emulator.DropAllWebSockets() >= 2);
        await s.UntilAsync(() => s.Tap.Statuses.Any(x => x.State == VenueState.Reconnected), "reconnected");

        Assert.Contains(s.Tap.Statuses, x => x.State == VenueState.Disconnected);
        var after = s.Tap.MarketData.Skip(mdBefore).Where(e => e.Index == s.Yes.Index).Select(e => e.Kind).ToList();
        int invalidated = after.IndexOf(MarketDataKind.BookInvalidated);
        Assert.True(invalidated >= 0, "the YES book was invalidated on disconnect");
        await s.UntilAsync(() => s.Tap.MarketData.Skip(mdBefore).Any(e => e.Index == s.Yes.Index && e.Kind == MarketDataKind.Snapshot), "fresh snapshot");
        var kinds = s.Tap.MarketData.Skip(mdBefore).Where(e => e.Index == s.Yes.Index).Select(e => e.Kind).ToList();
        int snapshot = kinds.IndexOf(MarketDataKind.Snapshot);
        int invalidation = kinds.IndexOf(MarketDataKind.BookInvalidated);
        Assert.True(snapshot > invalidation, "the fresh snapshot comes after the invalidation");
        // A level update may still arrive from before the drop (our own order's echo); none between invalidation and snapshot.
        Assert.DoesNotContain(MarketDataKind.LevelUpdate, kinds.Skip(invalidation).Take(snapshot - invalidation));
        await s.UntilAsync(() => !s.Engine.Book(s.Yes).IsStale, "YES book fresh again");

        // Market channel live: a new level shows in the engine's book.
        s.Emulator.PlaceLiquidity(s.Market.YesTokenId, Side.Buy, Price.Parse("0.47"), Quantity.FromUnits(20));
        await s.UntilAsync(() => s.Engine.Book(s.Yes).BestBid.Price == Price.Parse("0.47"), "new best bid 0.47");
        // User channel resubscribed: a fill still reaches the order manager.
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(30));
        await s.WaitStatusAsync(id, OrderStatus.Filled);
    }

    [Fact]
    public async Task Lost_heartbeat_makes_the_emulator_cancel_everything_and_the_engine_learns_it_from_the_user_channel()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        Assert.True(await s.Adapter.Heartbeat!.BeatAsync()); // opens the venue's heartbeat session

        await s.Adapter.Heartbeat.DisposeAsync(); // the engine "dies": no more beats
        s.Advance(TimeSpan.FromSeconds(16)); // past the 15 s deadline on the venue's clock

        await s.WaitStatusAsync(id, OrderStatus.Cancelled);
        Assert.Empty((await s.Adapter.Rest.GetOpenOrdersAsync()).Value!);
        Assert.Equal(0, s.Orders.LiveCount);
    }

    [Fact]
    public async Task Rate_limit_429_pauses_the_engines_submits_to_the_venue_while_cancels_still_go()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions
        {
            Time = o.Time,
            RateLimits = new RateLimitOptions(OrderRatePerSecond: 0.5, OrderBurst: 2),
        });
        await s.SeedBookAsync();
        var first = s.Submit(s.Limit(Side.Buy, "0.45"));
        var second = s.Submit(s.Limit(Side.Buy, "0.44"));
        await s.WaitStatusAsync(first, OrderStatus.Open);
        await s.WaitStatusAsync(second, OrderStatus.Open);

        var third = s.Submit(s.Limit(Side.Buy, "0.43"));
        await s.WaitStatusAsync(third, OrderStatus.Rejected);

        var report = s.Tap.Reports.Single(r => r.OrderId == third && r.Kind == ExecutionReportKind.Rejected);
        Assert.Equal(RejectReason.RateLimited, report.Reason);
        // The reject report and the request failure are two events; the failure may land a moment after the reject.
        await s.UntilAsync(() => s.Tap.Failures.Any(f => f.HttpStatus == 429), "429 request failure");
        var failure = s.Tap.Failures.Single(f => f.HttpStatus == 429);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
        // The tap sees the failure as the adapter reports it; the engine applies it on its next drain.
        await s.UntilAsync(() => s.Engine.Gate.AreSubmitsPaused(s.Yes.Id.Venue), "submits paused");
        var denied = s.Orders.Submit(s.Limit(Side.Buy, "0.42"));
        Assert.False(denied.Sent);
        Assert.Equal(DenyReason.SubmitsPaused, denied.Decision.Reason);

        Assert.True(s.Orders.Cancel(first));
        await s.WaitStatusAsync(first, OrderStatus.Cancelled);
    }

    [Fact]
    public async Task Restart_window_425_refuses_submits_as_venue_restarting_and_after_the_window_submits_work()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        s.Emulator.BeginRestart(TimeSpan.FromSeconds(3));

        var refused = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(refused, OrderStatus.Rejected);

        Assert.Equal(RejectReason.VenueRestarting, s.Tap.Reports.Single(r => r.OrderId == refused).Reason);
        var restarting = Assert.Single(s.Tap.Statuses, x => x.State == VenueState.Restarting);
        Assert.Equal(TimeSpan.FromSeconds(3), restarting.RetryAfter);
        Assert.Equal(DenyReason.SubmitsPaused, s.Orders.Submit(s.Limit(Side.Buy, "0.44")).Decision.Reason);

        s.Advance(TimeSpan.FromSeconds(4));
        var accepted = s.Submit(s.Limit(Side.Buy, "0.44"));
        await s.WaitStatusAsync(accepted, OrderStatus.Open);
    }

    [Fact]
    public async Task Cancel_only_window_refuses_submits_keeps_cancels_and_submits_resume_when_it_ends()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        var resting = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(resting, OrderStatus.Open);
        s.Emulator.SetTradingMode(TradingMode.CancelOnly, TimeSpan.FromSeconds(5));

        var refused = s.Submit(s.Limit(Side.Buy, "0.44"));
        await s.WaitStatusAsync(refused, OrderStatus.Rejected);
        Assert.Equal(RejectReason.CancelOnly, s.Tap.Reports.Single(r => r.OrderId == refused).Reason);
        await s.UntilAsync(() => s.Tap.Statuses.Any(x => x.State == VenueState.CancelOnly), "cancel-only status");
        Assert.Equal(DenyReason.VenueUnavailable, s.Orders.Submit(s.Limit(Side.Buy, "0.44")).Decision.Reason);
        Assert.True(s.Orders.Cancel(resting));
        await s.WaitStatusAsync(resting, OrderStatus.Cancelled);

        s.Advance(TimeSpan.FromSeconds(6)); // the venue's window ends; the adapter's probe tells the engine
        await s.UntilAsync(() => s.Tap.Statuses.LastOrDefault()?.State == VenueState.Live, "live again");
        var accepted = s.Submit(s.Limit(Side.Buy, "0.44"));
        await s.WaitStatusAsync(accepted, OrderStatus.Open);
    }

    [Fact]
    public async Task Snapshot_levels_sent_worst_first_land_best_first_in_the_engine_book()
    {
        await using var s = await EngineSession.StartAsync();
        await s.UntilAsync(() => s.Tap.MarketData.Any(e => e.Kind == MarketDataKind.Snapshot && e.Index == s.Yes.Index), "first snapshot");
        foreach (string p in new[] { "0.30", "0.35", "0.40" }) s.Emulator.PlaceLiquidity(s.Market.YesTokenId, Side.Buy, Price.Parse(p), Quantity.FromUnits(10));
        foreach (string p in new[] { "0.70", "0.65", "0.60" }) s.Emulator.PlaceLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse(p), Quantity.FromUnits(10));
        s.Emulator.DropAllWebSockets(); // forces a fresh snapshot of the whole ladder

        await s.UntilAsync(() => s.Tap.Statuses.Any(x => x.State == VenueState.Reconnected) && s.Engine.Book(s.Yes) is { IsStale: false, HasBids: true, HasAsks: true },
            "fresh two-sided book");
        var book = s.Engine.Book(s.Yes);
        Assert.Equal((Price.Parse("0.40"), Price.Parse("0.60")), (book.BestBid.Price, book.BestAsk.Price));
        Assert.Equal(Price.Parse("0.50"), s.Engine.Mark(s.Yes));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationGroup
{
    public const string Name = "emulator-integration";
}
