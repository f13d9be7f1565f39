using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Cancels — one order (by its venue id), all, or a market's — and their answers: every id the venue cancelled
/// becomes <c>Cancelled</c> for the order mapped to it; every id it did not becomes <c>NotFound</c> or
/// <c>CancelRejected</c> with the venue's words; a failed request becomes <see cref="VenueRequestFailed"/>.
/// </summary>
internal sealed class CancelRequests(PolymarketRestClient rest, VenueOrderMap orders, VenueEventReporter events)
{
    /// <summary>DELETE /order for one of our orders.</summary>
    public async Task CancelAsync(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
    {
        venueOrderId ??= orders.VenueIdOf(id);
        if (venueOrderId is null)
        {
            events.Report(ExecutionReportKind.CancelRejected, id, instrument, null, RejectReason.Other, "venue order id unknown (order not acknowledged yet)");
            return;
        }

        var r = await rest.CancelOrderAsync(venueOrderId).ConfigureAwait(false);
        if (!r.IsSuccess)
        {
            events.RequestFailed(VenueEndpoint.Cancel, r.HttpStatus, r.Error!.Value.Reason, r.Error.Value.Text, [id], r.Error.Value.RetryAfter);
            return;
        }

        Report(r.Value!, (id, instrument));
    }

    /// <summary>Reports the answer of a cancel-all or cancel-market call already made.</summary>
    public async Task CancelManyAsync(VenueEndpoint endpoint, Task<RestResult<CancelResponseDto>> call)
    {
        var r = await call.ConfigureAwait(false);
        if (!r.IsSuccess)
        {
            events.RequestFailed(endpoint, r.HttpStatus, r.Error!.Value.Reason, r.Error.Value.Text, [], r.Error.Value.RetryAfter);
            return;
        }

        Report(r.Value!, null);
    }

    private void Report(CancelResponseDto dto, (ClientOrderId Id, InstrumentId Instrument)? fallback)
    {
        foreach (string vid in dto.Canceled)
        {
            if (orders.TryGet(vid, out var o))
                events.Report(ExecutionReportKind.Cancelled, o.OrderId, o.Instrument, vid, RejectReason.None, null);
            else if (fallback is { } f)
                events.Report(ExecutionReportKind.Cancelled, f.Id, f.Instrument, vid, RejectReason.None, null);
        }

        foreach (var (vid, why) in dto.NotCanceled)
        {
            ClientOrderId id;
            InstrumentId inst;
            if (orders.TryGet(vid, out var o)) (id, inst) = (o.OrderId, o.Instrument);
            else if (fallback is { } f) (id, inst) = f;
            else continue;
            var kind = why.Contains("not found", StringComparison.OrdinalIgnoreCase) ? ExecutionReportKind.NotFound : ExecutionReportKind.CancelRejected;
            events.Report(kind, id, inst, vid, PolymarketErrorMapper.MapMessage(why), why);
        }
    }
}
