using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// New orders, one or a batch: each request is signed (EIP-712), its venue id (the digest) mapped before sending so a
/// user-channel trade that overtakes the answer still finds it, then POSTed once. The answer becomes Accepted or
/// Rejected per order; a timeout or 5xx leaves the orders in doubt (<see cref="VenueRequestFailed"/>, never resent —
/// Polymarket does not deduplicate, reconciliation decides); an <c>order_version_mismatch</c> re-reads /version,
/// re-signs and resends once.
/// </summary>
internal sealed class OrderSubmission
{
    private readonly OrderBuilder? _builder;
    private readonly ApiCredentials? _credentials;
    private readonly Lock _builderLock = new();
    private readonly PolymarketRestClient _rest;
    private readonly AdapterInstruments _instruments;
    private readonly VenueOrderMap _orders;
    private readonly VenueEventReporter _events;
    private readonly VenueModeWatch _modes;
    private readonly MarketLifecycleWatch _lifecycle;
    private readonly PolymarketContracts _contracts;
    private readonly TokenBalanceRefresh _balances;

    /// <summary>Creates the submission path; without a builder and credentials every order is refused locally.</summary>
    public OrderSubmission(OrderBuilder? builder, ApiCredentials? credentials, PolymarketRestClient rest, AdapterInstruments instruments,
        VenueOrderMap orders, VenueEventReporter events, VenueModeWatch modes, MarketLifecycleWatch lifecycle, PolymarketContracts contracts,
        TokenBalanceRefresh balances)
    {
        _lifecycle = lifecycle;
        _balances = balances;
        _builder = builder;
        _credentials = credentials;
        _rest = rest;
        _instruments = instruments;
        _orders = orders;
        _events = events;
        _modes = modes;
        _contracts = contracts;
    }

    /// <summary>POST /order for one request.</summary>
    public async Task SubmitAsync(OrderRequest r)
    {
        if (!TryBuild(r, out var signed)) return;
        var result = await _rest.PostOrderAsync(OrderJson.SerializeOrder(signed!, _credentials!.ApiKey)).ConfigureAwait(false);
        bool mismatch = result.Error?.OrderVersionMismatch == true || result.Value?.ErrorMsg?.Contains(PolymarketErrorMapper.OrderVersionMismatchText, StringComparison.OrdinalIgnoreCase) == true;
        if (mismatch)
        {
            await _rest.RefreshOrderVersionAsync().ConfigureAwait(false);
            if (!TryBuild(r, out signed)) return;
            result = await _rest.PostOrderAsync(OrderJson.SerializeOrder(signed!, _credentials.ApiKey)).ConfigureAwait(false); // re-signed once, never more
        }

        var refused = result.IsSuccess ? HandlePlaced(r, result.Value!) : HandleFailure([r], VenueEndpoint.Submit, result.Error!.Value, result.HttpStatus);
        if (refused != RejectReason.None) await _lifecycle.OnRejectAsync(r.Instrument, refused).ConfigureAwait(false);
    }

    /// <summary>POST /orders for a batch (more than <paramref name="maxBatchSize"/> is refused locally, whole).</summary>
    public async Task SubmitBatchAsync(OrderRequest[] requests, int maxBatchSize)
    {
        if (requests.Length == 0) return;
        if (requests.Length > maxBatchSize)
        {
            foreach (var r in requests)
                _events.Report(ExecutionReportKind.Rejected, r, null, RejectReason.BatchTooLarge, $"refused locally: batch of {requests.Length}, max {maxBatchSize}");
            return;
        }

        var sent = new List<OrderRequest>();
        var signed = new List<SignedOrder>();
        foreach (var r in requests)
        {
            if (!TryBuild(r, out var s)) continue;
            sent.Add(r);
            signed.Add(s!);
        }

        if (sent.Count == 0) return;
        var result = await _rest.PostOrdersAsync(OrderJson.SerializeBatch(signed, _credentials!.ApiKey), sent.Count).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            var refused = HandleFailure(sent, VenueEndpoint.SubmitBatch, result.Error!.Value, result.HttpStatus);
            if (refused != RejectReason.None) await _lifecycle.OnRejectAsync(sent[0].Instrument, refused).ConfigureAwait(false);
            return;
        }

        var answers = result.Value!;
        var rereads = new List<(Core.Instruments.InstrumentId, RejectReason)>();
        for (int i = 0; i < sent.Count; i++)
        {
            if (i < answers.Count && HandlePlaced(sent[i], answers[i]) is var reason && reason != RejectReason.None && !rereads.Contains((sent[i].Instrument, reason)))
                rereads.Add((sent[i].Instrument, reason));
        }

        foreach (var (instrument, reason) in rereads) await _lifecycle.OnRejectAsync(instrument, reason).ConfigureAwait(false);

