using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Polymarket.Tests.Http;

/// <summary>One request as the loopback server saw it.</summary>
internal sealed record SeenRequest(string Method, string Path, string Query, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A minimal Kestrel server on 127.0.0.1 (free port): HTTP routes answered by per-test handlers and a WebSocket
/// endpoint driven by a per-test script. Records every request.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, SeenRequest, Task>> _routes = new();

    private LoopbackServer(WebApplication app) => _app = app;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public Uri WsBase => new("ws://127.0.0.1:" + BaseUrl.Port + "/ws/");

    /// <summary>Runs for each accepted WebSocket (path, socket).</summary>
    public Func<string, WebSocket, Task>? WebSocketScript { get; set; }

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public void Map(string method, string path, Func<HttpContext, SeenRequest, Task> handler) => _routes[method + " " + path] = handler;

    public void MapJson(string method, string path, string json, int status = 200) =>
        Map(method, path, (ctx, _) => Reply(ctx, status, json));

    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public static async Task Reply(HttpContext ctx, int status, string json, params (string Name, string Value)[] headers)
    {
        ctx.Response.StatusCode = status;
        foreach (var (n, v) in headers) ctx.Response.Headers[n] = v;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json);
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        if (ctx.WebSockets.IsWebSocketRequest)
        {
            using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
            if (WebSocketScript is { } script) await script(ctx.Request.Path.Value ?? "", ws);
            return;
        }

        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms);
        var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var seen = new SeenRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? "", ms.ToArray(), headers);
        Requests.Enqueue(seen);
        if (_routes.TryGetValue(seen.Method + " " + seen.Path, out var handler)) await handler(ctx, seen);
        else await Reply(ctx, 404, "{\"error\":\"no route\"}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Collects everything a venue adapter reports.</summary>
internal sealed class CollectingSink : IVenueEventSink
{
    public ConcurrentQueue<MarketDataEvent> MarketData { get; } = new();

    public ConcurrentQueue<ExecutionReport> Reports { get; } = new();

    public ConcurrentQueue<VenueRequestFailed> Failures { get; } = new();

    public ConcurrentQueue<VenueStatusEvent> Statuses { get; } = new();

    public ConcurrentQueue<AccountSnapshot> Snapshots { get; } = new();

    /// <summary>What <see cref="IVenueEventSink.IsAlive"/> answers (a dead or stalled engine answers false).</summary>
    public bool Alive { get; set; } = true;

    public bool IsAlive => Alive;

    public void OnMarketData(in MarketDataEvent e) => MarketData.Enqueue(e);

    public void OnExecutionReport(ExecutionReport report) => Reports.Enqueue(report);

    public void OnRequestFailed(VenueRequestFailed failure) => Failures.Enqueue(failure);

    public void OnVenueStatus(VenueStatusEvent status) => Statuses.Enqueue(status);

    public void OnAccountSnapshot(AccountSnapshot snapshot) => Snapshots.Enqueue(snapshot);

    /// <summary>Every text the adapter produced (for secret-leak checks).</summary>
    public string AllText() => string.Join("\n",
        Reports.Select(r => r.ToString()).Concat(Failures.Select(f => f.ToString())).Concat(Statuses.Select(s => s.ToString())));
}

internal static class Wait
{
    /// <summary>Polls a condition (bounded: fails after <paramref name="seconds"/>). Used only for cross-thread I/O completion.</summary>
    public static async Task Until(Func<bool> condition, double seconds = 5, string? what = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time: " + what);
            await Task.Delay(10);
        }
    }

    public static async Task<string> ReceiveText(WebSocket ws, CancellationToken ct = default)
    {
        var buffer = new byte[1 << 16];
        int count = 0;
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer.AsMemory(count), ct);
            if (r.MessageType == WebSocketMessageType.Close) return "";
            count += r.Count;
            if (r.EndOfMessage) return Encoding.UTF8.GetString(buffer, 0, count);
        }
    }

    public static Task SendText(WebSocket ws, string text) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
}

internal static class TestInstruments
{
    public static InstrumentRegistry Register(IEnumerable<Instrument> instruments)
    {
        var reg = new InstrumentRegistry();
        foreach (var i in instruments) reg.Add(i);
        return reg;
    }
}
