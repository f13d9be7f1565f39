using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// A loopback Polymarket CLOB V2 emulator — a TEST TOOL, not a venue adapter. A Kestrel server on 127.0.0.1 speaks the
/// CLOB REST API (public market data, L1 key creation, L2-authenticated trading), a Gamma-like discovery API under
/// <c>/gamma</c> and the <c>/ws/market</c> and <c>/ws/user</c> channels, with the simulated
/// <see cref="Simulated.Matching.MatchingEngine"/> matching behind it. It checks HMACs and recovers every order's
/// signer; tests steer it (liquidity, modes, restarts, dropped sockets, failed trades) through this object or the
/// <c>/admin/*</c> endpoints. See docs/polymarket-emulator.md.
/// </summary>
public sealed class PolymarketEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorVenue _venue;
    private readonly CancellationTokenSource _stopping = new();

    private PolymarketEmulatorHost(WebApplication app, EmulatorVenue venue, int port)
    {
        _app = app;
        _venue = venue;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        WsUrl = new Uri($"ws://127.0.0.1:{port}/ws/");
        GammaUrl = new Uri($"http://127.0.0.1:{port}/gamma");
    }

    /// <summary>The port Kestrel bound (chosen by the OS when the options said 0).</summary>
    public int Port { get; }

    /// <summary>CLOB REST base, e.g. http://127.0.0.1:41234 (paths as on clob.polymarket.com).</summary>
    public Uri BaseUrl { get; }

    /// <summary>WebSocket base ending in "/ws/": append "market" or "user".</summary>
    public Uri WsUrl { get; }

    /// <summary>Gamma-like discovery base (<c>/gamma/markets</c>, <c>/gamma/events</c>).</summary>
    public Uri GammaUrl { get; }

    /// <summary>The markets served.</summary>
    public IReadOnlyList<EmulatedMarket> Markets => _venue.Options.Markets;

    /// <summary>The emulator's clock.</summary>
    public TimeProvider Time => _venue.Time;

    /// <summary>Open WebSocket connections.</summary>
    public int WebSocketCount => _venue.ConnectionCount;

    /// <summary>User-channel sockets that have authenticated: a client's user feed is live once this counts it.</summary>
    public int AuthenticatedUserSockets => _venue.AuthenticatedUserCount;

    /// <summary>Starts the server on 127.0.0.1 and returns once it listens.</summary>
    public static async Task<PolymarketEmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var venue = new EmulatorVenue(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        PolymarketEmulatorHost? host = null;
        Routes.Map(app, venue, options, () => host!._stopping.Token);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        int port = new Uri(app.Urls.First()).Port;
        host = new PolymarketEmulatorHost(app, venue, port);
        return host;
    }

    /// <summary>Creates (or returns) the API key of <paramref name="address"/> without L1 headers (tests' shortcut).</summary>
    public EmulatorCredentials CreateApiKey(EthereumAddress address, ulong nonce = 0) =>
        _venue.GetOrCreateKey(address, nonce, create: true).Credentials;

    /// <summary>Rests a GTC order of the house account (it has unlimited cash and splits tokens as needed); returns its id.</summary>
    public string PlaceLiquidity(string tokenId, Side side, Price price, Quantity size) => _venue.PlaceFlow(tokenId, side, price, size, take: false);

    /// <summary>Sends a FAK order from a second flow account against the book (fills resting orders); returns its id.</summary>
    public string TakeLiquidity(string tokenId, Side side, Price price, Quantity size) => _venue.PlaceFlow(tokenId, side, price, size, take: true);

    /// <summary>Puts the venue in a mode for <paramref name="duration"/> (null = until changed), on the emulator clock.</summary>
    public void SetTradingMode(TradingMode mode, TimeSpan? duration = null) => _venue.SetMode(mode, duration);

    /// <summary>Answers trading and account endpoints with 425 for <paramref name="duration"/> (matching-engine restart).</summary>
    public void BeginRestart(TimeSpan duration) => _venue.BeginRestart(duration);

    /// <summary>Orders received through POST /order and /orders from API keys (the house flow is not counted).</summary>
    public long OrdersPosted => _venue.OrdersPosted;

    /// <summary>Heartbeats received (a dead or stalled engine must stop sending them).</summary>
    public long HeartbeatsReceived => _venue.HeartbeatsReceived;

    /// <summary>Orders of <paramref name="apiKey"/> still resting on the book.</summary>
    public int RestingOrderCount(string apiKey) => _venue.RestingOrderCount(apiKey);

    /// <summary>GET /api/geoblock URL (point <c>Venue:Polymarket:GeoblockUrl</c> here).</summary>
    public Uri GeoblockUrl => new(BaseUrl, "/api/geoblock");

    /// <summary>What the geoblock endpoint answers (default: not blocked, IE).</summary>
    public EmulatedGeoblock Geoblock
    {
        get => _venue.Geoblock;
        set => _venue.Geoblock = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>What GET /auth/ban-status/closed-only answers (default false).</summary>
    public bool ClosedOnly
    {
        get => _venue.ClosedOnly;
        set => _venue.ClosedOnly = value;
    }

    /// <summary>Aborts every WebSocket connection (no close handshake); returns how many.</summary>
    public int DropAllWebSockets() => _venue.DropAllWebSockets();

    /// <summary>Changes a market's tick and sends <c>tick_size_change</c> for both tokens.</summary>
    public void ChangeTick(string tokenId, Price newTick) => _venue.ChangeTick(tokenId, newTick);

    /// <summary>Moves a trade to RETRYING then FAILED (balances are not reversed; see the docs).</summary>
    public void FailTrade(string tradeId) => _venue.FailTrade(tradeId);

    /// <summary>Adds pUSD to an API key's account.</summary>
    public void Fund(string apiKey, Money amount) => _venue.Fund(apiKey, amount);

    /// <summary>Runs heartbeat deadlines, GTD expiry and trade settlement now (the timer does this every period too).</summary>
    public void ProcessDue() => _venue.ProcessDue();

    /// <summary>Stops the server, dropping sockets first so shutdown does not wait for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _venue.DropAllWebSockets();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _venue.Dispose();
        _stopping.Dispose();
    }

    /// <summary>The HTTP and WebSocket routes: a thin layer that parses, authenticates and writes what the venue answers.</summary>
    private static class Routes
    {
        public static void Map(WebApplication app, EmulatorVenue venue, EmulatorOptions options, Func<CancellationToken> stopping)
        {
            // ---- public
            app.MapGet("/", () => Results.Text("OK"));
            app.MapGet("/ok", () => Results.Text("OK"));
            app.MapGet("/time", () => Results.Text(venue.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "application/json"));
            app.MapGet("/version", () => Results.Text($"{{\"version\":{(int)options.OrderVersion}}}", "application/json"));
            app.MapGet("/book", ctx => Write(ctx, venue.Book(Q(ctx, "token_id"))));
            app.MapGet("/books", ctx => Write(ctx, venue.Books(Split(Q(ctx, "token_ids")))));
            app.MapPost("/books", async ctx =>
            {
                byte[] body = await ReadBody(ctx).ConfigureAwait(false);
                var ids = new List<string>();
                if (TryParse(body, out JsonElement root) && root.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement e in root.EnumerateArray())
                    {
                        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("token_id", out JsonElement t) && t.GetString() is string s) ids.Add(s);
                    }
                }

                await Write(ctx, venue.Books(ids)).ConfigureAwait(false);
            });
            app.MapGet("/tick-size", ctx => Write(ctx, venue.TickSize(Q(ctx, "token_id"))));
            app.MapGet("/tick-size/{id}", ctx => Write(ctx, venue.TickSize(R(ctx, "id"))));
            app.MapGet("/neg-risk", ctx => Write(ctx, venue.NegRisk(Q(ctx, "token_id"))));
            app.MapGet("/neg-risk/{id}", ctx => Write(ctx, venue.NegRisk(R(ctx, "id"))));
            app.MapGet("/api/geoblock", ctx => Write(ctx, EmuResponse.Json(new JsonObject
            {
                ["blocked"] = venue.Geoblock.Blocked, ["ip"] = "127.0.0.1", ["country"] = venue.Geoblock.Country, ["region"] = venue.Geoblock.Region,
            })));
            app.MapGet("/clob-markets/{id}", ctx => Write(ctx, venue.ClobMarket(R(ctx, "id")!)));
            app.MapGet("/markets", ctx => Write(ctx, venue.ClobMarkets(Q(ctx, "next_cursor"))));
            app.MapGet("/markets/{id}", ctx => Write(ctx, venue.ClobMarketByCondition(R(ctx, "id")!)));
            app.MapGet("/gamma/markets", ctx => Write(ctx, venue.GammaMarkets(name => Many(ctx, name))));
            app.MapGet("/gamma/markets/{id}", ctx => Write(ctx, venue.GammaMarket(R(ctx, "id")!)));
            app.MapGet("/gamma/events", ctx => Write(ctx, venue.GammaEvents(name => Many(ctx, name))));
            app.MapGet("/gamma/events/{id}", ctx => Write(ctx, venue.GammaEvents(name => Many(ctx, name), R(ctx, "id"))));

            // ---- L1
            app.MapPost("/auth/api-key", ctx => Write(ctx, L1(ctx, venue, create: true)));
            app.MapGet("/auth/derive-api-key", ctx => Write(ctx, L1(ctx, venue, create: false)));

            // ---- L2 trading
            app.MapPost("/order", ctx => L2(ctx, venue, Trading.Place, (key, body) =>
                TryParse(body, out JsonElement root) ? venue.PostOrder(key, root) : EmuResponse.Error(400, VenueTexts.InvalidPayload)));
            app.MapPost("/orders", ctx => L2(ctx, venue, Trading.PlaceBatch, (key, body) =>
                TryParse(body, out JsonElement root) ? venue.PostOrders(key, root) : EmuResponse.Error(400, VenueTexts.InvalidPayload)));
            app.MapDelete("/order", ctx => L2(ctx, venue, Trading.Cancel, (key, body) =>
                TryParse(body, out JsonElement root) && Str(root, "orderID") is string id
                    ? venue.Cancel(key, [id])
                    : EmuResponse.Error(400, VenueTexts.InvalidOrderId)));
            app.MapDelete("/orders", ctx => L2(ctx, venue, Trading.CancelBatch, (key, body) =>
            {
                if (!TryParse(body, out JsonElement root) || root.ValueKind != JsonValueKind.Array) return EmuResponse.Error(400, VenueTexts.InvalidOrderId);
                if (root.GetArrayLength() > 1000) return EmuResponse.Error(400, VenueTexts.CancelBatchTooLarge);
                return venue.Cancel(key, [.. root.EnumerateArray().Select(e => e.GetString() ?? "")]);
            }));
            app.MapDelete("/cancel-all", ctx => L2(ctx, venue, Trading.CancelAll, (key, _) => CancelWhere(venue, key, null, null)));
            app.MapDelete("/cancel-market-orders", ctx => L2(ctx, venue, Trading.CancelAll, (key, body) =>
            {
                _ = TryParse(body, out JsonElement root); // an empty body is fine: the query may carry the filter
                string? market = Str(root, "market") ?? Q(ctx, "market");
                string? asset = Str(root, "asset_id") ?? Q(ctx, "asset_id");
                return CancelWhere(venue, key, string.IsNullOrEmpty(market) ? null : market, string.IsNullOrEmpty(asset) ? null : asset);
            }));

            // ---- L2 account data
            app.MapGet("/data/orders", ctx => L2(ctx, venue, Trading.Read, (key, _) => venue.OpenOrders(key, n => Q(ctx, n))));
            app.MapGet("/data/order/{id}", ctx => L2(ctx, venue, Trading.Read, (key, _) => venue.OneOrder(key, R(ctx, "id")!)));
            app.MapGet("/data/trades", ctx => L2(ctx, venue, Trading.Read, (key, _) => venue.Trades(key, n => Q(ctx, n))));
            app.MapGet("/auth/ban-status/closed-only", ctx => L2(ctx, venue, Trading.Read, (_, _) => EmuResponse.Json(new JsonObject { ["closed_only"] = venue.ClosedOnly })));
            app.MapGet("/balance-allowance", ctx => L2(ctx, venue, Trading.Read, (key, _) => venue.BalanceAllowance(key, n => Q(ctx, n))));
            app.MapGet("/balance-allowance/update", ctx => L2(ctx, venue, Trading.Read, (key, _) => venue.BalanceAllowance(key, n => Q(ctx, n))));
            app.MapPost("/v1/heartbeats", ctx => L2(ctx, venue, Trading.Heartbeat, (key, body) =>
                venue.Heartbeat(key, TryParse(body, out JsonElement root) ? Str(root, "heartbeat_id") : null)));

            // ---- WebSocket
            app.Map("/ws/market", ctx => Socket(ctx, venue, isUser: false, stopping()));
            app.Map("/ws/user", ctx => Socket(ctx, venue, isUser: true, stopping()));

            if (options.EnableAdminEndpoints) MapAdmin(app, venue);
        }

        private static void MapAdmin(WebApplication app, EmulatorVenue venue)
        {
            app.MapPost("/admin/liquidity", ctx => Admin(ctx, root =>
                Id(venue.PlaceFlow(Str(root, "token_id")!, ParseSide(root), Price.Parse(Str(root, "price")!), Quantity.Parse(Str(root, "size")!), take: false))));
            app.MapPost("/admin/take", ctx => Admin(ctx, root =>
                Id(venue.PlaceFlow(Str(root, "token_id")!, ParseSide(root), Price.Parse(Str(root, "price")!), Quantity.Parse(Str(root, "size")!), take: true))));
            app.MapPost("/admin/drop-ws", ctx => Admin(ctx, _ => new JsonObject { ["dropped"] = venue.DropAllWebSockets() }));
            app.MapPost("/admin/mode", ctx => Admin(ctx, root =>
            {
                var mode = Enum.Parse<TradingMode>(Str(root, "mode")!.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
                venue.SetMode(mode, Str(root, "seconds") is string s ? TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture)) : null);
                return new JsonObject { ["mode"] = mode.ToString() };
            }));
            app.MapPost("/admin/restart", ctx => Admin(ctx, root =>
            {
                venue.BeginRestart(TimeSpan.FromSeconds(double.Parse(Str(root, "seconds") ?? "10", CultureInfo.InvariantCulture)));
                return new JsonObject { ["restarting"] = true };
            }));
            app.MapPost("/admin/tick", ctx => Admin(ctx, root =>
            {
                venue.ChangeTick(Str(root, "token_id")!, Price.Parse(Str(root, "tick")!));
                return new JsonObject { ["ok"] = true };
            }));
            app.MapPost("/admin/fail-trade", ctx => Admin(ctx, root =>
            {
                venue.FailTrade(Str(root, "trade_id")!);
                return new JsonObject { ["ok"] = true };
            }));
            app.MapPost("/admin/fund", ctx => Admin(ctx, root =>
            {
                venue.Fund(Str(root, "api_key")!, Money.Parse(Str(root, "amount")!));
                return new JsonObject { ["ok"] = true };
            }));
            app.MapPost("/admin/process", ctx => Admin(ctx, _ =>
            {
                venue.ProcessDue();
                return new JsonObject { ["ok"] = true };
            }));
        }

        private static JsonObject Id(string id) => new() { ["orderID"] = id };

        private static Side ParseSide(JsonElement root) =>
            string.Equals(Str(root, "side"), "SELL", StringComparison.OrdinalIgnoreCase) ? Side.Sell : Side.Buy;

        private static async Task Admin(HttpContext ctx, Func<JsonElement, JsonObject> action)
        {
            byte[] body = await ReadBody(ctx).ConfigureAwait(false);
            _ = TryParse(body, out JsonElement root); // some admin calls take no body
            EmuResponse response;
            try
            {
                response = EmuResponse.Json(action(root));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or NullReferenceException)
            {
                response = EmuResponse.Error(400, ex.Message);
            }

            await Write(ctx, response).ConfigureAwait(false);
        }

        private enum Trading
        {
            Read,
            Heartbeat,
            Place,
            PlaceBatch,
            Cancel,
            CancelBatch,
            CancelAll,
        }

        private static EmuResponse CancelWhere(EmulatorVenue venue, ApiKeyRecord key, string? market, string? asset)
        {
            var (response, count) = venue.CancelWhere(key, market, asset);
            venue.DebitCancels(key, count); // cost 1 + orders cancelled, the rest debited after the fact
            return response;
        }

        private static async Task L2(HttpContext ctx, EmulatorVenue venue, Trading kind, Func<ApiKeyRecord, byte[], EmuResponse> handler)
        {
            byte[] body = await ReadBody(ctx).ConfigureAwait(false);
            ApiKeyRecord? key = venue.AuthenticateL2(name => H(ctx, name), ctx.Request.Method, ctx.Request.Path.Value ?? "/", body);
            if (key is null)
            {
                await Write(ctx, EmuResponse.Error(401, VenueTexts.Unauthorized)).ConfigureAwait(false);
                return;
            }

            bool places = kind is Trading.Place or Trading.PlaceBatch;
            JsonElement root = default;
            bool parsed = places && TryParse(body, out root);
            EmuResponse? refused = venue.Gate(kind != Trading.Read, places, parsed && EmulatorVenue.AllPostOnly(root));
            if (refused is not null)
            {
                await Write(ctx, refused).ConfigureAwait(false);
                return;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int cost = kind switch
            {
                Trading.Place or Trading.Cancel or Trading.CancelAll => 1,
                Trading.PlaceBatch => parsed ? Math.Max(1, EmulatorVenue.CountOrders(root)) : 1,
                Trading.CancelBatch => TryParse(body, out JsonElement ids) && ids.ValueKind == JsonValueKind.Array ? Math.Max(1, ids.GetArrayLength()) : 1,
                _ => 0,
            };
            bool batchTooLarge = kind == Trading.PlaceBatch && cost > Orders.OrderJson.MaxBatchSize;
            if (cost > 0 && !batchTooLarge)
            {
                EmuResponse? limited = venue.TakeRate(key, kind is Trading.Cancel or Trading.CancelBatch or Trading.CancelAll, cost, headers);
                if (limited is not null)
                {
                    await Write(ctx, limited).ConfigureAwait(false);
                    return;
                }
            }

            EmuResponse response = handler(key, body);
            foreach (var (name, value) in headers) response.Headers.TryAdd(name, value);
            await Write(ctx, response).ConfigureAwait(false);
        }

        private static EmuResponse L1(HttpContext ctx, EmulatorVenue venue, bool create)
        {
            if (!venue.AuthenticateL1(name => H(ctx, name), out EthereumAddress address, out ulong nonce))
                return EmuResponse.Error(401, VenueTexts.InvalidL1);
            ApiKeyRecord? key = venue.GetOrCreateKey(address, nonce, create);
            if (key is null) return EmuResponse.Error(400, VenueTexts.CouldNotDerive);
            EmulatorCredentials c = key.Credentials;
            return EmuResponse.Json(new JsonObject { ["apiKey"] = c.ApiKey, ["secret"] = c.Secret, ["passphrase"] = c.Passphrase });
        }

        private static async Task Socket(HttpContext ctx, EmulatorVenue venue, bool isUser, CancellationToken stopping)
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }

            using WebSocket ws = await ctx.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var connection = new WsConnection(ws, isUser);
            venue.Register(connection);
            Task writer = connection.WriteLoopAsync(stopping);
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (ws.State == WebSocketState.Open && !stopping.IsCancellationRequested)
                {
                    WebSocketReceiveResult result = await ws.ReceiveAsync(buffer, stopping).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    message.Write(buffer, 0, result.Count);
                    if (!result.EndOfMessage) continue;
                    string text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                    message.SetLength(0);
                    venue.OnText(connection, text);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Aborted by the admin API, the client or shutdown.
            }
            finally
            {
                venue.Unregister(connection);
                connection.Complete();
                await writer.ConfigureAwait(false);
            }
        }

        private static async Task<byte[]> ReadBody(HttpContext ctx)
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms).ConfigureAwait(false);
            return ms.ToArray();
        }

        private static bool TryParse(byte[] body, out JsonElement root)
        {
            root = default;
            if (body.Length == 0) return false;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                root = doc.RootElement.Clone();
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string? Str(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
                : null;

        private static string? Q(HttpContext ctx, string name) => ctx.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

        private static string? R(HttpContext ctx, string name) => ctx.Request.RouteValues[name] as string;

        private static string? H(HttpContext ctx, string name) => ctx.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;

        private static List<string> Split(string? text) =>
            string.IsNullOrEmpty(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        /// <summary>Repeated keys (Gamma style) and comma-joined values both work.</summary>
        private static List<string> Many(HttpContext ctx, string name) =>
            ctx.Request.Query.TryGetValue(name, out var values) ? [.. values.SelectMany(v => Split(v))] : [];

        private static async Task Write(HttpContext ctx, EmuResponse response)
        {
            ctx.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers) ctx.Response.Headers[name] = value;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(response.Body).ConfigureAwait(false);
        }
    }
}
