using Bookmaker.Testing;
using System.IO.Compression;
using System.Text;
using Bookmaker.Core.Books;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Venues.Simulated.ReplayVenue;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Replay;

public class BinancePipelineTests
{
    private static readonly string Usdm = SharedData.Path("binance", "usdm_btcusdt_20240808.gz");

    [Theory]
    [InlineData("usdm_btcusdt_20240808.gz")]
    [InlineData("spot_btcusdt_20240808.gz")]
    public void Fast_line_decoder_gives_the_reference_record_for_every_recorded_line(string file)
    {
        using var text = BinanceRecordingReader.OpenFile(SharedData.Path("binance", file));
        using var reader = new StreamReader(text, Encoding.UTF8);
        int lines = 0;
        while (reader.ReadLine() is { } line)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            Assert.Equal(Describe(BinanceRecordingReader.ParseLineWithDocument(bytes)), Describe(BinanceRecordingReader.ParseLine(bytes)));
            lines++;
        }

        Assert.True(lines > 30_000, $"{lines} lines");
    }

    [Theory]
    [InlineData("""17 {"stream":"x","data":{"e":"bookTicker","u":1,"s":"BTCUSDT","b":"1e3","B":"1","a":"2","A":"1"}}""")]
    [InlineData("""17 {"stream":"x","data":{"e":"bookTicker","u":1,"s":"BTCUSDT","b":"1.5","B":"1","a":"2","A":"1","E":5}}""")]
    [InlineData("""17 {"u":1,"s":"BTCUSDT","b":"1.5","B":"1","a":"2","A":"1"}""")]
    [InlineData("""17 {"e":"depthUpdate","E":2,"s":"ETH\u0055SDT","U":1,"u":3,"pu":0,"b":[["1.0","2"]],"a":[]}""")]
    [InlineData("""17 {"e":"depthUpdate","E":2,"s":"BTCUSDT","U":1,"u":3,"pu":0,"b":[["1.0","2","x"]],"a":[]}""")]
    [InlineData("""17 {"e":"depthUpdate","E":2,"s":"BTCUSDT","U":1,"u":3,"b":[[1.0,2]],"a":[["3","-1"]]}""")]
    [InlineData("""17 {"e":"depthUpdate","E":2,"s":"BTCUSDT","U":1,"u":3,"u":4,"b":[],"a":[]}""")]
    [InlineData("""17 {"e":"depthUpdate","E":2.5,"s":"BTCUSDT","U":1,"u":3,"b":[],"a":[]}""")]
    [InlineData("""17 {"e":"depthUpdate","E":"2","s":7,"U":1,"u":3,"b":[],"a":[]}""")]
    [InlineData("""17 {"e":"depthUpdate","U":1,"u":3,"b":[]}""")]
    [InlineData("""17 {"e":"aggTrade","E":2,"s":"BTCUSDT","a":99,"p":"61000.1","q":"0.5","m":true}""")]
    [InlineData("""17 {"e":"trade","E":2,"s":"BTCUSDT","t":99,"p":"61000.1","q":"0.5","m":"no"}""")]
    [InlineData("""17 {"e":"trade","E":2,"s":"BTCUSDT","t":99,"p":"61000.1","q":"0.5","m":false} x""")]
    [InlineData("""17 {"e":"trade","E":2,"s":"BTCUSDT","t":99,"p":"61000.1","q":"0.5","m":false}   """)]
    [InlineData("""17 {"stream":"x","data":"nope"}""")]
    [InlineData("""17 {"stream":"x","data":{"e":"kline","k":{"data":[1,2]}}}""")]
    [InlineData("""17 {"e":null,"x":[{"a":1}]}""")]
    [InlineData("""17 {"e":5}""")]
    [InlineData("""17 {"lastUpdateId":7,"E":3,"T":3,"bids":[["1","2"],["0.5","1"]],"asks":[["2","1"]]}""")]
    [InlineData("""17 {"lastUpdateId":7,"bids":[["1","2"]]}""")]
    [InlineData("""17 {"stream":"btcusdt@depth","data":{"e":"depthUpdate","E":2,"s":"BTCUSDT","U":1,"u":3,"pu":0,"b":[["1.0","2"]],"a":[["2","0"]""")]
    [InlineData("""17 [1,2]""")]
    [InlineData("""17 """)]
    [InlineData("""no-time {}""")]
    public void Fast_line_decoder_agrees_with_the_reference_on_odd_and_malformed_lines(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        Assert.Equal(Describe(BinanceRecordingReader.ParseLineWithDocument(bytes)), Describe(BinanceRecordingReader.ParseLine(bytes)));
    }

    [Fact]
    public void Pipelined_reader_yields_exactly_the_lazy_readers_records_over_the_shared_file()
    {
        List<string> lazy = BinanceRecordingReader.ReadFile(Usdm).Select(Describe).ToList();
        List<string> pipelined = BinanceRecordingReader.ReadFilePipelined(Usdm).Select(Describe).ToList();
        Assert.Equal(93_954, lazy.Count);
        Assert.Equal(lazy, pipelined);
    }

    [Fact]
    public void Pipelined_replay_source_yields_exactly_the_same_engine_events_as_the_lazy_one()
    {
        List<string> lazy = ReplaySources.BinanceFile(Usdm, 0, pipelined: false).SelectMany(Describe).ToList();
        List<string> pipelined = ReplaySources.BinanceFile(Usdm, 0).SelectMany(Describe).ToList();
        Assert.Equal(464_576, lazy.Count);
        Assert.Equal(lazy, pipelined);
    }

    [Fact]
    public void Pipelined_reader_matches_the_lazy_reader_on_a_truncated_file_with_malformed_lines()
    {
        string path = Path.Combine(Path.GetTempPath(), $"binance-truncated-{Guid.NewGuid():N}.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var source = new StreamReader(BinanceRecordingReader.OpenFile(Usdm)))
            {
                for (int i = 0; i < 9_000 && source.ReadLine() is { } line; i++)
                {
                    if (i % 1_000 == 999) line = line[..(line.Length / 2)]; // a line cut in the middle
                    gz.Write(Encoding.UTF8.GetBytes(line + (i % 777 == 5 ? "\r\n" : "\n")));
                }

                gz.Write("1723161255088169167 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\""u8); // truncated last line, no newline
            }

            List<string> lazy = BinanceRecordingReader.ReadFile(path).Select(Describe).ToList();
            List<string> pipelined = BinanceRecordingReader.ReadFilePipelined(path).Select(Describe).ToList();
            Assert.Equal(9_001, lazy.Count);
            Assert.True(lazy.Count(l => l.StartsWith("Malformed", StringComparison.Ordinal)) >= 10);
            Assert.Equal(lazy, pipelined);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Prefetch_property_any_sequence_any_batch_size_and_capacity_arrives_whole_and_in_order()
    {
        Prop.ForAll(
            Arb.From(Gen.ListOf(Gen.Choose(-1000, 1000))),
            Arb.From(Gen.Choose(1, 9)),
            Arb.From(Gen.Choose(1, 3)),
            (List<int> items, int batch, int capacity) => BackgroundPrefetch.Prefetch(items, batch, capacity).SequenceEqual(items))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Prefetch_rethrows_the_source_exception_after_the_items_before_it()
    {
        var seen = new List<int>();
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (int i in BackgroundPrefetch.Prefetch(Failing(), batchSize: 3, capacity: 1)) seen.Add(i);
        });
        Assert.Equal("boom", ex.Message);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], seen);

        static IEnumerable<int> Failing()
        {
            for (int i = 0; i < 7; i++) yield return i;
            throw new InvalidDataException("boom");
        }
    }

    [Fact]
    public void Stopping_early_stops_the_producer_and_disposes_the_source()
    {
        var source = new CountingSource();
        Assert.Equal([0, 1, 2, 3, 4], BackgroundPrefetch.Prefetch(source, batchSize: 2, capacity: 1).Take(5).ToArray());
        Assert.True(source.Disposed);
        Assert.True(source.Produced < 20, $"{source.Produced} produced");
    }

    private sealed class CountingSource : IEnumerable<int>
    {
        public int Produced;
        public bool Disposed;

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                for (int i = 0; ; i++)
                {
                    Produced++;
                    yield return i;
                }
            }
            finally
            {
                Disposed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static string Levels(BookLevel[] levels) => string.Join(",", levels.Select(l => $"{l.Price.Raw}x{l.Size.Raw}"));

    private static string Describe(BinanceRecord r) => r switch
    {
        BinanceDepthSnapshotRecord s => $"Snapshot {s.ReceiveTimeNs} {s.LastUpdateId} {s.EventTimeMs} b[{Levels(s.Bids)}] a[{Levels(s.Asks)}]",
        BinanceDepthUpdateRecord d => $"Diff {d.ReceiveTimeNs} {d.Symbol} {d.EventTimeMs} {d.FirstUpdateId} {d.FinalUpdateId} {d.PreviousFinalUpdateId} b[{Levels(d.Bids)}] a[{Levels(d.Asks)}]",
        BinanceMalformedRecord m => $"Malformed {m.ReceiveTimeNs} {m.Reason}",
        _ => r.ToString(), // trades, tickers and other records hold no arrays: the record's own text is exact
    };

    private static IEnumerable<string> Describe(ReplayMessage m) => m.Events.Select(e =>
        $"{m.TimeTicks} {e with { Snapshot = null }} {(e.Snapshot is { } s ? $"{s.Sequence} b[{Levels([.. s.Bids])}] a[{Levels([.. s.Asks])}]" : "")}");
}

