using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;
using Bookmaker.Venues.Polymarket.Wire;
using Bookmaker.Venues.Polymarket.Ws;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// The Polymarket CLOB V2 venue: market channel(s) → market data, user channel → execution reports, REST for orders,
/// cancels and reconciliation, heartbeat dead-man switch. Every <see cref="IExecutionClient"/> method returns at once;
/// the work runs on a background task and the answer arrives through the <see cref="IVenueEventSink"/>.
/// The private key, API secret and passphrase never reach a log line, an event text or an exception.
/// </summary>
public sealed class PolymarketVenueAdapter : IVenueAdapter, IMarketDataClient, IExecutionClient, IThreadSafeCancelAll
{
    private readonly PolymarketAdapterSettings _settings;
    private readonly TimeProvider _time;
    private readonly ApiCredentials? _credentials;
    private readonly L2RequestSigner? _l2;
    private readonly OrderBuilder? _builder;
    private readonly Lock _builderLock = new();
    private readonly Dictionary<InstrumentId, (Instrument Instrument, PolymarketMarket Market, string Token)> _byId = [];
    private readonly List<Instrument> _instruments = [];
    private readonly List<MarketChannelClient> _marketClients = [];
    private readonly List<Task> _inFlight = [];
    private readonly Lock _inFlightLock = new();
    private UserChannelClient? _userClient;
    private PolymarketHeartbeat? _heartbeat;
    private IVenueEventSink? _sink;
    private ITimer? _modeProbe;

    /// <summary>Creates the adapter.</summary>
    /// <param name="settings">Endpoints and keep-alive settings.</param>
    /// <param name="markets">Markets to trade (two instruments each).</param>
    /// <param name="key">Signing key; null for a market-data-only adapter.</param>
    /// <param name="credentials">L2 credentials; null for a market-data-only adapter.</param>
    /// <param name="time">Engine clock.</param>
    /// <param name="saltRandom">Order salt source (seeded in tests).</param>
    /// <param name="handler">Optional HTTP transport (tests).</param>
    public PolymarketVenueAdapter(PolymarketAdapterSettings settings, IReadOnlyList<PolymarketMarket> markets, ISecp256k1Signer? key, ApiCredentials? credentials,
        TimeProvider time, Random? saltRandom = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
        _credentials = credentials;
        if (key is not null && credentials is not null)
        {
            _l2 = new L2RequestSigner(credentials, key.Address);
            var wallet = settings.Funder is null ? (EthereumAddress?)null : EthereumAddress.Parse(settings.Funder);
            var signer = new OrderSigner(key, settings.SignatureType, settings.SignatureType == SignatureType.Eoa ? null : wallet);
            _builder = new OrderBuilder(signer, settings.Contracts, time, saltRandom ?? new Random());
        }

        Rest = new PolymarketRestClient(settings.Http, _l2, time, handler);
        foreach (var m in markets)
        {
            var (yes, no) = m.ToInstruments();
            foreach (var (inst, token) in new[] { (yes, m.YesTokenId), (no, m.NoTokenId) })
            {
                if (_byId.TryAdd(inst.Id, (inst, m, token))) _instruments.Add(inst);
            }
        }

        Mapper = new UserEventMapper(Orders, () => _sink, time);
    }

    /// <inheritdoc />
    public string Venue => VenueNames.Polymarket;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <inheritdoc />
    public IMarketDataClient MarketData => this;

    /// <inheritdoc />
    public IExecutionClient Execution => this;

    /// <inheritdoc />
    public int MaxBatchSize => OrderJson.MaxBatchSize;

    /// <summary>The REST client (rate-limit headers: <see cref="PolymarketRestClient.RateLimitObserved"/>).</summary>
    public PolymarketRestClient Rest { get; }

    /// <summary>Venue order id ↔ our id.</summary>
    public VenueOrderMap Orders { get; } = new();

    /// <summary>User-channel → execution-report mapping.</summary>
    public UserEventMapper Mapper { get; }

    /// <summary>The market-channel connections (one per ≤ 500 assets).</summary>
    public IReadOnlyList<MarketChannelClient> MarketChannels => _marketClients;

    /// <summary>The heartbeat, when trading credentials are present.</summary>
    public PolymarketHeartbeat? Heartbeat => _heartbeat;

