using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Wire;
using Bookmaker.Venues.Polymarket.Ws;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// The Polymarket CLOB V2 venue: market channel(s) → market data, user channel → execution reports, REST for orders,
/// cancels and reconciliation, heartbeat dead-man switch. This class wires the parts and runs their lifecycle; every
/// <see cref="IExecutionClient"/> method returns at once, its work runs in <see cref="BackgroundRequests"/>
/// (<see cref="OrderSubmission"/>, <see cref="CancelRequests"/>, <see cref="AccountSnapshotBuilder"/>) and the answer
/// arrives through the <see cref="IVenueEventSink"/> (<see cref="VenueEventReporter"/>).
/// The private key, API secret and passphrase never reach a log line, an event text or an exception.
/// </summary>
public sealed class PolymarketVenueAdapter : IVenueAdapter, IMarketDataClient, IExecutionClient, IThreadSafeCancelAll
{
    private readonly PolymarketAdapterSettings _settings;
    private readonly TimeProvider _time;
    private readonly ApiCredentials? _credentials;
    private readonly L2RequestSigner? _l2;
    private readonly AdapterInstruments _instruments;
    private readonly VenueEventReporter _events;
    private readonly BackgroundRequests _requests;
    private readonly VenueModeWatch _modes;
    private readonly OrderSubmission _submission;
    private readonly CancelRequests _cancels;
    private readonly AccountSnapshotBuilder _snapshots;
    private readonly MarketLifecycleWatch _lifecycle;
    private readonly List<MarketChannelClient> _marketClients = [];
    private UserChannelClient? _userClient;
    private PolymarketHeartbeat? _heartbeat;

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
        OrderBuilder? builder = null;
        if (key is not null && credentials is not null)
        {
            _l2 = new L2RequestSigner(credentials, key.Address);
            var wallet = settings.Funder is null ? (EthereumAddress?)null : EthereumAddress.Parse(settings.Funder);
            var signer = new OrderSigner(key, settings.SignatureType, settings.SignatureType == SignatureType.Eoa ? null : wallet);
            builder = new OrderBuilder(signer, settings.Contracts, time, saltRandom ?? new Random());
        }

