using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>Reading a request (body, JSON, query, route values, headers) and writing an <see cref="EmuResponse"/>.</summary>
internal static class HttpExchange
{
    /// <summary>The whole request body.</summary>
    public static async Task<byte[]> ReadBody(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms).ConfigureAwait(false);
        return ms.ToArray();
    }

    /// <summary>Parses a JSON body; false for an empty or invalid one.</summary>
    public static bool TryParse(byte[] body, out JsonElement root)
    {
        root = default;
        if (body.Length == 0) return false;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A string or number property as text (null for anything else): what request bodies may carry.</summary>
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;

    /// <summary>A query parameter.</summary>
    public static string? Q(HttpContext ctx, string name) => ctx.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>A route value.</summary>
    public static string? R(HttpContext ctx, string name) => ctx.Request.RouteValues[name] as string;

    /// <summary>A request header.</summary>
    public static string? H(HttpContext ctx, string name) => ctx.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>A comma-joined list, trimmed, empty entries dropped.</summary>
    public static List<string> Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Repeated keys (Gamma style) and comma-joined values both work.</summary>
    public static List<string> Many(HttpContext ctx, string name) =>
        ctx.Request.Query.TryGetValue(name, out var values) ? [.. values.SelectMany(v => Split(v))] : [];

    /// <summary>Writes the status, headers and JSON body.</summary>
    public static async Task Write(HttpContext ctx, EmuResponse response)
    {
        ctx.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) ctx.Response.Headers[name] = value;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(response.Body).ConfigureAwait(false);
    }
}