    /// <summary>Waits for every background request started so far (tests, orderly shutdown).</summary>
    public Task DrainAsync()
    {
        lock (_inFlightLock) return Task.WhenAll(_inFlight.ToArray());
    }

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        foreach (var i in instruments)
        {
            if (!_byId.ContainsKey(i.Id))
                throw new ArgumentException($"{i.Id} is not one of this adapter's instruments; configure its market first", nameof(instruments));
        }

        // Every configured instrument is subscribed at start; nothing more to do.
    }

    /// <inheritdoc />
    public async Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        var map = new AssetIndexMap();
        foreach (var inst in _instruments)
        {
            if (inst.Index < 0) throw new InvalidOperationException($"register {inst.Id} in the engine's instrument registry before starting the adapter");
            map.Add(inst.Id.Symbol, inst.Index);
        }

        await Rest.RefreshOrderVersionAsync(cancellationToken).ConfigureAwait(false); // stays V2 when unreadable
        int seed = 1;
        foreach (var shard in PolymarketSubscriptions.Shard(_instruments.Select(i => i.Id.Symbol)))
        {
            var client = new MarketChannelClient(_settings.MarketWsUrl, shard, map, sink, _settings.Socket, _time, null, seed++);
            _marketClients.Add(client);
            client.Start();
        }

        if (_credentials is not null && _builder is not null)
        {
            var conditions = _byId.Values.Select(v => v.Market.ConditionId).Distinct().ToList();
            _userClient = new UserChannelClient(_settings.UserWsUrl, _credentials, conditions, Mapper, sink, _settings.Socket, _time);
            _userClient.Start();
            _heartbeat = new PolymarketHeartbeat(Rest, () => _sink, _time, _settings.HeartbeatInterval);
            _heartbeat.Start();
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var c in _marketClients) await c.StopAsync().ConfigureAwait(false);
        if (_userClient is not null) await _userClient.StopAsync().ConfigureAwait(false);
        if (_heartbeat is not null) await _heartbeat.DisposeAsync().ConfigureAwait(false);
        lock (_inFlightLock)
        {
            _modeProbe?.Dispose();
            _modeProbe = null;
        }

        await DrainAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var c in _marketClients) await c.DisposeAsync().ConfigureAwait(false);
        if (_userClient is not null) await _userClient.DisposeAsync().ConfigureAwait(false);
        Rest.Dispose();
        _l2?.Dispose();
    }

    // ------------------------------------------------------------------ execution

    /// <inheritdoc />
    public void Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Run(VenueEndpoint.Submit, [request.Id], () => SubmitCoreAsync(request));
    }

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var copy = requests.ToArray();
        Run(VenueEndpoint.SubmitBatch, [.. copy.Select(r => r.Id)], () => SubmitBatchCoreAsync(copy));
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) =>
        Run(VenueEndpoint.Cancel, [id], () => CancelCoreAsync(id, instrument, venueOrderId));

    /// <inheritdoc />
    public void CancelAll() => Run(VenueEndpoint.CancelAll, [], () => CancelManyAsync(VenueEndpoint.CancelAll, Rest.CancelAllAsync()));

    /// <inheritdoc />
    /// <remarks>The REST client is safe from any thread; the answer is reported through the sink like any cancel-all.</remarks>
    public Task<bool> CancelAllFromAnyThread()
    {
        var call = Rest.CancelAllAsync();
        Run(VenueEndpoint.CancelAll, [], () => CancelManyAsync(VenueEndpoint.CancelAll, call));
        return call.ContinueWith(t => t.IsCompletedSuccessfully && t.Result.IsSuccess, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public void CancelMarket(string marketId)
    {
        ArgumentException.ThrowIfNullOrEmpty(marketId);
        Run(VenueEndpoint.CancelMarket, [], () => CancelManyAsync(VenueEndpoint.CancelMarket, Rest.CancelMarketOrdersAsync(marketId)));
    }

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) =>
        Run(VenueEndpoint.Query, [], () => SnapshotCoreAsync(requestId, fillsSince));

    /// <summary>
    /// Runs a request in the background. A request that throws is reported as what it is — a failed request of that
    /// endpoint, naming the orders it carried (so they are reconciled) — and never as a venue status: a status is the
    /// venue's trading mode, and a "Live" here would lift a cancel-only or post-only mode the venue still has.
    /// </summary>
    private void Run(VenueEndpoint endpoint, IReadOnlyList<ClientOrderId> orders, Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a background request must never crash the process; the failure becomes an event
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                // The exception's type only: its message may carry a URL or a payload, and nothing secret reaches the journal.
                _sink?.OnRequestFailed(new VenueRequestFailed(Venue, endpoint, 0, RejectReason.Other, "adapter request failed: " + ex.GetType().Name, orders, _time.GetUtcNow()));
            }
        });
        lock (_inFlightLock)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(task);
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private void Report(ExecutionReportKind kind, OrderRequest r, string? venueId, RejectReason reason, string? text, Quantity? leaves = null, TimeSpan? retryAfter = null) =>
        _sink?.OnExecutionReport(new ExecutionReport(kind, r.Id, r.Instrument, venueId, reason, text, null, leaves, Now, retryAfter));

    private bool TryBuild(OrderRequest r, out SignedOrder? signed)
    {
        signed = null;
        if (_builder is null || _credentials is null)
        {
            Report(ExecutionReportKind.Rejected, r, null, RejectReason.Unauthorized, "no trading credentials configured");
            return false;
        }

        if (!_byId.TryGetValue(r.Instrument, out var info))
        {
            Report(ExecutionReportKind.Rejected, r, null, RejectReason.MarketUnavailable, "instrument not configured in the Polymarket adapter");
            return false;
        }

        try
        {
            var market = new MarketSigningInfo(TokenId.Parse(info.Token), info.Instrument.TickSize, info.Market.NegRisk, Rest.OrderVersion);
            lock (_builderLock) signed = _builder.Build(r, market);
            // The venue's order id is the EIP-712 digest, known before sending: map it now, so a user-channel trade
            // that overtakes the POST answer (an immediate match) still finds our order.
            Orders.Add(OrderHash(signed, info.Market.NegRisk, market.Version ?? _builder.Version), new MappedOrder(r.Id, r.Instrument, r.Side));
            return true;
        }
        catch (ArgumentException ex)
        {
            var reason = ex.ParamName switch { "price" or "worstPrice" => RejectReason.InvalidPrice, "size" or "amount" => RejectReason.InvalidSize, _ => RejectReason.Other };
            Report(ExecutionReportKind.Rejected, r, null, reason, "refused locally: " + ex.Message);
            return false;
        }
    }

    /// <summary>The venue order id of a signed order: "0x" + the EIP-712 digest under the market's exchange domain.</summary>
    private string OrderHash(SignedOrder signed, bool negRisk, OrderVersion version)
    {
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV2(signed.Order, structHash);
        Eip712.Digest(_settings.Contracts.For(version, negRisk).Separator, structHash, digest);
        return Hex.Encode0x(digest);
    }

    private async Task SubmitCoreAsync(OrderRequest r)
    {
        if (!TryBuild(r, out var signed)) return;
        var result = await Rest.PostOrderAsync(OrderJson.SerializeOrder(signed!, _credentials!.ApiKey)).ConfigureAwait(false);
        bool mismatch = result.Error?.OrderVersionMismatch == true || result.Value?.ErrorMsg?.Contains(PolymarketErrorMapper.OrderVersionMismatchText, StringComparison.OrdinalIgnoreCase) == true;
        if (mismatch)
        {
            await Rest.RefreshOrderVersionAsync().ConfigureAwait(false);
            if (!TryBuild(r, out signed)) return;
            result = await Rest.PostOrderAsync(OrderJson.SerializeOrder(signed!, _credentials.ApiKey)).ConfigureAwait(false); // re-signed once, never more
        }

        if (result.IsSuccess) HandlePlaced(r, result.Value!);
        else HandleSubmitFailure([r], VenueEndpoint.Submit, result.Error!.Value, result.HttpStatus);
    }

    private async Task SubmitBatchCoreAsync(OrderRequest[] requests)
    {
        if (requests.Length == 0) return;
        if (requests.Length > MaxBatchSize)
        {
            foreach (var r in requests)
                Report(ExecutionReportKind.Rejected, r, null, RejectReason.BatchTooLarge, $"refused locally: batch of {requests.Length}, max {MaxBatchSize}");
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
        var result = await Rest.PostOrdersAsync(OrderJson.SerializeBatch(signed, _credentials!.ApiKey), sent.Count).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            HandleSubmitFailure(sent, VenueEndpoint.SubmitBatch, result.Error!.Value, result.HttpStatus);
            return;
        }

        var answers = result.Value!;
        for (int i = 0; i < sent.Count; i++)
        {
            if (i < answers.Count) HandlePlaced(sent[i], answers[i]);
        }

        if (answers.Count < sent.Count)
        {
            _sink?.OnRequestFailed(new VenueRequestFailed(Venue, VenueEndpoint.SubmitBatch, result.HttpStatus, RejectReason.VenueError,
                $"batch answer has {answers.Count} results for {sent.Count} orders", sent.Skip(answers.Count).Select(x => x.Id).ToArray(), Now));
        }
    }

    private void HandlePlaced(OrderRequest r, PostOrderResponseDto dto)
    {
        if (dto.Success && !string.IsNullOrEmpty(dto.OrderId))
        {
            Orders.Add(dto.OrderId, new MappedOrder(r.Id, r.Instrument, r.Side));
            Report(ExecutionReportKind.Accepted, r, dto.OrderId, RejectReason.None, dto.Status, r.Size);
            return;
        }

        var reason = PolymarketErrorMapper.MapMessage(dto.ErrorMsg);
        Report(ExecutionReportKind.Rejected, r, dto.OrderId, reason == RejectReason.None ? RejectReason.Other : reason, dto.ErrorMsg);
    }

    private void HandleSubmitFailure(IReadOnlyList<OrderRequest> orders, VenueEndpoint endpoint, PolymarketError e, int status)
    {
        RaiseModeChange(e);
        bool inDoubt = e.Reason is RejectReason.Timeout || (e.Reason == RejectReason.VenueError && status >= 500);
        if (inDoubt)
        {
            // The order may or may not be on the book: never resent (no client-id dedup at Polymarket); reconciliation decides.
            _sink?.OnRequestFailed(new VenueRequestFailed(Venue, endpoint, status, e.Reason, e.Text, orders.Select(o => o.Id).ToArray(), Now, e.RetryAfter));
            return;
        }

        foreach (var r in orders) Report(ExecutionReportKind.Rejected, r, null, e.Reason, e.Text, null, e.RetryAfter);
        if (status == 429 || e.Reason == RejectReason.RateLimited)
        {
            // The orders were certainly not placed (rejected above, so no reconciliation is needed); the engine still
            // has to hear about the 429 itself to open its submit circuit for Retry-After. Cancels keep going.
            _sink?.OnRequestFailed(new VenueRequestFailed(Venue, endpoint, status, RejectReason.RateLimited, e.Text, [], Now, e.RetryAfter));
        }
    }

    private void RaiseModeChange(PolymarketError e)
    {
        VenueState? state = e.Reason switch
        {
            RejectReason.CancelOnly when e.Text?.Contains("closed only", StringComparison.OrdinalIgnoreCase) != true => VenueState.CancelOnly,
            RejectReason.PostOnlyMode => VenueState.PostOnly,
            RejectReason.VenueRestarting => VenueState.Restarting,
            _ => null,
        };
        if (state is VenueState s)
        {
            _sink?.OnVenueStatus(new VenueStatusEvent(Venue, s, Now, e.RetryAfter, e.Text));
            if (s is VenueState.CancelOnly or VenueState.PostOnly) ScheduleModeProbe(e.RetryAfter ?? _settings.ModeProbeInterval);
        }
    }

    // Nothing announces the end of a cancel-only / post-only window: after Retry-After (or the probe interval) the
    // engine is told the venue is live again; if it is not, the next submit's 503 raises the mode once more.
    private void ScheduleModeProbe(TimeSpan after)
    {
        lock (_inFlightLock)
        {
            if (_modeProbe is not null) return;
            _modeProbe = _time.CreateTimer(_ =>
            {
                lock (_inFlightLock)
                {
                    _modeProbe?.Dispose();
                    _modeProbe = null;
                }

                _sink?.OnVenueStatus(new VenueStatusEvent(Venue, VenueState.Live, Now, null, "trading-mode window elapsed; submits resume (a new 503 restores the mode)"));
            }, null, after, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task CancelCoreAsync(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
    {
        venueOrderId ??= Orders.VenueIdOf(id);
        if (venueOrderId is null)
        {
            _sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.CancelRejected, id, instrument, null, RejectReason.Other,
                "venue order id unknown (order not acknowledged yet)", null, null, Now));
            return;
        }

        var r = await Rest.CancelOrderAsync(venueOrderId).ConfigureAwait(false);
        if (!r.IsSuccess)
        {
            _sink?.OnRequestFailed(new VenueRequestFailed(Venue, VenueEndpoint.Cancel, r.HttpStatus, r.Error!.Value.Reason, r.Error.Value.Text, [id], Now, r.Error.Value.RetryAfter));
            return;
        }

        ReportCancels(r.Value!, (id, instrument));
    }

    private async Task CancelManyAsync(VenueEndpoint endpoint, Task<RestResult<CancelResponseDto>> call)
    {
        var r = await call.ConfigureAwait(false);
        if (!r.IsSuccess)
        {
            _sink?.OnRequestFailed(new VenueRequestFailed(Venue, endpoint, r.HttpStatus, r.Error!.Value.Reason, r.Error.Value.Text, [], Now, r.Error.Value.RetryAfter));
            return;
        }

        ReportCancels(r.Value!, null);
    }

    private void ReportCancels(CancelResponseDto dto, (ClientOrderId Id, InstrumentId Instrument)? fallback)
    {
        foreach (string vid in dto.Canceled)
        {
            if (Orders.TryGet(vid, out var o))
                _sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, o.OrderId, o.Instrument, vid, RejectReason.None, null, null, null, Now));
            else if (fallback is { } f)
                _sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, f.Id, f.Instrument, vid, RejectReason.None, null, null, null, Now));
        }

        foreach (var (vid, why) in dto.NotCanceled)
        {
            ClientOrderId id;
            InstrumentId inst;
            if (Orders.TryGet(vid, out var o)) (id, inst) = (o.OrderId, o.Instrument);
            else if (fallback is { } f) (id, inst) = f;
            else continue;
            var kind = why.Contains("not found", StringComparison.OrdinalIgnoreCase) ? ExecutionReportKind.NotFound : ExecutionReportKind.CancelRejected;
            _sink?.OnExecutionReport(new ExecutionReport(kind, id, inst, vid, PolymarketErrorMapper.MapMessage(why), why, null, null, Now));
        }
    }

    private async Task SnapshotCoreAsync(long requestId, DateTimeOffset since)
    {
        if (_credentials is null)
        {
            _sink?.OnAccountSnapshot(new AccountSnapshot(Venue, requestId, Now, false, [], Money.Zero, new Dictionary<InstrumentId, Quantity>(), []));
            return;
        }

        int sigType = (int)_settings.SignatureType;
        var ordersTask = Rest.GetOpenOrdersAsync();
        var tradesTask = Rest.GetTradesAsync(since);
        var cashTask = Rest.GetBalanceAllowanceAsync("COLLATERAL", null, sigType);
        var positionTasks = _instruments.Select(i => (i.Id, Task: Rest.GetBalanceAllowanceAsync("CONDITIONAL", i.Id.Symbol, sigType))).ToList();
        await Task.WhenAll(ordersTask, tradesTask, cashTask).ConfigureAwait(false);
        await Task.WhenAll(positionTasks.Select(p => p.Task)).ConfigureAwait(false);

        bool complete = ordersTask.Result.IsSuccess && tradesTask.Result.IsSuccess && cashTask.Result.IsSuccess;
        var open = new List<VenueOpenOrder>();
        foreach (var o in ordersTask.Result.Value ?? [])
        {
            Orders.TryGet(o.Id, out var mapped);
            if (!Price.TryParse(o.Price, out var price) || !Quantity.TryParse(o.OriginalSize, out var orig) || !Quantity.TryParse(o.SizeMatched ?? "0", out var matched))
            {
                complete = false;
                continue;
            }

            var side = TradeFills.ParseSide(o.Side) ?? mapped.Side;
            open.Add(new VenueOpenOrder(mapped.OrderId, o.Id, new InstrumentId(Venue, o.AssetId), side, price, orig, matched));
        }

        var fills = new List<Fill>();
        foreach (var t in tradesTask.Result.Value ?? []) fills.AddRange(TradeFills.FromRestTrade(t, Orders, _credentials.ApiKey, Now));
        var cash = Micros(cashTask.Result.Value?.Balance, out bool cashOk);
        complete &= cashOk || !cashTask.Result.IsSuccess;
        var positions = new Dictionary<InstrumentId, Quantity>();
        foreach (var (id, task) in positionTasks)
        {
            if (!task.Result.IsSuccess)
            {
                complete = false;
                continue;
            }

            long micros = Micros(task.Result.Value!.Balance, out bool ok);
            if (!ok) complete = false;
            else if (micros != 0) positions[id] = Quantity.FromMicros(micros);
        }

        _sink?.OnAccountSnapshot(new AccountSnapshot(Venue, requestId, Now, complete, open, Money.FromMicros(cash), positions, fills));
    }

    private static long Micros(string? sixDecimalUnits, out bool ok)
    {
        ok = long.TryParse(sixDecimalUnits, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v);
        return ok ? v : 0;
    }
}
