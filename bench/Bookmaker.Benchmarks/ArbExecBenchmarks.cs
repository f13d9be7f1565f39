using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using Bookmaker.Strategies.Arbitrage;
using Bookmaker.Strategies.Arbitrage.Execution;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Detection → all legs handed to the execution client, through the real kernel: a level update of a binary market's
/// YES ask reaches the <see cref="TradingEngine"/>, the <see cref="ArbitrageStrategy"/> copies the book into its basket,
/// the scanner finds the edge, the opportunity is journaled, the <see cref="BasketExecutor"/> builds the two FOK legs
/// and <c>SubmitBasket</c> runs the risk gate over the basket, tracks and journals both orders and hands them to a
/// no-op client in one batch (no signing). Each operation then also applies the venue's two FOK kills, so the basket
/// closes and the next update starts a fresh one: the figure is an upper bound of detection → handed. Target ≤ 20 µs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ArbExecBenchmarks : IDisposable
{
    private readonly SimulatedTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly NoOpExecutionClient _client = new();
    private EngineHost _host = null!;
    private EventLoop _loop = null!;
    private TradingEngine _engine = null!;
    private Instrument _yes = null!;
    private ExecutionReport[] _kills = [];
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var yesId = new InstrumentId(VenueNames.Polymarket, "m1-yes");
        var noId = new InstrumentId(VenueNames.Polymarket, "m1-no");
        _yes = Instrument.PolymarketToken("m1-yes", Price.Parse("0.01"), new OutcomeLinks("m1", "Yes", true, noId));
        var no = Instrument.PolymarketToken("m1-no", Price.Parse("0.01"), new OutcomeLinks("m1", "No", false, yesId));
        // Built the production way: EngineHost's wiring and defaults.
        _host = EngineKit.Create(_clock, [new ScriptedVenue(VenueNames.Polymarket, [_yes, no], _client)], new EngineHostOptions
        {
            InitialCash = Money.FromUnits(1_000_000),
            Risk = new RiskLimits { SubmitRatePerSecond = 1e9, SubmitBurst = int.MaxValue / 2, MaxOrdersPerDay = int.MaxValue / 2 },
        });
        _engine = _host.Engine;
        _loop = _host.Loop;
        var fee = new PolymarketFeeModel(0.02m, 1);
        // The books here are set independently (YES ask + NO ask < 1), not mirrored as one linked book: the torn-view guard is off.
        var options = ArbitrageStrategyOptions.Default with { Depth = 5, AlertThresholds = new ArbAlertThresholds(MinAttempts: int.MaxValue), LinkedBinaryBooks = false };
        _host.AddStrategy(new ArbitrageStrategy(options, LegFees.Resolver(_ => fee)));
        EngineKit.StartVenues(_host);
        Snapshot(no, "0.53", "0.55");
        Snapshot(_yes, "0.38", "0.46"); // no edge yet: 0.46 + 0.55 > 1
        _kills = new ExecutionReport[2];
        // Guard: a benchmark that measured a denied or skipped basket would flatter the figure.
        for (int k = 0; k < 3; k++)
            if (DetectionToAdapter() != 2) throw new InvalidOperationException("the basket was not handed to the client");
    }

    private void Snapshot(Instrument instrument, string bid, string ask)
    {
        var s = new BookSnapshot { Sequence = 1 };
        s.Bids.Add(new BookLevel(Price.Parse(bid), Quantity.FromUnits(100)));
        s.Asks.Add(new BookLevel(Price.Parse(ask), Quantity.FromUnits(50)));
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, instrument.Index, Side.Buy, default, default, 1, 0, 0, 0, true, s));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _loop?.DisposeTimers();
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>One YES ask update that opens an edge (size alternates so the scanner reports it fresh) → legs handed over, then killed.</summary>
    [Benchmark]
    public int DetectionToAdapter()
    {
        long size = (_i++ & 1) == 0 ? 50 : 49;
        _client.Handed = 0;
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, _yes.Index, Side.Sell, Price.Parse("0.40"), Quantity.FromUnits(size), 0, 0, 0, 0));
        int handed = _client.Handed;
        // The venue kills both FOK legs; the basket closes (missed) so the next update sends a new one.
        for (int k = 0; k < _client.Count; k++)
        {
            var r = _client.Last[k];
            _kills[k] = new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.NotFilled, null, null, null, _clock.GetUtcNow());
        }

        for (int k = 0; k < _client.Count; k++) _engine.OnExecutionReport(_kills[k]);
        if ((_i & 4095) == 0) EvictFinished();
        return handed;
    }

    private void EvictFinished()
    {
        // Let the order manager's finished-order cache expire, as simulated minutes would.
        _clock.AdvanceTo(_clock.GetUtcNow() + TimeSpan.FromSeconds(70));
        _loop.DrainPending();
    }

    private sealed class NoOpExecutionClient : IExecutionClient
    {
        public OrderRequest[] Last { get; } = new OrderRequest[16];

        public int Count { get; private set; }

        public int Handed { get; set; }

        public int MaxBatchSize => 15;

        public void Submit(OrderRequest request)
        {
            Last[0] = request;
            Count = 1;
            Handed++;
        }

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
        {
            for (int i = 0; i < requests.Count; i++) Last[i] = requests[i];
            Count = requests.Count;
            Handed += requests.Count;
        }

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
        {
        }

        public void CancelAll()
        {
        }

        public void CancelMarket(string marketId)
        {
        }

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince)
        {
        }

        public bool AnswersAccountSnapshots => false;
    }
}

