using System.Diagnostics;
using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Ws;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// Heartbeat and stream blips, end to end (engine ← adapter ← loopback emulator): a lost order session is reported at
/// once and is not a market-data problem; after the venue's window orders are presumed cancelled and the venue is live
/// again only once a reconciliation confirms; a market whose data stops while the socket lives on, or whose book was
/// invalidated and never re-sent, is re-snapshotted over REST. The adapter runs on the system clock, so the windows
/// here are short; every wait is bounded.
/// </summary>
public class SessionAndFeedLivenessTests
{
    private static readonly AssetWatchdogSettings FastWatchdog = new()
    {
        MinSilence = TimeSpan.FromMilliseconds(300),
        MaxSilence = TimeSpan.FromMilliseconds(300),
        SnapshotGrace = TimeSpan.FromMilliseconds(300),
        CheckPeriod = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task A_failed_heartbeat_is_reported_at_once_as_a_lost_session_without_retries()
    {
        await using var s = await EngineSession.StartAsync();
        Assert.True(await s.Adapter.Heartbeat!.BeatAsync());
        s.Emulator.FailHeartbeats(TimeSpan.FromMinutes(5));

        var sw = Stopwatch.StartNew();
        Assert.False(await s.Adapter.Heartbeat.BeatAsync());
        sw.Stop();

        // One attempt, no backoff: the report is in before the beat returns.
        Assert.Equal(1, s.Adapter.Heartbeat.Failures);
        Assert.Contains(s.Tap.Statuses, e => e.State == VenueState.SessionLost);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"heartbeat failure took {sw.Elapsed} to report");
    }

    [Fact]
    public async Task A_lost_session_leaves_books_valid_and_denies_new_orders()
    {
        await using var s = await EngineSession.StartAsync();
        await s.SeedBookAsync();
        Assert.True(await s.Adapter.Heartbeat!.BeatAsync());
        s.Emulator.FailHeartbeats(TimeSpan.FromMinutes(5));

        Assert.False(await s.Adapter.Heartbeat.BeatAsync());
        await s.UntilAsync(() => s.Engine.Liveness.IsSessionLost(s.Yes.Id.Venue), "session lost applied");

        Assert.False(s.Engine.Book(s.Yes).IsStale);
        Assert.False(s.Engine.IsVenueLive(s.Yes.Id.Venue));
        var outcome = s.Orders.Submit(s.Limit(Side.Buy, "0.45"));
        Assert.False(outcome.Sent);
        Assert.Equal(DenyReason.VenueUnavailable, outcome.Decision.Reason);
    }

    [Fact]
    public async Task After_the_window_orders_are_presumed_cancelled_until_a_reconciliation_confirms()
    {
        await using var s = await EngineSession.StartAsync(adapterSettings: a => a with { HeartbeatWindow = TimeSpan.FromMilliseconds(400) });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        Assert.True(await s.Adapter.Heartbeat!.BeatAsync());
        s.Emulator.FailHeartbeats(TimeSpan.FromMinutes(5));

        Assert.False(await s.Adapter.Heartbeat.BeatAsync());
        await s.UntilAsync(() => s.Engine.Liveness.ArePresumedCancelled(s.Yes.Id.Venue), "orders presumed cancelled");
        Assert.True(s.Engine.Alerts.IsActive("orders_presumed_cancelled", s.Yes.Id.Venue));
        Assert.Equal(OrderStatus.Open, s.Orders.Find(id)!.Status); // still tracked: its fate is unknown

        s.Emulator.FailHeartbeats(TimeSpan.Zero);
        Assert.True(await s.Adapter.Heartbeat.BeatAsync());
        await s.UntilAsync(() => s.Engine.IsVenueLive(s.Yes.Id.Venue), "live again after the confirming reconciliation");

        Assert.Contains(s.Tap.Statuses, e => e.State == VenueState.SessionRestored);
        Assert.Contains(s.Tap.Snapshots, snap => snap.Complete);
        Assert.False(s.Engine.Liveness.ArePresumedCancelled(s.Yes.Id.Venue));
        Assert.False(s.Engine.Alerts.IsActive("orders_presumed_cancelled", s.Yes.Id.Venue));
    }

    [Fact]
    public async Task A_market_silent_while_the_socket_lives_is_re_snapshotted_over_rest()
    {
        await using var s = await EngineSession.StartAsync(adapterSettings: a => a with { AssetWatchdog = FastWatchdog });
        await s.SeedBookAsync();
        s.Emulator.SilenceAsset(s.Market.YesTokenId);
        s.Emulator.SilenceAsset(s.Market.NoTokenId);

        // A new best bid the market channel never announces: only the REST re-snapshot can show it.
        s.Emulator.PlaceLiquidity(s.Market.YesTokenId, Side.Buy, Price.Parse("0.42"), Quantity.FromUnits(50));

        await s.UntilAsync(() => s.Engine.Book(s.Yes) is { IsStale: false, HasBids: true } b && b.BestBid.Price == Price.Parse("0.42"), "YES book re-snapshotted with 0.42");
        Assert.True(s.Adapter.MarketChannels[0].RestSnapshots > 0);
        Assert.True(s.Adapter.MarketChannels[0].WatchdogResubscribes > 0);
        Assert.Equal(1, s.Adapter.MarketChannels[0].Connections);
    }

    [Fact]
    public async Task A_book_invalidated_on_a_blip_and_never_resent_is_re_snapshotted()
    {
        await using var s = await EngineSession.StartAsync(adapterSettings: a => a with { AssetWatchdog = FastWatchdog });
        await s.SeedBookAsync();
        // The reconnect's subscribe brings no book for this market (its data has stopped): the book stays gated.
        s.Emulator.SilenceAsset(s.Market.YesTokenId);
        s.Emulator.DropAllWebSockets();
        await s.UntilAsync(() => s.Tap.MarketData.Any(e => e.Kind == MarketDataKind.BookInvalidated && e.Index == s.Yes.Index), "YES book invalidated");

        await s.UntilAsync(() => s.Adapter.MarketChannels[0].Connections >= 2 && !s.Engine.Book(s.Yes).IsStale, "YES book live again without a market-channel snapshot");

        Assert.True(s.Adapter.MarketChannels[0].RestSnapshots > 0);
        Assert.Equal(Price.Parse("0.40"), s.Engine.Book(s.Yes).BestBid.Price);
    }
}
