using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// The embedded simulated venue as a real <see cref="IVenueAdapter"/>: a <see cref="MatchingEngine"/> with our account
/// and any number of other participants (synthetic agents), order-entry / feed / response latency, and seeded fault
/// injection. Everything happens on the injected <see cref="TimeProvider"/> through one <see cref="VenueScheduler"/>,
/// so on a <c>SimulatedTimeProvider</c> driven by <c>SimulationDriver</c> a run is a pure function of its seed.
/// </summary>
/// <remarks>
/// <para>This class lists the markets and wires the parts. Order path: <see cref="SimulatedRequests"/> (order-entry
/// delay, venue modes, the fault verdict), then <see cref="SimulatedExecution"/> (the matching engine, our orders'
/// events as <see cref="ExecutionReport"/>s), which travel back through <see cref="UserReports"/> (the response delay
/// and the <c>user_feed</c> faults).</para>
/// <para>Feed path: <see cref="SimulatedFeed"/> coalesces what matching changed into one message per instrument per
/// clock instant, with per-instrument sequences, through the <c>feed</c> faults and the feed delay.</para>
/// </remarks>
public sealed class SimulatedVenue : IVenueAdapter, IMarketDataClient, IExecutionClient
{
    private readonly SimulatedVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly MatchingEngine _engine;
    private readonly VenueFaults _faults;
    private readonly ClientLink _client;
    private readonly SimulatedRequests _requests;
    private readonly SimulatedFeed _feed;
    private readonly SimulatedExecution _execution;
    private readonly List<SimulatedMarket> _markets = [];
    private readonly List<Instrument> _external = [];
    private readonly Dictionary<string, int> _marketById = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, int> _slotByExternal = [];

    /// <summary>Creates a venue with <paramref name="markets"/> on <paramref name="time"/>.</summary>
    public SimulatedVenue(TimeProvider time, IEnumerable<SimulatedMarket> markets, SimulatedVenueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(markets);
        _options = options ?? new SimulatedVenueOptions();
        _scheduler = new VenueScheduler(time);
        _engine = new MatchingEngine(time, _options.Rules, SelfTradePrevention.CancelMaker);
        _faults = new VenueFaults(_options.Faults, _options.Seed);
        var (feedLatency, entryLatency, responseLatency) = _options.Latency.CreateChannels(_options.Seed);
        _client = new ClientLink(_options.Venue, _scheduler);
        var answers = new AnswerTiming();
        _requests = new SimulatedRequests(_options, _scheduler, _faults, entryLatency, responseLatency, answers, _client, Stats);
        var reports = new UserReports(_scheduler, responseLatency, _faults, answers, _client, Stats);
        _feed = new SimulatedFeed(_engine, _options, _scheduler, feedLatency, _faults, _client, Stats, _external);
        foreach (var m in markets) AddMarket(m);
        int ourAccount = _engine.OpenAccount(_options.StartingCash);
        _execution = new SimulatedExecution(_engine, _options, _scheduler, _feed, reports, answers, _client, _external, SlotOf, ourAccount);
    }

    /// <summary>Polymarket-style texts of the request-level failures the fault injector produces.</summary>
    public static class FailureTexts
    {
        /// <summary>HTTP 500.</summary>
        public const string Error = "Internal Server Error";

        /// <summary>HTTP 425.</summary>
        public const string Restarting = "Too Early: matching engine is restarting, retry later";

        /// <summary>HTTP 429.</summary>
        public const string RateLimited = "Too Many Requests";

        /// <summary>HTTP 503.</summary>
        public const string CancelOnly = "Trading is currently cancel-only";

        /// <summary>Status 0: the client gave up waiting.</summary>
        public const string Timeout = "request timed out (no answer from the venue)";
    }

    /// <inheritdoc />
    public string Venue => _options.Venue;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _external;

    /// <inheritdoc />
    public IMarketDataClient MarketData => this;

    /// <inheritdoc />
    public IExecutionClient Execution => this;

    /// <inheritdoc />
    public int MaxBatchSize => _options.Rules.MaxBatch;

    /// <summary>The options in force.</summary>
    public SimulatedVenueOptions Options => _options;

    /// <summary>The matching engine (agents trade on it; tests inspect it).</summary>
    public MatchingEngine Engine => _engine;

    /// <summary>Our account id in <see cref="Engine"/>.</summary>
    public int OurAccount => _execution.OurAccount;

    /// <summary>The venue's scheduler (synthetic agents schedule their wake-ups on it).</summary>
    public VenueScheduler Scheduler => _scheduler;

    /// <summary>Markets in engine order.</summary>
    public IReadOnlyList<SimulatedMarket> Markets => _markets;

    /// <summary>The fault spec in force (the options' spec until <see cref="SetFaults"/> replaces it).</summary>
    public FaultSpec Faults => _faults.Injector.Spec;

    /// <summary>Counters of what the venue did and which faults struck.</summary>
    public SimulatedVenueStats Stats { get; } = new();

    /// <summary>
    /// Every order of ours that reached the matching engine, in arrival order, with the venue time it arrived
    /// (duplicates included: a client order id seen twice appears twice). Fault campaigns check "nothing sent twice".
    /// </summary>
    public IReadOnlyList<(ClientOrderId Id, long ArrivedTicks)> OrderArrivals => _execution.Arrivals;

    /// <summary>Every fill of ours so far (the venue's trade history).</summary>
    public IReadOnlyList<Fill> OurFills => _execution.Fills;

    /// <summary>Raised inside <see cref="StartAsync"/> (agents start their clocks here).</summary>
    public event Action? Started;

