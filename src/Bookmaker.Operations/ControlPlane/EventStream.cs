using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>
/// <c>GET /api/v1/stream</c>: Server-Sent Events for a dashboard. Every <c>Http:StreamInterval</c> a client gets the
/// status (<c>event: status</c>), and when the loop published a new snapshot also the active alerts
/// (<c>event: alerts</c>), our quotes — open orders with the markets' marks (<c>event: quotes</c>) — and the whole
/// snapshot the dashboard draws (<c>event: snapshot</c>: books, fills, inventory, round trip). The rate is
/// bounded per client and the number of clients is capped, so a forgotten browser tab cannot load the engine.
/// </summary>
internal static class EventStream
{
    public static void Map(IEndpointRouteBuilder app, ControlPlaneContext c, CancellationToken stopping)
    {
        app.MapGet("/api/v1/stream", async (HttpContext http) =>
        {
            if (Interlocked.Increment(ref c.StreamClients) > c.Options.MaxStreamClients)
            {
                Interlocked.Decrement(ref c.StreamClients);
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await http.Response.WriteAsync("too many stream clients\n", http.RequestAborted).ConfigureAwait(false);
                return;
            }

            try
            {
                await RunAsync(http, c, stopping).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref c.StreamClients);
            }
        });
    }

    private static async Task RunAsync(HttpContext http, ControlPlaneContext c, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = linked.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        long lastSequence = -1;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await WriteAsync(http.Response, "status", ReadEndpoints.Status(c), ct).ConfigureAwait(false);
                if (c.Snapshots.Latest is { } s && s.Sequence != lastSequence)
                {
                    lastSequence = s.Sequence;
                    await WriteAsync(http.Response, "alerts", new { engine_time = s.EngineTime, active = s.Alerts }, ct).ConfigureAwait(false);
                    await WriteAsync(http.Response, "quotes", new
                    {
                        engine_time = s.EngineTime,
                        orders = s.OpenOrders,
                        marks = s.Positions.Select(p => new { market = p.Market, mark = p.Mark }),
                    }, ct).ConfigureAwait(false);
                    // The whole snapshot for the dashboard page: bounded by construction (top levels, last fills).
                    await WriteAsync(http.Response, "snapshot", s, ct).ConfigureAwait(false);
                }

                await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(c.Options.StreamInterval, c.Wall, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server stops.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string name, object payload, CancellationToken ct)
    {
        string text = "event: " + name + "\ndata: " + JsonSerializer.Serialize(payload) + "\n\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
    }
}