        if (answers.Count < sent.Count)
        {
            _events.RequestFailed(VenueEndpoint.SubmitBatch, result.HttpStatus, RejectReason.VenueError,
                $"batch answer has {answers.Count} results for {sent.Count} orders", sent.Skip(answers.Count).Select(x => x.Id).ToArray());
        }
    }

    private bool TryBuild(OrderRequest r, out SignedOrder? signed)
    {
        signed = null;
        if (_builder is null || _credentials is null)
        {
            _events.Report(ExecutionReportKind.Rejected, r, null, RejectReason.Unauthorized, "no trading credentials configured");
            return false;
        }

        if (!_instruments.TryGet(r.Instrument, out var info))
        {
            _events.Report(ExecutionReportKind.Rejected, r, null, RejectReason.MarketUnavailable, "instrument not configured in the Polymarket adapter");
            return false;
        }

        if (r.Side == Side.Sell && _balances.IsBackingOff(info.Token, out var wait))
        {
            // The venue refused a sell of this token for balance a moment ago; its cache is being refreshed. Sending
            // again before the wait is over would only earn the same refusal (and count against the rate limits).
            _events.Report(ExecutionReportKind.Rejected, r, null, RejectReason.InsufficientBalance,
                $"refused locally: the venue refused a sell of this token for balance; next try in {Math.Ceiling(wait.TotalSeconds):0} s (balance refresh requested)");
            return false;
        }

        try
        {
            var market = new MarketSigningInfo(TokenId.Parse(info.Token), info.Instrument.TickSize, info.Market.NegRisk, _rest.OrderVersion);
            lock (_builderLock) signed = _builder.Build(r, market);
            // The venue's order id is the EIP-712 digest, known before sending: map it now, so a user-channel trade
            // that overtakes the POST answer (an immediate match) still finds our order.
            _orders.Add(OrderHash(signed, info.Market.NegRisk, market.Version ?? _builder.Version), new MappedOrder(r.Id, r.Instrument, r.Side));
            return true;
        }
        catch (ArgumentException ex)
        {
            var reason = ex.ParamName switch { "price" or "worstPrice" => RejectReason.InvalidPrice, "size" or "amount" => RejectReason.InvalidSize, _ => RejectReason.Other };
            _events.Report(ExecutionReportKind.Rejected, r, null, reason, "refused locally: " + ex.Message);
            return false;
        }
    }

    /// <summary>The venue order id of a signed order: "0x" + the EIP-712 digest under the market's exchange domain.</summary>
    private string OrderHash(SignedOrder signed, bool negRisk, OrderVersion version)
    {
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV2(signed.Order, structHash);
        Eip712.Digest(_contracts.For(version, negRisk).Separator, structHash, digest);
        return Hex.Encode0x(digest);
    }

    /// <summary>Reports one answer; returns the reject reason (None when placed).</summary>
    private RejectReason HandlePlaced(OrderRequest r, PostOrderResponseDto dto)
    {
        if (dto.Success && !string.IsNullOrEmpty(dto.OrderId))
        {
            _orders.Add(dto.OrderId, new MappedOrder(r.Id, r.Instrument, r.Side));
            if (r.Side == Side.Sell) _balances.OnSellAccepted(r.Instrument.Symbol);
            _events.Report(ExecutionReportKind.Accepted, r, dto.OrderId, RejectReason.None, dto.Status, r.Size);
            return RejectReason.None;
        }

        var reason = PolymarketErrorMapper.MapMessage(dto.ErrorMsg);
        if (reason == RejectReason.InsufficientBalance && r.Side == Side.Sell) _balances.OnSellRefused(r.Instrument.Symbol);
        if (reason == RejectReason.None) reason = RejectReason.Other;
        _events.Report(ExecutionReportKind.Rejected, r, dto.OrderId, reason, dto.ErrorMsg);
        return reason;
    }

    /// <summary>Reports a failed request; returns the reject reason when the orders were refused (None when in doubt).</summary>
    private RejectReason HandleFailure(IReadOnlyList<OrderRequest> orders, VenueEndpoint endpoint, PolymarketError e, int status)
    {
        _modes.OnRefusal(e);
        bool inDoubt = e.Reason is RejectReason.Timeout || (e.Reason == RejectReason.VenueError && status >= 500);
        if (inDoubt)
        {
            // The order may or may not be on the book: never resent (no client-id dedup at Polymarket); reconciliation decides.
            _events.RequestFailed(endpoint, status, e.Reason, e.Text, orders.Select(o => o.Id).ToArray(), e.RetryAfter);
            return RejectReason.None;
        }

        foreach (var r in orders)
        {
            if (e.Reason == RejectReason.InsufficientBalance && r.Side == Side.Sell) _balances.OnSellRefused(r.Instrument.Symbol);
            _events.Report(ExecutionReportKind.Rejected, r, null, e.Reason, e.Text, null, e.RetryAfter);
        }
        if (status == 429)
        {
            // The orders were certainly not placed (rejected above, so no reconciliation is needed); the engine still
            // has to hear about the 429 itself to pause its submits to this venue for Retry-After. Cancels keep going.
            // A refusal made here (status 0: the pause after that 429, or the open circuit breaker, which the engine
            // already mirrors from its CircuitOpen status) is not the venue speaking and pauses nothing more.
            _events.RequestFailed(endpoint, status, RejectReason.RateLimited, e.Text, [], e.RetryAfter);
        }

        return e.Reason;
    }
}
