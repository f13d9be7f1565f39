using System.Text.Json;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;
using static Bookmaker.Venues.Polymarket.Http.RestCalls;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// The CLOB's public endpoints (no credentials): order version, server time, books, tick size, neg-risk flag, market
/// parameters and the market list, and the geoblock check.
/// </summary>
internal sealed class ClobPublicEndpoints(RestCalls calls, PolymarketHttpSettings settings)
{
    /// <summary>Order format version read from GET /version (2 until read).</summary>
    public OrderVersion OrderVersion { get; private set; } = OrderVersion.V2;

    /// <summary>GET /version → order format; stores it in <see cref="OrderVersion"/>.</summary>
    public async Task<RestResult<OrderVersion>> RefreshOrderVersionAsync(CancellationToken ct)
    {
        var r = await calls.GetAsync(settings.ClobUrl, "/version", null, PolymarketJsonContext.Default.VersionDto, false, ct).ConfigureAwait(false);
        if (!r.IsSuccess) return r.As<OrderVersion>();
        OrderVersion = r.Value!.Version >= 3 ? OrderVersion.V3 : OrderVersion.V2;
        return RestResult.Ok<OrderVersion>(OrderVersion);
    }

    /// <summary>GET /time → unix seconds.</summary>
    public Task<RestResult<long>> GetServerTimeAsync(CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/time", null, PolymarketJsonContext.Default.Int64, false, ct);

    /// <summary>GET /book?token_id=.</summary>
    public Task<RestResult<OrderBookSummaryDto>> GetBookAsync(string tokenId, CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/book", "?token_id=" + Esc(tokenId), PolymarketJsonContext.Default.OrderBookSummaryDto, false, ct);

    /// <summary>POST /books (a read: retried like a GET).</summary>
    public async Task<RestResult<List<OrderBookSummaryDto>>> GetBooksAsync(IReadOnlyList<string> tokenIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var body = JsonSerializer.SerializeToUtf8Bytes(tokenIds.Select(t => new BookRequestDto { TokenId = t }).ToList(), PolymarketHttpJsonContext.Default.ListBookRequestDto);
        var raw = await calls.ReadAsync(HttpMethod.Post, settings.ClobUrl, "/books", null, body, false, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.ListOrderBookSummaryDto);
    }

    /// <summary>GET /tick-size?token_id=.</summary>
    public Task<RestResult<TickSizeDto>> GetTickSizeAsync(string tokenId, CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/tick-size", "?token_id=" + Esc(tokenId), PolymarketJsonContext.Default.TickSizeDto, false, ct);

    /// <summary>GET /neg-risk?token_id=.</summary>
    public Task<RestResult<NegRiskDto>> GetNegRiskAsync(string tokenId, CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/neg-risk", "?token_id=" + Esc(tokenId), PolymarketJsonContext.Default.NegRiskDto, false, ct);

    /// <summary>GET /clob-markets/{conditionId} (compact market parameters).</summary>
    public Task<RestResult<ClobMarketDetailsDto>> GetClobMarketAsync(string conditionId, CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/clob-markets/" + Esc(conditionId), null, PolymarketJsonContext.Default.ClobMarketDetailsDto, false, ct);

    /// <summary>GET /markets/{conditionId}: one market with its lifecycle flags (<c>closed</c>, <c>accepting_orders</c>).</summary>
    public Task<RestResult<ClobMarketDto>> GetMarketAsync(string conditionId, CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/markets/" + Esc(conditionId), null, PolymarketJsonContext.Default.ClobMarketDto, false, ct);

    /// <summary>GET /markets following <c>next_cursor</c> until <c>LTE=</c> (or <paramref name="maxPages"/>).</summary>
    public Task<RestResult<List<ClobMarketDto>>> GetClobMarketsAsync(int maxPages, CancellationToken ct) =>
        calls.PageCursorAsync("/markets", null, PolymarketJsonContext.Default.ClobPageDtoClobMarketDto, false, maxPages, ct);

    /// <summary>GET of the geoblock endpoint.</summary>
    public async Task<RestResult<GeoblockDto>> GetGeoblockAsync(CancellationToken ct)
    {
        var u = settings.GeoblockUrl;
        var baseUri = new Uri(u.GetLeftPart(UriPartial.Authority));
        return await calls.GetAsync(baseUri, u.AbsolutePath, u.Query.Length > 0 ? u.Query : null, PolymarketHttpJsonContext.Default.GeoblockDto, false, ct).ConfigureAwait(false);
    }
}
