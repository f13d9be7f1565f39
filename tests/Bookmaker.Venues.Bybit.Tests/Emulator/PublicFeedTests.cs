using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Venues.Bybit.Tests.Emulator;

/// <summary>The public feed client against the loopback emulator over a real WebSocket.</summary>
public sealed class PublicFeedTests : IAsyncLifetime, IDisposable
{
    private BybitEmulatorHost _emulator = null!;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    public async Task InitializeAsync() => _emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { UpdateInterval = TimeSpan.FromMilliseconds(20) });

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _emulator.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    private BybitPublicFeed Feed(BybitStreamOptions? options = null) =>
        new(_emulator.PublicWsUrl(BybitCategory.Linear), [("BTCUSDT", 0), ("ETHUSDT", 1)], options ?? new BybitStreamOptions(), TimeProvider.System);

    [Fact]
    public async Task Snapshot_then_deltas_keep_both_books_live_and_uncrossed()
    {
        using var feed = Feed();
        var sink = new RecordingSink(2);
        var run = feed.RunAsync(sink, _stop.Token);
        await RecordingSink.WaitUntilAsync(() => sink.IsLive(0) && sink.IsLive(1), "both books live");
        await RecordingSink.WaitUntilAsync(() => sink.Events.Count(e => e.Kind == MarketDataKind.LevelUpdate) > 200, "deltas");
        await RecordingSink.WaitUntilAsync(() => sink.Events.Any(e => e.Kind == MarketDataKind.Trade), "a trade print");
        Assert.True(sink.IsLive(0) && sink.IsLive(1));
        Assert.Equal((0, 0L, 0L), (sink.Gaps, feed.Gaps, feed.Malformed));
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_gap_invalidates_the_book_and_a_resubscribe_brings_a_fresh_snapshot()
    {
        using var feed = Feed();
        var sink = new RecordingSink(2);
        var run = feed.RunAsync(sink, _stop.Token);
        await RecordingSink.WaitUntilAsync(() => sink.IsLive(0) && feed.Snapshots == 2, "first snapshots");
        _emulator.SkipUpdateIds("BTCUSDT", 3);
        await RecordingSink.WaitUntilAsync(() => feed.Gaps == 1 && feed.Snapshots == 3, "gap then a fresh snapshot");
        await RecordingSink.WaitUntilAsync(() => sink.IsLive(0), "book live again");
        Assert.Contains(sink.Events, e => e.Kind == MarketDataKind.BookInvalidated && e.InstrumentIndex == 0);
        Assert.Equal(0, sink.Gaps); // the engine's book never saw a delta across the gap
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_dropped_connection_is_reported_reconnected_and_resubscribed()
    {
        using var feed = Feed(new BybitStreamOptions { ReconnectInitial = TimeSpan.FromMilliseconds(50) });
        var sink = new RecordingSink(2);
        var run = feed.RunAsync(sink, _stop.Token);
        await RecordingSink.WaitUntilAsync(() => sink.IsLive(0) && sink.IsLive(1), "both books live");
        Assert.True(_emulator.DropAllSockets() >= 1);
        await RecordingSink.WaitUntilAsync(() => feed.Reconnects == 1 && feed.Snapshots >= 4, "reconnect and fresh snapshots");
        await RecordingSink.WaitUntilAsync(() => sink.IsLive(0) && sink.IsLive(1), "books live again");
        Assert.Contains(sink.Statuses, s => s.State == VenueState.Disconnected);
        Assert.Contains(sink.Statuses, s => s.State == VenueState.Reconnected);
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Pings_are_sent_on_the_interval_and_answered()
    {
        using var feed = Feed(new BybitStreamOptions { PingInterval = TimeSpan.FromMilliseconds(100) });
        var sink = new RecordingSink(2);
        var run = feed.RunAsync(sink, _stop.Token);
        await RecordingSink.WaitUntilAsync(() => _emulator.PingsAnswered >= 3, "three pongs");
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_refused_topic_is_counted_with_the_venue_reason()
    {
        using var feed = new BybitPublicFeed(_emulator.PublicWsUrl(BybitCategory.Linear), [("BTCUSDT", 0), ("NOPEUSDT", 1)], new BybitStreamOptions(), TimeProvider.System);
        var sink = new RecordingSink(2);
        var run = feed.RunAsync(sink, _stop.Token);
        await RecordingSink.WaitUntilAsync(() => feed.RefusedTopics.Count > 0, "the refusal");
        Assert.Contains("handler not found", feed.RefusedTopics.Values.First(), StringComparison.Ordinal);
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public void Retired_depth_500_is_refused_before_connecting()
    {
        var ex = Assert.Throws<ArgumentException>(() => Feed(new BybitStreamOptions { Depth = 500 }));
        Assert.Contains("Depth=500", ex.Message, StringComparison.Ordinal);
    }
}
