using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Rest;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests;

/// <summary>Fills, WebSocket channels, heartbeats, rate limits and venue windows.</summary>
public sealed class SessionAndStreamTests
{
    private static string UserSubscribe(EmulatorClient c) =>
        $"{{\"auth\":{{\"apiKey\":\"{c.Credentials.ApiKey}\",\"secret\":\"{c.Credentials.Secret}\",\"passphrase\":\"{c.Credentials.Passphrase}\"}},\"type\":\"user\",\"markets\":[]}}";

    [Fact]
    public async Task Fill_against_injected_liquidity_shows_in_trades_and_on_the_user_channel_through_confirmation()
    {
        await using var c = await EmulatorClient.StartAsync();
        using ClientWebSocket user = await c.ConnectAsync("user", UserSubscribe(c));
        await EmulatorClient.SendTextAsync(user, "PING");
        Assert.Equal("PONG", await EmulatorClient.ReceiveAsync(user)); // subscription processed before the order

        c.Host.PlaceLiquidity(c.Market.YesTokenId, Side.Sell, Price.Parse("0.50"), Quantity.FromUnits(10));
        Reply placed = await c.PostOrderAsync(c.Limit(Side.Buy, "0.52", "6"));
        var dto = JsonSerializer.Deserialize(placed.Body, PolymarketJsonContext.Default.PostOrderResponseDto)!;
        Assert.Equal("matched", dto.Status);
        string tradeId = Assert.Single(dto.TradeIds!);
        Assert.Equal("3", dto.MakingAmount); // 6 × 0.50: price improvement goes to the taker
        Assert.Equal("6", dto.TakingAmount);

        var sink = new Sink();
        var parser = new UserChannelParser();
        string tradeFrame = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"event_type\":\"trade\""));
        parser.Parse(Encoding.UTF8.GetBytes(tradeFrame), sink);
        UserTradeEvent matched = Assert.Single(sink.Trades);
        Assert.Equal(TradeStatus.Matched, matched.Status);
        Assert.Equal(tradeId, matched.TradeId);
        Assert.Equal(Quantity.FromUnits(6), matched.Size);

        Reply trades = await c.SendAsync(HttpMethod.Get, "/data/trades");
        var page = JsonSerializer.Deserialize(trades.Body, PolymarketJsonContext.Default.ClobPageDtoTradeDto)!;
        TradeDto t = Assert.Single(page.Data);
        Assert.Equal(tradeId, t.Id);
        Assert.Equal("TRADE_STATUS_MATCHED", t.Status);
        Assert.Equal("TAKER", t.TraderSide);
        Assert.Equal("0.5", Assert.Single(t.MakerOrders).Price);

        c.Clock.Advance(TimeSpan.FromSeconds(7)); // the emulator's timer steps MINED then CONFIRMED
        string mined = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"status\":\"MINED\""));
        string confirmed = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"status\":\"CONFIRMED\""));
        Assert.Contains(tradeId, mined);
        Assert.Contains(tradeId, confirmed);
        Reply after = await c.SendAsync(HttpMethod.Get, "/data/trades?id=" + tradeId);
        Assert.Equal("TRADE_STATUS_CONFIRMED", JsonSerializer.Deserialize(after.Body, PolymarketJsonContext.Default.ClobPageDtoTradeDto)!.Data[0].Status);
    }

    [Fact]
    public async Task Resting_order_filled_by_injected_flow_gets_maker_trade_and_a_failed_trade_can_be_forced()
    {
        await using var c = await EmulatorClient.StartAsync();
        using ClientWebSocket user = await c.ConnectAsync("user", UserSubscribe(c));
        await EmulatorClient.SendTextAsync(user, "PING");
        Assert.Equal("PONG", await EmulatorClient.ReceiveAsync(user));
        await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "10"));
        string placement = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"type\":\"PLACEMENT\""));
        Assert.Contains("\"event_type\":\"order\"", placement);

        c.Host.TakeLiquidity(c.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(5));
        string update = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"type\":\"UPDATE\""));
        Assert.Contains("\"size_matched\":\"5\"", update);
        string trade = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"event_type\":\"trade\""));
        Assert.Contains("\"trader_side\":\"MAKER\"", trade);
        string tradeId = JsonDocument.Parse(trade).RootElement.GetProperty("id").GetString()!;

        c.Host.FailTrade(tradeId);
        string failed = await EmulatorClient.ReceiveUntilAsync(user, f => f.Contains("\"status\":\"FAILED\""));
        Assert.Contains(tradeId, failed);
    }

    [Fact]
    public async Task Market_channel_sends_book_then_price_change_and_last_trade_and_answers_ping()
    {
        await using var c = await EmulatorClient.StartAsync();
        string yes = c.Market.YesTokenId, no = c.Market.NoTokenId;
        c.Host.PlaceLiquidity(yes, Side.Buy, Price.Parse("0.40"), Quantity.FromUnits(20));
        using ClientWebSocket market = await c.ConnectAsync("market",
            $"{{\"assets_ids\":[\"{yes}\",\"{no}\"],\"type\":\"market\",\"custom_feature_enabled\":true,\"initial_dump\":true}}");

        var map = new AssetIndexMap();
        map.Add(yes, 0);
        map.Add(no, 1);
        var parser = new MarketChannelParser(map);
        var sink = new MarketSink();
        string books = await EmulatorClient.ReceiveAsync(market);
        parser.Parse(Encoding.UTF8.GetBytes(books), 0, sink);
        Assert.Equal(2, sink.Snapshots.Count);
        Assert.Contains("\"event_type\":\"book\"", books);
        Assert.Contains("\"price\":\"0.6\"", books); // the YES bid 0.40 is a NO ask 0.60

        await c.PostOrderAsync(c.Limit(Side.Sell, "0.55", "10"));
        string change = await EmulatorClient.ReceiveUntilAsync(market, f => f.Contains("price_change"));
        sink.Updates.Clear();
        parser.Parse(Encoding.UTF8.GetBytes(change), 0, sink);
        Assert.Equal(2, sink.Updates.Count); // YES ask 0.55 and NO bid 0.45
        Assert.Contains("\"best_ask\":\"0.55\"", change);

        c.Host.TakeLiquidity(yes, Side.Buy, Price.Parse("0.55"), Quantity.FromUnits(5));
        string last = await EmulatorClient.ReceiveUntilAsync(market, f => f.Contains("last_trade_price"));
        Assert.Contains("\"size\":\"5\"", last);

        c.Host.ChangeTick(yes, Price.Parse("0.001"));
        Assert.Contains("\"new_tick_size\":\"0.001\"", await EmulatorClient.ReceiveUntilAsync(market, f => f.Contains("tick_size_change")));
        await EmulatorClient.SendTextAsync(market, "PING");
        Assert.Equal("PONG", await EmulatorClient.ReceiveUntilAsync(market, f => f == "PONG"));
    }

    [Fact]
    public async Task Missed_heartbeat_deadline_cancels_every_order_of_the_session()
    {
        await using var c = await EmulatorClient.StartAsync(o => o.With(heartbeat: TimeSpan.FromSeconds(10)));
        Reply first = await c.SendAsync(HttpMethod.Post, "/v1/heartbeats", "{\"heartbeat_id\":\"\"}"u8.ToArray());
        string id = first.Json.GetProperty("heartbeat_id").GetString()!;
        Reply wrong = await c.SendAsync(HttpMethod.Post, "/v1/heartbeats", "{\"heartbeat_id\":\"nope\"}"u8.ToArray());
        Assert.Equal(400, wrong.Status);
        Assert.Equal("Invalid Heartbeat ID", wrong.Error);
        Assert.Equal(id, wrong.Json.GetProperty("heartbeat_id").GetString());

        await c.PostOrderAsync(c.Limit(Side.Buy, "0.40", "10"));
        await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10"));
        c.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(200, (await c.SendAsync(HttpMethod.Post, "/v1/heartbeats", Encoding.UTF8.GetBytes($"{{\"heartbeat_id\":\"{id}\"}}"))).Status);
        c.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(2, OpenOrders(await c.SendAsync(HttpMethod.Get, "/data/orders")));

        c.Clock.Advance(TimeSpan.FromSeconds(3)); // 11 s since the last heartbeat
        Assert.Equal(0, OpenOrders(await c.SendAsync(HttpMethod.Get, "/data/orders")));
    }

    private static int OpenOrders(Reply r) => JsonSerializer.Deserialize(r.Body, PolymarketJsonContext.Default.ClobPageDtoOpenOrderDto)!.Data.Count;

    [Fact]
    public async Task Order_bucket_exhausted_gives_429_with_retry_after_and_refills_on_the_clock()
    {
        await using var c = await EmulatorClient.StartAsync(o => o.With(rate: new RateLimitOptions(OrderRatePerSecond: 1, OrderBurst: 2)));
        Reply a = await c.PostOrderAsync(c.Limit(Side.Buy, "0.40", "10"));
        Reply b = await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10"));
        Reply limited = await c.PostOrderAsync(c.Limit(Side.Buy, "0.42", "10"));

        Assert.Equal(200, a.Status);
        Assert.Equal("1", a.Headers["Poly-RateLimit-Remaining"]);
        Assert.Equal(200, b.Status);
        Assert.Equal(429, limited.Status);
        Assert.Equal("1", limited.Headers["Retry-After"]);
        Assert.Equal("standard", limited.Headers["Poly-RateLimit-Tier"]);
        Assert.Equal(Bookmaker.Core.Orders.RejectReason.RateLimited, PolymarketErrorMapper.Map(limited.Status, limited.Error).Reason);

        c.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await c.PostOrderAsync(c.Limit(Side.Buy, "0.42", "10"))).Status);
    }

    [Fact]
    public async Task Restart_window_answers_425_until_it_ends()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Host.BeginRestart(TimeSpan.FromSeconds(30));
        Reply during = await c.PostOrderAsync(c.Limit(Side.Buy, "0.40", "10"));
        Assert.Equal(425, during.Status);
        Assert.Equal("30", during.Headers["Retry-After"]);
        Assert.Equal(Bookmaker.Core.Orders.RejectReason.VenueRestarting, PolymarketErrorMapper.Map(during.Status, during.Error).Reason);

        c.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (await c.PostOrderAsync(c.Limit(Side.Buy, "0.40", "10"))).Status);
    }

    [Fact]
    public async Task Cancel_only_window_refuses_new_orders_with_503_but_allows_cancels()
    {
        await using var c = await EmulatorClient.StartAsync();
        await c.PostOrderAsync(c.Limit(Side.Buy, "0.40", "10"));
        c.Host.SetTradingMode(TradingMode.CancelOnly, TimeSpan.FromSeconds(60));

        Reply refused = await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10"));
        Assert.Equal(503, refused.Status);
        Assert.Equal("Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.", refused.Error);
        Reply cancel = await c.SendAsync(HttpMethod.Delete, "/cancel-all");
        Assert.Single(JsonSerializer.Deserialize(cancel.Body, PolymarketJsonContext.Default.CancelResponseDto)!.Canceled);

        c.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(200, (await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10"))).Status);
    }

    [Fact]
    public async Task Post_only_mode_lets_post_only_orders_through_and_refuses_others_with_the_code()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Host.SetTradingMode(TradingMode.PostOnly, TimeSpan.FromSeconds(79));
        Reply refused = await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10"));
        Assert.Equal(503, refused.Status);
        Assert.Equal("post_only_mode", refused.Json.GetProperty("code").GetString());
        Assert.Equal(79, refused.Json.GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal(200, (await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10", postOnly: true))).Status);
    }

    [Fact]
    public async Task Dropping_websockets_closes_clients_and_a_reconnect_gets_a_fresh_book()
    {
        await using var c = await EmulatorClient.StartAsync();
        string sub = $"{{\"assets_ids\":[\"{c.Market.YesTokenId}\"],\"type\":\"market\"}}";
        using ClientWebSocket first = await c.ConnectAsync("market", sub);
        Assert.Contains("\"event_type\":\"book\"", await EmulatorClient.ReceiveAsync(first));
        Assert.Equal(1, c.Host.DropAllWebSockets());

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            string frame = await EmulatorClient.ReceiveAsync(first);
            if (frame == "<close>") throw new WebSocketException("closed");
        });

        using ClientWebSocket second = await c.ConnectAsync("market", sub);
        Assert.Contains("\"event_type\":\"book\"", await EmulatorClient.ReceiveAsync(second));
    }

    [Fact]
    public async Task Markets_are_paged_by_cursor_and_discoverable_through_gamma_and_book_endpoints()
    {
        await using var c = await EmulatorClient.StartAsync(o => o.With(pageSize: 1));
        var p1 = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/markets"), PolymarketJsonContext.Default.ClobPageDtoClobMarketDto)!;
        var p2 = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/markets?next_cursor=" + p1.NextCursor), PolymarketJsonContext.Default.ClobPageDtoClobMarketDto)!;
        Assert.False(p1.IsLastPage);
        Assert.True(p2.IsLastPage);
        Assert.NotEqual(p1.Data[0].ConditionId, p2.Data[0].ConditionId);

        var gamma = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/gamma/markets?clob_token_ids=" + c.Market.NoTokenId), PolymarketJsonContext.Default.ListGammaMarketDto)!;
        Assert.Equal([c.Market.YesTokenId, c.Market.NoTokenId], Assert.Single(gamma).TradingTokenIds());
        var events = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/gamma/events"), PolymarketJsonContext.Default.ListGammaEventDto)!;
        Assert.Equal(2, events.Count);

        var tick = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/tick-size?token_id=" + c.Market.YesTokenId), PolymarketJsonContext.Default.TickSizeDto)!;
        Assert.Equal(Price.Parse("0.01"), tick.MinimumTickSize);
        var details = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/clob-markets/" + c.Market.ConditionId), PolymarketJsonContext.Default.ClobMarketDetailsDto)!;
        Assert.Equal(Quantity.FromUnits(5), details.MinOrderSize);
        var version = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/version"), PolymarketJsonContext.Default.VersionDto)!;
        Assert.Equal(2, version.Version);
        c.Host.PlaceLiquidity(c.Market.YesTokenId, Side.Buy, Price.Parse("0.40"), Quantity.FromUnits(20));
        var book = JsonSerializer.Deserialize(await c.Http.GetStringAsync("/book?token_id=" + c.Market.NoTokenId), PolymarketJsonContext.Default.OrderBookSummaryDto)!;
        Assert.Equal(Price.Parse("0.60"), Assert.Single(book.Asks).Price);
        Reply balance = await c.SendAsync(HttpMethod.Get, "/balance-allowance?asset_type=COLLATERAL");
        Assert.Equal("10000000000", balance.Json.GetProperty("balance").GetString());
    }

    private sealed class Sink : IUserChannelSink
    {
        public List<UserTradeEvent> Trades { get; } = [];
        public List<UserOrderEvent> Orders { get; } = [];
        public void OnOrder(UserOrderEvent order) => Orders.Add(order);
        public void OnTrade(UserTradeEvent trade) => Trades.Add(trade);
        public void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame) => throw new InvalidOperationException($"malformed {reason}: {Encoding.UTF8.GetString(frame)}");
    }

    private sealed class MarketSink : IMarketChannelSink
    {
        public List<int> Snapshots { get; } = [];
        public List<int> Updates { get; } = [];
        public void OnMarketData(in Bookmaker.Engine.Venues.MarketDataEvent e)
        {
            if (e.Kind == Bookmaker.Engine.Venues.MarketDataKind.Snapshot) Snapshots.Add(e.InstrumentIndex);
            else if (e.Kind == Bookmaker.Engine.Venues.MarketDataKind.LevelUpdate) Updates.Add(e.InstrumentIndex);
        }

        public void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks)
        {
        }

        public void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame) =>
            throw new InvalidOperationException($"malformed {reason}: {Encoding.UTF8.GetString(frame)}");
    }
}

internal static class OptionsExtensions
{
    public static EmulatorOptions With(this EmulatorOptions o, TimeSpan? heartbeat = null, RateLimitOptions? rate = null, int? pageSize = null) => new()
    {
        Time = o.Time,
        HeartbeatTimeout = heartbeat ?? o.HeartbeatTimeout,
        RateLimits = rate ?? o.RateLimits,
        MarketsPageSize = pageSize ?? o.MarketsPageSize,
    };
}
