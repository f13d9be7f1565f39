using Microsoft.AspNetCore.Http;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulator's Cloudflare: while <see cref="EmulatorVenue.ForbiddenUntil"/> holds, every REST request is answered
/// HTTP 403 with an HTML page before it reaches the venue (as the real edge does — no JSON, no CLOB text). The admin
/// endpoints and the WebSockets are left alone so tests can steer and watch.
/// </summary>
internal static class ForbiddenGate
{
    /// <summary>The middleware answering 403 while the venue is blocked.</summary>
    public static Func<HttpContext, RequestDelegate, Task> Middleware(EmulatorVenue venue) => async (ctx, next) =>
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/admin") || path.StartsWithSegments("/ws") || !venue.RefuseAsForbidden())
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }

        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        ctx.Response.ContentType = "text/html; charset=UTF-8";
        await ctx.Response.WriteAsync("<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked</body></html>").ConfigureAwait(false);
    };
}
