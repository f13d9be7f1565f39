using Bookmaker.Testing;
using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Venues.Simulated.ReplayVenue;
using Xunit;
using Venue = Bookmaker.Venues.Simulated.ReplayVenue.ReplayVenue;

namespace Bookmaker.Venues.Simulated.Tests.Replaying;

public class ReplayVenueTests
{
    private static readonly string PolymarketPath = SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json");

    /// <summary>A consumer that keeps one book per instrument, as the engine does.</summary>
    private sealed class BookConsumer : IEventConsumer
    {
        public BookConsumer(int n, Func<OrderBook> create) => Books = Enumerable.Range(0, n).Select(_ => create()).ToArray();

        public OrderBook[] Books { get; }

        public List<long> ReceiveTimes { get; } = [];

        public List<ExecutionReport> Reports { get; } = [];

        public MarketDataEvent Last { get; private set; }

        public void OnMarketData(in MarketDataEvent e)
        {
            Last = e;
            ReceiveTimes.Add(e.ReceiveTimeTicks);
            var book = Books[e.InstrumentIndex];
            switch (e.Kind)
            {
                case MarketDataKind.Snapshot: book.ApplySnapshot(e.Snapshot!, e.ReceiveTimeTicks); break;
                case MarketDataKind.LevelUpdate:
                    if (book.AcceptSequence(e.Sequence, e.PreviousSequence) == SequenceCheck.Accepted) book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
                    break;
            }
        }

        public void OnExecutionReport(ExecutionReport report) => Reports.Add(report);

        public void OnRequestFailed(VenueRequestFailed failure) { }

        public void OnVenueStatus(VenueStatusEvent status) { }

        public void OnAccountSnapshot(AccountSnapshot snapshot) { }

        public void OnTimer(in TimerEvent timer) { }

        public void OnCommand(OperatorCommand command) { }

        public void OnFault(Exception exception, LoopActivity activity) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
    }

    private static (Instrument[] Instruments, Func<string, int> Slot, PolymarketBookRecord Final) PolymarketInstruments()
    {
        var records = PolymarketRecordingReader.ReadFile(PolymarketPath);
        var assets = records.OfType<PolymarketBookRecord>().Select(b => b.AssetId).Distinct().ToArray();
        var instruments = assets.Select(a => Instrument.PolymarketToken(a, Price.Parse("0.001"),
            new OutcomeLinks("m", "Yes", true, new InstrumentId(VenueNames.Polymarket, "x")))).ToArray();
        var final = records.OfType<PolymarketBookRecord>().Last();
        return (instruments, a => Array.IndexOf(assets, a), final);
    }

    private static (BookConsumer Consumer, Venue Venue, SimulationDriver Driver) Replay(Instrument[] instruments, IEnumerable<ReplayMessage> messages, double speed, DateTimeOffset start)
    {
        var clock = new SimulatedTimeProvider(start);
        var loop = new EventLoop(clock);
        var consumer = new BookConsumer(instruments.Length, () => TickLadderBook.ForProbability(Price.Parse("0.001")));
        loop.Attach(consumer);
        var venue = new Venue(clock, instruments, messages, new ReplayVenueOptions { Speed = speed });
        venue.StartAsync(loop, CancellationToken.None).GetAwaiter().GetResult();
        var driver = new SimulationDriver(loop, clock);
        driver.RunUntil(start.AddDays(1), () => venue.Finished && clock.NextDue is null);
        return (consumer, venue, driver);
    }

    private static void AssertBookIs(PolymarketBookRecord expected, OrderBook book)
    {
        var bids = new BookLevel[expected.Bids.Count + 5];
        var asks = new BookLevel[expected.Asks.Count + 5];
        Assert.Equal(expected.Bids.Count, book.CopyDepth(Side.Buy, bids));
        Assert.Equal(expected.Asks.Count, book.CopyDepth(Side.Sell, asks));
        Assert.Equal(expected.Bids, bids.Take(expected.Bids.Count));
        Assert.Equal(expected.Asks, asks.Take(expected.Asks.Count));
    }

