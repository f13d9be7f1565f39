using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bookmaker.Core.Orders;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// Polymarket CLOB, Gamma and geoblock REST client: one pooled <see cref="HttpClient"/> over
/// <see cref="SocketsHttpHandler"/> (HTTP/1.1 keep-alive), L2 HMAC headers over the exact body bytes sent, errors
/// mapped by <see cref="PolymarketErrorMapper"/> into <see cref="RestResult{T}"/> (venue answers never throw).
/// <para>
/// Resilience (Polly, on the injected <see cref="TimeProvider"/>): three pipelines. <b>Query</b> (GETs, POST /books)
/// and <b>cancel</b> (cancels, heartbeats) retry transient failures (timeout, transport, 425, 429 with a short
/// Retry-After, 5xx) with exponential backoff and jitter. <b>Submit</b> (POST /order, POST /orders) is never retried:
/// Polymarket does not deduplicate by client id, so a retried order that had in fact arrived would trade twice; a
/// failed submit is reported and reconciliation decides. The submit pipeline has a circuit breaker that opens on a
/// storm of 429/5xx/timeouts (its open time honours the last Retry-After) and a pause gate set by any 429 Retry-After;
/// while either holds, submits are refused locally and cancels still go out.
/// </para>
/// </summary>
public sealed class PolymarketRestClient : IDisposable
{
    /// <summary>Largest batch of POST /orders.</summary>
    public const int MaxOrdersPerBatch = OrderJson.MaxBatchSize;

    /// <summary>Largest id list of DELETE /orders.</summary>
    public const int MaxCancelIds = 1000;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly PolymarketHttpSettings _settings;
    private readonly L2RequestSigner? _signer;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline<RawResponse> _query;
    private readonly ResiliencePipeline<RawResponse> _cancel;
    private readonly ResiliencePipeline<RawResponse> _submit;
    private readonly Lock _pauseGate = new();
    private DateTimeOffset _submitPausedUntil;
    private TimeSpan? _lastRetryAfter;

