using System.Net.WebSockets;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.UserStream;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// Bybit execution: only what the engine's order manager hands over (the risk gate is the road to the venue). Each call
/// returns at once and its request runs on the pool. Creates (one, or batches of 20 linear / 10 spot with every item's
/// code checked) go over <see cref="OrderTransport"/> with <c>orderLinkId</c> = our client order id; a success is only
/// acceptance, the private stream's <c>order</c> and <c>execution</c> messages report the rest. A create whose fate is
/// unknown — a timeout, a lost socket, a "state unknown" or "duplicate" retCode — is never re-sent: the venue is asked for
/// the order by orderLinkId, and what it says is reported (or, when it does not know it, the engine is told the order is
/// in doubt). Other retCodes map to typed reasons; a 10006 also pauses the engine's submits for the venue's reset.
/// </summary>
public sealed class BybitExecutionClient : IExecutionClient, IThreadSafeCancelAll, IDisposable
{
    private readonly BybitCategory _category;
    private readonly OrderTransport _transport;
    private readonly AccountReads _reads;
    private readonly ExecutionTranslator _translator;
    private readonly TimeProvider _time;
    private readonly ILogger? _log;
    private readonly List<Task> _inFlight = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private long _reconciledCreates;

    /// <summary>Creates the client.</summary>
    public BybitExecutionClient(BybitCategory category, OrderTransport transport, AccountReads reads, ExecutionTranslator translator, TimeProvider time, ILogger? log)
    {
        _category = category;
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _reads = reads ?? throw new ArgumentNullException(nameof(reads));
        _translator = translator ?? throw new ArgumentNullException(nameof(translator));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log;
    }

    /// <summary>The engine's sink (set at start).</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <inheritdoc />
    public int MaxBatchSize => _category == BybitCategory.Spot ? 10 : 20;

    /// <summary>Creates whose fate was unknown and that were looked up by orderLinkId.</summary>
    public long ReconciledCreates => Interlocked.Read(ref _reconciledCreates);

    /// <summary>The road orders take (counters: socket or REST).</summary>
    public OrderTransport Transport => _transport;

