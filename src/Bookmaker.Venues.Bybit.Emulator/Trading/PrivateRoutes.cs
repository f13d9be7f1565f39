using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>
/// The signed REST endpoints: each request is checked (key, timestamp window, signature), counted against its
/// endpoint's one-second budget (the <c>X-Bapi-Limit*</c> headers on every answer, 10006 beyond), then handled by
/// <see cref="OrderEndpoints"/> or <see cref="AccountEndpoints"/> under the venue's lock. Every answer carries the
/// server's time in <c>Timenow</c>, as the venue's does.
/// </summary>
internal static class PrivateRoutes
{
    /// <summary>What one handler answers: the envelope's parts.</summary>
    internal readonly record struct Reply(int Code, string Message, Action<Utf8JsonWriter>? Result = null, Action<Utf8JsonWriter>? ExtInfo = null);

    public static void Map(WebApplication app, TradingVenue venue)
    {
        var o = venue.Options;
        Post(app, venue, "/v5/order/create", o.OrderRateLimit, true, (b, _) => OrderEndpoints.Create(venue, b));
        Post(app, venue, "/v5/order/amend", o.OrderRateLimit, true, (b, _) => OrderEndpoints.Amend(venue, b));
        Post(app, venue, "/v5/order/cancel", o.OrderRateLimit, true, (b, _) => OrderEndpoints.Cancel(venue, b));
        Post(app, venue, "/v5/order/cancel-all", o.OrderRateLimit, true, (b, _) => OrderEndpoints.CancelAll(venue, b));
        Post(app, venue, "/v5/order/create-batch", o.OrderRateLimit, true, (b, granted) => OrderEndpoints.Batch(venue, "create", b, granted), batch: true);
        Post(app, venue, "/v5/order/amend-batch", o.OrderRateLimit, true, (b, granted) => OrderEndpoints.Batch(venue, "amend", b, granted), batch: true);
        Post(app, venue, "/v5/order/cancel-batch", o.OrderRateLimit, true, (b, granted) => OrderEndpoints.Batch(venue, "cancel", b, granted), batch: true);
        Post(app, venue, "/v5/order/disconnected-cancel-all", 5, false, (b, _) => AccountEndpoints.SetDcp(venue, b));
        Get(app, venue, "/v5/order/realtime", o.QueryRateLimit, q => AccountEndpoints.Realtime(venue, q));
        Get(app, venue, "/v5/execution/list", o.QueryRateLimit, q => AccountEndpoints.Executions(venue, q));
        Get(app, venue, "/v5/position/list", o.QueryRateLimit, q => AccountEndpoints.Positions(venue, q));
        Get(app, venue, "/v5/account/wallet-balance", o.QueryRateLimit, q => AccountEndpoints.Wallet(venue, q));
        Get(app, venue, "/v5/account/fee-rate", 5, q => AccountEndpoints.FeeRate(venue, q));
        Get(app, venue, "/v5/account/query-dcp-info", o.QueryRateLimit, _ => AccountEndpoints.DcpInfo(venue));
    }

    private static void Post(WebApplication app, TradingVenue venue, string path, int limit, bool order, Func<JsonElement, int, Reply> handle, bool batch = false) =>
        app.MapPost(path, async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync().ConfigureAwait(false);
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                await Answer(http, venue, new Reply(10001, "params error: body is not JSON")).ConfigureAwait(false);
                return;
            }

            int cost = batch && root.TryGetProperty("request", out var req) && req.ValueKind == JsonValueKind.Array ? Math.Max(1, req.GetArrayLength()) : 1;
            await Handle(http, venue, path, limit, cost, body, granted => handle(root, granted), order).ConfigureAwait(false);
        });

    private static void Get(WebApplication app, TradingVenue venue, string path, int limit, Func<IQueryCollection, Reply> handle) =>
        app.MapGet(path, (HttpContext http) =>
        {
            string query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "";
            return Handle(http, venue, path, limit, 1, query, _ => handle(http.Request.Query));
        });

    private static async Task Handle(HttpContext http, TradingVenue venue, string path, int limit, int cost, string payload, Func<int, Reply> handle, bool order = false)
    {
        var h = http.Request.Headers;
        Reply reply;
        lock (venue.Gate)
        {
            long now = venue.ServerNowMs();
            var (code, message) = venue.Guard.Check(h["X-BAPI-API-KEY"], h["X-BAPI-TIMESTAMP"], h["X-BAPI-RECV-WINDOW"], h["X-BAPI-SIGN"], payload, now);
            if (code == 10002) venue.TimestampRefusals++;
            if (code != 0)
            {
                reply = new Reply(code, message);
            }
            else
            {
                var (granted, lim, remaining, reset) = venue.Limits.Take(path, limit, cost, now);
                http.Response.Headers["X-Bapi-Limit"] = lim.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-Bapi-Limit-Status"] = remaining.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["X-Bapi-Limit-Reset-Timestamp"] = reset.ToString(CultureInfo.InvariantCulture);
                if (granted == 0)
                {
                    venue.RateLimited++;
                    reply = new Reply(10006, "Too many visits. Exceeded the API Rate Limit.");
                }
                else
                {
                    reply = handle(granted);
                }
            }
        }

        // The order is handled; only its answer is late (a client's timeout then meets an order that exists).
        if (order && venue.OrderDelay > TimeSpan.Zero) await Task.Delay(venue.OrderDelay).ConfigureAwait(false);
        await Answer(http, venue, reply).ConfigureAwait(false);
    }

    private static Task Answer(HttpContext http, TradingVenue venue, Reply reply)
    {
        long now = venue.ServerNowMs();
        http.Response.Headers["Timenow"] = now.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(EmuJson.Envelope(reply.Code, reply.Message, now, reply.Result, reply.ExtInfo));
    }

    /// <summary>A string field of a JSON object (numbers as their text), or null.</summary>
    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), JsonValueKind.True => "true", JsonValueKind.False => "false", _ => null }
            : null;
}