/// <summary>
/// Detection → legs handed over, without the venue's answers: each invocation is a YES ask update that opens an edge
/// on a different one of <see cref="Markets"/> binary markets, handled by the real kernel up to the no-op client's
/// batch call (plus the executor's bookkeeping that follows it on the same event: run state, timers, journal notes).
/// The venue's kills that close the baskets are applied in <c>IterationSetup</c>, outside the measurement.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(Markets, 1)]
public class ArbExecDetectionBenchmarks : IDisposable
{
    /// <summary>Baskets sent per iteration (one per market).</summary>
    public const int Markets = 128;

    private readonly SimulatedTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingClient _client = new();
    private readonly Instrument[] _yes = new Instrument[Markets];
    private EngineHost _host = null!;
    private EventLoop _loop = null!;
    private TradingEngine _engine = null!;
    private int _i;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        var no = new Instrument[Markets];
        var tokens = new List<Instrument>();
        for (int m = 0; m < Markets; m++)
        {
            var yesId = new InstrumentId(VenueNames.Polymarket, $"m{m}-yes");
            var noId = new InstrumentId(VenueNames.Polymarket, $"m{m}-no");
            _yes[m] = Instrument.PolymarketToken(yesId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{m}", "Yes", true, noId));
            no[m] = Instrument.PolymarketToken(noId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{m}", "No", false, yesId));
            tokens.Add(_yes[m]);
            tokens.Add(no[m]);
        }

        // Built the production way: EngineHost's wiring and defaults.
        _host = EngineKit.Create(_clock, [new ScriptedVenue(VenueNames.Polymarket, tokens, _client)], new EngineHostOptions
        {
            InitialCash = Money.FromUnits(10_000_000),
            Risk = new RiskLimits { SubmitRatePerSecond = 1e9, SubmitBurst = int.MaxValue / 2, MaxOrdersPerDay = int.MaxValue / 2, MaxOpenOrders = 100_000 },
        });
        _engine = _host.Engine;
        _loop = _host.Loop;
        var fee = new PolymarketFeeModel(0.02m, 1);
        // The books here are set independently (YES ask + NO ask < 1), not mirrored as one linked book: the torn-view guard is off.
        var options = ArbitrageStrategyOptions.Default with { Depth = 5, AlertThresholds = new ArbAlertThresholds(MinAttempts: int.MaxValue), LinkedBinaryBooks = false };
        _host.AddStrategy(new ArbitrageStrategy(options, LegFees.Resolver(_ => fee)));
        EngineKit.StartVenues(_host);
        for (int m = 0; m < Markets; m++)
        {
            Snapshot(no[m], "0.53", "0.55");
            Snapshot(_yes[m], "0.38", "0.46"); // no edge until the 0.40 ask arrives
        }

        IterationSetup();
        for (int m = 0; m < Markets; m++) Detect();
        if (_client.Sent.Count != 2 * Markets) throw new InvalidOperationException("not every basket was handed to the client");
    }

    private void Snapshot(Instrument instrument, string bid, string ask)
    {
        var s = new BookSnapshot { Sequence = 1 };
        s.Bids.Add(new BookLevel(Price.Parse(bid), Quantity.FromUnits(100)));
        s.Asks.Add(new BookLevel(Price.Parse(ask), Quantity.FromUnits(50)));
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, instrument.Index, Side.Buy, default, default, 1, 0, 0, 0, true, s));
    }

    [IterationSetup]
    public void IterationSetup()
    {
        // The venue kills the previous iteration's legs: every basket closes (missed) and the next update is fresh.
        foreach (var r in _client.Sent)
            _engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.NotFilled, null, null, null, _clock.GetUtcNow()));
        _client.Sent.Clear();
        _clock.AdvanceTo(_clock.GetUtcNow() + TimeSpan.FromSeconds(70)); // expire finished orders and the scanner's dedup
        _loop.DrainPending();
        _i = 0;
        _iteration++;
    }

    /// <summary>One edge-opening update of the next market → its two legs handed to the client.</summary>
    [Benchmark]
    public int Detect()
    {
        var yes = _yes[_i++];
        long size = (_iteration & 1) == 0 ? 50 : 49;
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, yes.Index, Side.Sell, Price.Parse("0.40"), Quantity.FromUnits(size), 0, 0, 0, 0));
        return _client.Sent.Count;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _loop?.DisposeTimers();
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    private sealed class RecordingClient : IExecutionClient
    {
        public List<OrderRequest> Sent { get; } = new(4 * Markets);

        public int MaxBatchSize => 15;

        public void Submit(OrderRequest request) => Sent.Add(request);

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
        {
            for (int i = 0; i < requests.Count; i++) Sent.Add(requests[i]);
        }

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
        {
        }

        public void CancelAll()
        {
        }

        public void CancelMarket(string marketId)
        {
        }

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince)
        {
        }

        public bool AnswersAccountSnapshots => false;
    }
}
