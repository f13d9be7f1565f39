using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Bookmaker.Venues.Polymarket.Emulator.HttpExchange;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The unauthenticated <c>/admin/*</c> endpoints (loopback only) that steer the emulator the way the C# admin API on
/// <see cref="PolymarketEmulatorHost"/> does: liquidity, takes, dropped sockets, modes, restarts, ticks, failed
/// trades, funding and the periodic work.
/// </summary>
internal static class EmulatorAdminRoutes
{
    /// <summary>Maps the admin endpoints.</summary>
    public static void Map(WebApplication app, EmulatorVenue venue)
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
            venue.ChangeTick(Str(root, "token_id")!, Price.Parse(Str(root, "tick")!), announce: !IsFalse(root, "announce"));
            return new JsonObject { ["ok"] = true };
        }));
        app.MapPost("/admin/resolve", ctx => Admin(ctx, root =>
        {
            venue.ResolveMarket(Str(root, "condition_id")!, Str(root, "winning_token_id"));
            return new JsonObject { ["resolved"] = true };
        }));
        app.MapPost("/admin/forbid", ctx => Admin(ctx, root =>
        {
            double seconds = double.Parse(Str(root, "seconds") ?? "10", CultureInfo.InvariantCulture);
            venue.ForbiddenUntil = seconds > 0 ? venue.Time.GetUtcNow() + TimeSpan.FromSeconds(seconds) : null;
            return new JsonObject { ["forbidden_seconds"] = seconds };
        }));
        app.MapPost("/admin/silence", ctx => Admin(ctx, root =>
        {
            bool silent = Str(root, "silent") is not ("false" or "False");
            venue.SilenceAsset(Str(root, "token_id")!, silent);
            return new JsonObject { ["silent"] = silent };
        }));
        app.MapPost("/admin/heartbeat-fault", ctx => Admin(ctx, root =>
        {
            double seconds = double.Parse(Str(root, "seconds") ?? "30", CultureInfo.InvariantCulture);
            venue.FailHeartbeatsUntil(seconds > 0 ? venue.Time.GetUtcNow() + TimeSpan.FromSeconds(seconds) : null);
            return new JsonObject { ["failing_seconds"] = seconds };
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
        app.MapPost("/admin/merge", ctx => Admin(ctx, root =>
            new JsonObject { ["merged"] = venue.MergeSets(Str(root, "api_key")!, Str(root, "condition_id")!, Quantity.Parse(Str(root, "size")!)) }));
        app.MapPost("/admin/allowance", ctx => Admin(ctx, root =>
        {
            bool collateral = Str(root, "collateral") is not ("false" or "False");
            bool tokens = Str(root, "tokens") is not ("false" or "False");
            venue.SetAllowances(Str(root, "api_key")!, collateral, tokens);
            return new JsonObject { ["collateral"] = collateral, ["tokens"] = tokens };
        }));
        app.MapPost("/admin/process", ctx => Admin(ctx, _ =>
        {
            venue.ProcessDue();
            return new JsonObject { ["ok"] = true };
        }));
    }

    private static JsonObject Id(string id) => new() { ["orderID"] = id };

    private static bool IsFalse(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement v)
        && (v.ValueKind == JsonValueKind.False || v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "false", StringComparison.OrdinalIgnoreCase));

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
}
