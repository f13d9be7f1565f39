using System.Security.Cryptography;
using System.Text;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Http;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests.Http;

public sealed class PolymarketRestClientTests : IAsyncLifetime
{
    private const string Secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ="; // base64 of 32 bytes
    private const string Passphrase = "pass-phrase-very-secret";
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private PolymarketRestClient Client(Func<PolymarketHttpSettings, PolymarketHttpSettings>? tweak = null, bool auth = true, TimeProvider? time = null)
    {
        var s = new PolymarketHttpSettings
        {
            ClobUrl = _server.BaseUrl,
            GammaUrl = _server.BaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RequestTimeout = TimeSpan.FromSeconds(3),
        };
        s = tweak?.Invoke(s) ?? s;
        var signer = auth ? new L2RequestSigner(new ApiCredentials("11111111-2222-3333-4444-555555555555", Secret, Passphrase), Vectors.Address) : null;
        return new PolymarketRestClient(s, signer, time ?? TimeProvider.System);
    }

    [Fact]
    public async Task Clob_markets_paging_follows_next_cursor_until_end()
    {
        _server.Map("GET", "/markets", (ctx, req) => LoopbackServer.Reply(ctx, 200, req.Query.Contains("next_cursor=MA%3D%3D", StringComparison.Ordinal)
            ? "{\"limit\":1,\"count\":1,\"next_cursor\":\"MQ==\",\"data\":[{\"condition_id\":\"0xa\"}]}"
            : "{\"limit\":1,\"count\":1,\"next_cursor\":\"LTE=\",\"data\":[{\"condition_id\":\"0xb\"}]}"));
        using var client = Client(auth: false);

        var r = await client.GetClobMarketsAsync();

        Assert.True(r.IsSuccess);
        Assert.Equal(["0xa", "0xb"], r.Value!.Select(m => m.ConditionId));
        Assert.Equal(2, _server.Count("GET", "/markets"));
    }

    [Fact]
    public async Task Gamma_offset_paging_stops_on_a_short_page()
    {
        _server.Map("GET", "/markets", (ctx, req) => LoopbackServer.Reply(ctx, 200, req.Query.Contains("offset=0", StringComparison.Ordinal)
            ? "[{\"conditionId\":\"0x1\"},{\"conditionId\":\"0x2\"}]"
            : "[{\"conditionId\":\"0x3\"}]"));
        using var client = Client(auth: false);

        var r = await client.GetGammaMarketsAsync(pageSize: 2);

        Assert.Equal(["0x1", "0x2", "0x3"], r.Value!.Select(m => m.ConditionId));
        Assert.Equal(2, _server.Count("GET", "/markets"));
    }

    [Fact]
    public async Task New_order_is_sent_once_on_500_and_not_retried()
    {
        _server.MapJson("POST", "/order", "{\"error\":\"could not insert order\"}", 500);
        using var client = Client();

        var r = await client.PostOrderAsync("{\"order\":{}}"u8.ToArray());

        Assert.False(r.IsSuccess);
        Assert.Equal(RejectReason.VenueError, r.Error!.Value.Reason);
        Assert.Equal(1, _server.Count("POST", "/order"));
    }

    [Fact]
    public async Task Safe_get_is_retried_on_500_until_it_succeeds()
    {
        int calls = 0;
        _server.Map("GET", "/book", (ctx, _) => Interlocked.Increment(ref calls) < 3
            ? LoopbackServer.Reply(ctx, 500, "{\"error\":\"boom\"}")
            : LoopbackServer.Reply(ctx, 200, "{\"asset_id\":\"1\",\"bids\":[],\"asks\":[{\"price\":\"0.5\",\"size\":\"10\"}],\"tick_size\":\"0.01\",\"min_order_size\":\"5\"}"));
        using var client = Client(auth: false);

        var r = await client.GetBookAsync("1");

        Assert.True(r.IsSuccess);
        Assert.Equal(3, calls);
        Assert.Single(r.Value!.Asks);
    }

    [Fact]
    public async Task Rate_limit_429_maps_retry_after_feeds_the_limiter_and_pauses_submits()
    {
        _server.Map("POST", "/order", (ctx, _) => LoopbackServer.Reply(ctx, 429, "{\"error\":\"Too Many Requests\"}",
            ("Retry-After", "7"), ("Poly-RateLimit-Remaining", "0"), ("Poly-RateLimit-Tier", "Standard"), ("Poly-RateLimit-Reset", "1900000000")));
        _server.MapJson("DELETE", "/order", "{\"canceled\":[\"0x1\"],\"not_canceled\":{}}");
        using var client = Client();
        var seen = new List<RateLimitInfo>();
        client.RateLimitObserved += seen.Add;

        var first = await client.PostOrderAsync("{}"u8.ToArray());
        var second = await client.PostOrderAsync("{}"u8.ToArray());
        var cancel = await client.CancelOrderAsync("0x1");

        Assert.Equal(RejectReason.RateLimited, first.Error!.Value.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Error.Value.RetryAfter);
        var info = Assert.Single(seen);
        Assert.Equal((0L, "Standard", 429), (info.Remaining!.Value, info.Tier!, info.HttpStatus));
        Assert.Equal(RejectReason.RateLimited, second.Error!.Value.Reason);
        Assert.Equal(1, _server.Count("POST", "/order")); // the second submit never left the process
        Assert.True(cancel.IsSuccess); // cancels still go
    }