    /// <inheritdoc />
    public void Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Run(VenueEndpoint.Submit, [request.Id], () => SubmitAsync(request));
    }

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var chunk in requests.Chunk(MaxBatchSize)) Run(VenueEndpoint.SubmitBatch, [.. chunk.Select(r => r.Id)], () => SubmitBatchAsync(chunk));
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => Run(VenueEndpoint.Cancel, [id], () => CancelAsync(id, instrument));

    /// <inheritdoc />
    public void CancelAll() => Run(VenueEndpoint.CancelAll, [], () => CancelAllCoreAsync(null));

    /// <inheritdoc />
    public void CancelMarket(string marketId) => Run(VenueEndpoint.CancelMarket, [], () => CancelAllCoreAsync(marketId));

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => Run(VenueEndpoint.Query, [], () => SnapshotAsync(requestId, fillsSince));

    /// <inheritdoc />
    public Task<bool> CancelAllFromAnyThread() => CancelAllCoreAsync(null);

    /// <inheritdoc />
    public bool SupportsAmend => true;

    /// <inheritdoc />
    /// <remarks>
    /// <c>order.amend</c> by orderLinkId over the same road as creates. retCode 0 is reported
    /// <see cref="ExecutionReportKind.Amended"/>; any other code <see cref="ExecutionReportKind.AmendRejected"/> with its
    /// typed reason (the order keeps its old terms; a 10006 also pauses submits for the venue's reset). An amend whose
    /// fate is unknown (timeout, lost socket, a "state unknown" code) is not re-sent: the order is read back by
    /// orderLinkId and the amend counts as done only when the venue shows the new price and size.
    /// </remarks>
    public void Amend(ClientOrderId id, InstrumentId instrument, string? venueOrderId, Price price, Quantity size) =>
        Run(VenueEndpoint.Amend, [], () => AmendCoreAsync(id, instrument, price, size));

    /// <summary>
    /// Amends an open order's price and/or quantity (by orderLinkId) and returns the venue's answer as it is (a test
    /// lever: the engine goes through <see cref="Amend"/>).
    /// </summary>
    public Task<BybitResponse> AmendAsync(ClientOrderId id, InstrumentId instrument, Price? price, Quantity? qty) =>
        _transport.SendAsync("amend", BybitOrderJson.Amend(_category, instrument.Symbol, id, price, qty), _stop.Token);

    /// <summary>
    /// After the private stream reconnects: executions since the last one seen and the state of recent orders, read over
    /// REST and passed through the same translator (fills deduplicated by execId), then the session is restored.
    /// </summary>
    public async Task CatchUpAsync()
    {
        long since = _translator.LastExecTimeMs > 0 ? _translator.LastExecTimeMs - 1000 : _time.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds();
        foreach (var e in await _reads.ExecutionsAsync(since, _stop.Token).ConfigureAwait(false)) _translator.OnExecution(e);
        foreach (var o in await _reads.OrdersAsync(recentClosed: true, _stop.Token).ConfigureAwait(false)) _translator.OnOrder(o);
        Sink?.OnVenueStatus(new VenueStatusEvent(VenueNames.Bybit, VenueState.SessionRestored, _time.GetUtcNow(), Text: "bybit private stream back; missed executions and order states read over REST"));
    }

    /// <summary>Waits for every request started so far.</summary>
    public Task DrainAsync()
    {
        lock (_gate) return Task.WhenAll(_inFlight.ToArray());
    }

    /// <summary>Stops issuing requests.</summary>
    public void Stop() => _stop.Cancel();

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    private async Task SubmitAsync(OrderRequest r)
    {
        BybitResponse answer;
        try
        {
            answer = await _transport.SendAsync("create", BybitOrderJson.Create(_category, r), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or HttpRequestException or IOException)
        {
            await ReconcileCreateAsync(r, ex.GetType().Name).ConfigureAwait(false);
            return;
        }

        await OnCreateAnswerAsync(r, answer.RetCode, answer.RetMsg, VenueEndpoint.Submit).ConfigureAwait(false);
    }

    private async Task SubmitBatchAsync(OrderRequest[] batch)
    {
        BybitResponse answer;
        try
        {
            answer = await _transport.SendAsync("create-batch", BybitOrderJson.CreateBatch(_category, batch), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or HttpRequestException or IOException)
        {
            foreach (var r in batch) await ReconcileCreateAsync(r, ex.GetType().Name).ConfigureAwait(false);
            return;
        }

        for (int i = 0; i < batch.Length; i++)
        {
            // A refused batch as a whole answers every item with its code; otherwise each item has its own.
            var (code, message) = answer.RetCode != 0 ? (answer.RetCode, answer.RetMsg) : answer.Item(i);
            await OnCreateAnswerAsync(batch[i], code, message, VenueEndpoint.SubmitBatch).ConfigureAwait(false);
        }
    }

    private async Task OnCreateAnswerAsync(OrderRequest r, int code, string message, VenueEndpoint endpoint)
    {
        switch (BybitErrorCodes.Classify(code))
        {
            case BybitErrorClass.Ok:
                return; // accepted for processing: the order stream says what became of it
            case BybitErrorClass.StateUnknown or BybitErrorClass.Unknown or BybitErrorClass.Duplicate:
                await ReconcileCreateAsync(r, $"retCode {code}").ConfigureAwait(false);
                return;
            case BybitErrorClass.RateLimited:
                var wait = _transport.Rest.Limits.WaitFor("/v5/order/create", _transport.Rest.Clock.EstimatedNowMs());
                Report(ExecutionReportKind.Rejected, r, RejectReason.RateLimited, $"retCode {code}: {message}", wait);
                // The engine pauses its submits to the venue for the reset (nothing was placed, no order is in doubt).
                Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, endpoint, 429, RejectReason.RateLimited, $"retCode {code}: {message}", [], _time.GetUtcNow(), wait));
                return;
            default:
                Report(ExecutionReportKind.Rejected, r, BybitErrorCodes.ToRejectReason(code), $"retCode {code}: {message}");
                return;
        }
    }

    // The venue may or may not have the order: ask it by orderLinkId rather than send it again.
    private async Task ReconcileCreateAsync(OrderRequest r, string why)
    {
        Interlocked.Increment(ref _reconciledCreates);
        try
        {
            if (await _reads.OrderAsync(r.Instrument.Symbol, r.Id, _stop.Token).ConfigureAwait(false) is { } state)
            {
                _translator.OnOrder(state);
                return;
            }
        }
        catch (Exception ex) when (ex is BybitRequestException or TimeoutException or HttpRequestException or IOException)
        {
            _log?.LogWarning("bybit: could not look up order {Id} after '{Why}': {Error}", r.Id.Value, why, ex.GetType().Name);
        }

        Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, VenueEndpoint.Submit, 0, RejectReason.Timeout,
            $"create's fate unknown ({why}) and the venue does not list it by orderLinkId yet: not re-sent, reconciliation decides", [r.Id], _time.GetUtcNow()));
    }

    private async Task AmendCoreAsync(ClientOrderId id, InstrumentId instrument, Price price, Quantity size)
    {
        try
        {
            await AmendOnceAsync(id, instrument, price, size).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // every amend must be answered, or the engine's order would wait on it for good
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
#pragma warning restore CA1031
        {
            await ResolveAmendAsync(id, instrument, price, size, "adapter error " + ex.GetType().Name).ConfigureAwait(false);
        }
    }

    private async Task AmendOnceAsync(ClientOrderId id, InstrumentId instrument, Price price, Quantity size)
    {
        BybitResponse answer;
        try
        {
            answer = await _transport.SendAsync("amend", BybitOrderJson.Amend(_category, instrument.Symbol, id, price, size), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or HttpRequestException or IOException or BybitRequestException)
        {
            await ResolveAmendAsync(id, instrument, price, size, ex.GetType().Name).ConfigureAwait(false);
            return;
        }

        switch (BybitErrorCodes.Classify(answer.RetCode))
        {
            case BybitErrorClass.Ok:
                AmendAnswer(ExecutionReportKind.Amended, id, instrument, RejectReason.None, "amended");
                return;
            case BybitErrorClass.StateUnknown or BybitErrorClass.Unknown:
                await ResolveAmendAsync(id, instrument, price, size, $"retCode {answer.RetCode}").ConfigureAwait(false);
                return;
            case BybitErrorClass.RateLimited:
                var wait = _transport.Rest.Limits.WaitFor("/v5/order/amend", _transport.Rest.Clock.EstimatedNowMs());
                AmendAnswer(ExecutionReportKind.AmendRejected, id, instrument, RejectReason.RateLimited, $"retCode {answer.RetCode}: {answer.RetMsg}");
                Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, VenueEndpoint.Amend, 429, RejectReason.RateLimited, $"retCode {answer.RetCode}: {answer.RetMsg}", [], _time.GetUtcNow(), wait));
                return;
            default:
                AmendAnswer(ExecutionReportKind.AmendRejected, id, instrument, BybitErrorCodes.ToRejectReason(answer.RetCode), $"retCode {answer.RetCode}: {answer.RetMsg}");
                return;
        }
    }

    // The amend may or may not have reached the venue: it counts as done only when the venue shows the new terms.
    private async Task ResolveAmendAsync(ClientOrderId id, InstrumentId instrument, Price price, Quantity size, string why)
    {
        BybitOrderState? state = null;
        try
        {
            state = await _reads.OrderAsync(instrument.Symbol, id, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BybitRequestException or TimeoutException or HttpRequestException or IOException)
        {
            _log?.LogWarning("bybit: could not look up order {Id} after an amend's '{Why}': {Error}", id.Value, why, ex.GetType().Name);
        }

        bool applied = state is not null && state.Price == price && state.Qty == size;
        AmendAnswer(applied ? ExecutionReportKind.Amended : ExecutionReportKind.AmendRejected, id, instrument, applied ? RejectReason.None : RejectReason.Timeout,
            applied ? $"amend's answer lost ({why}); the venue shows the new terms" : $"amend's fate unknown ({why}); the venue does not show the new terms");
    }

    private void AmendAnswer(ExecutionReportKind kind, ClientOrderId id, InstrumentId instrument, RejectReason reason, string text) =>
        Sink?.OnExecutionReport(new ExecutionReport(kind, id, instrument, null, reason, text, null, null, _time.GetUtcNow()));

    private async Task CancelAsync(ClientOrderId id, InstrumentId instrument)
    {
        BybitResponse answer;
        try
        {
            answer = await _transport.SendAsync("cancel", BybitOrderJson.Cancel(_category, instrument.Symbol, id), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or HttpRequestException or IOException)
        {
            Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, VenueEndpoint.Cancel, 0, RejectReason.Timeout, "cancel's fate unknown: " + ex.GetType().Name, [id], _time.GetUtcNow()));
            return;
        }

        var cls = BybitErrorCodes.Classify(answer.RetCode);
        if (cls == BybitErrorClass.Ok) return; // the order stream reports the cancel
        // "Does not exist" usually means it filled or was cancelled already: the stream (or reconciliation) says which.
        Sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.CancelRejected, id, instrument, null, BybitErrorCodes.ToRejectReason(answer.RetCode), $"retCode {answer.RetCode}: {answer.RetMsg}",
            null, null, _time.GetUtcNow()));
    }

    private async Task<bool> CancelAllCoreAsync(string? symbol)
    {
        try
        {
            var answer = await _transport.Rest.PostAsync("/v5/order/cancel-all", BybitOrderJson.CancelAll(_category, symbol), _stop.Token).ConfigureAwait(false);
            if (answer.RetCode == 0) return true;
            _log?.LogError("bybit cancel-all refused: retCode {Code} ({Message})", answer.RetCode, answer.RetMsg);
            Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, symbol is null ? VenueEndpoint.CancelAll : VenueEndpoint.CancelMarket, 200,
                BybitErrorCodes.ToRejectReason(answer.RetCode), $"retCode {answer.RetCode}: {answer.RetMsg}", [], _time.GetUtcNow()));
            return false;
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or IOException)
        {
            Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, symbol is null ? VenueEndpoint.CancelAll : VenueEndpoint.CancelMarket, 0, RejectReason.Timeout,
                "cancel-all's fate unknown: " + ex.GetType().Name, [], _time.GetUtcNow()));
            return false;
        }
    }

    private async Task SnapshotAsync(long requestId, DateTimeOffset fillsSince)
    {
        var now = _time.GetUtcNow();
        try
        {
            var open = await _reads.OrdersAsync(recentClosed: false, _stop.Token).ConfigureAwait(false);
            var execs = await _reads.ExecutionsAsync(fillsSince.ToUnixTimeMilliseconds(), _stop.Token).ConfigureAwait(false);
            var (cash, coins) = await _reads.WalletAsync(_stop.Token).ConfigureAwait(false);
            // Spot holds coins, not positions: the base coin's balance is the position.
            var positions = _category == BybitCategory.Spot ? _reads.SpotPositions(coins) : await _reads.PositionsAsync(_stop.Token).ConfigureAwait(false);
            var orders = open.Select(o => new VenueOpenOrder(BybitOrderJson.TryParseLinkId(o.OrderLinkId, out var id) ? id : default, o.OrderId,
                new InstrumentId(VenueNames.Bybit, o.Symbol), o.Side, o.Price, o.Qty, o.CumExecQty)).ToList();
            var fills = execs.Where(e => e.ExecType == "Trade").Select(e => new Fill(e.ExecId, BybitOrderJson.TryParseLinkId(e.OrderLinkId, out var id) ? id : default,
                new InstrumentId(VenueNames.Bybit, e.Symbol), e.Side, e.Price, e.Qty, e.Fee.Raw >= 0 ? e.Fee : Money.Zero, e.Fee.Raw < 0 ? new Money(-e.Fee.Raw) : Money.Zero,
                e.IsMaker ? Liquidity.Maker : Liquidity.Taker, DateTimeOffset.FromUnixTimeMilliseconds(e.ExecTimeMs))).ToList();
            // Funding the stream missed goes ahead of the snapshot (same loop channel), so the venue's cash it explains is
            // booked on the funding line, not adopted as a cash difference; the translator books each execId once.
            foreach (var e in execs.Where(e => e.ExecType == "Funding")) _translator.OnExecution(e);
            Sink?.OnAccountSnapshot(new AccountSnapshot(VenueNames.Bybit, requestId, now, true, orders, cash, positions, fills, Balances: coins));
        }
        catch (Exception ex) when (ex is BybitRequestException or TimeoutException or HttpRequestException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            _log?.LogWarning("bybit account snapshot incomplete: {Error}", ex.Message);
            Sink?.OnAccountSnapshot(new AccountSnapshot(VenueNames.Bybit, requestId, now, false, [], Money.Zero, new Dictionary<InstrumentId, Quantity>(), []));
        }
    }

    private void Report(ExecutionReportKind kind, OrderRequest r, RejectReason reason, string text, TimeSpan? retryAfter = null) =>
        Sink?.OnExecutionReport(new ExecutionReport(kind, r.Id, r.Instrument, null, reason, text, null, null, _time.GetUtcNow(), retryAfter));

    private void Run(VenueEndpoint endpoint, ClientOrderId[] orders, Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // a background request must never crash the process; the failure becomes an event
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                // The exception's type only: its message may carry a URL or a payload, and nothing secret reaches the journal.
                Sink?.OnRequestFailed(new VenueRequestFailed(VenueNames.Bybit, endpoint, 0, RejectReason.Other, "adapter request failed: " + ex.GetType().Name, orders, _time.GetUtcNow()));
            }
        });
        lock (_gate)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(task);
        }
    }
}
