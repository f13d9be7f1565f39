using System.Collections.Concurrent;
using System.Net.WebSockets;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Tests.Http;
using Bookmaker.Venues.Polymarket.Wire;
using Bookmaker.Venues.Polymarket.Ws;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests.Ws;

public sealed class MarketChannelClientTests : IAsyncLifetime
{
    private const string Yes = "111", No = "222";
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Book(string asset, string bid) =>
        $"{{\"event_type\":\"book\",\"asset_id\":\"{asset}\",\"market\":\"0xm\",\"bids\":[{{\"price\":\"{bid}\",\"size\":\"10\"}}],\"asks\":[{{\"price\":\"0.6\",\"size\":\"5\"}}],\"timestamp\":\"1700000000000\",\"hash\":\"0x1\"}}";

    private static string Change(string asset, string price) =>
        $"{{\"market\":\"0xm\",\"price_changes\":[{{\"asset_id\":\"{asset}\",\"price\":\"{price}\",\"size\":\"7\",\"side\":\"BUY\",\"hash\":\"h\",\"best_bid\":\"0.5\",\"best_ask\":\"0.6\"}}],\"timestamp\":\"1700000000001\",\"event_type\":\"price_change\"}}";

    [Fact]
    public async Task Subscribes_250_assets_in_frames_of_at_most_100()
    {
        var assets = Enumerable.Range(1, 250).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var map = new AssetIndexMap();
        for (int i = 0; i < assets.Count; i++) map.Add(assets[i], i);
        var frames = new ConcurrentQueue<string>();
        _server.WebSocketScript = async (_, ws) =>
        {
            for (int i = 0; i < 3; i++) frames.Enqueue(await Wait.ReceiveText(ws));
            await Wait.ReceiveText(ws);
        };
        await using var client = new MarketChannelClient(new Uri(_server.WsBase, "market"), assets, map, new CollectingSink(), new PolymarketSocketSettings(), TimeProvider.System);

        client.Start();
        await Wait.Until(() => frames.Count == 3, what: "three subscribe frames");

        var list = frames.ToList();
        Assert.Contains("\"type\":\"market\"", list[0], StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"subscribe\"", list[1], StringComparison.Ordinal);
        Assert.Equal([100, 100, 50], list.Select(f => f.Split("\"assets_ids\":[")[1].Split(']')[0].Split(',').Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketChannelClient(new Uri(_server.WsBase, "market"),
            Enumerable.Range(0, 501).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), map, new CollectingSink(), new(), TimeProvider.System));
    }

    [Fact]
    public async Task Sends_text_PING_every_10_seconds_of_the_injected_clock()
    {
        var time = new SimulatedTimeProvider(DateTimeOffset.UnixEpoch);
        var map = new AssetIndexMap();
        map.Add(Yes, 0);
        var received = new ConcurrentQueue<string>();
        _server.WebSocketScript = async (_, ws) =>
        {
            while (ws.State == WebSocketState.Open && await Wait.ReceiveText(ws) is { Length: > 0 } t)
            {
                received.Enqueue(t);
                if (t == "PING") await Wait.SendText(ws, "PONG");
            }
        };
        // This server never sends a book: the per-asset watchdog is held off so only pings go out.
        var quietWatchdog = new AssetWatchdogSettings { MinSilence = TimeSpan.FromHours(1), MaxSilence = TimeSpan.FromHours(1), SnapshotGrace = TimeSpan.FromHours(1) };
        await using var client = new MarketChannelClient(new Uri(_server.WsBase, "market"), [Yes], map, new CollectingSink(), new PolymarketSocketSettings(), time,
            watchdog: quietWatchdog);
        client.Start();
        await Wait.Until(() => received.Count == 1, what: "subscribe");

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, client.PingsSent);
        time.Advance(TimeSpan.FromSeconds(1));
        await Wait.Until(() => received.Count == 2, what: "first ping");
        time.Advance(TimeSpan.FromSeconds(10));
        await Wait.Until(() => received.Count == 3, what: "second ping");

