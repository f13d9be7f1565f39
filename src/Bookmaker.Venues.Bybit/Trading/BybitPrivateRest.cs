using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// Signed REST: every request carries the four X-BAPI headers over the exact bytes sent, a timestamp from the
/// <see cref="BybitServerClock"/> (fed by every answer's <c>Timenow</c> header at the midpoint of its round trip); the
/// rate-limit headers feed <see cref="RateLimitState"/>, which delays a request to an exhausted endpoint. A 10002 means
/// the venue refused the request before looking at it: the clock is invalidated, re-read from <c>/v5/market/time</c>,
/// and the request re-signed and sent once more. A timeout throws <see cref="TimeoutException"/>: the caller reconciles.
/// </summary>
public sealed class BybitPrivateRest : IDisposable
{
    private readonly HttpClient _http;
    private readonly BybitRequestSigner _signer;
    private readonly BybitServerClock _clock;
    private readonly int _recvWindowMs;
    private long _resyncs;

    /// <summary>Creates the client for <paramref name="baseUrl"/>.</summary>
    public BybitPrivateRest(Uri baseUrl, BybitCredentials credentials, BybitServerClock clock, TimeSpan timeout, int recvWindowMs = BybitRequestSigner.DefaultRecvWindowMs)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = timeout };
        _signer = new BybitRequestSigner(credentials);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _recvWindowMs = recvWindowMs;
    }

    /// <summary>The per-endpoint limits the venue reported.</summary>
    public RateLimitState Limits { get; } = new();

    /// <summary>The server-clock estimate this client signs with.</summary>
    public BybitServerClock Clock => _clock;

    /// <summary>The signer (shared with the streams' auth).</summary>
    public BybitRequestSigner Signer => _signer;

    /// <summary>Times a 10002 made the client re-sync its clock and resend.</summary>
    public long TimestampResyncs => Interlocked.Read(ref _resyncs);

    /// <summary>POSTs <paramref name="body"/> (sent and signed byte for byte) to <paramref name="path"/>.</summary>
    public Task<BybitResponse> PostAsync(string path, string body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    /// <summary>GETs <paramref name="path"/>?<paramref name="query"/> (signed as the exact query string).</summary>
    public Task<BybitResponse> GetAsync(string path, string query, CancellationToken ct) => SendAsync(HttpMethod.Get, path, query, ct);

    /// <summary>Reads <c>/v5/market/time</c> into the clock.</summary>
    public async Task SyncClockAsync(CancellationToken ct)
    {
        long sent = _clock.LocalNowMs();
        using var response = await _http.GetAsync(new Uri("/v5/market/time", UriKind.Relative), ct).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        long received = _clock.LocalNowMs();
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.TryGetProperty("time", out var t) && t.TryGetInt64(out long ms)) _clock.Observe(ms, sent, received);
    }

    private async Task<BybitResponse> SendAsync(HttpMethod method, string path, string payload, CancellationToken ct)
    {
        var first = await SendOnceAsync(method, path, payload, ct).ConfigureAwait(false);
        if (BybitErrorCodes.Classify(first.RetCode) != BybitErrorClass.Timestamp) return first;
        // Refused before processing: nothing was placed, so re-signing with a fresh clock and resending is safe.
        Interlocked.Increment(ref _resyncs);
        _clock.Invalidate();
        await SyncClockAsync(ct).ConfigureAwait(false);
        return await SendOnceAsync(method, path, payload, ct).ConfigureAwait(false);
    }

    private async Task<BybitResponse> SendOnceAsync(HttpMethod method, string path, string payload, CancellationToken ct)
    {
        var wait = Limits.WaitFor(path, _clock.EstimatedNowMs());
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
        long ts = _clock.TimestampMs();
        var headers = _signer.CreateHeaders(ts, _recvWindowMs, Encoding.UTF8.GetBytes(payload));
        using var request = new HttpRequestMessage(method, method == HttpMethod.Get && payload.Length > 0 ? path + "?" + payload : path);
        request.Headers.Add(BybitAuthHeaders.ApiKeyHeader, headers.ApiKey);
        request.Headers.Add(BybitAuthHeaders.TimestampHeader, headers.Timestamp);
        request.Headers.Add(BybitAuthHeaders.RecvWindowHeader, headers.RecvWindow);
        request.Headers.Add(BybitAuthHeaders.SignatureHeader, headers.Signature);
        if (method == HttpMethod.Post) request.Content = new StringContent(payload, new MediaTypeHeaderValue("application/json"));
        long sent = _clock.LocalNowMs();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{path}: no answer within {_http.Timeout.TotalMilliseconds:0} ms", ex);
        }

        using (response)
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            long received = _clock.LocalNowMs();
            if (Header(response, "Timenow") is { } now) _clock.Observe(now, sent, received);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{path}: HTTP {(int)response.StatusCode}", null, response.StatusCode);
            using var doc = JsonDocument.Parse(body);
            var answer = BybitResponse.Read(doc.RootElement);
            long serverNow = _clock.EstimatedNowMs();
            long reset = Header(response, "X-Bapi-Limit-Reset-Timestamp") ?? 0;
            if (answer.RetCode == 10006) Limits.OnExceeded(path, reset, serverNow);
            else if (Header(response, "X-Bapi-Limit-Status") is { } left) Limits.Observe(path, (int)left, reset, serverNow);
            return answer;
        }
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _signer.Dispose();
    }
}
