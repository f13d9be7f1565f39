using System.Collections.Concurrent;
using System.Net.WebSockets;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Recording;
using Bookmaker.Venues.Polymarket.Tests.Http;
using Bookmaker.Venues.Polymarket.Tests.Wire;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests.Adapter;

public sealed class AdapterTests : IAsyncLifetime
{
    private const string ApiKey = "9180014b-33c8-9240-a14b-bdca11c0a465";
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";
    private const string Passphrase = "pass-phrase-very-secret";
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private PolymarketVenueAdapter Adapter(out Instrument yes, TimeProvider? time = null, bool trading = true)
    {
        var market = new PolymarketMarket("0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af", TestData.SampleA, TestData.SampleB, Price.Parse("0.01"), false, Quantity.FromUnits(5));
        var settings = new PolymarketAdapterSettings
        {
            Http = new PolymarketHttpSettings { ClobUrl = _server.BaseUrl, GammaUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(1) },
            MarketWsUrl = new Uri(_server.WsBase, "market"),
            UserWsUrl = new Uri(_server.WsBase, "user"),
            HeartbeatInterval = TimeSpan.FromHours(1),
        };
        var adapter = new PolymarketVenueAdapter(settings, [market], trading ? OwnedSigner.FromHex(Vectors.PrivateKeyHex) : null,
            trading ? new ApiCredentials(ApiKey, Secret, Passphrase) : null, time ?? TimeProvider.System, new Random(7));
        TestInstruments.Register(adapter.Instruments);
        yes = adapter.Instruments[0];
        return adapter;
    }

