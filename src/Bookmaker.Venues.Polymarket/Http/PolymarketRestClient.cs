using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// Polymarket CLOB, Gamma and geoblock REST client — the one entry point the adapter, the CLI and the tests use.
/// Every call returns a <see cref="RestResult{T}"/> (venue answers never throw). The work is done by parts with one
/// job each: the endpoint groups (<see cref="ClobPublicEndpoints"/>, <see cref="GammaEndpoints"/>,
/// <see cref="ClobKeyEndpoints"/>, <see cref="ClobOrderEndpoints"/>, <see cref="ClobAccountEndpoints"/>) say which path,
/// body and answer shape; <see cref="RestCalls"/> sends each kind of call through its pipeline and decodes it;
/// <see cref="PolymarketHttpTransport"/> owns the pooled connection and the L2 headers.
/// <para>
/// Resilience (Polly, on the injected <see cref="TimeProvider"/>; see <see cref="RestPipelines"/>): reads, cancels and
/// heartbeats retry transient failures; a new order is never retried (Polymarket does not deduplicate by client id,
/// so a retried order that had in fact arrived would trade twice) — a failed submit is reported and reconciliation
/// decides. The submit circuit breaker opens on a storm of 429/5xx/timeouts (its transitions are raised as
/// <see cref="SubmitCircuitChanged"/>), and any 429 Retry-After on a submit pauses submits (<see cref="SubmitThrottle"/>);
/// while either holds, submits are refused locally and cancels still go out.
/// </para>
/// </summary>
public sealed class PolymarketRestClient : IDisposable
{
    /// <summary>Largest batch of POST /orders.</summary>
    public const int MaxOrdersPerBatch = OrderJson.MaxBatchSize;

    /// <summary>Largest id list of DELETE /orders.</summary>
    public const int MaxCancelIds = 1000;

    private readonly PolymarketHttpTransport _transport;
    private readonly SubmitThrottle _throttle;
    private readonly ForbiddenPause _forbidden;
    private readonly ClobPublicEndpoints _public;
    private readonly GammaEndpoints _gamma;
    private readonly ClobKeyEndpoints _keys;
    private readonly ClobOrderEndpoints _orders;
    private readonly ClobAccountEndpoints _account;

    /// <summary>Creates the client.</summary>
    /// <param name="settings">Endpoints and resilience settings.</param>
    /// <param name="signer">L2 signer for authenticated calls; null for a public-data-only client.</param>
    /// <param name="time">Clock of timeouts, retries, breaker and L2 timestamps.</param>
    /// <param name="handler">Optional transport (tests); default is a pooled <see cref="SocketsHttpHandler"/>.</param>
    public PolymarketRestClient(PolymarketHttpSettings settings, L2RequestSigner? signer, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _throttle = new SubmitThrottle(time);
        _forbidden = new ForbiddenPause(time, settings.ForbiddenPause);
        _forbidden.Began += (length, path) => Forbidden?.Invoke(length, path);
        _transport = new PolymarketHttpTransport(settings, signer, time, _throttle, _forbidden, handler);
        _transport.RateLimitObserved += info => RateLimitObserved?.Invoke(info);
        var calls = new RestCalls(_transport, new RestPipelines(settings, time, _throttle, (state, length) => SubmitCircuitChanged?.Invoke(state, length)),
            _throttle, settings);
        _public = new ClobPublicEndpoints(calls, settings);
        _gamma = new GammaEndpoints(calls, settings);
        _keys = new ClobKeyEndpoints(calls, settings);
        _orders = new ClobOrderEndpoints(calls);
        _account = new ClobAccountEndpoints(calls, settings);
    }

    /// <summary>Raised for every response carrying rate-limit headers (or a 429), from the calling thread.</summary>
    public event Action<RateLimitInfo>? RateLimitObserved;

    /// <summary>
    /// Raised (from the thread of the submit that caused it) when the submit circuit breaker changes state: Open with
    /// the break's length, HalfOpen when the break ended and the next submit is its trial, Closed when a trial succeeded.
    /// </summary>
    public event Action<Polly.CircuitBreaker.CircuitState, TimeSpan?>? SubmitCircuitChanged;

    /// <summary>
    /// Raised (from the answering thread) when an HTTP 403 starts or extends the pause of every request: its length and
    /// the path that drew it. See <see cref="ForbiddenPause"/>.
    /// </summary>
    public event Action<TimeSpan, string>? Forbidden;

