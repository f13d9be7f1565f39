using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Bookmaker.Venues.Polymarket.Emulator.AuthenticatedRequests;
using static Bookmaker.Venues.Polymarket.Emulator.HttpExchange;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The route table: a thin layer that parses each request, sends it down the right road (public, L1, L2 through
/// <see cref="AuthenticatedRequests"/>, WebSocket through <see cref="WebSocketSessions"/>) and writes what the venue answers.
/// </summary>
internal static class EmulatorRoutes
{
    /// <summary>Maps every endpoint (the admin ones when <see cref="EmulatorOptions.EnableAdminEndpoints"/>).</summary>
    public static void Map(WebApplication app, EmulatorVenue venue, EmulatorOptions options, Func<CancellationToken> stopping)
    {
        MapPublic(app, venue, options);

        // ---- L1
        app.MapPost("/auth/api-key", ctx => Write(ctx, L1(ctx, venue, create: true)));
        app.MapGet("/auth/derive-api-key", ctx => Write(ctx, L1(ctx, venue, create: false)));

        // ---- L2 trading
        app.MapPost("/order", ctx => L2(ctx, venue, L2Kind.Place, (key, body) =>
            TryParse(body, out JsonElement root) ? venue.PostOrder(key, root) : EmuResponse.Error(400, VenueTexts.InvalidPayload)));
        app.MapPost("/orders", ctx => L2(ctx, venue, L2Kind.PlaceBatch, (key, body) =>
            TryParse(body, out JsonElement root) ? venue.PostOrders(key, root) : EmuResponse.Error(400, VenueTexts.InvalidPayload)));
        app.MapDelete("/order", ctx => L2(ctx, venue, L2Kind.Cancel, (key, body) =>
            TryParse(body, out JsonElement root) && Str(root, "orderID") is string id
                ? venue.Cancel(key, [id])
                : EmuResponse.Error(400, VenueTexts.InvalidOrderId)));
        app.MapDelete("/orders", ctx => L2(ctx, venue, L2Kind.CancelBatch, (key, body) =>
        {
            if (!TryParse(body, out JsonElement root) || root.ValueKind != JsonValueKind.Array) return EmuResponse.Error(400, VenueTexts.InvalidOrderId);
            if (root.GetArrayLength() > 1000) return EmuResponse.Error(400, VenueTexts.CancelBatchTooLarge);
            return venue.Cancel(key, [.. root.EnumerateArray().Select(e => e.GetString() ?? "")]);
        }));
        app.MapDelete("/cancel-all", ctx => L2(ctx, venue, L2Kind.CancelAll, (key, _) => CancelWhere(venue, key, null, null)));
        app.MapDelete("/cancel-market-orders", ctx => L2(ctx, venue, L2Kind.CancelAll, (key, body) =>
        {
            _ = TryParse(body, out JsonElement root); // an empty body is fine: the query may carry the filter
            string? market = Str(root, "market") ?? Q(ctx, "market");
            string? asset = Str(root, "asset_id") ?? Q(ctx, "asset_id");
            return CancelWhere(venue, key, string.IsNullOrEmpty(market) ? null : market, string.IsNullOrEmpty(asset) ? null : asset);
        }));

        // ---- L2 account data
        app.MapGet("/data/orders", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Account(a => a.OpenOrders(key, n => Q(ctx, n)))));
        app.MapGet("/data/order/{id}", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Account(a => a.OneOrder(key, R(ctx, "id")!))));
        app.MapGet("/data/trades", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Account(a => a.Trades(key, n => Q(ctx, n)))));
        app.MapGet("/auth/ban-status/closed-only", ctx => L2(ctx, venue, L2Kind.Read, (_, _) => EmuResponse.Json(new JsonObject { ["closed_only"] = venue.ClosedOnly })));
        app.MapGet("/balance-allowance", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Account(a => a.BalanceAllowance(key, n => Q(ctx, n)))));
        app.MapGet("/balance-allowance/update", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Account(a => a.UpdateBalanceAllowance(key, n => Q(ctx, n)))));
        app.MapGet("/order-scoring", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Scoring(s => s.One(key, Q(ctx, "order_id")))));
        app.MapGet("/orders-scoring", ctx => L2(ctx, venue, L2Kind.Read, (key, _) => venue.Scoring(s => s.Many(key, Many(ctx, "order_ids")))));
        app.MapPost("/orders-scoring", ctx => L2(ctx, venue, L2Kind.Read, (key, body) =>
            TryParse(body, out JsonElement root) && root.ValueKind == JsonValueKind.Array
                ? venue.Scoring(s => s.Many(key, [.. root.EnumerateArray().Select(e => e.GetString() ?? "")]))
                : EmuResponse.Error(400, VenueTexts.InvalidPayload)));
        app.MapPost("/v1/heartbeats", ctx => L2(ctx, venue, L2Kind.Heartbeat, (key, body) =>
            venue.Heartbeat(key, TryParse(body, out JsonElement root) ? Str(root, "heartbeat_id") : null)));

        // ---- WebSocket
        app.Map("/ws/market", ctx => WebSocketSessions.Run(ctx, venue, isUser: false, stopping()));
        app.Map("/ws/user", ctx => WebSocketSessions.Run(ctx, venue, isUser: true, stopping()));

        if (options.EnableAdminEndpoints) EmulatorAdminRoutes.Map(app, venue);
    }

    private static void MapPublic(WebApplication app, EmulatorVenue venue, EmulatorOptions options)
    {
        app.MapGet("/", () => Results.Text("OK"));
        app.MapGet("/ok", () => Results.Text("OK"));
        app.MapGet("/time", () => Results.Text(venue.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "application/json"));
        app.MapGet("/version", () => Results.Text($"{{\"version\":{(int)options.OrderVersion}}}", "application/json"));
        app.MapGet("/book", ctx => Write(ctx, venue.MarketData(m => m.Book(Q(ctx, "token_id")))));
        app.MapGet("/books", ctx => Write(ctx, venue.MarketData(m => m.Books(Split(Q(ctx, "token_ids"))))));
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

            await Write(ctx, venue.MarketData(m => m.Books(ids))).ConfigureAwait(false);
        });
        app.MapGet("/tick-size", ctx => Write(ctx, venue.MarketData(m => m.TickSize(Q(ctx, "token_id")))));
        app.MapGet("/tick-size/{id}", ctx => Write(ctx, venue.MarketData(m => m.TickSize(R(ctx, "id")))));
        app.MapGet("/neg-risk", ctx => Write(ctx, venue.MarketData(m => m.NegRisk(Q(ctx, "token_id")))));
        app.MapGet("/neg-risk/{id}", ctx => Write(ctx, venue.MarketData(m => m.NegRisk(R(ctx, "id")))));
        app.MapGet("/api/geoblock", ctx => Write(ctx, EmuResponse.Json(new JsonObject
        {
            ["blocked"] = venue.Geoblock.Blocked, ["ip"] = "127.0.0.1", ["country"] = venue.Geoblock.Country, ["region"] = venue.Geoblock.Region,
        })));
        app.MapGet("/clob-markets/{id}", ctx => Write(ctx, venue.MarketData(m => m.ClobMarket(R(ctx, "id")!))));
        app.MapGet("/markets", ctx => Write(ctx, venue.MarketData(m => m.ClobMarkets(Q(ctx, "next_cursor")))));
        app.MapGet("/markets/{id}", ctx => Write(ctx, venue.MarketData(m => m.ClobMarketByCondition(R(ctx, "id")!))));
        app.MapGet("/gamma/markets", ctx => Write(ctx, venue.Gamma(g => g.Markets(name => Many(ctx, name)))));
        app.MapGet("/gamma/markets/{id}", ctx => Write(ctx, venue.Gamma(g => g.Market(R(ctx, "id")!))));
        app.MapGet("/gamma/events", ctx => Write(ctx, venue.Gamma(g => g.Events(name => Many(ctx, name), null))));
        app.MapGet("/gamma/events/{id}", ctx => Write(ctx, venue.Gamma(g => g.Events(name => Many(ctx, name), R(ctx, "id")))));
    }
}