    private static OrderRequest Buy(Instrument i, ulong seq) =>
        new(ClientOrderId.From(1, seq), i.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.57"), Quantity.FromUnits(10));

    [Fact]
    public async Task Submit_acknowledged_then_user_channel_fill_and_failed_trade_reverses_it()
    {
        _server.MapJson("GET", "/version", "{\"version\":2}");
        _server.MapJson("POST", "/order", "{\"success\":true,\"orderID\":\"0xff354cd7ca7539dfa9c28d90943ab5779a4eac34b9b37a757d7b32bdfb11790b\",\"status\":\"live\",\"errorMsg\":\"\"}");
        _server.MapJson("POST", "/v1/heartbeats", "{\"heartbeat_id\":\"hb-1\"}");
        var userSubscribe = new TaskCompletionSource<string>();
        var sendTrades = new TaskCompletionSource();
        _server.WebSocketScript = async (path, ws) =>
        {
            string first = await Wait.ReceiveText(ws);
            if (path.EndsWith("/user", StringComparison.Ordinal))
            {
                userSubscribe.TrySetResult(first);
                await sendTrades.Task;
                string matched = System.Text.Encoding.UTF8.GetString(TestData.Sample("user_trade_matched.json"));
                await Wait.SendText(ws, matched);
                await Wait.SendText(ws, matched); // duplicate: reported once
                await Wait.SendText(ws, matched.Replace("\"MATCHED\"", "\"MINED\"", StringComparison.Ordinal));
                await Wait.SendText(ws, matched.Replace("\"MATCHED\"", "\"FAILED\"", StringComparison.Ordinal));
            }

            while (ws.State == WebSocketState.Open && await Wait.ReceiveText(ws) is { Length: > 0 })
            {
            }
        };
        var sink = new CollectingSink();
        await using var adapter = Adapter(out var yes);
        await adapter.StartAsync(sink, CancellationToken.None);

        adapter.Submit(Buy(yes, 1));
        await adapter.DrainAsync();
        sendTrades.SetResult();
        await Wait.Until(() => sink.Reports.Count(r => r.Kind == ExecutionReportKind.FillReversed) == 1, what: "reversal");

        var kinds = sink.Reports.Select(r => r.Kind).ToList();
        Assert.Equal([ExecutionReportKind.Accepted, ExecutionReportKind.Filled, ExecutionReportKind.SettlementChanged, ExecutionReportKind.FillReversed], kinds);
        Assert.Equal((SettlementState.Matched, SettlementState.Mined),
            (sink.Reports.First(r => r.Kind == ExecutionReportKind.Filled).Settlement, sink.Reports.Single(r => r.Kind == ExecutionReportKind.SettlementChanged).Settlement));
        var fill = sink.Reports.First(r => r.Kind == ExecutionReportKind.Filled).Fill!;
        Assert.Equal((Quantity.Parse("4.5"), Price.Parse("0.57"), Liquidity.Maker, ClientOrderId.From(1, 1)), (fill.Size, fill.Price, fill.Liquidity, fill.OrderId));
        Assert.Equal(fill, sink.Reports.Last().Fill);
        string subscribe = await userSubscribe.Task;
        Assert.Contains(Passphrase, subscribe, StringComparison.Ordinal); // the venue needs it...
        Assert.DoesNotContain(Passphrase, sink.AllText(), StringComparison.Ordinal); // ...nothing else ever shows it
        var post = _server.Requests.Single(r => r.Path == "/order");
        Assert.Contains("\"owner\":\"" + ApiKey + "\"", post.BodyText, StringComparison.Ordinal);
        Assert.True(await adapter.Heartbeat!.BeatAsync());
    }

    [Fact]
    public async Task Submit_that_times_out_or_fails_with_5xx_is_reported_in_doubt_and_sent_once()
    {
        _server.MapJson("POST", "/order", "{\"error\":\"could not run the execution\"}", 500);
        var sink = new CollectingSink();
        await using var adapter = Adapter(out var yes);
        await adapter.StartAsync(sink, CancellationToken.None);

        adapter.Submit(Buy(yes, 2));
        await adapter.DrainAsync();

        var failure = Assert.Single(sink.Failures);
        Assert.Equal((VenueEndpoint.Submit, 500), (failure.Endpoint, failure.HttpStatus));
        Assert.Equal([ClientOrderId.From(1, 2)], failure.Orders);
        Assert.Equal(1, _server.Count("POST", "/order"));
    }

    [Fact]
    public async Task Order_version_mismatch_re_reads_version_and_re_signs_once()
    {
        int posts = 0;
        _server.MapJson("GET", "/version", "{\"version\":2}");
        _server.Map("POST", "/order", (ctx, _) => Interlocked.Increment(ref posts) == 1
            ? LoopbackServer.Reply(ctx, 400, "{\"error\":\"order_version_mismatch\"}")
            : LoopbackServer.Reply(ctx, 200, "{\"success\":true,\"orderID\":\"0xabc\",\"status\":\"live\"}"));
        var sink = new CollectingSink();
        await using var adapter = Adapter(out var yes);
        await adapter.StartAsync(sink, CancellationToken.None);

        adapter.Submit(Buy(yes, 3));
        await adapter.DrainAsync();

        Assert.Equal(2, posts);
        Assert.Equal(2, _server.Count("GET", "/version"));
        Assert.Equal(ExecutionReportKind.Accepted, Assert.Single(sink.Reports).Kind);
    }

    [Fact]
    public async Task Rejections_and_errors_never_show_secrets()
    {
        _server.MapJson("POST", "/order", "{\"error\":\"Unauthorized/Invalid api key\"}", 401);
        _server.MapJson("DELETE", "/cancel-all", "{\"error\":\"Invalid api key\"}", 401);
        var sink = new CollectingSink();
        await using var adapter = Adapter(out var yes);
        await adapter.StartAsync(sink, CancellationToken.None);

        adapter.Submit(Buy(yes, 4));
        adapter.CancelAll();
        await adapter.DrainAsync();

        Assert.Equal(RejectReason.Unauthorized, Assert.Single(sink.Reports).Reason);
        string all = sink.AllText() + adapter.ToString() + adapter.Rest.ToString();
        foreach (string secret in new[] { Secret, Passphrase, Vectors.PrivateKeyHex[2..] })
            Assert.DoesNotContain(secret, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Passphrase, new ApiCredentials(ApiKey, Secret, Passphrase).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_fails_inside_the_adapter_is_a_failed_request_and_changes_no_venue_mode()
    {
        // Without trading credentials the cancel-all request throws before it leaves: a failure of that request, not
        // news about the venue's trading mode — a "Live" status would lift the gate's cancel-only / post-only mode.
        var sink = new CollectingSink();
        await using var adapter = Adapter(out _, trading: false);
        await adapter.StartAsync(sink, CancellationToken.None);

        adapter.CancelAll();
        await adapter.DrainAsync();

        Assert.DoesNotContain(sink.Statuses, s => s.State is VenueState.Live or VenueState.CancelOnly or VenueState.PostOnly or VenueState.Restarting);
        var failure = Assert.Single(sink.Failures);
        Assert.Equal((VenueEndpoint.CancelAll, 0), (failure.Endpoint, failure.HttpStatus));
        Assert.Contains("InvalidOperationException", failure.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_snapshot_is_incomplete_when_a_call_fails()
    {
        _server.MapJson("GET", "/data/orders", "{\"next_cursor\":\"LTE=\",\"data\":[{\"id\":\"0x1\",\"asset_id\":\"" + TestData.SampleA + "\",\"side\":\"BUY\",\"price\":\"0.5\",\"original_size\":\"10\",\"size_matched\":\"2\"}]}");
        _server.MapJson("GET", "/data/trades", "{\"next_cursor\":\"LTE=\",\"data\":[]}");
        _server.MapJson("GET", "/balance-allowance", "{\"balance\":\"12500000\",\"allowances\":{}}");
        var sink = new CollectingSink();
        await using var adapter = Adapter(out _);
        await adapter.StartAsync(sink, CancellationToken.None);

        adapter.RequestAccountSnapshot(9, DateTimeOffset.UnixEpoch);
        await adapter.DrainAsync();
        _server.MapJson("GET", "/data/trades", "{\"error\":\"boom\"}", 400);
        adapter.RequestAccountSnapshot(10, DateTimeOffset.UnixEpoch);
        await adapter.DrainAsync();

        var snaps = sink.Snapshots.ToList();
        Assert.True(snaps[0].Complete);
        Assert.Equal(Money.Parse("12.5"), snaps[0].Cash);
        Assert.Equal(Quantity.FromUnits(2), Assert.Single(snaps[0].OpenOrders).FilledSize);
        Assert.False(snaps[1].Complete);
    }

    [Fact]
    public async Task Heartbeat_sends_empty_id_first_then_the_returned_one_and_adopts_the_expected_id()
    {
        var ids = new ConcurrentQueue<string>();
        _server.Map("POST", "/v1/heartbeats", (ctx, req) =>
        {
            ids.Enqueue(req.BodyText);
            return req.BodyText.Contains("\"hb-2\"", StringComparison.Ordinal) || req.BodyText.Contains("\"\"", StringComparison.Ordinal)
                ? LoopbackServer.Reply(ctx, 200, "{\"heartbeat_id\":\"hb-2\"}")
                : LoopbackServer.Reply(ctx, 400, "{\"error\":\"Invalid Heartbeat ID\",\"heartbeat_id\":\"hb-2\"}");
        });
        var sink = new CollectingSink();
        await using var adapter = Adapter(out _);
        using var rest = adapter.Rest;
        var hb = new PolymarketHeartbeat(adapter.Rest, () => sink, TimeProvider.System, TimeSpan.FromSeconds(5));

        Assert.True(await hb.BeatAsync());
        Assert.True(await hb.BeatAsync());
        Assert.Equal(["{\"heartbeat_id\":\"\"}", "{\"heartbeat_id\":\"hb-2\"}"], ids);
        _server.MapJson("POST", "/v1/heartbeats", "{\"error\":\"down\"}", 400);
        Assert.False(await hb.BeatAsync());
        Assert.Contains(sink.Statuses, s => s.Text!.StartsWith("heartbeat failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Heartbeat_is_withheld_while_the_engine_is_not_alive_so_the_venue_switch_can_fire()
    {
        int beats = 0;
        _server.Map("POST", "/v1/heartbeats", (ctx, _) =>
        {
            Interlocked.Increment(ref beats);
            return LoopbackServer.Reply(ctx, 200, "{\"heartbeat_id\":\"hb-1\"}");
        });
        var sink = new CollectingSink();
        await using var adapter = Adapter(out _);
        var hb = new PolymarketHeartbeat(adapter.Rest, () => sink, TimeProvider.System, TimeSpan.FromSeconds(5));
        Assert.True(await hb.BeatAsync());

        sink.Alive = false;

        Assert.False(await hb.BeatAsync());
        Assert.Equal(1, beats);
        Assert.Equal(1, hb.Withheld);
        Assert.DoesNotContain(sink.Statuses, s => s.Text!.StartsWith("heartbeat failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_all_from_any_thread_reports_whether_the_venue_confirmed()
    {
        _server.MapJson("DELETE", "/cancel-all", "{\"canceled\":[],\"not_canceled\":{}}");
        await using var adapter = Adapter(out _);

        bool confirmed = await Task.Run(() => adapter.CancelAllFromAnyThread());

        Assert.True(confirmed);
    }

    [Fact]
    public void Recorder_writes_one_json_line_per_frame_and_reads_back()
    {
        string path = Path.Combine(Path.GetTempPath(), "pm-rec-" + Guid.NewGuid().ToString("N") + ".jsonl.gz");
        try
        {
            var frames = TestData.RecordedFrames().Take(5).ToList();
            using (var rec = new Bookmaker.Storage.Recording.RawFrameRecorder(path))
            {
                for (int i = 0; i < frames.Count; i++) rec.Record(frames[i], DateTime.UnixEpoch.Ticks + 1000 + i);
                rec.Record("PONG"u8, 0);
                Assert.Equal((5L, 1L), (rec.Frames, rec.Skipped));
            }

            var back = PolymarketRecording.Read(path).ToList();
            Assert.Equal(frames.Count, back.Count);
            Assert.Equal(100_000L, back[0].ReceiveUnixNanoseconds);
            for (int i = 0; i < frames.Count; i++)
                Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(frames[i]), System.Text.Json.Nodes.JsonNode.Parse(back[i].Message)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sign_order_tool_reproduces_the_v2_chain_137_vector()
    {
        using var key = OwnedSigner.FromHex(Vectors.PrivateKeyHex);
        string json = """
            {"chainId":137,"exchange":"0xE111180000d2663C0091e4f400237545B87B996B","order":{"salt":479249096354,
             "maker":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","signer":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
             "tokenId":"1234","makerAmount":"100000000","takerAmount":"50000000","side":"BUY","signatureType":0,
             "timestamp":"1710000000000","expiration":"0",
             "metadata":"0x0000000000000000000000000000000000000000000000000000000000000000",
             "builder":"0x0000000000000000000000000000000000000000000000000000000000000000"}}
            """;

        var (digest, signature) = SignOrderTool.Sign(json, key);

        Assert.Equal("0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d", digest);
        Assert.Equal("0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c", signature);
        Assert.DoesNotContain(Vectors.PrivateKeyHex[2..], key.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
