using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Bookmaker.Venues.Bybit.Auth;

/// <summary>
/// The engine behind <c>bookmaker bybit sign-request</c>: reads one request description as JSON and returns the signed
/// headers (or, for the WebSocket, the <c>auth</c> op's args) as JSON, so anyone can compare our signing with their own
/// client. Input: <c>{"timestamp":…,"recvWindow":5000,"method":"GET","path":"/v5/…","query":"a=1&amp;b=2"}</c> or
/// <c>"method":"POST"</c> with <c>"body":"&lt;exact text&gt;"</c>; WebSocket: <c>{"expires":…}</c>.
/// Malformed input is a <see cref="FormatException"/> that names the field and the rule (never the secret).
/// </summary>
public static class SignRequestTool
{
    /// <summary>Signs a REST request description; returns <c>{"X-BAPI-API-KEY",…,"X-BAPI-SIGN"}</c>.</summary>
    public static string SignRest(string json, BybitRequestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        using var doc = Parse(json);
        var root = doc.RootElement;
        long timestamp = RequiredLong(root, "timestamp");
        int recvWindow = root.TryGetProperty("recvWindow", out var rw) ? checked((int)Long(rw, "recvWindow")) : BybitRequestSigner.DefaultRecvWindowMs;
        if (recvWindow <= 0) throw new FormatException($"recvWindow={recvWindow}: must be a positive number of milliseconds");
        string method = OptionalString(root, "method") ?? "GET";
        string? query = OptionalString(root, "query");
        string? body = OptionalString(root, "body");
        string payload = method switch
        {
            "GET" when body is not null => throw new FormatException("body: a GET request has no body (sign its query string instead)"),
            "GET" => (query ?? "").TrimStart('?'),
            "POST" when query is not null && query.Length > 0 => throw new FormatException("query: a POST request signs its body, not a query string"),
            "POST" => body ?? throw new FormatException("body: a POST request needs the exact body text it sends"),
            _ => throw new FormatException($"method={method}: must be GET or POST"),
        };

        var headers = signer.CreateHeaders(timestamp, recvWindow, Encoding.UTF8.GetBytes(payload));
        return Write(w =>
        {
            w.WriteString(BybitAuthHeaders.ApiKeyHeader, headers.ApiKey);
            w.WriteString(BybitAuthHeaders.TimestampHeader, headers.Timestamp);
            w.WriteString(BybitAuthHeaders.RecvWindowHeader, headers.RecvWindow);
            w.WriteString(BybitAuthHeaders.SignatureHeader, headers.Signature);
        });
    }

    /// <summary>Signs a WebSocket auth; returns the op's args <c>[apiKey, expires, signature]</c>.</summary>
    public static string SignWebSocket(string json, BybitRequestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        using var doc = Parse(json);
        long expires = RequiredLong(doc.RootElement, "expires");
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(signer.ApiKey);
            w.WriteNumberValue(expires);
            w.WriteStringValue(signer.SignWebSocket(expires));
            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FormatException("input: expected one JSON object");
            }

            return doc;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"input: not valid JSON ({ex.Message})", ex);
        }
    }

    private static long RequiredLong(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) ? Long(e, name) : throw new FormatException($"{name}: missing (unix milliseconds)");

    private static long Long(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0) return v;
        if (e.ValueKind == JsonValueKind.String && long.TryParse(e.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out v)) return v;
        throw new FormatException($"{name}={e.GetRawText()}: must be a non-negative integer");
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw new FormatException($"{name}: must be a string");
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