    /// <summary>
    /// Replaces the faults in force from now on (fault campaigns toggle a fault around one action). Each replacement
    /// gets its own seeded random streams (seed and generation), so a run stays a pure function of its seed and script.
    /// Requests already sent keep the verdict they drew when sent.
    /// </summary>
    public void SetFaults(FaultSpec faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_scheduler.Gate) _faults.Replace(faults);
    }

    /// <summary>The market index of a market id (condition id or symbol), −1 when unknown.</summary>
    public int MarketIndex(string marketId) => _marketById.TryGetValue(marketId, out int i) ? i : -1;

    /// <summary>The engine slot of an instrument (−1 when unknown).</summary>
    public int SlotOf(InstrumentId id) => _slotByExternal.TryGetValue(id, out int s) ? s : -1;

    /// <summary>The external instrument (the one handed to the engine) in a slot.</summary>
    public Instrument InstrumentAt(int slot) => _external[slot];

    /// <summary>Venue order id text of an engine order id.</summary>
    public static string VenueOrderId(long engineId) => SimulatedExecution.VenueOrderId(engineId);

    /// <summary>Our account as the venue sees it right now (open orders, cash, positions, all fills), without latency or faults.</summary>
    public AccountSnapshot PeekAccount() => _execution.Snapshot(0, DateTimeOffset.MinValue);

    /// <summary>Announces a tick change of a market (both tokens) on the feed, as Polymarket's <c>tick_size_change</c>.</summary>
    public void PublishTickChange(int market, Price newTick) => _feed.PublishTickChange(market, newTick);

    /// <inheritdoc />
    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_scheduler.Gate)
        {
            if (_client.Started) throw new InvalidOperationException("the venue is already started");
            _client.Sink = sink;
            _client.Started = true;
            Started?.Invoke();
            // Initial snapshots go out at start, through the feed delay, after whatever the agents seeded.
            _scheduler.At(_client.Now, _feed.SendAllSnapshots);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_scheduler.Gate) _client.Sink = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Sink = null;
        _scheduler.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
        // Every instrument of the venue is published; subscribing to a subset changes nothing in simulation.
    }

    // ───────────────────────────── execution: every request takes the request path ─────────────────────────────

    /// <inheritdoc />
    public void Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SendOrders([request], VenueEndpoint.Submit, FaultEndpoint.Order);
    }

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        SendOrders(requests.ToArray(), VenueEndpoint.SubmitBatch, FaultEndpoint.Batch);
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) =>
        _requests.Send(VenueEndpoint.Cancel, FaultEndpoint.Cancel, [id], _ => _execution.Cancel(id, instrument), partial: null);

    /// <inheritdoc />
    public void CancelAll() =>
        _requests.Send(VenueEndpoint.CancelAll, FaultEndpoint.CancelAll, [], _ => _execution.CancelWhere(-1, 1.0), partial: f => _execution.CancelWhere(-1, f));

    /// <inheritdoc />
    public void CancelMarket(string marketId)
    {
        ArgumentNullException.ThrowIfNull(marketId);
        int market = MarketIndex(marketId);
        _requests.Send(VenueEndpoint.CancelMarket, FaultEndpoint.CancelMarket, [],
            _ => { if (market >= 0) _execution.CancelWhere(market, 1.0); }, partial: f => { if (market >= 0) _execution.CancelWhere(market, f); });
    }

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) =>
        _requests.Send(VenueEndpoint.Query, FaultEndpoint.Query, [], _ => _requests.Answer(_execution.Snapshot(requestId, fillsSince)), partial: null);

    /// <summary>
    /// Runs an operation of another participant (a synthetic agent) on the engine and processes what it caused: book
    /// changes, prints, and fills of our resting orders.
    /// </summary>
    public void ProcessAgentEvents(MatchEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_scheduler.Gate) _execution.ProcessAgentEvents(events);
    }

    /// <summary>
    /// Submits an order of another participant (account ≠ <see cref="OurAccount"/>) straight into the matching engine,
    /// with no latency or faults, and processes its consequences. Returns the engine order id (0 when rejected).
    /// </summary>
    public long SubmitAgentOrder(in SimOrder order)
    {
        var events = new MatchEventBuffer(16);
        long id = _engine.Submit(order, events);
        ProcessAgentEvents(events);
        return id;
    }

    private void SendOrders(OrderRequest[] requests, VenueEndpoint endpoint, FaultEndpoint faultEndpoint)
    {
        var ids = new ClientOrderId[requests.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = requests[i].Id;
        _requests.Send(endpoint, faultEndpoint, ids, _ => _execution.ExecuteOrders(requests, requests.Length),
            partial: f => _execution.ExecuteOrders(requests, (int)Math.Floor(requests.Length * f)), isSubmit: true);
    }

    private void AddMarket(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (_client.Started) throw new InvalidOperationException("markets must be added before start");
        Instrument yes = Clone(market.Yes);
        int index = market.No is null
            ? _engine.AddInstrument(yes, market.Fees, sellRequiresInventory: true, _options.Rules)
            : _engine.AddBinaryMarket(yes, Clone(market.No), market.Fees, _options.Rules);
        _markets.Add(market);
        _marketById.Add(market.MarketId, index);
        AddExternal(market.Yes);
        if (market.No is not null) AddExternal(market.No);
        _feed.AddMarket(index);
    }

    private void AddExternal(Instrument instrument)
    {
        _slotByExternal.Add(instrument.Id, _external.Count);
        _external.Add(instrument);
    }

    // The matching engine gets its own copies: a tick change is applied on the venue at once but reaches the
    // engine's registry only with the feed message, as on the real venue.
    private static Instrument Clone(Instrument i) =>
        new(i.Id, i.Kind, i.PriceDecimals, i.TickSize, i.SizeStep, i.MinSize, i.MinPrice, i.MaxPrice, i.FeeModel, i.Outcome);
}
