using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>
/// The read-only views: <c>/api/v1/status|positions|orders|alerts|config</c>. Each answers from the loop's last
/// snapshot; before the first one they answer 503 rather than an empty, healthy-looking view.
/// </summary>
internal static class ReadEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ControlPlaneContext c)
    {
        app.MapGet("/api/v1/status", () => Results.Json(Status(c)));
        app.MapGet("/api/v1/positions", () => c.Snapshots.Latest is { } s ? Results.Json(new { engine_time = s.EngineTime, positions = s.Positions, balances = s.Balances }) : NotYet());
        app.MapGet("/api/v1/orders", () => c.Snapshots.Latest is { } s ? Results.Json(new { engine_time = s.EngineTime, orders = s.OpenOrders }) : NotYet());
        app.MapGet("/api/v1/alerts", () => c.Snapshots.Latest is { } s ? Results.Json(new { engine_time = s.EngineTime, counts = s.AlertCounts, active = s.Alerts }) : NotYet());
        // Secrets are shown as *** exactly as `bookmaker config show` shows them (ConfigEntry.DisplayValue).
        app.MapGet("/api/v1/config", () => Results.Json(new
        {
            entries = c.Config.Entries.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new { key = e.Key, value = e.DisplayValue, source = e.Source, secret = e.IsSecret }),
        }));
    }

    /// <summary>The status object shared by the endpoint and the event stream.</summary>
    public static object Status(ControlPlaneContext c)
    {
        var s = c.Snapshots.Latest;
        // DisplayState is never ACTIVE for a stalled or dead loop, whatever the last snapshot says.
        return new
        {
            mode = c.Options.Mode,
            pid = Environment.ProcessId,
            state = c.Engine.DisplayState,
            fault = c.Engine.Fault?.Message,
            started_at = c.StartedAt,
            snapshot = s is null ? null : new
            {
                sequence = s.Sequence,
                engine_time = s.EngineTime,
                wall_time = s.WallTime,
                kill_switch_engaged = s.KillSwitchEngaged,
                breached = s.Breached,
                daily_pnl = s.DailyPnl,
                daily_loss_limit = s.DailyLossLimit,
                daily_loss_used_ratio = s.DailyLossUsedRatio,
                pnl = s.Pnl,
                orders = s.Orders,
                open_orders = s.OpenOrders.Count,
                positions = s.Positions.Count,
                balances = s.Balances,
                alerts = s.AlertCounts,
                active_alerts = s.Alerts.Count,
                loop_lag_seconds = s.LoopLagSeconds,
            },
        };
    }

    private static IResult NotYet() => Results.Json(new { error = "no snapshot yet: the engine has not published its state" }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
