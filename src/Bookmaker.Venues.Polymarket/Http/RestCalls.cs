using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bookmaker.Core.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// How each kind of call goes out and comes back: reads and cancels through their retried pipelines, submits through
/// the breaker after the local pause check, every answer decoded into a <see cref="RestResult{T}"/> (errors mapped by
/// <see cref="PolymarketErrorMapper"/>, a body that does not decode is "malformed answer from the venue"), and the two
/// paging schemes (CLOB cursor until <c>LTE=</c>, Gamma offset until a short page).
/// </summary>
internal sealed class RestCalls(PolymarketHttpTransport transport, RestPipelines pipelines, SubmitThrottle throttle, PolymarketHttpSettings settings)
{
    /// <summary>A GET through the query pipeline, decoded.</summary>
    public async Task<RestResult<T>> GetAsync<T>(Uri baseUrl, string path, string? query, JsonTypeInfo<T> type, bool auth, CancellationToken ct)
    {
        var raw = await transport.SendAsync(pipelines.Query, HttpMethod.Get, baseUrl, path, query, null, auth, ct).ConfigureAwait(false);
        return Decode(raw, type);
    }

    /// <summary>Any read (a GET, POST /books, an L1 call) through the query pipeline, undecoded.</summary>
    public Task<RawResponse> ReadAsync(HttpMethod method, Uri baseUrl, string path, string? query, byte[]? body, bool auth, CancellationToken ct,
        Action<HttpRequestMessage>? decorate = null) =>
        transport.SendAsync(pipelines.Query, method, baseUrl, path, query, body, auth, ct, decorate);

    /// <summary>An authenticated call through the cancel pipeline (cancels, heartbeats), undecoded.</summary>
    public Task<RawResponse> CancelAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct) =>
        transport.SendAsync(pipelines.Cancel, method, settings.ClobUrl, path, null, body, true, ct);

    /// <summary>A heartbeat: one attempt, timed out, never retried.</summary>
    public Task<RawResponse> HeartbeatAsync(string path, byte[] body, CancellationToken ct) =>
        transport.SendAsync(pipelines.Heartbeat, HttpMethod.Post, settings.ClobUrl, path, null, body, true, ct);

    /// <summary>A new order (or batch): refused locally while submits are paused, else once through the breaker.</summary>
    public async Task<RawResponse> SubmitAsync(string path, byte[] body, CancellationToken ct)
    {
        TimeSpan? paused = throttle.PausedFor();
        if (paused is not null)
            return RawResponse.Local(RejectReason.RateLimited, paused, $"submits paused locally for {paused.Value.TotalSeconds:0.###} s (venue Retry-After / circuit open)");
        return await transport.SendAsync(pipelines.Submit, HttpMethod.Post, settings.ClobUrl, path, null, body, true, ct).ConfigureAwait(false);
    }

    /// <summary>A CLOB list following <c>next_cursor</c> until <c>LTE=</c> (or <paramref name="maxPages"/>).</summary>
    public async Task<RestResult<List<T>>> PageCursorAsync<T>(string path, List<KeyValuePair<string, string>>? query, JsonTypeInfo<ClobPageDto<T>> type,
        bool auth, int maxPages, CancellationToken ct)
    {
        var all = new List<T>();
        string cursor = ClobCursors.Start;
        for (int page = 0; page < maxPages; page++)
        {
            var q = new List<KeyValuePair<string, string>>(query ?? []) { new("next_cursor", cursor) };
            var r = await GetAsync(settings.ClobUrl, path, Query(q), type, auth, ct).ConfigureAwait(false);
            if (!r.IsSuccess) return r.As<List<T>>();
            all.AddRange(r.Value!.Data);
            if (r.Value.IsLastPage || r.Value.NextCursor == cursor) break;
            cursor = r.Value.NextCursor!;
        }

        return RestResult.Ok<List<T>>(all);
    }

    /// <summary>A Gamma list with limit/offset paging until a short page or <paramref name="maxItems"/>.</summary>
    public async Task<RestResult<List<T>>> PageOffsetAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? query, JsonTypeInfo<List<T>> type,
        int pageSize, int maxItems, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var all = new List<T>();
        for (int offset = 0; all.Count < maxItems; offset += pageSize)
        {
            var q = new List<KeyValuePair<string, string>>(query ?? [])
            {
                new("limit", pageSize.ToString(CultureInfo.InvariantCulture)),
                new("offset", offset.ToString(CultureInfo.InvariantCulture)),
            };
            var r = await GetAsync(settings.GammaUrl, path, Query(q), type, false, ct).ConfigureAwait(false);
            if (!r.IsSuccess) return r.As<List<T>>();
            all.AddRange(r.Value!.Take(maxItems - all.Count));
            if (r.Value!.Count < pageSize) break;
        }

        return RestResult.Ok<List<T>>(all);
    }

    /// <summary>The answer decoded as <typeparamref name="T"/>, or its mapped error.</summary>
    public static RestResult<T> Decode<T>(RawResponse raw, JsonTypeInfo<T> type)
    {
        if (!raw.IsSuccess) return RestResult.Fail<T>(MapError(raw), raw.Status);
        if (TryDeserialize(raw.Body, type, out var value) && value is not null) return RestResult.Ok<T>(value, raw.Status);
        return RestResult.Fail<T>(new PolymarketError(RejectReason.Other, null, false, false, "malformed answer from the venue"), raw.Status);
    }

    /// <summary>Deserializes a body; false when it is not valid for <paramref name="type"/>.</summary>
    public static bool TryDeserialize<T>(byte[] body, JsonTypeInfo<T> type, out T? value)
    {
        try
        {
            value = JsonSerializer.Deserialize(body, type);
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>The error of a failed exchange: the local one, or the venue's answer mapped.</summary>
    public static PolymarketError MapError(RawResponse raw) =>
        raw.LocalError ?? PolymarketErrorMapper.MapBody(raw.Status, raw.Body, raw.RetryAfter);

    /// <summary>A query string (<c>?k=v&amp;…</c>, escaped), or null when empty.</summary>
    public static string? Query(List<KeyValuePair<string, string>> q)
    {
        if (q.Count == 0) return null;
        var sb = new StringBuilder();
        foreach (var (k, v) in q) sb.Append(sb.Length == 0 ? '?' : '&').Append(Esc(k)).Append('=').Append(Esc(v));
        return sb.ToString();
    }

    /// <summary>URI-escapes a query component or path segment.</summary>
    public static string Esc(string s) => Uri.EscapeDataString(s);
}
