using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Parsing one real Polymarket <c>price_change</c> frame (two entries, YES/NO pair) from the recorded burst in
/// <c>shared/data/polymarket/</c>, against a bare <see cref="Utf8JsonReader"/> pass over the same bytes, plus the
/// token-id lookup on its own: the byte hash the parser uses, the string dictionary's alternate lookup after widening
/// into a stack buffer, and decoding a string (allocating).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PolymarketParseBenchmarks
{
    private const string Yes = "76670567130917723816490572615540605537878462672464291990940067659127658071111";
    private const string No = "54179564009642723353355316176091991063553046330768303687769988635499280029688";

    private byte[] _frame = [];
    private byte[] _token = [];
    private MarketChannelParser _parser = null!;
    private AssetIndexMap _assets = null!;
    private Dictionary<string, int> _plain = null!;
    private readonly long[] _accumulator = new long[1];

    /// <summary>Sums what it receives so the work cannot be optimized away; a struct so calls devirtualize.</summary>
    private readonly struct SummingSink(long[] accumulator) : IMarketChannelSink
    {
        public void OnMarketData(in MarketDataEvent marketData) => accumulator[0] += marketData.Price.Raw + marketData.Size.Raw;

        public void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks) => accumulator[0]++;

        public void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame) => accumulator[0] = -1;
    }

    private TickLadderBook[] _books = [];

    /// <summary>Applies each level update to its instrument's tick-ladder book, as the kernel does (a struct: devirtualized).</summary>
    private readonly struct BookSink(TickLadderBook[] books, long[] accumulator) : IMarketChannelSink
    {
        public void OnMarketData(in MarketDataEvent marketData)
        {
            if (marketData.Kind == MarketDataKind.LevelUpdate && !books[marketData.InstrumentIndex].SetLevel(marketData.Side, marketData.Price, marketData.Size, marketData.ReceiveTimeTicks))
                accumulator[0] = -1;
        }

        public void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks) => accumulator[0]++;

        public void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame) => accumulator[0] = -1;
    }

    [GlobalSetup]
    public void Setup()
    {
        string path = FindShared("polymarket/ws_market_price_change_crossing_burst.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement first = doc.RootElement.EnumerateArray().First(e => e.GetProperty("event_type").GetString() == "price_change");
        _frame = Encoding.UTF8.GetBytes(first.GetRawText());
        _token = Encoding.UTF8.GetBytes(Yes);
        _assets = new AssetIndexMap();
        _assets.Add(Yes, 0);
        _assets.Add(No, 1);
        _plain = new Dictionary<string, int>(StringComparer.Ordinal) { [Yes] = 0, [No] = 1 };
        _parser = new MarketChannelParser(_assets);
        _parser.Parse(_frame, 0, new SummingSink(_accumulator));
        if (_accumulator[0] <= 0 || _parser.Counters.PriceChangeEntries != 2) throw new InvalidOperationException("benchmark frame did not parse");
        _books = [TickLadderBook.ForProbability(Price.Parse("0.001")), TickLadderBook.ForProbability(Price.Parse("0.001"))];
        foreach (var book in _books) book.ApplySnapshot([], [], 0, 0); // live (empty) so level updates apply
        _parser.Parse(_frame, 0, new BookSink(_books, _accumulator));
        if (_accumulator[0] < 0 || !(_books[0].HasBids || _books[0].HasAsks)) throw new InvalidOperationException("benchmark frame did not update the books");
    }

    /// <summary>
    /// price_change bytes → both books updated: the parse plus <see cref="OrderBook.SetLevel"/> on a
    /// <see cref="TickLadderBook"/> per entry (the same absolute sizes every time, so the state is steady).
    /// </summary>
    [Benchmark]
    public long ParsePriceChangeIntoBooks()
    {
        _parser.Parse(_frame, 0, new BookSink(_books, _accumulator));
        return _books[0].LastUpdateTicks;
    }

    /// <summary>The whole parse of one frame into two level-update events.</summary>
    [Benchmark]
    public long ParsePriceChangeFrame()
    {
        _parser.Parse(_frame, 0, new SummingSink(_accumulator));
        return _accumulator[0];
    }

    /// <summary>The floor: every token of the same bytes read, nothing interpreted.</summary>
    [Benchmark(Baseline = true)]
    public int BareUtf8JsonReaderPass()
    {
        var reader = new Utf8JsonReader(_frame);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    /// <summary>Token id lookup as the parser does it: 64-bit hash of the UTF-8 bytes, then byte verification.</summary>
    [Benchmark]
    public int AssetLookupByteHash() => _assets.TryGetIndex(_token.AsSpan(), out int i) ? i : -1;

    /// <summary>The alternative: widen into a stack buffer, then the string dictionary's span alternate lookup.</summary>
    [Benchmark]
    public int AssetLookupAlternateSpan()
    {
        Span<char> chars = stackalloc char[128];
        ReadOnlySpan<byte> token = _token;
        for (int k = 0; k < token.Length; k++) chars[k] = (char)token[k];
        return _plain.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..token.Length], out int i) ? i : -1;
    }

    /// <summary>The allocating alternative it replaces: decode to a string, then look up.</summary>
    [Benchmark]
    public int AssetLookupDecodedString() => _plain.TryGetValue(Encoding.UTF8.GetString(_token), out int i) ? i : -1;

    private static string FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"shared/data/{relative} not found above {AppContext.BaseDirectory}");
    }
}
