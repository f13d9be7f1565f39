using System.Text.Json;
using System.Text.Json.Serialization;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>The body of an operator POST (every field optional).</summary>
/// <param name="Confirm">Must be true for resume and reset.</param>
/// <param name="Actor">Who acts (journaled as <c>http:&lt;actor&gt;</c>).</param>
/// <param name="Reason">Why (journaled).</param>
/// <param name="Key">For an alert acknowledgement: the alert's scope (empty for a global alert).</param>
internal sealed record OperatorBody(
    [property: JsonPropertyName("confirm")] bool Confirm,
    [property: JsonPropertyName("actor")] string? Actor,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("key")] string? Key = null);

/// <summary>
/// <c>POST /api/v1/halt|resume|cancel-all|reset</c> and <c>POST /api/v1/alerts/{code}/ack</c> (body <c>{"key":…}</c> for a
/// scoped alert): each demands the bearer token (401 without), resume and reset also
/// <c>{"confirm":true}</c> (400 without). Like <c>bookmaker risk halt|resume</c>, a halt engages the kill-switch file
/// the engine watches and a resume removes it; then the command is posted to the event loop, where it is journaled
/// and applied, and the answer is the engine's own confirmation (504 when the loop did not confirm in time).
/// </summary>
internal static class OperatorEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static void Map(IEndpointRouteBuilder app, ControlPlaneContext c)
    {
        app.MapPost("/api/v1/halt", (Delegate)((HttpContext h) => Handle(h, c, OperatorCommandKind.Halt, needsConfirm: false)));
        app.MapPost("/api/v1/resume", (Delegate)((HttpContext h) => Handle(h, c, OperatorCommandKind.Resume, needsConfirm: true)));
        app.MapPost("/api/v1/cancel-all", (Delegate)((HttpContext h) => Handle(h, c, OperatorCommandKind.CancelAll, needsConfirm: false)));
        app.MapPost("/api/v1/reset", (Delegate)((HttpContext h) => Handle(h, c, OperatorCommandKind.ResetBreach, needsConfirm: true)));
        app.MapPost("/api/v1/alerts/{code}/ack", (Delegate)((HttpContext h) =>
            Handle(h, c, OperatorCommandKind.AcknowledgeAlert, needsConfirm: false, h.Request.RouteValues["code"] as string)));
    }

    private static async Task<IResult> Handle(HttpContext http, ControlPlaneContext c, OperatorCommandKind kind, bool needsConfirm, string? alertCode = null)
    {
        if (!BearerToken.IsAuthorized(http.Request, c.Options.Token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            string why = c.Options.Token is null ? "no Http:Token is configured, so the write endpoints are closed" : "a valid 'Authorization: Bearer <Http:Token>' header is required";
            return Results.Json(new { error = why }, statusCode: StatusCodes.Status401Unauthorized);
        }

        OperatorBody body;
        try
        {
            body = http.Request.ContentLength is null or 0 && http.Request.Headers.TransferEncoding.Count == 0
                ? new OperatorBody(false, null, null)
                : await JsonSerializer.DeserializeAsync<OperatorBody>(http.Request.Body, Json, http.RequestAborted).ConfigureAwait(false) ?? new OperatorBody(false, null, null);
        }
        catch (JsonException)
        {
            return Results.Json(new { error = "the body must be JSON, e.g. {\"confirm\":true}" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (needsConfirm && !body.Confirm)
            return Results.Json(new { error = "this action needs the body {\"confirm\":true}" }, statusCode: StatusCodes.Status400BadRequest);

        string actor = "http:" + (string.IsNullOrWhiteSpace(body.Actor) ? "api" : body.Actor.Trim());
        string? killSwitch = KillSwitch(c, kind, actor, body.Reason);
        var answer = new TaskCompletionSource<OperatorCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Engine.Loop.Post(new OperatorCommand(kind, actor, body.Reason)
        {
            AlertCode = alertCode,
            AlertKey = body.Key ?? "",
            Completed = r => answer.TrySetResult(r),
        });
        try
        {
            var r = await answer.Task.WaitAsync(c.Options.CommandTimeout, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(new
            {
                applied = r.Applied,
                state = r.State,
                open_orders = r.OpenOrders,
                engine_time = new DateTimeOffset(r.AtTicks, TimeSpan.Zero),
                detail = r.Detail,
                kill_switch = killSwitch,
            }, statusCode: r.Applied ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        }
        catch (TimeoutException)
        {
            return Results.Json(new
            {
                error = $"the engine did not confirm within {c.Options.CommandTimeout.TotalSeconds:0.#} s (state {c.Engine.DisplayState})",
                kill_switch = killSwitch,
            }, statusCode: StatusCodes.Status504GatewayTimeout);
        }
    }

    // The same file `bookmaker risk halt|resume` engages and removes: a halt holds across a restart, and a stalled
    // engine that comes back finds it.
    private static string? KillSwitch(ControlPlaneContext c, OperatorCommandKind kind, string actor, string? reason)
    {
        if (c.Engine.KillSwitchPath is not { } path) return null;
        var file = new KillSwitchFile(path);
        if (kind == OperatorCommandKind.Halt)
        {
            file.Engage(actor, c.Wall.GetUtcNow(), reason);
            return "engaged";
        }

        if (kind == OperatorCommandKind.Resume) return file.Disengage() is null ? "not engaged" : "removed";
        return null;
    }
}