    [Fact]
    public async Task Status_425_is_retried_then_reported_as_venue_restarting()
    {
        _server.MapJson("GET", "/tick-size", "{\"error\":\"matching engine restarting\"}", 425);
        using var client = Client(s => s with { MaxRetries = 2 }, auth: false);

        var r = await client.GetTickSizeAsync("1");

        Assert.Equal(RejectReason.VenueRestarting, r.Error!.Value.Reason);
        Assert.Equal(3, _server.Count("GET", "/tick-size"));
    }

    [Fact]
    public async Task Slow_answer_times_out_as_a_timeout()
    {
        // The attempt's timeout runs on the client's clock: a simulated one, moved only once the request has reached
        // the server, so neither a sleep nor the machine's speed decides the outcome.
        var clock = new SimulatedTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("GET", "/time", async (ctx, _) =>
        {
            arrived.TrySetResult();
            try
            {
                await release.Task.WaitAsync(ctx.RequestAborted); // never answers: the client gives up first
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var client = Client(s => s with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 }, auth: false, time: clock);

        try
        {
            var pending = client.GetServerTimeAsync();
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            clock.Advance(TimeSpan.FromMilliseconds(199));
            Assert.False(pending.IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            var r = await pending.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(RejectReason.Timeout, r.Error!.Value.Reason);
            Assert.Equal(0, r.HttpStatus);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Circuit_breaker_opens_on_a_5xx_storm_and_cancels_still_go()
    {
        _server.MapJson("POST", "/order", "{\"error\":\"could not insert order\"}", 503);
        _server.MapJson("DELETE", "/cancel-all", "{\"canceled\":[],\"not_canceled\":{}}");
        using var client = Client(s => s with { BreakerMinimumThroughput = 3, BreakerFailureRatio = 0.5, BreakerBreakDuration = TimeSpan.FromSeconds(30) });

        for (int i = 0; i < 3; i++) await client.PostOrderAsync("{}"u8.ToArray());
        var refused = await client.PostOrderAsync("{}"u8.ToArray());
        var cancel = await client.CancelAllAsync();

        Assert.Equal(3, _server.Count("POST", "/order"));
        Assert.Equal(RejectReason.RateLimited, refused.Error!.Value.Reason);
        Assert.Contains("circuit open", refused.Error.Value.Text, StringComparison.Ordinal);
        Assert.True(cancel.IsSuccess);
    }

    [Fact]
    public async Task Circuit_breaker_reports_its_opening_with_the_break_length()
    {
        _server.MapJson("POST", "/order", "{\"error\":\"could not insert order\"}", 503);
        using var client = Client(s => s with { BreakerMinimumThroughput = 3, BreakerFailureRatio = 0.5, BreakerBreakDuration = TimeSpan.FromSeconds(30) });
        var opened = new TaskCompletionSource<TimeSpan?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SubmitCircuitChanged += (state, length) =>
        {
            if (state == Polly.CircuitBreaker.CircuitState.Open) opened.TrySetResult(length);
        };

        for (int i = 0; i < 3; i++) await client.PostOrderAsync("{}"u8.ToArray());

        // Polly raises its state events with eventual consistency: wait for this one, bounded.
        Assert.Equal(TimeSpan.FromSeconds(30), await opened.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task L2_headers_sign_the_exact_body_bytes_and_verify_on_the_server()
    {
        _server.MapJson("DELETE", "/orders", "{\"canceled\":[\"0xa\",\"0xb\"],\"not_canceled\":{}}");
        using var client = Client();

        var r = await client.CancelOrdersAsync(["0xa", "0xb"]);

        Assert.True(r.IsSuccess);
        var req = Assert.Single(_server.Requests);
        Assert.Equal("[\"0xa\",\"0xb\"]", req.BodyText);
        Assert.Equal(Vectors.AddressText, req.Headers["POLY_ADDRESS"]);
        Assert.Equal(Passphrase, req.Headers["POLY_PASSPHRASE"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", req.Headers["POLY_API_KEY"]);
        string message = req.Headers["POLY_TIMESTAMP"] + "DELETE" + "/orders" + req.BodyText;
        string expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Secret), Encoding.UTF8.GetBytes(message))).Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, req.Headers["POLY_SIGNATURE"]);
    }

    [Fact]
    public async Task Batch_of_more_than_15_is_refused_without_sending()
    {
        using var client = Client();

        var r = await client.PostOrdersAsync("[]"u8.ToArray(), 16);

        Assert.Equal(RejectReason.BatchTooLarge, r.Error!.Value.Reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Open_orders_are_read_across_pages_with_auth()
    {
        _server.Map("GET", "/data/orders", (ctx, req) => LoopbackServer.Reply(ctx, 200, req.Query.Contains("MA%3D%3D", StringComparison.Ordinal)
            ? "{\"next_cursor\":\"Mg==\",\"data\":[{\"id\":\"0x1\",\"asset_id\":\"1\"}]}"
            : "{\"next_cursor\":\"LTE=\",\"data\":[{\"id\":\"0x2\",\"asset_id\":\"1\"}]}"));
        using var client = Client();

        var r = await client.GetOpenOrdersAsync();

        Assert.Equal(["0x1", "0x2"], r.Value!.Select(o => o.Id));
        Assert.All(_server.Requests, q => Assert.True(q.Headers.ContainsKey("POLY_SIGNATURE")));
    }
}
