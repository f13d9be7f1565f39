using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
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
using Bookmaker.Strategies.MarketMaking.Strategy;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Tick to quote: one book update of one of 50 loaded binary markets → TradingEngine (book, mark, gate mark) →
/// MarketMakerStrategy (fair, volatility, markouts, guards, A-S, 3-level ladder, complement routing, reconciliation)
/// → risk gate → order intents. <see cref="SteadyState"/>: the update changes sizes only, every resting quote is kept
/// (target ≤ 5 µs, 0 B). <see cref="RequoteOneTick"/>: the book moves a tick each time, so quotes are cancelled and
/// re-placed through the gate; the venue's acks and cancel confirmations are applied inside the measurement.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(PercentileConfig))]
public class TickToQuoteBenchmarks : IDisposable
{
    private const int Markets = 50;
    private readonly SimulatedTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly ConfirmingVenue _venue = new();
    private EngineHost _host = null!;
    private TradingEngine _engine = null!;
    private int[] _yesIndex = [];
    private int[] _noIndex = [];
    private int _i;

    /// <summary>Adds P50, P95 and P100 (max) columns (0.14 has no public P99 column).</summary>
    private sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public PercentileConfig() => AddColumn(
            BenchmarkDotNet.Columns.StatisticColumn.P50, BenchmarkDotNet.Columns.StatisticColumn.P95, BenchmarkDotNet.Columns.StatisticColumn.P100);
    }

    /// <summary>
    /// With a fee curve on every market (Polymarket's, whose makers earn a rebate), so the maker fee/rebate in the
    /// half-spread (<c>MakerFeeSpread</c>) and the edge guard's fee cost run on each cycle.
    /// </summary>
    [Params(false, true)]
    public bool FeeCurve { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yesIndex = new int[Markets];
        _noIndex = new int[Markets];
        var specs = new List<MarketMakerMarket>();
        var tokens = new List<Instrument>();
        for (int m = 0; m < Markets; m++)
        {
            var yesId = new InstrumentId(VenueNames.Polymarket, $"yes{m}");
            var noId = new InstrumentId(VenueNames.Polymarket, $"no{m}");
            tokens.Add(Instrument.PolymarketToken(yesId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{m}", "Yes", true, noId), Quantity.FromUnits(5)));
            tokens.Add(Instrument.PolymarketToken(noId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{m}", "No", false, yesId), Quantity.FromUnits(5)));
            specs.Add(new MarketMakerMarket(yesId, Fees: FeeCurve ? new Bookmaker.Core.Fees.PolymarketFeeModel(0.02m, 1) : null));
        }

        // Built the production way: EngineHost's wiring and defaults (fail-closed journal, watches, deadlines).
        _host = EngineKit.Create(_clock, [new ScriptedVenue(VenueNames.Polymarket, tokens, _venue)], new EngineHostOptions
        {
            InitialCash = Money.FromUnits(1_000_000),
            Risk = new RiskLimits { MaxOpenOrders = 10_000, MaxOrdersPerDay = int.MaxValue, SubmitRatePerSecond = 1e9, SubmitBurst = 1_000_000_000, CancelRatePerSecond = 1e9, CancelBurst = 1_000_000_000 },
        });
        _engine = _host.Engine;
        for (int m = 0; m < Markets; m++)
        {
            _yesIndex[m] = tokens[2 * m].Index;
            _noIndex[m] = tokens[2 * m + 1].Index;
        }

        _host.AddStrategy(new MarketMakerStrategy(new MarketMakerOptions { RequoteInterval = TimeSpan.Zero, FitKappa = false }, specs));
        EngineKit.StartVenues(_host);
        for (int m = 0; m < Markets; m++)
        {
            Snapshot(_noIndex[m], "0.48", "0.52");
            Snapshot(_yesIndex[m], "0.48", "0.52");
        }

        _venue.Confirm(_engine);
    }

    private void Snapshot(int index, string bid, string ask)
    {
        var s = new BookSnapshot();
        s.Bids.Add(new BookLevel(Price.Parse(bid), Quantity.FromUnits(200)));
        s.Asks.Add(new BookLevel(Price.Parse(ask), Quantity.FromUnits(200)));
        long now = _clock.GetUtcNow().UtcTicks;
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, index, Side.Buy, default, default, 0, 0, now, now, true, s));
    }

    private void Level(int index, Side side, Price price, Quantity size)
    {
        long now = _clock.GetUtcNow().UtcTicks;
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, index, side, price, size, 0, 0, now, now));
    }

    /// <summary>Best-bid size changes on one market: the micro-price moves, the quotes do not (all kept, nothing sent).</summary>
    [Benchmark]
    public void SteadyState()
    {
        int m = _i % Markets;
        long size = 150 + (_i & 63);
        _i++;
        Level(_yesIndex[m], Side.Buy, new Price(480_000_000), Quantity.FromUnits(size));
    }

    /// <summary>The whole book of one market moves a tick up or down: level-0 quotes are replaced through the gate.</summary>
    [Benchmark]
    public void RequoteOneTick()
    {
        int m = _i % Markets;
        bool up = (_i / Markets & 1) == 0;
        _i++;
        // YES 0.48/0.52 ↔ 0.49/0.53, NO mirrored; the YES update comes last and triggers the requote.
        var yesBidOld = new Price(up ? 480_000_000 : 490_000_000);
        var yesBidNew = new Price(up ? 490_000_000 : 480_000_000);
        var yesAskOld = new Price(up ? 520_000_000 : 530_000_000);
        var yesAskNew = new Price(up ? 530_000_000 : 520_000_000);
        var size = Quantity.FromUnits(200);
        Level(_noIndex[m], Side.Buy, yesAskNew.Complement(), size);
        Level(_noIndex[m], Side.Buy, yesAskOld.Complement(), Quantity.Zero);
        Level(_noIndex[m], Side.Sell, yesBidNew.Complement(), size);
        Level(_noIndex[m], Side.Sell, yesBidOld.Complement(), Quantity.Zero);
        var e = new MarketDataEvent(MarketDataKind.LevelUpdate, _yesIndex[m], Side.Buy, yesBidNew, size, 0, 0, 0, 0, EndOfMessage: false);
        _engine.OnMarketData(e);
        _engine.OnMarketData(e with { Price = yesBidOld, Size = Quantity.Zero });
        _engine.OnMarketData(e with { Side = Side.Sell, Price = yesAskNew, Size = size });
        _engine.OnMarketData(e with { Side = Side.Sell, Price = yesAskOld, Size = Quantity.Zero, EndOfMessage = true });
        _venue.Confirm(_engine);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>A venue that acknowledges submits and confirms cancels when told to (outside the strategy's call).</summary>
    private sealed class ConfirmingVenue : IExecutionClient
    {
        private readonly List<(bool Cancel, ClientOrderId Id, InstrumentId Instrument)> _pending = new(4096);

        public int MaxBatchSize => 15;

        public void Submit(OrderRequest request) => _pending.Add((false, request.Id, request.Instrument));

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
        {
            foreach (var r in requests) Submit(r);
        }

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => _pending.Add((true, id, instrument));

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

        public void Confirm(TradingEngine engine)
        {
            if (_pending.Count == 0) return;
            var at = DateTimeOffset.UnixEpoch;
            foreach (var (cancel, id, instrument) in _pending)
            {
                engine.OnExecutionReport(new ExecutionReport(cancel ? ExecutionReportKind.Cancelled : ExecutionReportKind.Accepted,
                    id, instrument, null, RejectReason.None, null, null, null, at));
            }

            _pending.Clear();
        }
    }
}
