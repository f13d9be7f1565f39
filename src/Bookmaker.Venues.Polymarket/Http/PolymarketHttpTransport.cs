using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Bookmaker.Core.Orders;
using Bookmaker.Venues.Polymarket.Auth;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// Sends one request through a resilience pipeline and reads the answer whole: one pooled <see cref="HttpClient"/>
/// over <see cref="SocketsHttpHandler"/> (HTTP/1.1 keep-alive), L2 HMAC headers over the exact body bytes sent, the
/// rate-limit headers of every answer reported (<see cref="RateLimitObserved"/>) and fed to the
/// <see cref="SubmitThrottle"/>. Timeouts, transport failures and an open circuit become local failures; nothing throws
/// for a venue answer.
/// </summary>
internal sealed class PolymarketHttpTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly PolymarketHttpSettings _settings;
    private readonly L2RequestSigner? _signer;
    private readonly TimeProvider _time;
    private readonly SubmitThrottle _throttle;
    private readonly ForbiddenPause _forbidden;
    private readonly HttpClient _http;

    /// <summary>Creates the transport; <paramref name="handler"/> replaces the pooled socket handler (tests).</summary>
    public PolymarketHttpTransport(PolymarketHttpSettings settings, L2RequestSigner? signer, TimeProvider time, SubmitThrottle throttle,
        ForbiddenPause forbidden, HttpMessageHandler? handler)
    {
        _settings = settings;
        _signer = signer;
        _time = time;
        _throttle = throttle;
        _forbidden = forbidden;
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = settings.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 16,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            EnableMultipleHttp2Connections = false,
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the Polly timeout governs each attempt
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _http.DefaultRequestHeaders.ConnectionClose = false;
    }

    /// <summary>Raised for every response carrying rate-limit headers (or a 429), from the calling thread.</summary>
    public event Action<RateLimitInfo>? RateLimitObserved;

    /// <summary>True when this transport can sign L2 requests.</summary>
    public bool IsAuthenticated => _signer is not null;

    /// <summary>Sends one request through <paramref name="pipeline"/>; <paramref name="decorate"/> adds headers (L1).</summary>
    public async Task<RawResponse> SendAsync(ResiliencePipeline<RawResponse> pipeline, HttpMethod method, Uri baseUrl, string path, string? query,
        byte[]? body, bool auth, CancellationToken ct, Action<HttpRequestMessage>? decorate = null)
    {
        if (auth && _signer is null) throw new InvalidOperationException($"{method} {path} needs L2 credentials; this client has none");
        string url = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path + query;
        if (_forbidden.Remaining() is TimeSpan paused)
        {
            if (ForbiddenPause.RefusesDuringPause(method, path))
                return RawResponse.Local(Core.Orders.RejectReason.Unauthorized, paused,
                    $"refused locally: every request to the venue is paused for {paused.TotalSeconds:0.#} s after an HTTP 403");
            await Task.Delay(paused, _time, ct).ConfigureAwait(false);
        }

        RawResponse raw;
        try
        {
            raw = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(method, url) { Version = HttpVersion.Version11 };
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = Json;
                    }

                    if (auth) AddL2Headers(request, method.Method, path, body);
                    decorate?.Invoke(request);
                    try
                    {
                        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                        byte[] bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                        return Observe(path, response, bytes);
                    }
                    catch (HttpRequestException ex)
                    {
                        return RawResponse.Local(RejectReason.Timeout, null, "transport failure: " + ex.HttpRequestError);
                    }
                },
                ct).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            raw = RawResponse.Local(RejectReason.Timeout, null, $"no answer within {_settings.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (BrokenCircuitException ex)
        {
            raw = RawResponse.Local(RejectReason.RateLimited, ex.RetryAfter ?? _throttle.LastRetryAfter, "submit circuit open after a storm of 429/5xx answers");
        }

        return raw;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private void AddL2Headers(HttpRequestMessage request, string method, string path, byte[]? body)
    {
        long ts = _time.GetUtcNow().ToUnixTimeSeconds();
        var h = _signer!.CreateHeaders(ts, method, path, body);
        request.Headers.TryAddWithoutValidation(L2AuthHeaders.AddressHeader, h.Address);
        request.Headers.TryAddWithoutValidation(L2AuthHeaders.SignatureHeader, h.Signature);
        request.Headers.TryAddWithoutValidation(L2AuthHeaders.TimestampHeader, h.Timestamp);
        request.Headers.TryAddWithoutValidation(L2AuthHeaders.ApiKeyHeader, h.ApiKey);
        request.Headers.TryAddWithoutValidation(L2AuthHeaders.PassphraseHeader, h.Passphrase);
    }

    private RawResponse Observe(string path, HttpResponseMessage response, byte[] body)
    {
        int status = (int)response.StatusCode;
        TimeSpan? retryAfter = null;
        if (response.Headers.RetryAfter is { } ra)
        {
            if (ra.Delta is TimeSpan d) retryAfter = d;
            else if (ra.Date is DateTimeOffset at) retryAfter = at > _time.GetUtcNow() ? at - _time.GetUtcNow() : TimeSpan.Zero;
        }

        long? remaining = Header(response, "Poly-RateLimit-Remaining") is string rem && long.TryParse(rem, NumberStyles.Integer, CultureInfo.InvariantCulture, out long rv) ? rv : null;
        DateTimeOffset? reset = Header(response, "Poly-RateLimit-Reset") is string rs && long.TryParse(rs, NumberStyles.Integer, CultureInfo.InvariantCulture, out long rsv) ? DateTimeOffset.FromUnixTimeSeconds(rsv) : null;
        string? tier = Header(response, "Poly-RateLimit-Tier");
        bool warning = string.Equals(Header(response, "Poly-RateLimit-Warning"), "true", StringComparison.OrdinalIgnoreCase);
        if (remaining is not null || reset is not null || tier is not null || warning || status == 429 || retryAfter is not null)
            RateLimitObserved?.Invoke(new RateLimitInfo(path, status, remaining, reset, tier, warning, retryAfter));

        _throttle.Observe(path, status, retryAfter);
        if (status == 403) _forbidden.OnForbidden(path, retryAfter);
        return new RawResponse(status, body, retryAfter, null);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