    [Fact]
    public void Shared_polymarket_file_replays_at_original_timing_and_ends_on_the_final_snapshot()
    {
        var (instruments, slot, final) = PolymarketInstruments();
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (consumer, venue, _) = Replay(instruments, ReplaySources.PolymarketFile(PolymarketPath, slot), 1, start);
        Assert.True(venue.Finished);
        Assert.Equal(51, venue.MessagesReplayed);
        Assert.Equal(MarketDataKind.Snapshot, consumer.Last.Kind);
        AssertBookIs(final, consumer.Books[slot(final.AssetId)]);
        // Original timing: the last message arrives (last − first) after start.
        Assert.Equal(start.UtcTicks + (1790658827000 - 1790658661234) * TimeSpan.TicksPerMillisecond, consumer.ReceiveTimes[^1]);
    }

    [Fact]
    public void Speed_factor_compresses_the_timeline()
    {
        var (instruments, slot, final) = PolymarketInstruments();
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (consumer, _, _) = Replay(instruments, ReplaySources.PolymarketFile(PolymarketPath, slot), 10, start);
        Assert.Equal(start.UtcTicks + (1790658827000 - 1790658661234) * TimeSpan.TicksPerMillisecond / 10, consumer.ReceiveTimes[^1]);
        AssertBookIs(final, consumer.Books[slot(final.AssetId)]);
    }

    [Fact]
    public void Recorder_format_jsonl_gz_replays_by_receive_time_to_the_same_final_book()
    {
        var (instruments, slot, final) = PolymarketInstruments();
        string path = Path.Combine(Path.GetTempPath(), $"bm-rec-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl.gz");
        try
        {
            ReplaySources.WriteRecorderFile(PolymarketPath, path, TimeSpan.FromMilliseconds(3));
            var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var (consumer, venue, _) = Replay(instruments, ReplaySources.PolymarketFile(path, slot), 0, start);
            Assert.Equal(51, venue.MessagesReplayed);
            AssertBookIs(final, consumer.Books[slot(final.AssetId)]);
            Assert.True(consumer.ReceiveTimes[^1] - start.UtcTicks < 1000, "as fast as possible: one tick apart");
            var first = ReplaySources.PolymarketFile(path, slot).First();
            Assert.Equal(DateTime.UnixEpoch.Ticks + 1790658661234 * TimeSpan.TicksPerMillisecond + TimeSpan.FromMilliseconds(3).Ticks, first.TimeTicks);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Binance_usdm_replay_fills_a_resting_order_through_the_queue_model()
    {
        var perp = new Instrument(new InstrumentId(VenueNames.Binance, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"),
            Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("10000000"), "zero");
        var clock = new SimulatedTimeProvider(new DateTimeOffset(2024, 8, 8, 0, 0, 0, TimeSpan.Zero));
        var loop = new EventLoop(clock);
        var consumer = new BookConsumer(1, () => new SortedBook(4096));
        loop.Attach(consumer);
        await using var venue = new Venue(clock, [perp], ReplaySources.BinanceFile(SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), 0), new ReplayVenueOptions { Speed = 0, QueueModel = "risk_averse" });
        await venue.StartAsync(loop, CancellationToken.None);
        var driver = new SimulationDriver(loop, clock);
        // Let the book build for a while (stepping the clock by hand: RunUntil would run to its end), then rest a bid
        // at the best bid and an ask at the best ask.
        var book = consumer.Books[0];
        int steps = 0;
        while (!(book.HasBids && book.HasAsks && !book.IsStale && ++steps > 1000) && clock.NextDue is { } due)
        {
            clock.AdvanceTo(due);
            loop.DrainPending();
        }

        var bid = new OrderRequest(ClientOrderId.From(1, 1), perp.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, book.BestBid.Price, Quantity.Parse("0.01"));
        var ask = new OrderRequest(ClientOrderId.From(1, 2), perp.Id, Side.Sell, OrderType.Limit, TimeInForce.Gtc, book.BestAsk.Price, Quantity.Parse("0.01"));
        venue.Submit(bid);
        venue.Submit(ask);
        driver.RunUntil(clock.GetUtcNow().AddDays(1), () => venue.Finished && clock.NextDue is null);
        Assert.True(venue.Finished);
        Assert.False(book.IsStale);
        Assert.Contains(consumer.Reports, r => r.Kind == ExecutionReportKind.Accepted && r.OrderId == bid.Id);
        Assert.Contains(consumer.Reports, r => r.Kind == ExecutionReportKind.Filled && r.Fill!.Liquidity == Liquidity.Maker);
    }
}
