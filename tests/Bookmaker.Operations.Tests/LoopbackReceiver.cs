using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Operations.Tests;

/// <summary>A small Kestrel server on 127.0.0.1, a free port, recording every POST and answering a chosen status.</summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

    /// <summary>The status answered (200 by default); tests flip it to make a sink fail or recover.</summary>
    public int Status { get; set; } = 200;

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackReceiver? receiver = null;
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            string body = await reader.ReadToEndAsync();
            receiver!.Received.Enqueue((http.Request.Path.Value ?? "", body));
            http.Response.StatusCode = receiver.Status;
        });
        await app.StartAsync();
        receiver = new LoopbackReceiver(app, new Uri(app.Urls.First() + "/"));
        return receiver;
    }

    public async Task<(string Path, string Body)[]> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
