using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Paper;

namespace Bookmaker.Venues.Simulated.Tests.Paper;

public sealed class LiveDataPaperVenueTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly ScriptedFeed _feed;
    private readonly RecordingSink _sink = new();
    private readonly LiveDataPaperVenue _venue;
    private readonly Instrument _yes;
    private readonly Instrument _no;
    private ulong _nextId;

    public LiveDataPaperVenueTests()
    {
        var registry = new InstrumentRegistry();
        // Another venue's instrument first, so engine indexes differ from the paper venue's slots.
        registry.Add(Instrument.PolymarketToken("other", P("0.01"), new OutcomeLinks("m0", "Yes", true, new InstrumentId(VenueNames.Polymarket, "other-no"))));
        var yesId = new InstrumentId(VenueNames.Polymarket, "yes");
        var noId = new InstrumentId(VenueNames.Polymarket, "no");
        _yes = Instrument.PolymarketToken("yes", P("0.01"), new OutcomeLinks("m1", "Yes", true, noId), Quantity.FromUnits(1));
        _no = Instrument.PolymarketToken("no", P("0.01"), new OutcomeLinks("m1", "No", false, yesId), Quantity.FromUnits(1));
        registry.Add(_yes);
        registry.Add(_no);
        _feed = new ScriptedFeed([_yes, _no]);
        _venue = new LiveDataPaperVenue(_feed, _clock, new LiveDataPaperVenueOptions { QueueModel = "risk_averse", StartingCash = Money.FromUnits(1_000) });
        _venue.StartAsync(_sink, CancellationToken.None).GetAwaiter().GetResult();
        // Book of YES: 100 @ 0.48 / 100 @ 0.52.
        var book = new BookSnapshot();
        book.Bids.Add(new BookLevel(P("0.48"), Quantity.FromUnits(100)));
        book.Asks.Add(new BookLevel(P("0.52"), Quantity.FromUnits(100)));
        _feed.Push(new MarketDataEvent(MarketDataKind.Snapshot, _yes.Index, Side.Buy, default, default, 1, 0, Start.UtcTicks, Start.UtcTicks, true, book));
    }

    public void Dispose() => _venue.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static Price P(string s) => Price.Parse(s);

    private OrderRequest Bid(string price, int size, Instrument? on = null) =>
        new(ClientOrderId.From(1, ++_nextId), (on ?? _yes).Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, P(price), Quantity.FromUnits(size));

    private void Trade(Side aggressor, string price, int size) =>
        _feed.Push(new MarketDataEvent(MarketDataKind.Trade, _yes.Index, aggressor, P(price), Quantity.FromUnits(size), 0, 0, _clock.GetUtcNow().UtcTicks, _clock.GetUtcNow().UtcTicks));

    private void Settle() => _clock.Advance(TimeSpan.FromMilliseconds(1));

    private List<ExecutionReport> Reports(ExecutionReportKind kind) => _sink.Reports().Where(r => r.Kind == kind).ToList();

    [Fact]
    public void Instruments_market_data_and_venue_name_come_from_the_wrapped_adapter()
    {
        Assert.Equal(VenueNames.Polymarket, _venue.Venue);
        Assert.Same(_feed.Instruments, _venue.Instruments);
        Assert.Same(_feed, _venue.MarketData);
        Assert.NotSame(_feed, _venue.Execution);
    }

    [Fact]
    public void Market_data_and_status_are_forwarded_to_the_engine()
    {
        _feed.Status(new VenueStatusEvent(VenueNames.Polymarket, VenueState.Disconnected, Start));

        Assert.Single(_sink.MarketData());
        Assert.Equal(_yes.Index, _sink.MarketData()[0].InstrumentIndex);
        Assert.Single(_sink.Statuses());
    }

    [Fact]
    public void Resting_bid_fills_as_maker_when_a_trade_prints_through_its_price()
    {
        _venue.Execution.Submit(Bid("0.49", 10));
        Settle();
        Trade(Side.Sell, "0.47", 25);
        Settle();

        var fill = Assert.Single(Reports(ExecutionReportKind.Filled)).Fill!;
        Assert.Equal(P("0.49"), fill.Price);
        Assert.Equal(Quantity.FromUnits(10), fill.Size);
        Assert.Equal(Liquidity.Maker, fill.Liquidity);
        Assert.Equal(Money.FromUnits(1_000) - Money.Notional(P("0.49"), Quantity.FromUnits(10)), _venue.Cash);
    }

    [Fact]
    public void Resting_bid_fills_only_once_the_queue_ahead_of_it_is_consumed()
    {
        _venue.Execution.Submit(Bid("0.48", 10)); // joins behind the 100 displayed
        Settle();
        Trade(Side.Sell, "0.48", 100);
        Settle();
        Assert.Empty(Reports(ExecutionReportKind.Filled));

        Trade(Side.Sell, "0.48", 30);
        Settle();
        var fill = Assert.Single(Reports(ExecutionReportKind.Filled)).Fill!;
        Assert.Equal(Quantity.FromUnits(10), fill.Size);
        Assert.Equal(0, _venue.RestingCount(_yes.Id));
    }

    [Fact]
    public void A_crossing_bid_takes_the_displayed_ask_as_taker()
    {
        _venue.Execution.Submit(Bid("0.53", 10));
        Settle();

        var fill = Assert.Single(Reports(ExecutionReportKind.Filled)).Fill!;
        Assert.Equal(P("0.52"), fill.Price);
        Assert.Equal(Liquidity.Taker, fill.Liquidity);
    }

    [Fact]
    public void Cancelled_bid_is_confirmed_and_no_longer_fills()
    {
        var bid = Bid("0.49", 10);
        _venue.Execution.Submit(bid);
        Settle();
        _venue.Execution.Cancel(bid.Id, bid.Instrument, null);
        Settle();
        Trade(Side.Sell, "0.47", 25);
        Settle();

        Assert.Equal(bid.Id, Assert.Single(Reports(ExecutionReportKind.Cancelled)).OrderId);
        Assert.Empty(Reports(ExecutionReportKind.Filled));
    }

    [Fact]
    public void Cancel_all_cancels_every_open_order_on_every_instrument()
    {
        _venue.Execution.Submit(Bid("0.45", 10));
        _venue.Execution.Submit(Bid("0.46", 10));
        _venue.Execution.Submit(Bid("0.40", 10, _no));
        Settle();
        _venue.Execution.CancelAll();
        Settle();

        Assert.Equal(3, Reports(ExecutionReportKind.Cancelled).Count);
        Assert.Equal(0, _venue.RestingCount(_yes.Id) + _venue.RestingCount(_no.Id));
    }

    [Fact]
    public void Account_snapshot_lists_open_orders_cash_positions_and_fills()
    {
        var resting = Bid("0.45", 10);
        _venue.Execution.Submit(resting);
        _venue.Execution.Submit(Bid("0.53", 5));
        Settle();
        _venue.Execution.RequestAccountSnapshot(7, Start);
        Settle();

        var s = Assert.Single(_sink.Snapshots());
        Assert.Equal(7, s.RequestId);
        Assert.Equal(VenueNames.Polymarket, s.Venue);
        Assert.True(s.Complete);
        Assert.Equal(resting.Id, Assert.Single(s.OpenOrders).OrderId);
        Assert.Equal(Quantity.FromUnits(5), s.Positions[_yes.Id]);
        Assert.Equal(Money.FromUnits(1_000) - Money.Notional(P("0.52"), Quantity.FromUnits(5)), s.Cash);
        Assert.Single(s.FillsSince);
    }

    [Fact]
    public void Nothing_reaches_the_wrapped_adapters_execution_and_its_reports_are_dropped()
    {
        var bid = Bid("0.49", 10);
        _venue.Execution.Submit(bid);
        _venue.Execution.SubmitBatch([Bid("0.40", 10)]);
        _venue.Execution.Cancel(bid.Id, bid.Instrument, null);
        _venue.Execution.CancelMarket("m1");
        _venue.Execution.CancelAll();
        _venue.Execution.RequestAccountSnapshot(1, Start);
        _feed.Report(new ExecutionReport(ExecutionReportKind.Filled, bid.Id, bid.Instrument, "x", RejectReason.None, null, null, null, Start));
        Settle();

        Assert.Equal(0, _feed.ExecutionCalls);
        Assert.DoesNotContain(_sink.Reports(), r => r.VenueOrderId == "x");
    }

    [Fact]
    public async Task Market_data_from_another_thread_while_submitting_never_overfills()
    {
        const int orders = 200;
        var ids = new List<OrderRequest>();
        using var go = new ManualResetEventSlim();
        var feeder = Task.Run(() =>
        {
            go.Wait(TimeSpan.FromSeconds(5));
            for (int i = 0; i < 2_000; i++) Trade(Side.Sell, "0.47", 3);
        });
        go.Set();
        for (int i = 0; i < orders; i++)
        {
            var bid = Bid("0.49", 5);
            ids.Add(bid);
            _venue.Execution.Submit(bid);
        }

        await feeder.WaitAsync(TimeSpan.FromSeconds(10));
        Settle();
        Trade(Side.Sell, "0.47", 1_000_000); // whatever still rests fills now
        Settle();

        var fills = Reports(ExecutionReportKind.Filled);
        Assert.Equal(orders, Reports(ExecutionReportKind.Accepted).Count);
        foreach (var bid in ids)
            Assert.Equal(Quantity.FromUnits(5), new Quantity(fills.Where(f => f.OrderId == bid.Id).Sum(f => f.Fill!.Size.Raw)));
        Assert.Equal(Money.FromUnits(1_000) - Money.Notional(P("0.49"), Quantity.FromUnits(5 * orders)), _venue.Cash);
    }

    /// <summary>A market-data adapter whose events the test pushes; counts any execution call.</summary>
    private sealed class ScriptedFeed(IReadOnlyList<Instrument> instruments) : IVenueAdapter, IMarketDataClient, IExecutionClient
    {
        private IVenueEventSink? _sink;
        private int _executionCalls;

        public string Venue => VenueNames.Polymarket;

        public IReadOnlyList<Instrument> Instruments { get; } = instruments;

        public IMarketDataClient MarketData => this;

        public IExecutionClient Execution => this;

        public int ExecutionCalls => Volatile.Read(ref _executionCalls);

        public int MaxBatchSize => 15;

        public void Push(MarketDataEvent e) => _sink!.OnMarketData(e);

        public void Status(VenueStatusEvent e) => _sink!.OnVenueStatus(e);

        public void Report(ExecutionReport r) => _sink!.OnExecutionReport(r);

        public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
        {
            _sink = sink;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public void Subscribe(IReadOnlyList<Instrument> instruments)
        {
        }

        public void Submit(OrderRequest request) => Interlocked.Increment(ref _executionCalls);

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests) => Interlocked.Increment(ref _executionCalls);

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => Interlocked.Increment(ref _executionCalls);

        public void CancelAll() => Interlocked.Increment(ref _executionCalls);

        public void CancelMarket(string marketId) => Interlocked.Increment(ref _executionCalls);

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => Interlocked.Increment(ref _executionCalls);
    }

    /// <summary>Records everything; safe from any thread, like the engine's sink.</summary>
    private sealed class RecordingSink : IVenueEventSink
    {
        private readonly Lock _lock = new();
        private readonly List<MarketDataEvent> _data = [];
        private readonly List<ExecutionReport> _reports = [];
        private readonly List<VenueStatusEvent> _statuses = [];
        private readonly List<AccountSnapshot> _snapshots = [];

        public List<MarketDataEvent> MarketData()
        {
            lock (_lock) return [.. _data];
        }

        public List<ExecutionReport> Reports()
        {
            lock (_lock) return [.. _reports];
        }

        public List<VenueStatusEvent> Statuses()
        {
            lock (_lock) return [.. _statuses];
        }

        public List<AccountSnapshot> Snapshots()
        {
            lock (_lock) return [.. _snapshots];
        }

        public void OnMarketData(in MarketDataEvent e)
        {
            lock (_lock) _data.Add(e);
        }

        public void OnExecutionReport(ExecutionReport report)
        {
            lock (_lock) _reports.Add(report);
        }

        public void OnRequestFailed(VenueRequestFailed failure)
        {
        }

        public void OnVenueStatus(VenueStatusEvent status)
        {
            lock (_lock) _statuses.Add(status);
        }

        public void OnAccountSnapshot(AccountSnapshot snapshot)
        {
            lock (_lock) _snapshots.Add(snapshot);
        }
    }
}
