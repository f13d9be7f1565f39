using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;
using static Bookmaker.Venues.Polymarket.Http.RestCalls;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// The L2 trading endpoints: new orders (POST /order, /orders — never retried, refused locally while paused or over
/// the batch limit), cancels (one, many, all, by market) and the heartbeat that keeps orders alive.
/// </summary>
internal sealed class ClobOrderEndpoints(RestCalls calls)
{
    /// <summary>POST /order with a body built by <see cref="OrderJson.SerializeOrder"/>.</summary>
    public async Task<RestResult<PostOrderResponseDto>> PostOrderAsync(byte[] body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var raw = await calls.SubmitAsync("/order", body, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.PostOrderResponseDto);
    }

    /// <summary>POST /orders (≤ <see cref="PolymarketRestClient.MaxOrdersPerBatch"/>; more are refused locally without sending).</summary>
    public async Task<RestResult<List<PostOrderResponseDto>>> PostOrdersAsync(byte[] body, int orderCount, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (orderCount is < 1 or > PolymarketRestClient.MaxOrdersPerBatch)
        {
            return RestResult.Fail<List<PostOrderResponseDto>>(
                new PolymarketError(RejectReason.BatchTooLarge, null, false, false, $"refused locally: {orderCount} orders in one batch, max allowed: {PolymarketRestClient.MaxOrdersPerBatch}"), 0);
        }

        var raw = await calls.SubmitAsync("/orders", body, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.ListPostOrderResponseDto);
    }

    /// <summary>DELETE /order.</summary>
    public Task<RestResult<CancelResponseDto>> CancelOrderAsync(string venueOrderId, CancellationToken ct) =>
        CancelAsync("/order", JsonSerializer.SerializeToUtf8Bytes(new CancelOrderBodyDto { OrderId = venueOrderId }, PolymarketHttpJsonContext.Default.CancelOrderBodyDto), ct);

    /// <summary>DELETE /orders (≤ <see cref="PolymarketRestClient.MaxCancelIds"/> ids; more are refused locally).</summary>
    public Task<RestResult<CancelResponseDto>> CancelOrdersAsync(IReadOnlyList<string> venueOrderIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(venueOrderIds);
        if (venueOrderIds.Count is 0 or > PolymarketRestClient.MaxCancelIds)
        {
            return Task.FromResult(RestResult.Fail<CancelResponseDto>(
                new PolymarketError(RejectReason.BatchTooLarge, null, false, false, $"refused locally: {venueOrderIds.Count} ids, allowed 1..{PolymarketRestClient.MaxCancelIds}"), 0));
        }

        return CancelAsync("/orders", JsonSerializer.SerializeToUtf8Bytes(venueOrderIds.ToList(), PolymarketHttpJsonContext.Default.ListString), ct);
    }

    /// <summary>DELETE /cancel-all.</summary>
    public Task<RestResult<CancelResponseDto>> CancelAllAsync(CancellationToken ct) => CancelAsync("/cancel-all", null, ct);

    /// <summary>DELETE /cancel-market-orders for a condition id and/or a token id.</summary>
    public Task<RestResult<CancelResponseDto>> CancelMarketOrdersAsync(string? conditionId, string? assetId, CancellationToken ct) =>
        CancelAsync("/cancel-market-orders", JsonSerializer.SerializeToUtf8Bytes(new CancelMarketBodyDto { Market = conditionId, AssetId = assetId }, PolymarketHttpJsonContext.Default.CancelMarketBodyDto), ct);

    /// <summary>
    /// POST /v1/heartbeats with the previous id ("" first). On a 400 "Invalid Heartbeat ID" the result is a failure
    /// whose value still carries the id the venue expects.
    /// </summary>
    public async Task<RestResult<HeartbeatDto>> PostHeartbeatAsync(string heartbeatId, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new HeartbeatDto { HeartbeatId = heartbeatId ?? "" }, PolymarketHttpJsonContext.Default.HeartbeatDto);
        var raw = await calls.HeartbeatAsync("/v1/heartbeats", body, ct).ConfigureAwait(false);
        var r = Decode(raw, PolymarketHttpJsonContext.Default.HeartbeatDto);
        if (!r.IsSuccess && raw.Status == 400 && TryDeserialize(raw.Body, PolymarketHttpJsonContext.Default.HeartbeatDto, out var dto))
            return new RestResult<HeartbeatDto>(dto, r.Error, raw.Status);
        return r;
    }

    private async Task<RestResult<CancelResponseDto>> CancelAsync(string path, byte[]? body, CancellationToken ct)
    {
        var raw = await calls.CancelAsync(HttpMethod.Delete, path, body, ct).ConfigureAwait(false);
        return Decode(raw, PolymarketJsonContext.Default.CancelResponseDto);
    }
}