    /// <summary>How long every request stays paused after an HTTP 403; null when not paused.</summary>
    public TimeSpan? ForbiddenFor => _forbidden.Remaining();

    /// <summary>Order format version read from GET /version (2 until read).</summary>
    public OrderVersion OrderVersion => _public.OrderVersion;

    /// <summary>True when this client can make L2-authenticated calls.</summary>
    public bool IsAuthenticated => _transport.IsAuthenticated;

    /// <summary>Until when submits are refused locally after a 429 Retry-After (past = not paused).</summary>
    public DateTimeOffset SubmitPausedUntil => _throttle.PausedUntil;

    // ---------------------------------------------------------------- public market data

    /// <inheritdoc cref="ClobPublicEndpoints.RefreshOrderVersionAsync"/>
    public Task<RestResult<OrderVersion>> RefreshOrderVersionAsync(CancellationToken ct = default) => _public.RefreshOrderVersionAsync(ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetServerTimeAsync"/>
    public Task<RestResult<long>> GetServerTimeAsync(CancellationToken ct = default) => _public.GetServerTimeAsync(ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetBookAsync"/>
    public Task<RestResult<OrderBookSummaryDto>> GetBookAsync(string tokenId, CancellationToken ct = default) => _public.GetBookAsync(tokenId, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetBooksAsync"/>
    public Task<RestResult<List<OrderBookSummaryDto>>> GetBooksAsync(IReadOnlyList<string> tokenIds, CancellationToken ct = default) => _public.GetBooksAsync(tokenIds, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetTickSizeAsync"/>
    public Task<RestResult<TickSizeDto>> GetTickSizeAsync(string tokenId, CancellationToken ct = default) => _public.GetTickSizeAsync(tokenId, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetNegRiskAsync"/>
    public Task<RestResult<NegRiskDto>> GetNegRiskAsync(string tokenId, CancellationToken ct = default) => _public.GetNegRiskAsync(tokenId, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetMarketAsync"/>
    public Task<RestResult<ClobMarketDto>> GetMarketAsync(string conditionId, CancellationToken ct = default) => _public.GetMarketAsync(conditionId, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetClobMarketAsync"/>
    public Task<RestResult<ClobMarketDetailsDto>> GetClobMarketAsync(string conditionId, CancellationToken ct = default) => _public.GetClobMarketAsync(conditionId, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetClobMarketsAsync"/>
    public Task<RestResult<List<ClobMarketDto>>> GetClobMarketsAsync(int maxPages = int.MaxValue, CancellationToken ct = default) => _public.GetClobMarketsAsync(maxPages, ct);

    /// <inheritdoc cref="ClobPublicEndpoints.GetGeoblockAsync"/>
    public Task<RestResult<GeoblockDto>> GetGeoblockAsync(CancellationToken ct = default) => _public.GetGeoblockAsync(ct);

    /// <summary>Gamma GET /markets with offset paging (<paramref name="pageSize"/> per page until a short page).</summary>
    /// <param name="query">Extra query parameters (e.g. <c>closed=false</c>, <c>slug=…</c>), without limit/offset.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="maxItems">Stop after this many items.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<RestResult<List<GammaMarketDto>>> GetGammaMarketsAsync(IEnumerable<KeyValuePair<string, string>>? query = null, int pageSize = 100, int maxItems = 1000, CancellationToken ct = default) =>
        _gamma.GetMarketsAsync(query, pageSize, maxItems, ct);

    /// <inheritdoc cref="GammaEndpoints.GetEventsAsync"/>
    public Task<RestResult<List<GammaEventDto>>> GetGammaEventsAsync(IEnumerable<KeyValuePair<string, string>>? query = null, int pageSize = 100, int maxItems = 1000, CancellationToken ct = default) =>
        _gamma.GetEventsAsync(query, pageSize, maxItems, ct);

    /// <inheritdoc cref="GammaEndpoints.GetMarketsKeysetAsync"/>
    public Task<RestResult<List<GammaMarketDto>>> GetGammaMarketsKeysetAsync(IEnumerable<KeyValuePair<string, string>>? query = null, int maxPages = 50, CancellationToken ct = default) =>
        _gamma.GetMarketsKeysetAsync(query, maxPages, ct);

    // ---------------------------------------------------------------- L1

    /// <inheritdoc cref="ClobKeyEndpoints.DeriveApiKeyAsync"/>
    public Task<RestResult<ApiKeyDto>> DeriveApiKeyAsync(L1AuthHeaders headers, CancellationToken ct = default) => _keys.DeriveApiKeyAsync(headers, ct);

    /// <inheritdoc cref="ClobKeyEndpoints.CreateApiKeyAsync"/>
    public Task<RestResult<ApiKeyDto>> CreateApiKeyAsync(L1AuthHeaders headers, CancellationToken ct = default) => _keys.CreateApiKeyAsync(headers, ct);

    // ---------------------------------------------------------------- trading (L2)

    /// <inheritdoc cref="ClobOrderEndpoints.PostOrderAsync"/>
    public Task<RestResult<PostOrderResponseDto>> PostOrderAsync(byte[] body, CancellationToken ct = default) => _orders.PostOrderAsync(body, ct);

    /// <inheritdoc cref="ClobOrderEndpoints.PostOrdersAsync"/>
    public Task<RestResult<List<PostOrderResponseDto>>> PostOrdersAsync(byte[] body, int orderCount, CancellationToken ct = default) => _orders.PostOrdersAsync(body, orderCount, ct);

    /// <inheritdoc cref="ClobOrderEndpoints.CancelOrderAsync"/>
    public Task<RestResult<CancelResponseDto>> CancelOrderAsync(string venueOrderId, CancellationToken ct = default) => _orders.CancelOrderAsync(venueOrderId, ct);

    /// <inheritdoc cref="ClobOrderEndpoints.CancelOrdersAsync"/>
    public Task<RestResult<CancelResponseDto>> CancelOrdersAsync(IReadOnlyList<string> venueOrderIds, CancellationToken ct = default) => _orders.CancelOrdersAsync(venueOrderIds, ct);

    /// <inheritdoc cref="ClobOrderEndpoints.CancelAllAsync"/>
    public Task<RestResult<CancelResponseDto>> CancelAllAsync(CancellationToken ct = default) => _orders.CancelAllAsync(ct);

    /// <inheritdoc cref="ClobOrderEndpoints.CancelMarketOrdersAsync"/>
    public Task<RestResult<CancelResponseDto>> CancelMarketOrdersAsync(string? conditionId, string? assetId = null, CancellationToken ct = default) =>
        _orders.CancelMarketOrdersAsync(conditionId, assetId, ct);

    /// <inheritdoc cref="ClobOrderEndpoints.PostHeartbeatAsync"/>
    public Task<RestResult<HeartbeatDto>> PostHeartbeatAsync(string heartbeatId, CancellationToken ct = default) => _orders.PostHeartbeatAsync(heartbeatId, ct);

    // ---------------------------------------------------------------- account (L2)

    /// <inheritdoc cref="ClobAccountEndpoints.GetOpenOrdersAsync"/>
    public Task<RestResult<List<OpenOrderDto>>> GetOpenOrdersAsync(string? market = null, string? assetId = null, CancellationToken ct = default) =>
        _account.GetOpenOrdersAsync(market, assetId, ct);

    /// <inheritdoc cref="ClobAccountEndpoints.GetTradesAsync"/>
    public Task<RestResult<List<TradeDto>>> GetTradesAsync(DateTimeOffset? after = null, string? market = null, string? assetId = null, CancellationToken ct = default) =>
        _account.GetTradesAsync(after, market, assetId, ct);

    /// <inheritdoc cref="ClobAccountEndpoints.GetBalanceAllowanceAsync"/>
    public Task<RestResult<BalanceAllowanceDto>> GetBalanceAllowanceAsync(string assetType, string? tokenId, int signatureType, CancellationToken ct = default) =>
        _account.GetBalanceAllowanceAsync(assetType, tokenId, signatureType, ct);

    /// <inheritdoc cref="ClobAccountEndpoints.UpdateBalanceAllowanceAsync"/>
    public Task<RestResult<bool>> UpdateBalanceAllowanceAsync(string assetType, string? tokenId, int signatureType, CancellationToken ct = default) =>
        _account.UpdateBalanceAllowanceAsync(assetType, tokenId, signatureType, ct);

    /// <inheritdoc cref="ClobAccountEndpoints.GetOrdersScoringAsync"/>
    public Task<RestResult<Dictionary<string, bool>>> GetOrdersScoringAsync(IReadOnlyList<string> orderIds, CancellationToken ct = default) =>
        _account.GetOrdersScoringAsync(orderIds, ct);

    /// <inheritdoc cref="ClobAccountEndpoints.GetClosedOnlyAsync"/>
    public Task<RestResult<ClosedOnlyDto>> GetClosedOnlyAsync(CancellationToken ct = default) => _account.GetClosedOnlyAsync(ct);

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => _transport.Dispose();
}
