using Microsoft.AspNetCore.Http;

namespace Bookmaker.Venues.Bybit.Emulator;

/// <summary>
/// The emulator's outage window: while it runs, the first middleware answers every request HTTP 503 with Bybit's
/// "service unavailable" body (retCode 10016) — REST calls and WebSocket upgrades alike, so no socket can be opened
/// again until the window ends. Times are the machine's clock (the emulator is a real server on real time).
/// </summary>
internal sealed class VenueOutage
{
    private long _darkUntilMs;

    /// <summary>True while the window runs.</summary>
    public bool IsDark => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < Interlocked.Read(ref _darkUntilMs);

    /// <summary>Requests refused during outages.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private long _refused;

    /// <summary>Starts (or extends) a window of <paramref name="length"/> from now.</summary>
    public void Begin(TimeSpan length) =>
        Interlocked.Exchange(ref _darkUntilMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)length.TotalMilliseconds);

    /// <summary>The middleware: refuses while dark, passes everything on otherwise.</summary>
    public async Task Guard(HttpContext http, RequestDelegate next)
    {
        if (!IsDark)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _refused);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("{\"retCode\":10016,\"retMsg\":\"Service unavailable (emulated outage)\",\"result\":{},\"time\":"
            + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "}").ConfigureAwait(false);
    }
}