    /// <summary>Creates the client.</summary>
    /// <param name="settings">Endpoints and resilience settings.</param>
    /// <param name="signer">L2 signer for authenticated calls; null for a public-data-only client.</param>
    /// <param name="time">Clock of timeouts, retries, breaker and L2 timestamps.</param>
    /// <param name="handler">Optional transport (tests); default is a pooled <see cref="SocketsHttpHandler"/>.</param>
    public PolymarketRestClient(PolymarketHttpSettings settings, L2RequestSigner? signer, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _signer = signer;
        _time = time;
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = settings.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 16,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            EnableMultipleHttp2Connections = false,
        };
        _ownsHttp = true;
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the Polly timeout governs each attempt
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _http.DefaultRequestHeaders.ConnectionClose = false;
        _query = BuildSafePipeline();
        _cancel = BuildSafePipeline();
        _submit = BuildSubmitPipeline();
    }

    /// <summary>Raised for every response carrying rate-limit headers (or a 429), from the calling thread.</summary>
    public event Action<RateLimitInfo>? RateLimitObserved;

    /// <summary>Order format version read from GET /version (2 until read).</summary>
    public OrderVersion OrderVersion { get; private set; } = OrderVersion.V2;

    /// <summary>True when this client can make L2-authenticated calls.</summary>
    public bool IsAuthenticated => _signer is not null;

    /// <summary>Until when submits are refused locally after a 429 Retry-After (past = not paused).</summary>
    public DateTimeOffset SubmitPausedUntil
    {
        get
        {
            lock (_pauseGate) return _submitPausedUntil;
        }
    }

    // ---------------------------------------------------------------- public market data

    /// <summary>GET /version → order format; stores it in <see cref="OrderVersion"/>.</summary>
    public async Task<RestResult<OrderVersion>> RefreshOrderVersionAsync(CancellationToken ct = default)
    {
        var r = await GetAsync(_settings.ClobUrl, "/version", null, PolymarketJsonContext.Default.VersionDto, false, ct).ConfigureAwait(false);
        if (!r.IsSuccess) return r.As<OrderVersion>();
        OrderVersion = r.Value!.Version >= 3 ? OrderVersion.V3 : OrderVersion.V2;
        return RestResult.Ok<OrderVersion>(OrderVersion);
    }

    /// <summary>GET /time → unix seconds.</summary>
    public Task<RestResult<long>> GetServerTimeAsync(CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/time", null, PolymarketJsonContext.Default.Int64, false, ct);

    /// <summary>GET /book?token_id=.</summary>
    public Task<RestResult<OrderBookSummaryDto>> GetBookAsync(string tokenId, CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/book", "?token_id=" + Esc(tokenId), PolymarketJsonContext.Default.OrderBookSummaryDto, false, ct);

    /// <summary>POST /books (a read: retried like a GET).</summary>
    public async Task<RestResult<List<OrderBookSummaryDto>>> GetBooksAsync(IReadOnlyList<string> tokenIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var body = JsonSerializer.SerializeToUtf8Bytes(tokenIds.Select(t => new BookRequestDto { TokenId = t }).ToList(), PolymarketHttpJsonContext.Default.ListBookRequestDto);
        var raw = await SendAsync(_query, HttpMethod.Post, _settings.ClobUrl, "/books", null, body, false, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.ListOrderBookSummaryDto);
    }

    /// <summary>GET /tick-size?token_id=.</summary>
    public Task<RestResult<TickSizeDto>> GetTickSizeAsync(string tokenId, CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/tick-size", "?token_id=" + Esc(tokenId), PolymarketJsonContext.Default.TickSizeDto, false, ct);

    /// <summary>GET /neg-risk?token_id=.</summary>
    public Task<RestResult<NegRiskDto>> GetNegRiskAsync(string tokenId, CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/neg-risk", "?token_id=" + Esc(tokenId), PolymarketJsonContext.Default.NegRiskDto, false, ct);

    /// <summary>GET /clob-markets/{conditionId} (compact market parameters).</summary>
    public Task<RestResult<ClobMarketDetailsDto>> GetClobMarketAsync(string conditionId, CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/clob-markets/" + Esc(conditionId), null, PolymarketJsonContext.Default.ClobMarketDetailsDto, false, ct);

    /// <summary>GET /markets following <c>next_cursor</c> until <c>LTE=</c> (or <paramref name="maxPages"/>).</summary>
    public Task<RestResult<List<ClobMarketDto>>> GetClobMarketsAsync(int maxPages = int.MaxValue, CancellationToken ct = default) =>
        PageCursorAsync("/markets", null, PolymarketJsonContext.Default.ClobPageDtoClobMarketDto, false, maxPages, ct);

    /// <summary>Gamma GET /markets with offset paging (<paramref name="pageSize"/> per page until a short page).</summary>
    /// <param name="query">Extra query parameters (e.g. <c>closed=false</c>, <c>slug=…</c>), without limit/offset.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="maxItems">Stop after this many items.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<RestResult<List<GammaMarketDto>>> GetGammaMarketsAsync(IEnumerable<KeyValuePair<string, string>>? query = null, int pageSize = 100, int maxItems = 1000, CancellationToken ct = default) =>
        PageOffsetAsync("/markets", query, PolymarketJsonContext.Default.ListGammaMarketDto, pageSize, maxItems, ct);

    /// <summary>Gamma GET /events with offset paging.</summary>
    public Task<RestResult<List<GammaEventDto>>> GetGammaEventsAsync(IEnumerable<KeyValuePair<string, string>>? query = null, int pageSize = 100, int maxItems = 1000, CancellationToken ct = default) =>
        PageOffsetAsync("/events", query, PolymarketJsonContext.Default.ListGammaEventDto, pageSize, maxItems, ct);

    /// <summary>Gamma GET /markets/keyset following <c>next_cursor</c> (absent on the last page).</summary>
    public async Task<RestResult<List<GammaMarketDto>>> GetGammaMarketsKeysetAsync(IEnumerable<KeyValuePair<string, string>>? query = null, int maxPages = 50, CancellationToken ct = default)
    {
        var all = new List<GammaMarketDto>();
        string? cursor = null;
        for (int page = 0; page < maxPages; page++)
        {
            var q = new List<KeyValuePair<string, string>>(query ?? []);
            if (cursor is not null) q.Add(new("next_cursor", cursor));
            var r = await GetAsync(_settings.GammaUrl, "/markets/keyset", Query(q), PolymarketJsonContext.Default.GammaKeysetPageDto, false, ct).ConfigureAwait(false);
            if (!r.IsSuccess) return r.As<List<GammaMarketDto>>();
            all.AddRange(r.Value!.Markets ?? []);
            cursor = r.Value.NextCursor;
            if (string.IsNullOrEmpty(cursor)) break;
        }

        return RestResult.Ok<List<GammaMarketDto>>(all);
    }

    /// <summary>GET of the geoblock endpoint.</summary>
    public async Task<RestResult<GeoblockDto>> GetGeoblockAsync(CancellationToken ct = default)
    {
        var u = _settings.GeoblockUrl;
        var baseUri = new Uri(u.GetLeftPart(UriPartial.Authority));
        return await GetAsync(baseUri, u.AbsolutePath, u.Query.Length > 0 ? u.Query : null, PolymarketHttpJsonContext.Default.GeoblockDto, false, ct).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- L1

    /// <summary>GET /auth/derive-api-key with L1 headers. The answer holds secrets: never log it.</summary>
    public Task<RestResult<ApiKeyDto>> DeriveApiKeyAsync(L1AuthHeaders headers, CancellationToken ct = default) =>
        L1Async(HttpMethod.Get, "/auth/derive-api-key", headers, ct);

    /// <summary>POST /auth/api-key with L1 headers. The answer holds secrets: never log it.</summary>
    public Task<RestResult<ApiKeyDto>> CreateApiKeyAsync(L1AuthHeaders headers, CancellationToken ct = default) =>
        L1Async(HttpMethod.Post, "/auth/api-key", headers, ct);

    // ---------------------------------------------------------------- trading (L2)

    /// <summary>POST /order with a body built by <see cref="OrderJson.SerializeOrder"/>. Never retried.</summary>
    public async Task<RestResult<PostOrderResponseDto>> PostOrderAsync(byte[] body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var raw = await SendSubmitAsync("/order", body, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.PostOrderResponseDto);
    }

    /// <summary>POST /orders (≤ 15 orders; more are refused locally without sending). Never retried.</summary>
    public async Task<RestResult<List<PostOrderResponseDto>>> PostOrdersAsync(byte[] body, int orderCount, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (orderCount is < 1 or > MaxOrdersPerBatch)
        {
            return RestResult.Fail<List<PostOrderResponseDto>>(
                new PolymarketError(RejectReason.BatchTooLarge, null, false, false, $"refused locally: {orderCount} orders in one batch, max allowed: {MaxOrdersPerBatch}"), 0);
        }

        var raw = await SendSubmitAsync("/orders", body, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.ListPostOrderResponseDto);
    }

    /// <summary>DELETE /order.</summary>
    public Task<RestResult<CancelResponseDto>> CancelOrderAsync(string venueOrderId, CancellationToken ct = default) =>
        CancelAsync("/order", JsonSerializer.SerializeToUtf8Bytes(new CancelOrderBodyDto { OrderId = venueOrderId }, PolymarketHttpJsonContext.Default.CancelOrderBodyDto), ct);

    /// <summary>DELETE /orders (≤ 1000 ids; more are refused locally).</summary>
    public Task<RestResult<CancelResponseDto>> CancelOrdersAsync(IReadOnlyList<string> venueOrderIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(venueOrderIds);
        if (venueOrderIds.Count is 0 or > MaxCancelIds)
        {
            return Task.FromResult(RestResult.Fail<CancelResponseDto>(
                new PolymarketError(RejectReason.BatchTooLarge, null, false, false, $"refused locally: {venueOrderIds.Count} ids, allowed 1..{MaxCancelIds}"), 0));
        }

        return CancelAsync("/orders", JsonSerializer.SerializeToUtf8Bytes(venueOrderIds.ToList(), PolymarketHttpJsonContext.Default.ListString), ct);
    }

    /// <summary>DELETE /cancel-all.</summary>
    public Task<RestResult<CancelResponseDto>> CancelAllAsync(CancellationToken ct = default) => CancelAsync("/cancel-all", null, ct);

    /// <summary>DELETE /cancel-market-orders for a condition id and/or a token id.</summary>
    public Task<RestResult<CancelResponseDto>> CancelMarketOrdersAsync(string? conditionId, string? assetId = null, CancellationToken ct = default) =>
        CancelAsync("/cancel-market-orders", JsonSerializer.SerializeToUtf8Bytes(new CancelMarketBodyDto { Market = conditionId, AssetId = assetId }, PolymarketHttpJsonContext.Default.CancelMarketBodyDto), ct);

    /// <summary>GET /data/orders, every page.</summary>
    public Task<RestResult<List<OpenOrderDto>>> GetOpenOrdersAsync(string? market = null, string? assetId = null, CancellationToken ct = default)
    {
        var q = new List<KeyValuePair<string, string>>();
        if (market is not null) q.Add(new("market", market));
        if (assetId is not null) q.Add(new("asset_id", assetId));
        return PageCursorAsync("/data/orders", q, PolymarketJsonContext.Default.ClobPageDtoOpenOrderDto, true, int.MaxValue, ct);
    }

    /// <summary>GET /data/trades after a time (unix seconds), every page.</summary>
    public Task<RestResult<List<TradeDto>>> GetTradesAsync(DateTimeOffset? after = null, string? market = null, string? assetId = null, CancellationToken ct = default)
    {
        var q = new List<KeyValuePair<string, string>>();
        if (after is not null) q.Add(new("after", after.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (market is not null) q.Add(new("market", market));
        if (assetId is not null) q.Add(new("asset_id", assetId));
        return PageCursorAsync("/data/trades", q, PolymarketJsonContext.Default.ClobPageDtoTradeDto, true, int.MaxValue, ct);
    }

    /// <summary>GET /balance-allowance (COLLATERAL, or CONDITIONAL with a token id).</summary>
    public Task<RestResult<BalanceAllowanceDto>> GetBalanceAllowanceAsync(string assetType, string? tokenId, int signatureType, CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/balance-allowance", BalanceQuery(assetType, tokenId, signatureType), PolymarketJsonContext.Default.BalanceAllowanceDto, true, ct);

    /// <summary>GET /balance-allowance/update (forces the venue to re-read the chain).</summary>
    public async Task<RestResult<bool>> UpdateBalanceAllowanceAsync(string assetType, string? tokenId, int signatureType, CancellationToken ct = default)
    {
        var raw = await SendAsync(_query, HttpMethod.Get, _settings.ClobUrl, "/balance-allowance/update", BalanceQuery(assetType, tokenId, signatureType), null, true, ct).ConfigureAwait(false);
        return raw.IsSuccess ? RestResult.Ok<bool>(true, raw.Status) : RestResult.Fail<bool>(MapError(raw), raw.Status);
    }

    /// <summary>GET /auth/ban-status/closed-only.</summary>
    public Task<RestResult<ClosedOnlyDto>> GetClosedOnlyAsync(CancellationToken ct = default) =>
        GetAsync(_settings.ClobUrl, "/auth/ban-status/closed-only", null, PolymarketHttpJsonContext.Default.ClosedOnlyDto, true, ct);

    /// <summary>
    /// POST /v1/heartbeats with the previous id ("" first). On a 400 "Invalid Heartbeat ID" the result is a failure
    /// whose <see cref="RestResult{T}.Value"/> still carries the id the venue expects.
    /// </summary>
    public async Task<RestResult<HeartbeatDto>> PostHeartbeatAsync(string heartbeatId, CancellationToken ct = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new HeartbeatDto { HeartbeatId = heartbeatId ?? "" }, PolymarketHttpJsonContext.Default.HeartbeatDto);
        var raw = await SendAsync(_cancel, HttpMethod.Post, _settings.ClobUrl, "/v1/heartbeats", null, body, true, ct).ConfigureAwait(false);
        var r = Decode(raw, PolymarketHttpJsonContext.Default.HeartbeatDto);
        if (!r.IsSuccess && raw.Status == 400 && TryDeserialize(raw.Body, PolymarketHttpJsonContext.Default.HeartbeatDto, out var dto))
            return new RestResult<HeartbeatDto>(dto, r.Error, raw.Status);
        return r;
    }

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    // ---------------------------------------------------------------- plumbing

    private static string? BalanceQuery(string assetType, string? tokenId, int signatureType)
    {
        var q = new List<KeyValuePair<string, string>> { new("asset_type", assetType) };
        if (tokenId is not null) q.Add(new("token_id", tokenId));
        q.Add(new("signature_type", signatureType.ToString(CultureInfo.InvariantCulture)));
        return Query(q);
    }

    private async Task<RestResult<ApiKeyDto>> L1Async(HttpMethod method, string path, L1AuthHeaders headers, CancellationToken ct)
    {
        var raw = await SendAsync(_query, method, _settings.ClobUrl, path, null, null, false, ct, req =>
        {
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.AddressHeader, headers.Address);
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.SignatureHeader, headers.Signature);
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.TimestampHeader, headers.Timestamp);
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.NonceHeader, headers.Nonce);
        }).ConfigureAwait(false);
        return Decode(raw, PolymarketHttpJsonContext.Default.ApiKeyDto);
    }

    private async Task<RestResult<CancelResponseDto>> CancelAsync(string path, byte[]? body, CancellationToken ct)
    {
        var raw = await SendAsync(_cancel, HttpMethod.Delete, _settings.ClobUrl, path, null, body, true, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.CancelResponseDto);
    }

    private async Task<RestResult<T>> GetAsync<T>(Uri baseUrl, string path, string? query, JsonTypeInfo<T> type, bool auth, CancellationToken ct)
    {
        var raw = await SendAsync(_query, HttpMethod.Get, baseUrl, path, query, null, auth, ct).ConfigureAwait(false);
        return Decode(raw, type);
    }

    private async Task<RestResult<List<T>>> PageCursorAsync<T>(string path, List<KeyValuePair<string, string>>? query, JsonTypeInfo<ClobPageDto<T>> type, bool auth, int maxPages, CancellationToken ct)
    {
        var all = new List<T>();
        string cursor = ClobCursors.Start;
        for (int page = 0; page < maxPages; page++)
        {
            var q = new List<KeyValuePair<string, string>>(query ?? []) { new("next_cursor", cursor) };
            var r = await GetAsync(_settings.ClobUrl, path, Query(q), type, auth, ct).ConfigureAwait(false);
            if (!r.IsSuccess) return r.As<List<T>>();
            all.AddRange(r.Value!.Data);
            if (r.Value.IsLastPage || r.Value.NextCursor == cursor) break;
            cursor = r.Value.NextCursor!;
        }

        return RestResult.Ok<List<T>>(all);
    }

    private async Task<RestResult<List<T>>> PageOffsetAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? query, JsonTypeInfo<List<T>> type, int pageSize, int maxItems, CancellationToken ct)
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
            var r = await GetAsync(_settings.GammaUrl, path, Query(q), type, false, ct).ConfigureAwait(false);
            if (!r.IsSuccess) return r.As<List<T>>();
            all.AddRange(r.Value!.Take(maxItems - all.Count));
            if (r.Value!.Count < pageSize) break;
        }

        return RestResult.Ok<List<T>>(all);
    }

    private async Task<RawResponse> SendSubmitAsync(string path, byte[] body, CancellationToken ct)
    {
        TimeSpan? paused = PausedFor();
        if (paused is not null)
            return RawResponse.Local(RejectReason.RateLimited, paused, $"submits paused locally for {paused.Value.TotalSeconds:0.###} s (venue Retry-After / circuit open)");
        return await SendAsync(_submit, HttpMethod.Post, _settings.ClobUrl, path, null, body, true, ct).ConfigureAwait(false);
    }

    private TimeSpan? PausedFor()
    {
        var now = _time.GetUtcNow();
        lock (_pauseGate)
        {
            return _submitPausedUntil > now ? _submitPausedUntil - now : null;
        }
    }

    private async Task<RawResponse> SendAsync(ResiliencePipeline<RawResponse> pipeline, HttpMethod method, Uri baseUrl, string path, string? query, byte[]? body, bool auth, CancellationToken ct, Action<HttpRequestMessage>? decorate = null)
    {
        if (auth && _signer is null) throw new InvalidOperationException($"{method} {path} needs L2 credentials; this client has none");
        string url = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path + query;
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
            raw = RawResponse.Local(RejectReason.RateLimited, ex.RetryAfter ?? _lastRetryAfter, "submit circuit open after a storm of 429/5xx answers");
        }

        return raw;
    }

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

        if (status == 429 && retryAfter is TimeSpan wait && (path == "/order" || path == "/orders"))
        {
            lock (_pauseGate)
            {
                var until = _time.GetUtcNow() + wait;
                if (until > _submitPausedUntil) _submitPausedUntil = until;
            }
        }

        if (retryAfter is not null) _lastRetryAfter = retryAfter;
        return new RawResponse(status, body, retryAfter, null);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static RestResult<T> Decode<T>(RawResponse raw, JsonTypeInfo<T> type)
    {
        if (!raw.IsSuccess) return RestResult.Fail<T>(MapError(raw), raw.Status);
        if (TryDeserialize(raw.Body, type, out var value) && value is not null) return RestResult.Ok<T>(value, raw.Status);
        return RestResult.Fail<T>(new PolymarketError(RejectReason.Other, null, false, false, "malformed answer from the venue"), raw.Status);
    }

    private static bool TryDeserialize<T>(byte[] body, JsonTypeInfo<T> type, out T? value)
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

    private static PolymarketError MapError(RawResponse raw) =>
        raw.LocalError ?? PolymarketErrorMapper.MapBody(raw.Status, raw.Body, raw.RetryAfter);

    private static string? Query(List<KeyValuePair<string, string>> q)
    {
        if (q.Count == 0) return null;
        var sb = new StringBuilder();
        foreach (var (k, v) in q) sb.Append(sb.Length == 0 ? '?' : '&').Append(Esc(k)).Append('=').Append(Esc(v));
        return sb.ToString();
    }

    private static string Esc(string s) => Uri.EscapeDataString(s);

    private static bool IsTransient(RawResponse r) => r.Status is 0 or 425 or 429 or >= 500;

    private ResiliencePipeline<RawResponse> BuildSafePipeline()
    {
        var b = new ResiliencePipelineBuilder<RawResponse> { TimeProvider = _time };
        if (_settings.MaxRetries > 0)
        {
            b.AddRetry(new RetryStrategyOptions<RawResponse>
            {
                MaxRetryAttempts = _settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _settings.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or HttpRequestException } => true,
                    { Result: { } r } => IsTransient(r) && (r.RetryAfter is null || r.RetryAfter <= _settings.MaxRetryAfterWait) && r.LocalError?.Reason != RejectReason.BatchTooLarge,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is TimeSpan ra ? ra : (TimeSpan?)null),
            });
        }

        b.AddTimeout(_settings.RequestTimeout);
        return b.Build();
    }

    private ResiliencePipeline<RawResponse> BuildSubmitPipeline()
    {
        var b = new ResiliencePipelineBuilder<RawResponse> { TimeProvider = _time };
        b.AddCircuitBreaker(new CircuitBreakerStrategyOptions<RawResponse>
        {
            FailureRatio = _settings.BreakerFailureRatio,
            MinimumThroughput = _settings.BreakerMinimumThroughput,
            SamplingDuration = _settings.BreakerSamplingDuration,
            BreakDuration = _settings.BreakerBreakDuration,
            BreakDurationGenerator = _ => ValueTask.FromResult(_lastRetryAfter is TimeSpan ra && ra > _settings.BreakerBreakDuration ? ra : _settings.BreakerBreakDuration),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: TimeoutRejectedException } => true,
                { Result: { } r } => r.Status is 0 or 429 or >= 500,
                _ => false,
            }),
        });
        b.AddTimeout(_settings.RequestTimeout);
        return b.Build();
    }

    /// <summary>One HTTP exchange, read whole inside the pipeline so retries never leak responses.</summary>
    private sealed record RawResponse(int Status, byte[] Body, TimeSpan? RetryAfter, PolymarketError? LocalError)
    {
        public bool IsSuccess => LocalError is null && Status is >= 200 and < 300;

        public static RawResponse Local(RejectReason reason, TimeSpan? retryAfter, string text) =>
            new(0, [], retryAfter, new PolymarketError(reason, retryAfter, reason != RejectReason.BatchTooLarge, false, text));
    }
}
