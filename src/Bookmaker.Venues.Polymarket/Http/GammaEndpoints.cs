using Bookmaker.Venues.Polymarket.Rest;
using static Bookmaker.Venues.Polymarket.Http.RestCalls;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>Gamma, Polymarket's discovery API: markets and events (offset paging) and the keyset market list.</summary>
internal sealed class GammaEndpoints(RestCalls calls, PolymarketHttpSettings settings)
{
    /// <summary>GET /markets with offset paging.</summary>
    public Task<RestResult<List<GammaMarketDto>>> GetMarketsAsync(IEnumerable<KeyValuePair<string, string>>? query, int pageSize, int maxItems, CancellationToken ct) =>
        calls.PageOffsetAsync("/markets", query, PolymarketJsonContext.Default.ListGammaMarketDto, pageSize, maxItems, ct);

    /// <summary>GET /events with offset paging.</summary>
    public Task<RestResult<List<GammaEventDto>>> GetEventsAsync(IEnumerable<KeyValuePair<string, string>>? query, int pageSize, int maxItems, CancellationToken ct) =>
        calls.PageOffsetAsync("/events", query, PolymarketJsonContext.Default.ListGammaEventDto, pageSize, maxItems, ct);

    /// <summary>GET /markets/keyset following <c>next_cursor</c> (absent on the last page).</summary>
    public async Task<RestResult<List<GammaMarketDto>>> GetMarketsKeysetAsync(IEnumerable<KeyValuePair<string, string>>? query, int maxPages, CancellationToken ct)
    {
        var all = new List<GammaMarketDto>();
        string? cursor = null;
        for (int page = 0; page < maxPages; page++)
        {
            var q = new List<KeyValuePair<string, string>>(query ?? []);
            if (cursor is not null) q.Add(new("next_cursor", cursor));
            var r = await calls.GetAsync(settings.GammaUrl, "/markets/keyset", Query(q), PolymarketJsonContext.Default.GammaKeysetPageDto, false, ct).ConfigureAwait(false);
            if (!r.IsSuccess) return r.As<List<GammaMarketDto>>();
            all.AddRange(r.Value!.Markets ?? []);
            cursor = r.Value.NextCursor;
            if (string.IsNullOrEmpty(cursor)) break;
        }

        return RestResult.Ok<List<GammaMarketDto>>(all);
    }
}
