using System.Globalization;
using Bookmaker.Venues.Polymarket.Rest;
using static Bookmaker.Venues.Polymarket.Http.RestCalls;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>The L2 account reads: open orders and trades (every page), balances and allowances, reward scoring and the close-only status.</summary>
internal sealed class ClobAccountEndpoints(RestCalls calls, PolymarketHttpSettings settings)
{
    /// <summary>GET /data/orders, every page.</summary>
    public Task<RestResult<List<OpenOrderDto>>> GetOpenOrdersAsync(string? market, string? assetId, CancellationToken ct)
    {
        var q = new List<KeyValuePair<string, string>>();
        if (market is not null) q.Add(new("market", market));
        if (assetId is not null) q.Add(new("asset_id", assetId));
        return calls.PageCursorAsync("/data/orders", q, PolymarketJsonContext.Default.ClobPageDtoOpenOrderDto, true, int.MaxValue, ct);
    }

    /// <summary>GET /data/trades after a time (unix seconds), every page.</summary>
    public Task<RestResult<List<TradeDto>>> GetTradesAsync(DateTimeOffset? after, string? market, string? assetId, CancellationToken ct)
    {
        var q = new List<KeyValuePair<string, string>>();
        if (after is not null) q.Add(new("after", after.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (market is not null) q.Add(new("market", market));
        if (assetId is not null) q.Add(new("asset_id", assetId));
        return calls.PageCursorAsync("/data/trades", q, PolymarketJsonContext.Default.ClobPageDtoTradeDto, true, int.MaxValue, ct);
    }

    /// <summary>GET /balance-allowance (COLLATERAL, or CONDITIONAL with a token id).</summary>
    public Task<RestResult<BalanceAllowanceDto>> GetBalanceAllowanceAsync(string assetType, string? tokenId, int signatureType, CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/balance-allowance", BalanceQuery(assetType, tokenId, signatureType), PolymarketJsonContext.Default.BalanceAllowanceDto, true, ct);

    /// <summary>GET /balance-allowance/update (forces the venue to re-read the chain).</summary>
    public async Task<RestResult<bool>> UpdateBalanceAllowanceAsync(string assetType, string? tokenId, int signatureType, CancellationToken ct)
    {
        var raw = await calls.ReadAsync(HttpMethod.Get, settings.ClobUrl, "/balance-allowance/update", BalanceQuery(assetType, tokenId, signatureType), null, true, ct).ConfigureAwait(false);
        return raw.IsSuccess ? RestResult.Ok<bool>(true, raw.Status) : RestResult.Fail<bool>(MapError(raw), raw.Status);
    }

    /// <summary>GET /auth/ban-status/closed-only.</summary>
    public Task<RestResult<ClosedOnlyDto>> GetClosedOnlyAsync(CancellationToken ct) =>
        calls.GetAsync(settings.ClobUrl, "/auth/ban-status/closed-only", null, PolymarketHttpJsonContext.Default.ClosedOnlyDto, true, ct);

    /// <summary>
    /// POST /orders-scoring with the venue ids: whether each order earns liquidity rewards now (an id the venue leaves
    /// out of its answer counts as not scoring).
    /// </summary>
    public async Task<RestResult<Dictionary<string, bool>>> GetOrdersScoringAsync(IReadOnlyList<string> orderIds, CancellationToken ct)
    {
        byte[] body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes([.. orderIds], PolymarketJsonContext.Default.StringArray);
        var raw = await calls.ReadAsync(HttpMethod.Post, settings.ClobUrl, "/orders-scoring", null, body, true, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.DictionaryStringBoolean);
    }

    private static string? BalanceQuery(string assetType, string? tokenId, int signatureType)
    {
        var q = new List<KeyValuePair<string, string>> { new("asset_type", assetType) };
        if (tokenId is not null) q.Add(new("token_id", tokenId));
        q.Add(new("signature_type", signatureType.ToString(CultureInfo.InvariantCulture)));
        return Query(q);
    }
}