        Rest = new PolymarketRestClient(settings.Http, _l2, time, handler);
        _instruments = new AdapterInstruments(markets);
        _events = new VenueEventReporter(Venue, time);
        _requests = new BackgroundRequests(_events);
        _modes = new VenueModeWatch(_events, time, settings.ModeProbeInterval);
        BalanceRefresh = new TokenBalanceRefresh(Rest, (int)settings.SignatureType, time);
        _lifecycle = new MarketLifecycleWatch(Rest, _instruments, _events) { DeliverTick = DeliverTick };
        // A 403 from the venue's edge pauses every request (ForbiddenPause); the engine hears it as a blocked venue.
        Rest.Forbidden += (length, path) => _events.Status(VenueState.Blocked, length, $"HTTP 403 on {path}");
        // The submit circuit breaker (Polly, in the REST pipeline) is the engine's only one: the gate mirrors what we report.
        Rest.SubmitCircuitChanged += (state, length) => _events.SubmitCircuit(state, length);
        _submission = new OrderSubmission(builder, credentials, Rest, _instruments, Orders, _events, _modes, _lifecycle, settings.Contracts, BalanceRefresh);
        _cancels = new CancelRequests(Rest, Orders, _events);
        var curves = new MarketFeeCurves(markets);
        _snapshots = new AccountSnapshotBuilder(Rest, _instruments, Orders, _events, credentials?.ApiKey, (int)settings.SignatureType, curves);
        var refreshing = new BalanceRefreshSink(() => _events.Sink, BalanceRefresh);
        Mapper = new UserEventMapper(Orders, () => refreshing, time, credentials?.ApiKey, curves);
    }

    /// <inheritdoc />
    public string Venue => VenueNames.Polymarket;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _instruments.All;

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

    /// <summary>Token balance-cache refreshes and the per-token back-off of SELLs the venue refused for balance.</summary>
    internal TokenBalanceRefresh BalanceRefresh { get; }

    /// <summary>The market-channel connections (one per ≤ 500 assets).</summary>
    public IReadOnlyList<MarketChannelClient> MarketChannels => _marketClients;

    /// <summary>Ticks re-read over REST (after an off-tick reject or a market-channel reconnect).</summary>
    public long TickRereads => _lifecycle.TickRereads;

    /// <summary>The heartbeat, when trading credentials are present.</summary>
    public PolymarketHeartbeat? Heartbeat => _heartbeat;

    /// <summary>
    /// Asks the venue which of our orders earn liquidity rewards now (POST <c>/orders-scoring</c>, one request). Call it
    /// off the event loop. The answer covers the orders the venue has acknowledged (the others cannot be asked about),
    /// true when scoring; null when the request failed or nothing could be asked.
    /// </summary>
    public async Task<IReadOnlyDictionary<ClientOrderId, bool>?> CheckScoringAsync(IReadOnlyList<ClientOrderId> orders, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var asked = new Dictionary<string, ClientOrderId>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in orders)
        {
            if (Orders.VenueIdOf(id) is { } venueId) asked[venueId] = id;
        }

        if (asked.Count == 0 || _l2 is null) return null;
        var r = await Rest.GetOrdersScoringAsync([.. asked.Keys], ct).ConfigureAwait(false);
        if (!r.IsSuccess) return null;
        var answer = new Dictionary<ClientOrderId, bool>(asked.Count);
        foreach (var (venueId, id) in asked) answer[id] = r.Value!.TryGetValue(venueId, out bool scoring) && scoring;
        return answer;
    }

    /// <summary>Waits for every background request started so far (tests, orderly shutdown).</summary>
    public Task DrainAsync() => _requests.DrainAsync();

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        foreach (var i in instruments)
        {
            if (!_instruments.Contains(i.Id))
                throw new ArgumentException($"{i.Id} is not one of this adapter's instruments; configure its market first", nameof(instruments));
        }

        // Every configured instrument is subscribed at start; nothing more to do.
    }

    /// <inheritdoc />
    public async Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _events.Sink = sink;
        var map = new AssetIndexMap();
        foreach (var inst in _instruments.All)
        {
            if (inst.Index < 0) throw new InvalidOperationException($"register {inst.Id} in the engine's instrument registry before starting the adapter");
            map.Add(inst.Id.Symbol, inst.Index);
        }

        await Rest.RefreshOrderVersionAsync(cancellationToken).ConfigureAwait(false); // stays V2 when unreadable
        int seed = 1;
        foreach (var shard in PolymarketSubscriptions.Shard(_instruments.All.Select(i => i.Id.Symbol)))
        {
            var client = new MarketChannelClient(_settings.MarketWsUrl, shard, map, sink, _settings.Socket, _time, null, seed++, _settings.AssetWatchdog, FetchBookAsync,
                _lifecycle.OnReconnectedAsync);
            _marketClients.Add(client);
            client.Start();
        }

        if (_credentials is not null && _l2 is not null)
        {
            _userClient = new UserChannelClient(_settings.UserWsUrl, _credentials, _instruments.ConditionIds(), Mapper, sink, _settings.Socket, _time);
            _userClient.Start();
            _heartbeat = new PolymarketHeartbeat(Rest, () => _events.Sink, _time, _settings.HeartbeatInterval, _settings.HeartbeatWindow);
            _heartbeat.Start();
        }
    }

    /// <summary>A re-read tick, delivered through the market channel that carries the token (in order with its messages).</summary>
    private void DeliverTick(int index, string token, Core.Values.Price tick)
    {
        foreach (var c in _marketClients)
        {
            if (!c.Carries(index)) continue;
            c.DeliverTick(index, tick);
            return;
        }

        _events.Sink?.OnMarketData(new MarketDataEvent(MarketDataKind.TickSizeChange, index, Core.Values.Side.Buy, tick, default, 0, 0, _time.GetUtcNow().UtcTicks, _time.GetUtcNow().UtcTicks));
    }

    /// <summary>One token's book over REST, best-first, for the market channel's watchdog; null when it cannot be read.</summary>
    private async Task<BookSnapshot?> FetchBookAsync(string tokenId, CancellationToken ct)
    {
        var r = await Rest.GetBookAsync(tokenId, ct).ConfigureAwait(false);
        if (!r.IsSuccess || r.Value is null) return null;
        var book = new BookSnapshot();
        foreach (var l in r.Value.Bids) if (l.Size.Raw > 0) book.Bids.Add(new BookLevel(l.Price, l.Size));
        foreach (var l in r.Value.Asks) if (l.Size.Raw > 0) book.Asks.Add(new BookLevel(l.Price, l.Size));
        // The venue usually sends levels worst-first; the engine's snapshot is best-first.
        book.Bids.Sort((a, b) => b.Price.CompareTo(a.Price));
        book.Asks.Sort((a, b) => a.Price.CompareTo(b.Price));
        return book;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var c in _marketClients) await c.StopAsync().ConfigureAwait(false);
        if (_userClient is not null) await _userClient.StopAsync().ConfigureAwait(false);
        if (_heartbeat is not null) await _heartbeat.DisposeAsync().ConfigureAwait(false);
        _modes.Stop();
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

    // ------------------------------------------------------------------ execution: each call returns at once

    /// <inheritdoc />
    public void Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.Run(VenueEndpoint.Submit, [request.Id], () => _submission.SubmitAsync(request));
    }

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var copy = requests.ToArray();
        _requests.Run(VenueEndpoint.SubmitBatch, [.. copy.Select(r => r.Id)], () => _submission.SubmitBatchAsync(copy, MaxBatchSize));
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) =>
        _requests.Run(VenueEndpoint.Cancel, [id], () => _cancels.CancelAsync(id, instrument, venueOrderId));

    /// <inheritdoc />
    public void CancelAll() => _requests.Run(VenueEndpoint.CancelAll, [], () => _cancels.CancelManyAsync(VenueEndpoint.CancelAll, Rest.CancelAllAsync()));

    /// <inheritdoc />
    /// <remarks>The REST client is safe from any thread; the answer is reported through the sink like any cancel-all.</remarks>
    public Task<bool> CancelAllFromAnyThread()
    {
        var call = Rest.CancelAllAsync();
        _requests.Run(VenueEndpoint.CancelAll, [], () => _cancels.CancelManyAsync(VenueEndpoint.CancelAll, call));
        return call.ContinueWith(t => t.IsCompletedSuccessfully && t.Result.IsSuccess, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <inheritdoc />
    public void CancelMarket(string marketId)
    {
        ArgumentException.ThrowIfNullOrEmpty(marketId);
        _requests.Run(VenueEndpoint.CancelMarket, [], () => _cancels.CancelManyAsync(VenueEndpoint.CancelMarket, Rest.CancelMarketOrdersAsync(marketId)));
    }

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => _requests.Run(VenueEndpoint.Query, [], () => _snapshots.BuildAsync(requestId, fillsSince));
}
