using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Testing;
using Bookmaker.Venues.Bybit.Wire;

namespace Bookmaker.Benchmarks;

/// <summary>
/// A 50-level Bybit <c>orderbook</c> delta (25 bids + 25 asks taken from the real recorded XRPUSDT snapshot, sizes
/// unchanged so the book's state is steady), bytes → book updated: the parse into the reused message, the
/// <c>u</c>-continuity check and <see cref="OrderBook.SetLevel"/> per level on the <see cref="SortedBook"/> the engine
/// uses for crypto instruments. Against a bare <see cref="Utf8JsonReader"/> pass over the same bytes (the floor).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BybitParseBenchmarks
{
    private byte[] _delta = [];
    private readonly BybitPublicMessage _message = new();
    private readonly SortedBook _book = new();
    private long _u;

    [GlobalSetup]
    public void Setup()
    {
        string snapshotLine = File.ReadLines(SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl")).First();
        if (BybitPublicParser.Parse(Encoding.UTF8.GetBytes(snapshotLine), _message) != BybitPublicKind.OrderBook) throw new InvalidOperationException(_message.Error);
        _book.ApplySnapshot(_message.ToSnapshot(), 0);
        _u = _message.UpdateId;
        var json = new StringBuilder("{\"topic\":\"orderbook.50.XRPUSDT\",\"type\":\"delta\",\"ts\":1733011200791,\"data\":{\"s\":\"XRPUSDT\",\"b\":[");
        Levels(json, _message.Bids);
        json.Append("],\"a\":[");
        Levels(json, _message.Asks);
        json.Append("],\"u\":").Append((_u + 1).ToString(CultureInfo.InvariantCulture)).Append(",\"seq\":1},\"cts\":1733011200789}");
        _delta = Encoding.UTF8.GetBytes(json.ToString());
        if (ParseDeltaIntoBook() < 0) throw new InvalidOperationException("the benchmark delta did not apply");
    }

    private static void Levels(StringBuilder json, BybitLevels levels)
    {
        for (int i = 0; i < 25; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("[\"").Append(levels.Prices[i].ToString()).Append("\",\"").Append(levels.Sizes[i].ToString()).Append("\"]");
        }
    }

    /// <summary>Delta bytes → book updated (50 levels), continuity checked as the adapter does.</summary>
    [Benchmark]
    public long ParseDeltaIntoBook()
    {
        if (BybitPublicParser.Parse(_delta, _message) != BybitPublicKind.OrderBook) return -1;
        // The same delta every time: it is linked to the book's id so the check passes as a live +1 would.
        if (_book.AcceptSequence(_message.UpdateId, _message.UpdateId - 1) == SequenceCheck.Gap) return -1;
        var bids = _message.Bids;
        for (int i = 0; i < bids.Count; i++) _book.SetLevel(Side.Buy, bids.Prices[i], bids.Sizes[i], 1);
        var asks = _message.Asks;
        for (int i = 0; i < asks.Count; i++) _book.SetLevel(Side.Sell, asks.Prices[i], asks.Sizes[i], 1);
        return _book.LastUpdateTicks;
    }

    /// <summary>The parse alone.</summary>
    [Benchmark]
    public long ParseDelta() => BybitPublicParser.Parse(_delta, _message) == BybitPublicKind.OrderBook ? _message.UpdateId : -1;

    /// <summary>The floor: every token of the same bytes read, nothing interpreted.</summary>
    [Benchmark(Baseline = true)]
    public int BareUtf8JsonReaderPass()
    {
        var reader = new Utf8JsonReader(_delta);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }
}
