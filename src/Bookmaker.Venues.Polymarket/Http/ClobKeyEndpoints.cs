using Bookmaker.Venues.Polymarket.Auth;
using static Bookmaker.Venues.Polymarket.Http.RestCalls;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>The L1 endpoints that create or derive an API key from a wallet signature. Their answers hold secrets: never log them.</summary>
internal sealed class ClobKeyEndpoints(RestCalls calls, PolymarketHttpSettings settings)
{
    /// <summary>GET /auth/derive-api-key.</summary>
    public Task<RestResult<ApiKeyDto>> DeriveApiKeyAsync(L1AuthHeaders headers, CancellationToken ct) => L1Async(HttpMethod.Get, "/auth/derive-api-key", headers, ct);

    /// <summary>POST /auth/api-key.</summary>
    public Task<RestResult<ApiKeyDto>> CreateApiKeyAsync(L1AuthHeaders headers, CancellationToken ct) => L1Async(HttpMethod.Post, "/auth/api-key", headers, ct);

    private async Task<RestResult<ApiKeyDto>> L1Async(HttpMethod method, string path, L1AuthHeaders headers, CancellationToken ct)
    {
        var raw = await calls.ReadAsync(method, settings.ClobUrl, path, null, null, false, ct, req =>
        {
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.AddressHeader, headers.Address);
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.SignatureHeader, headers.Signature);
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.TimestampHeader, headers.Timestamp);
            req.Headers.TryAddWithoutValidation(L1AuthHeaders.NonceHeader, headers.Nonce);
        }).ConfigureAwait(false);
        return Decode(raw, PolymarketHttpJsonContext.Default.ApiKeyDto);
    }
}
