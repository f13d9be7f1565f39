using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.QueueModels;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Venues.Simulated.ReplayVenue;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Synthetic agent flow + matching: the default scenario (3 binary markets + a 4-outcome neg-risk event) stepped
/// 1,000 times at 100 ms on a bare <see cref="MatchingEngine"/>. Events/s = matching events generated per invocation
/// (printed at setup) ÷ the time per invocation.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SyntheticFlowBenchmarks
{
    private SimulatedTimeProvider _clock = null!;
    private SyntheticFlow _flow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clock = new SimulatedTimeProvider(DateTimeOffset.UnixEpoch);
        var scenario = SyntheticMarketFactory.CreateDefault(1, 3);
        var engine = new MatchingEngine(_clock, initialOrderCapacity: 4096);
        foreach (var m in scenario.Markets) engine.AddBinaryMarket(m.Yes, m.No!, m.Fees);
        _flow = new SyntheticFlow(engine, scenario.Parameters.Select((p, i) => (i, p)).ToList(), scenario.Events, 1);
        long before = _flow.EventsGenerated;
        StepThousand();
        Console.WriteLine($"// synthetic flow: {_flow.EventsGenerated - before} matching events per 1,000 steps (warm-up)");
    }

    [Benchmark]
    public long StepThousand()
    {
        long before = _flow.EventsGenerated;
        for (int i = 0; i < 1000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            _flow.Step(_clock.GetUtcNow().UtcTicks);
        }

        return _flow.EventsGenerated - before;
    }
}

/// <summary>
/// Replay of the Binance USD-M BTCUSDT recording (decompressed into memory once): a bare decode of every line, versus
/// decode + normalization into engine events + L2 book (sequence-checked) + replay fill simulator with a power-3 queue
/// model holding resting quotes. The <c>…FromGz</c> rows start from the compressed file's bytes in memory (gunzip
/// included), one thread or two (<see cref="BackgroundPrefetch"/>). Events/s = engine events (printed at setup) ÷ time
/// per invocation.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BinanceReplayBenchmarks : IReplayFillSink
{
    private byte[] _bytes = [];
    private byte[] _gz = [];
    private (int Start, int Length)[] _lines = [];
    private long _fills;

    public void OnFill(in ReplayFill fill) => _fills += fill.Quantity.Raw;

    [GlobalSetup]
    public void Setup()
    {
        string path = FindData("binance", "usdm_btcusdt_20240808.gz");
        _gz = File.ReadAllBytes(path);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        _bytes = ms.ToArray();
        var lines = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < _bytes.Length; i++)
        {
            if (_bytes[i] != (byte)'\n') continue;
            if (i > start) lines.Add((start, i - start));
            start = i + 1;
        }

        if (start < _bytes.Length) lines.Add((start, _bytes.Length - start));
        _lines = lines.ToArray();
        _messages = ReplaySources.Binance(Records(), 0).ToArray();
        Console.WriteLine($"// binance replay: {_lines.Length} lines, {Replay()} engine events per pass, {_messages.Length} messages");
        if (ReplayPipelinedFromGz() != Replay() || ReplayFromGz() != Replay()) throw new InvalidOperationException("paths disagree");
    }

    private ReplayMessage[] _messages = [];

    [Benchmark]
    public long DecodeAndNormalize()
    {
        long n = 0;
        foreach (var m in ReplaySources.Binance(Records(), 0)) n += m.Events.Length;
        return n;
    }

    /// <summary>Book + queue model only, over the normalized messages held in memory (no decode).</summary>
    [Benchmark]
    public long BookAndQueueModelOnly() => Apply(_messages);

    [Benchmark]
    public long BookOnly()
    {
        var book = new SortedBook(4096);
        long events = 0;
        foreach (var message in _messages)
        {
            foreach (var e in message.Events)
            {
                events++;
                if (e.Kind == MarketDataKind.Snapshot) book.ApplySnapshot(e.Snapshot!, e.ReceiveTimeTicks);
                else if (e.Kind == MarketDataKind.LevelUpdate && book.AcceptSequence(e.Sequence, e.PreviousSequence) == SequenceCheck.Accepted)
                    book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
            }
        }

        return events;
    }

    private IEnumerable<BinanceRecord> Records()
    {
        foreach (var (s, l) in _lines) yield return BinanceRecordingReader.ParseLine(_bytes.AsMemory(s, l));
    }

    [Benchmark(Baseline = true)]
    public long DecodeOnly()
    {
        long n = 0;
        foreach (var r in Records()) n += r.ReceiveTimeNs & 1;
        return n;
    }

    [Benchmark]
    public long Replay() => Apply(ReplaySources.Binance(Records(), 0));

    /// <summary>Bare decode from the compressed bytes: gunzip + line split + JSON → records, one thread.</summary>
    [Benchmark]
    public long DecodeFromGz()
    {
        long n = 0;
        foreach (var r in BinanceRecordingReader.ReadStream(OpenGz)) n += r.ReceiveTimeNs & 1;
        return n;
    }

    /// <summary>End to end from the compressed bytes, one thread: gunzip + decode + normalize + book + queue model.</summary>
    [Benchmark]
    public long ReplayFromGz() => Apply(ReplaySources.Binance(BinanceRecordingReader.ReadStream(OpenGz), 0));

    /// <summary>
    /// End to end from the compressed bytes, two stages: gunzip + decode + normalize on a background thread
    /// (<see cref="BackgroundPrefetch"/>), book + queue model on this one.
    /// </summary>
    [Benchmark]
    public long ReplayPipelinedFromGz() => Apply(BackgroundPrefetch.Prefetch(ReplaySources.Binance(BinanceRecordingReader.ReadStream(OpenGz), 0)));

    private Stream OpenGz() => new GZipStream(new MemoryStream(_gz, writable: false), CompressionMode.Decompress);

    private long Apply(IEnumerable<ReplayMessage> messages)
    {
        var book = new SortedBook(4096);
        var sim = new ReplayFillSimulator(0, QueueModelSpec.Parse("power3"), Quantity.Parse("0.001"), this);
        long events = 0;
        bool quoted = false;
        foreach (var message in messages)
        {
            foreach (var e in message.Events)
            {
                events++;
                sim.OnMarketData(e);
                switch (e.Kind)
                {
                    case MarketDataKind.Snapshot: book.ApplySnapshot(e.Snapshot!, e.ReceiveTimeTicks); break;
                    case MarketDataKind.LevelUpdate:
                        if (book.AcceptSequence(e.Sequence, e.PreviousSequence) == SequenceCheck.Accepted) book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
                        break;
                }
            }

            if (!quoted && book.HasBids && book.HasAsks)
            {
                quoted = true;
                sim.Submit(1, Side.Buy, book.BestBid.Price, Quantity.Parse("1000"), Core.Orders.TimeInForce.Gtc, 0);
                sim.Submit(2, Side.Sell, book.BestAsk.Price, Quantity.Parse("1000"), Core.Orders.TimeInForce.Gtc, 0);
            }
        }

        return events;
    }

    private static string FindData(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return Path.Combine([candidate, .. parts]);
        }

        throw new DirectoryNotFoundException("shared/data not found");
    }
}