        Assert.Equal(["PING", "PING"], received.Skip(1));
        Assert.Equal(1, client.Connections);
    }

    [Fact]
    public async Task Reconnect_resubscribes_invalidates_books_and_gates_updates_until_a_fresh_snapshot()
    {
        var market = new PolymarketMarket("0xm", Yes, No, Price.Parse("0.01"), false, Quantity.FromUnits(5));
        var (yes, no) = market.ToInstruments();
        TestInstruments.Register([yes, no]);
        var map = new AssetIndexMap();
        map.Add(Yes, yes.Index);
        map.Add(No, no.Index);
        int connection = 0;
        var subscribes = new ConcurrentQueue<string>();
        var secondDone = new TaskCompletionSource();
        _server.WebSocketScript = async (_, ws) =>
        {
            int n = Interlocked.Increment(ref connection);
            subscribes.Enqueue(await Wait.ReceiveText(ws));
            if (n == 1)
            {
                await Wait.SendText(ws, Book(Yes, "0.5"));
                await Wait.SendText(ws, Change(Yes, "0.51"));
                await ws.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "going away", CancellationToken.None); // drop the session
                return;
            }

            await Wait.SendText(ws, Change(Yes, "0.52")); // before the fresh book: must be gated
            await Wait.SendText(ws, Book(Yes, "0.49"));
            await Wait.SendText(ws, Change(Yes, "0.53"));
            secondDone.TrySetResult();
            await Wait.ReceiveText(ws);
        };
        var sink = new CollectingSink();
        await using var client = new MarketChannelClient(new Uri(_server.WsBase, "market"), [Yes, No], map, sink, new PolymarketSocketSettings(), TimeProvider.System);

        client.Start();
        await secondDone.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Wait.Until(() => sink.MarketData.Count(e => e.Kind == MarketDataKind.LevelUpdate) == 2, what: "two live updates");

        Assert.Equal(2, subscribes.Count);
        Assert.All(subscribes, s => Assert.Contains("\"type\":\"market\"", s, StringComparison.Ordinal));
        var kinds = sink.MarketData.Where(e => e.InstrumentIndex == yes.Index).Select(e => (e.Kind, e.Price)).ToList();
        Assert.Equal(
            [(MarketDataKind.Snapshot, default), (MarketDataKind.LevelUpdate, Price.Parse("0.51")), (MarketDataKind.BookInvalidated, default),
             (MarketDataKind.Snapshot, default), (MarketDataKind.LevelUpdate, Price.Parse("0.53"))],
            kinds);
        Assert.Contains(sink.MarketData, e => e.Kind == MarketDataKind.BookInvalidated && e.InstrumentIndex == no.Index);
        Assert.Equal(1, client.GatedUpdates);
        Assert.Contains(sink.Statuses, s => s.State == VenueState.Disconnected);
        Assert.Contains(sink.Statuses, s => s.State == VenueState.Reconnected);
        var snapshots = sink.MarketData.Where(e => e.Kind == MarketDataKind.Snapshot).Select(e => e.Snapshot).ToList();
        Assert.NotSame(snapshots[0], snapshots[1]); // each snapshot event owns its copy
        Assert.Equal(Price.Parse("0.5"), snapshots[0]!.Bids[0].Price);
    }

    [Fact]
    public async Task Silent_connection_is_declared_stale_and_replaced()
    {
        var time = new SimulatedTimeProvider(DateTimeOffset.UnixEpoch);
        var map = new AssetIndexMap();
        map.Add(Yes, 0);
        int connection = 0;
        _server.WebSocketScript = async (_, ws) =>
        {
            Interlocked.Increment(ref connection);
            await Wait.ReceiveText(ws);
            await Wait.SendText(ws, Book(Yes, "0.5"));
            while (ws.State == WebSocketState.Open && await Wait.ReceiveText(ws) is { Length: > 0 })
            {
                // never answers PING
            }
        };
        await using var client = new MarketChannelClient(new Uri(_server.WsBase, "market"), [Yes], map, new CollectingSink(), new PolymarketSocketSettings(), time);
        client.Start();
        await Wait.Until(() => client.Counters.Books == 1, what: "book");

        for (int i = 0; i < 3; i++) time.Advance(TimeSpan.FromSeconds(10));

        await Wait.Until(() => client.Connections == 2, what: "reconnect after 30 s of silence");
    }
}
