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
/// <para>Order path: a request waits the order-entry delay, then faults and venue modes (restart, cancel-only) are
/// applied, then the matching engine runs; every resulting event about our orders becomes an
/// <see cref="ExecutionReport"/> that travels the response delay (and the <c>user_feed</c> faults).</para>
/// <para>Feed path: matching activity marks markets dirty; one coalescing pass per clock instant diffs the top
/// <see cref="SimulatedVenueOptions.BookDepth"/> levels of each dirty book against what was last published and sends
/// one message per instrument (trades first, then level updates, <c>EndOfMessage</c> on the last), YES and NO views
/// of a binary market alike. Messages carry a per-instrument sequence linked to the previous one, so a dropped or
/// reordered message shows up in the client as a sequence gap.</para>
/// </remarks>
public sealed partial class SimulatedVenue : IVenueAdapter, IMarketDataClient, IExecutionClient
{
    private readonly SimulatedVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly MatchingEngine _engine;
    private readonly MatchEventBuffer _buffer = new(256);
    private FaultInjector _faults;
    private int _faultGeneration;
    private readonly LatencyChannel _feedLatency;
    private readonly LatencyChannel _entryLatency;
    private readonly LatencyChannel _responseLatency;
    private readonly Random _timeoutCoin;
    private readonly List<SimulatedMarket> _markets = [];
    private readonly List<Instrument> _external = [];
    private readonly Dictionary<string, int> _marketById = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, int> _slotByExternal = [];
    private SlotFeed[] _feeds = [];
    private IVenueEventSink? _sink;
    private bool _started;

    /// <summary>Creates a venue with <paramref name="markets"/> on <paramref name="time"/>.</summary>
    public SimulatedVenue(TimeProvider time, IEnumerable<SimulatedMarket> markets, SimulatedVenueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(markets);
        _options = options ?? new SimulatedVenueOptions();
        _scheduler = new VenueScheduler(time);
        _engine = new MatchingEngine(time, _options.Rules, SelfTradePrevention.CancelMaker);
        _faults = new FaultInjector(_options.Faults, _options.Seed);
        (_feedLatency, _entryLatency, _responseLatency) = _options.Latency.CreateChannels(_options.Seed);
        _timeoutCoin = new Random(LatencyProfile.DeriveSeed(_options.Seed, 200));
        _userStream = new UserStream(this);
        _feedStream = new MarketStream(this);
        foreach (var m in markets) AddMarket(m);
        OurAccount = _engine.OpenAccount(_options.StartingCash);
    }

    /// <inheritdoc />
    public string Venue => _options.Venue;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _external;

    /// <inheritdoc />
    public IMarketDataClient MarketData => this;

    /// <inheritdoc />
    public IExecutionClient Execution => this;

    /// <summary>The options in force.</summary>
    public SimulatedVenueOptions Options => _options;

    /// <summary>The matching engine (agents trade on it; tests inspect it).</summary>
    public MatchingEngine Engine => _engine;

    /// <summary>Our account id in <see cref="Engine"/>.</summary>
    public int OurAccount { get; }

    /// <summary>The venue's scheduler (synthetic agents schedule their wake-ups on it).</summary>
    public VenueScheduler Scheduler => _scheduler;

    /// <summary>Markets in engine order.</summary>
    public IReadOnlyList<SimulatedMarket> Markets => _markets;

    /// <summary>The fault spec in force (the options' spec until <see cref="SetFaults"/> replaces it).</summary>
    public FaultSpec Faults => _faults.Spec;

    /// <summary>
    /// Replaces the faults in force from now on (fault campaigns toggle a fault around one action). Each replacement
    /// gets its own seeded random streams (seed and generation), so a run stays a pure function of its seed and script.
    /// Requests already sent keep the verdict they drew when sent.
    /// </summary>
    public void SetFaults(FaultSpec faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_scheduler.Gate)
        {
            _faultGeneration++;
            _faults = new FaultInjector(faults, LatencyProfile.DeriveSeed(_options.Seed, 1000 + _faultGeneration));
        }
    }

    /// <summary>Counters of what the venue did and which faults struck.</summary>
    public SimulatedVenueStats Stats { get; } = new();

    private long Now => _scheduler.NowTicks;

    private DateTimeOffset NowTime => new(Now, TimeSpan.Zero);

    private void AddMarket(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (_started) throw new InvalidOperationException("markets must be added before start");
        Instrument yes = Clone(market.Yes);
        int index = market.No is null
            ? _engine.AddInstrument(yes, market.Fees, sellRequiresInventory: true, _options.Rules)
            : _engine.AddBinaryMarket(yes, Clone(market.No), market.Fees, _options.Rules);
        _markets.Add(market);
        _marketById.Add(market.MarketId, index);
        AddExternal(market.Yes);
        if (market.No is not null) AddExternal(market.No);
        Array.Resize(ref _feeds, _external.Count);
        var book = _engine.Markets[index];
        _feeds[book.YesSlot] = new SlotFeed(index, book.YesSlot, false, _options.BookDepth);
        if (book.IsBinary) _feeds[book.NoSlot] = new SlotFeed(index, book.NoSlot, true, _options.BookDepth);
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

    /// <summary>The market index of a market id (condition id or symbol), −1 when unknown.</summary>
    public int MarketIndex(string marketId) => _marketById.TryGetValue(marketId, out int i) ? i : -1;

    /// <summary>The engine slot of an instrument (−1 when unknown).</summary>
    public int SlotOf(InstrumentId id) => _slotByExternal.TryGetValue(id, out int s) ? s : -1;

    /// <summary>The external instrument (the one handed to the engine) in a slot.</summary>
    public Instrument InstrumentAt(int slot) => _external[slot];

    /// <inheritdoc />
    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_scheduler.Gate)
        {
            if (_started) throw new InvalidOperationException("the venue is already started");
            _sink = sink;
            _started = true;
            Started?.Invoke();
            // Initial snapshots go out at start, through the feed delay, after whatever the agents seeded.
            _scheduler.At(Now, () => { for (int s = 0; s < _feeds.Length; s++) SendSnapshot(s); });
        }

        return Task.CompletedTask;
    }

    /// <summary>Raised inside <see cref="StartAsync"/> (agents start their clocks here).</summary>
    public event Action? Started;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_scheduler.Gate) _sink = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _sink = null;
        _scheduler.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
        // Every instrument of the venue is published; subscribing to a subset changes nothing in simulation.
    }

    private int IndexOfSlot(int slot)
    {
        int index = _external[slot].Index;
        return index >= 0 ? index : slot;
    }
}

/// <summary>What a <see cref="SimulatedVenue"/> did; fault counters let tests and the CLI show that faults struck.</summary>
public sealed class SimulatedVenueStats
{
    /// <summary>Requests received from the client (after entry latency).</summary>
    public long Requests { get; internal set; }

    /// <summary>Requests failed by an injected fault or venue mode.</summary>
    public long FailedRequests { get; internal set; }

    /// <summary>Execution reports sent.</summary>
    public long ReportsSent { get; internal set; }

    /// <summary>Execution reports lost to the <c>user_feed</c> faults.</summary>
    public long ReportsDropped { get; internal set; }

    /// <summary>Market-data messages sent.</summary>
    public long FeedMessages { get; internal set; }

    /// <summary>Market-data messages lost (drop fault, disconnect).</summary>
    public long FeedDropped { get; internal set; }

    /// <summary>Snapshots sent (start, resync, reconnect).</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Public trades printed.</summary>
    public long Trades { get; internal set; }
}