public class BinanceReplayFillTests
{
    private sealed class Recorder : Bookmaker.Venues.Simulated.QueueModels.IReplayFillSink
    {
        public readonly List<string> Fills = [];

        public void OnFill(in Bookmaker.Venues.Simulated.QueueModels.ReplayFill fill) => Fills.Add(fill.ToString());
    }

    // The fill sequence of the shared USD-M file through the power-3 queue model with quotes resting at the first
    // touch and re-quoted every 5,000 messages: pinned so layout and speed work on the simulator cannot change results.
    [Fact]
    public void Usdm_replay_through_the_power3_queue_model_gives_the_pinned_fill_sequence()
    {
        var sink = new Recorder();
        var sim = new Bookmaker.Venues.Simulated.QueueModels.ReplayFillSimulator(0, Bookmaker.Venues.Simulated.QueueModels.QueueModelSpec.Parse("power3"),
            Bookmaker.Core.Values.Quantity.Parse("0.001"), sink);
        var book = new SortedBook(4096);
        int messages = 0;
        long id = 0;
        foreach (ReplayMessage m in ReplaySources.BinanceFile(SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), 0))
        {
            foreach (MarketDataEvent e in m.Events)
            {
                sim.OnMarketData(e);
                if (e.Kind == MarketDataKind.Snapshot) book.ApplySnapshot(e.Snapshot!, e.ReceiveTimeTicks);
                else if (e.Kind == MarketDataKind.LevelUpdate && book.AcceptSequence(e.Sequence, e.PreviousSequence) == SequenceCheck.Accepted)
                    book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
            }

            if (messages % 1_000 == 0 && book.HasBids && book.HasAsks)
            {
                var deep = new Bookmaker.Core.Values.Price(book.BestBid.Price.Raw - 1_000_000_000L);
                sink.Fills.Add($"{sim.DisplayedSize(Bookmaker.Core.Values.Side.Buy, book.BestBid.Price)} {sim.AvailableSize(Bookmaker.Core.Values.Side.Sell, book.BestAsk.Price)} {sim.DisplayedSize(Bookmaker.Core.Values.Side.Buy, deep)}");
            }

            if (messages++ % 5_000 != 0 || !book.HasBids || !book.HasAsks) continue;
            sim.Submit(++id, Bookmaker.Core.Values.Side.Buy, book.BestBid.Price, Bookmaker.Core.Values.Quantity.Parse("0.5"), Bookmaker.Core.Orders.TimeInForce.Gtc, m.TimeTicks);
            sim.Submit(++id, Bookmaker.Core.Values.Side.Sell, book.BestAsk.Price, Bookmaker.Core.Values.Quantity.Parse("0.5"), Bookmaker.Core.Orders.TimeInForce.Gtc, m.TimeTicks);
            sim.Submit(++id, Bookmaker.Core.Values.Side.Buy, book.BestAsk.Price, Bookmaker.Core.Values.Quantity.Parse("0.2"), Bookmaker.Core.Orders.TimeInForce.Fak, m.TimeTicks);
        }

        string all = string.Join("\n", sink.Fills);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(all));
        Assert.True((PinnedCount, PinnedHash) == (sink.Fills.Count, Convert.ToHexString(hash)), $"{sink.Fills.Count} {Convert.ToHexString(hash)}");
    }

    private const int PinnedCount = 49;
    private const string PinnedHash = "0C7EDBD76D226928A6F3C1FAD1B18577BF21B8B0CE8C1B8535C1845D72D9A7DB";
}
