using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bookmaker.Operations.ControlPlane;

/// <summary><c>GET /healthz</c> (liveness) and <c>GET /readyz</c> (per component); neither needs the token.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ControlPlaneContext c)
    {
        app.MapGet("/healthz", () =>
        {
            var (healthy, status, age) = Readiness.Liveness(c.Engine, c.Snapshots.Latest, c.Wall.GetUtcNow(), c.Options.StaleAfter);
            return Results.Json(new { status, state = c.Engine.DisplayState, last_tick_age_seconds = age },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/readyz", () =>
        {
            var components = Readiness.Components(c.Engine, c.Snapshots.Latest, c.Wall.GetUtcNow(), c.Options);
            bool ready = components.All(x => x.Ok || !x.Critical);
            return Results.Json(new { ready, components }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
