using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bookmaker.Venues.Bybit.Emulator.Trading;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Ws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Bybit.Emulator;

/// <summary>
/// A loopback Bybit v5 emulator — a TEST TOOL, not a venue adapter. A Kestrel server on 127.0.0.1 serves the public
/// REST market endpoints (<c>/v5/market/time</c>, <c>instruments-info</c>, <c>orderbook</c>) and the public WebSocket
/// (<c>/v5/public/linear</c>, <c>/v5/public/spot</c>) with the venue's ops and answers: <c>subscribe</c> acked per
/// request (depths 1, 50, 200, 1000; the retired 500 and unknown topics fail as the venue fails them), <c>ping</c>
/// answered with <c>pong</c>, a snapshot then deltas with consecutive <c>u</c> per topic, public trades, and idle
/// sockets closed. Tests steer it: drop every socket, make the next delta skip update ids (a gap). Its trading side
/// (<see cref="Trading"/>: signed REST, the private and trade WebSockets, DCP) is in <c>Trading/</c>. See docs/bybit-adapter.md.
/// </summary>
public sealed class BybitEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BybitEmulatorOptions _options;
    private readonly Dictionary<string, EmulatedBook> _books;
    private readonly List<PublicSession> _sessions = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _publisher = Task.CompletedTask;
    private long _nextConn;

    private BybitEmulatorHost(WebApplication app, BybitEmulatorOptions options, Dictionary<string, EmulatedBook> books)
    {
        _app = app;
        _options = options;
        _books = books;
        Trading = new TradingVenue(options);
    }

    /// <summary>The trading side: the API account, its orders over the simulated matching engine, the private streams, DCP.</summary>
    public TradingVenue Trading { get; }

    /// <summary>The outage lever: the whole venue goes dark for a window (see <see cref="BeginOutage"/>).</summary>
    internal VenueOutage Outage { get; } = new();

    /// <summary>True while an outage window is running.</summary>
    public bool IsDark => Outage.IsDark;

    /// <summary>Requests (REST calls and WebSocket upgrades) refused during outage windows.</summary>
    public long OutageRefusals => Outage.Refused;

    /// <summary>
    /// The venue goes dark for <paramref name="length"/>: every socket (public, private, trade) is dropped, and until the
    /// window ends every REST call is answered HTTP 503 with retCode 10016 and every WebSocket upgrade is refused (503),
    /// so clients back off and retry. The account stays as it was — except what DCP cancels once the private sockets have
    /// been gone past its window, as the venue's own DCP does during a real outage.
    /// </summary>
    public void BeginOutage(TimeSpan length)
    {
        Outage.Begin(length);
        DropAllSockets();
        Trading.DropStreams();
    }

    /// <summary>Private WebSocket: ws://127.0.0.1:port/v5/private.</summary>
    public Uri PrivateWsUrl => new($"ws://127.0.0.1:{Port}/v5/private");

    /// <summary>Trade (order entry) WebSocket: ws://127.0.0.1:port/v5/trade.</summary>
    public Uri TradeWsUrl => new($"ws://127.0.0.1:{Port}/v5/trade");

    /// <summary>The port Kestrel bound.</summary>
    public int Port { get; private set; }

    /// <summary>REST base, e.g. http://127.0.0.1:41234 (paths as on api.bybit.com).</summary>
    public Uri RestUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Public WebSocket of a category: ws://127.0.0.1:port/v5/public/{linear|spot}.</summary>
    public Uri PublicWsUrl(BybitCategory category) => new($"ws://127.0.0.1:{Port}/v5/public/{(category == BybitCategory.Spot ? "spot" : "linear")}");

    /// <summary>Open public sockets.</summary>
    public int SocketCount
    {
        get
        {
            lock (_gate) return _sessions.Count;
        }
    }

    /// <summary>Subscribe requests received (acked or refused).</summary>
    public long SubscribeRequests { get; private set; }

    /// <summary>Pings answered.</summary>
    public long PingsAnswered { get; private set; }

    /// <summary>Starts the server and its market on 127.0.0.1; returns once it listens.</summary>
    public static async Task<BybitEmulatorHost> StartAsync(BybitEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BybitEmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        int seed = options.Seed;
        var books = options.Symbols.ToDictionary(s => s.Symbol, s => new EmulatedBook(s, options.Levels, seed++), StringComparer.Ordinal);
        var host = new BybitEmulatorHost(app, options, books);
        // First in the pipeline: while dark, every request — REST or a WebSocket upgrade — meets the outage.
        app.Use(host.Outage.Guard);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        host.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        host.Port = new Uri(app.Urls.First()).Port;
        host._publisher = Task.Run(() => host.PublishLoopAsync(host._stopping.Token), CancellationToken.None);
        if (options.OutageAfter is { } after && options.OutageLength > TimeSpan.Zero) host.ScheduleOutage(after, options.OutageLength);
        return host;
    }

    private void ScheduleOutage(TimeSpan after, TimeSpan length) =>
        _ = Task.Delay(after, _stopping.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled) BeginOutage(length);
        }, TaskScheduler.Default);

    /// <summary>The next delta of <paramref name="symbol"/> skips <paramref name="count"/> update ids.</summary>
    public void SkipUpdateIds(string symbol, int count)
    {
        lock (_gate) _books[symbol].SkipUpdateIds(count);
    }

    /// <summary>Aborts every public socket (as a venue-side disconnect); returns how many.</summary>
    public int DropAllSockets()
    {
        List<PublicSession> all;
        lock (_gate) all = [.. _sessions];
        foreach (var s in all) s.Socket.Abort();
        return all.Count;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        DropAllSockets();
        Trading.DropStreams();
        Trading.Dispose();
        try
        {
            await _publisher.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private void Map(WebApplication app)
    {
        PrivateRoutes.Map(app, Trading);
        foreach (var (path, trade) in new[] { ("/v5/private", false), ("/v5/trade", true) })
        {
            app.Map(path, async (HttpContext http) =>
            {
                if (!http.WebSockets.IsWebSocketRequest)
                {
                    http.Response.StatusCode = 404;
                    return;
                }

                await StreamSession.RunAsync(http, Trading, trade, "emu-" + Interlocked.Increment(ref _nextConn).ToString(CultureInfo.InvariantCulture), _stopping.Token).ConfigureAwait(false);
            });
        }

        app.MapGet("/v5/market/time", (HttpContext http) =>
        {
            long ms = Trading.ServerNowMs();
            http.Response.Headers["Timenow"] = ms.ToString(CultureInfo.InvariantCulture);
            return Results.Text($"{{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{{\"timeSecond\":\"{ms / 1000}\",\"timeNano\":\"{ms * 1_000_000}\"}},\"retExtInfo\":{{}},\"time\":{ms}}}", "application/json");
        });
        app.MapGet("/v5/market/instruments-info", (HttpContext http) => Results.Text(InstrumentsInfo(http.Request.Query["category"], http.Request.Query["symbol"]), "application/json"));
        app.MapGet("/v5/market/price-limit", (HttpContext http) =>
        {
            string symbol = http.Request.Query["symbol"].ToString();
            if (!_books.ContainsKey(symbol)) return Results.Text(Envelope(10001, "params error: symbol invalid", "{}"), "application/json");
            return Results.Text(Envelope(0, "OK", PriceLimitData(symbol) + "}"), "application/json");
        });
        app.MapGet("/v5/market/orderbook", (HttpContext http) =>
        {
            string symbol = http.Request.Query["symbol"].ToString();
            int limit = int.TryParse(http.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out int l) ? Math.Clamp(l, 1, 1000) : 25;
            lock (_gate)
            {
                if (!_books.TryGetValue(symbol, out var book)) return Results.Text(Envelope(10001, "params error: symbol invalid", "{}"), "application/json");
                return Results.Text(Envelope(0, "OK", book.RestResult(limit, NowMs())), "application/json");
            }
        });
        app.Map("/v5/public/{category}", async (HttpContext http, string category) =>
        {
            if (!http.WebSockets.IsWebSocketRequest || category is not ("linear" or "spot"))
            {
                http.Response.StatusCode = 404;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await RunSessionAsync(socket, category == "spot" ? BybitCategory.Spot : BybitCategory.Linear).ConfigureAwait(false);
        });
    }

    private string InstrumentsInfo(string? category, string? symbol)
    {
        var wanted = category == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
        var items = _options.Symbols.Where(s => s.Category == wanted && (string.IsNullOrEmpty(symbol) || s.Symbol == symbol)).Select(s => wanted == BybitCategory.Linear
            ? $"{{\"symbol\":\"{s.Symbol}\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\",\"priceFilter\":{{\"minPrice\":\"{s.Tick}\",\"maxPrice\":\"1999999\",\"tickSize\":\"{s.Tick}\"}},\"lotSizeFilter\":{{\"maxOrderQty\":\"1000\",\"minOrderQty\":\"{s.MinQty}\",\"qtyStep\":\"{s.QtyStep}\",\"minNotionalValue\":\"{s.MinNotional}\"}}}}"
            : $"{{\"symbol\":\"{s.Symbol}\",\"status\":\"Trading\",\"priceFilter\":{{\"tickSize\":\"{s.Tick}\"}},\"lotSizeFilter\":{{\"basePrecision\":\"{s.QtyStep}\",\"minOrderQty\":\"{s.MinQty}\",\"minOrderAmt\":\"{s.MinNotional}\",\"maxLimitOrderQty\":\"1000\",\"postOnlyMaxLimitOrderSize\":\"5000\"}}}}");
        return Envelope(0, "OK", $"{{\"category\":\"{(wanted == BybitCategory.Spot ? "spot" : "linear")}\",\"list\":[{string.Join(',', items)}],\"nextPageCursor\":\"\"}}");
    }

    private static string Envelope(int code, string message, string result) =>
        $"{{\"retCode\":{code},\"retMsg\":\"{message}\",\"result\":{result},\"retExtInfo\":{{}},\"time\":{NowMs()}}}";

    private async Task RunSessionAsync(WebSocket socket, BybitCategory category)
    {
        var session = new PublicSession(socket, "emu-" + Interlocked.Increment(ref _nextConn).ToString(CultureInfo.InvariantCulture));
        lock (_gate) _sessions.Add(session);
        var writer = session.WriteLoopAsync(_stopping.Token);
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open && !_stopping.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                idle.CancelAfter(_options.IdleTimeout);
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), idle.Token).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close) break;
                session.LastHeardTicks = DateTime.UtcNow.Ticks;
                OnRequest(session, category, buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
            // Dropped, idle or nonsense: the session ends like the venue would end it.
        }
        finally
        {
            lock (_gate) _sessions.Remove(session);
            session.Complete();
            await writer.ConfigureAwait(false);
            if (socket.State == WebSocketState.Open)
            {
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "idle", CancellationToken.None).ConfigureAwait(false);
                }
                catch (WebSocketException)
                {
                }
            }
        }
    }

    private void OnRequest(PublicSession session, BybitCategory category, ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        string op = root.TryGetProperty("op", out var o) ? o.GetString() ?? "" : "";
        string reqId = root.TryGetProperty("req_id", out var r) ? r.GetString() ?? "" : "";
        if (op == "ping")
        {
            PingsAnswered++;
            session.Send(Answer(true, "pong", session.ConnId, reqId, "ping"));
            return;
        }

        if (op is not ("subscribe" or "unsubscribe"))
        {
            session.Send(Answer(false, $"error:unknown op {op}", session.ConnId, reqId, op));
            return;
        }

        var topics = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(t => t.GetString() ?? "").ToList() : [];
        lock (_gate)
        {
            SubscribeRequests++;
            foreach (string topic in topics)
            {
                if (Resolve(topic, category) is not { } target)
                {
                    session.Send(Answer(false, "error:handler not found,topic:" + topic, session.ConnId, reqId, op));
                    return;
                }
            }

            session.Send(Answer(true, "", session.ConnId, reqId, op));
            long now = NowMs();
            foreach (string topic in topics)
            {
                var (book, depth) = Resolve(topic, category)!.Value;
                if (op == "unsubscribe")
                {
                    session.Topics.Remove(topic);
                    continue;
                }

                session.Topics[topic] = depth;
                if (depth > 0) session.Send(book.Snapshot(depth, now));
                else if (depth == PriceLimitDepth) session.Send(PriceLimitFrame(book.Symbol.Symbol));
            }
        }
    }

    // The depth slot of a priceLimit topic (its own cadence, no book).
    private const int PriceLimitDepth = -1;

    // The band's data object without its closing brace (the REST answer closes it, the topic adds ts first).
    private string PriceLimitData(string symbol)
    {
        var (buy, sell) = Trading.PriceBand(symbol);
        return $"{{\"symbol\":\"{symbol}\",\"buyLmt\":\"{buy}\",\"sellLmt\":\"{sell}\",\"ts\":{NowMs()}";
    }

    private string PriceLimitFrame(string symbol) =>
        $"{{\"topic\":\"priceLimit.{symbol}\",\"ts\":{NowMs()},\"data\":{PriceLimitData(symbol)}}}}}";

    // (book, depth) of a topic this emulator serves in the category: orderbook.{1|50|200|1000}.{symbol}, publicTrade.{symbol} (depth 0) or priceLimit.{symbol}.
    private (EmulatedBook Book, int Depth)? Resolve(string topic, BybitCategory category)
    {
        string[] parts = topic.Split('.');
        if (parts.Length == 3 && parts[0] == "orderbook" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int depth) && BybitStreamOptions.AllowedDepths.Contains(depth)
            && _books.TryGetValue(parts[2], out var book) && book.Symbol.Category == category)
            return (book, depth);
        if (parts.Length == 2 && parts[0] == "priceLimit" && _books.TryGetValue(parts[1], out var banded) && banded.Symbol.Category == category)
            return (banded, PriceLimitDepth);
        if (parts.Length == 2 && parts[0] == "publicTrade" && _books.TryGetValue(parts[1], out var traded) && traded.Symbol.Category == category)
            return (traded, 0);
        return null;
    }

    private static string Answer(bool success, string message, string connId, string reqId, string op) =>
        $"{{\"success\":{(success ? "true" : "false")},\"ret_msg\":{JsonSerializer.Serialize(message)},\"conn_id\":\"{connId}\",\"req_id\":{JsonSerializer.Serialize(reqId)},\"op\":\"{op}\"}}";

    private async Task PublishLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.UpdateInterval);
        long step = 0;
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            // The venue pushes the band every 300 ms: every third step at the default 100 ms.
            bool bandStep = ++step % 3 == 0;
            lock (_gate)
            {
                long now = NowMs();
                foreach (var book in _books.Values)
                {
                    var (delta, trade, touchChanged) = book.Step(now);
                    string sym = book.Symbol.Symbol;
                    // A print of the synthetic market is also a taker on the trading side: resting API orders it reaches fill.
                    if (trade is not null && _options.HouseFollowsTrades) Trading.HouseTake(sym, book.LastTrade.Taker, book.LastTrade.Price, book.LastTrade.Size);
                    foreach (var s in _sessions)
                    {
                        foreach (var (topic, depth) in s.Topics)
                        {
                            if (!topic.EndsWith(sym, StringComparison.Ordinal) || topic[^(sym.Length + 1)] != '.') continue;
                            if (depth == PriceLimitDepth) { if (bandStep) s.Send(PriceLimitFrame(sym)); }
                            else if (depth == 0 && trade is not null) s.Send(trade);
                            // Level 1 is snapshot-only on the venue: a new snapshot whenever the touch changed.
                            else if (depth == 1 && touchChanged) s.Send(book.Snapshot(1, now));
                            else if (depth > 1 && delta is not null) s.Send(delta.Replace("\"topic\":\"orderbook." + _options.Levels.ToString(CultureInfo.InvariantCulture) + ".", "\"topic\":\"orderbook." + depth.ToString(CultureInfo.InvariantCulture) + ".", StringComparison.Ordinal));
                        }
                    }
                }
            }
        }
    }
}
