using System.IO.Compression;
using System.Text;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Sources;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Backtest;

/// <summary>Bad input is counted with file and line and the replay goes on (real files written to a temporary directory).</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bt-bad-").FullName;

    // The first lines of the shared USD-M file (snapshot, diffs, trades), as text.
    private static List<string> UsdMLines(int count)
    {
        using var gz = new GZipStream(File.OpenRead(SharedData.Path("binance", "usdm_btcusdt_20240808.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lines = new List<string>();
        while (lines.Count < count && reader.ReadLine() is { } l) lines.Add(l);
        return lines;
    }

    private string WriteGz(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(_dir, name);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return path;
    }

    private static long Replay(string path, DataProblems problems) => BinanceFileReader.Messages(path, 0, problems).LongCount();

    [Fact]
    public void Malformed_binance_line_is_counted_with_its_line_and_skipped()
    {
        var lines = UsdMLines(3000);
        lines.Insert(100, "1723161255999999999 {\"e\":\"depthUpdate\",");
        var problems = new DataProblems();
        Assert.True(Replay(WriteGz("bad.gz", lines), problems) > 0);
        Assert.Equal(1, problems.Count(DataProblems.MalformedLine));
        Assert.Equal(101, problems.Kept.Single(p => p.Kind == DataProblems.MalformedLine).Line);
    }

    [Fact]
    public void Truncated_gzip_is_counted_and_the_lines_before_the_cut_replay()
    {
        byte[] whole = File.ReadAllBytes(SharedData.Path("binance", "usdm_btcusdt_20240808.gz"));
        string path = Path.Combine(_dir, "cut.gz");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var problems = new DataProblems();
        Assert.True(Replay(path, problems) > 1000);
        Assert.Equal(1, problems.Count(DataProblems.TruncatedGzip));
    }

    [Fact]
    public void Gap_in_the_binance_sequence_is_counted_and_the_chain_relinked()
    {
        var lines = UsdMLines(3000);
        int snapshot = lines.FindIndex(l => l.Contains("\"lastUpdateId\"", StringComparison.Ordinal));
        // Drop the tenth depth diff after the snapshot: the next one no longer links to its predecessor.
        int diffs = 0;
        int drop = lines.FindIndex(snapshot + 1, l => l.Contains("depthUpdate", StringComparison.Ordinal) && ++diffs == 10);
        lines.RemoveAt(drop);
        var problems = new DataProblems();
        var records = BinanceFileReader.Clean(WriteGz("gap.gz", lines), problems).ToList();
        Assert.Equal(1, problems.Count(DataProblems.SequenceGap));
        // After the repair every diff links to the one before it.
        var chain = records.SkipWhile(r => r is not BinanceDepthSnapshotRecord).OfType<BinanceDepthUpdateRecord>().Skip(3).ToList();
        for (int i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].FinalUpdateId, chain[i].PreviousFinalUpdateId);
    }

    [Fact]
    public void Line_out_of_time_order_is_counted_and_held_at_the_previous_time()
    {
        var lines = UsdMLines(500);
        string moved = lines[200];
        lines.RemoveAt(200);
        lines.Insert(400, moved);
        var problems = new DataProblems();
        var records = BinanceFileReader.Clean(WriteGz("order.gz", lines), problems).ToList();
        Assert.Equal(1, problems.Count(DataProblems.OutOfOrder));
        for (int i = 1; i < records.Count; i++) Assert.True(records[i].ReceiveTimeNs >= records[i - 1].ReceiveTimeNs);
    }

    [Fact]
    public void Unknown_format_is_counted_and_not_replayed()
    {
        string junk = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(junk, "hello, this is not market data\n");
        var problems = new DataProblems();
        var files = new[] { DataFile.Describe(junk, null), DataFile.Describe(SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json"), null) };
        var plan = ReplayPlan.Build(files, [], problems);
        Assert.Equal(1, problems.Count(DataProblems.UnknownFormat));
        Assert.Equal("notes.txt", problems.Kept.Single().File);
        Assert.Equal(51, plan.Messages.Count());
    }

    [Fact]
    public void Malformed_recorder_line_is_counted_and_invalidates_the_books()
    {
        string array = SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json");
        string recorded = Path.Combine(_dir, "rec.jsonl.gz");
        Bookmaker.Venues.Simulated.ReplayVenue.ReplaySources.WriteRecorderFile(array, recorded, TimeSpan.FromMilliseconds(3));
        var lines = new List<string>();
        using (var gz = new StreamReader(new GZipStream(File.OpenRead(recorded), CompressionMode.Decompress)))
            while (gz.ReadLine() is { } l) lines.Add(l);
        lines.Insert(5, "{\"recv_ns\": 12, \"msg\": [");
        string bad = WriteGz("rec-bad.jsonl.gz", lines);
        var problems = new DataProblems();
        var plan = ReplayPlan.Build([DataFile.Describe(bad, null)], [], problems);
        var messages = plan.Messages.ToList();
        Assert.Equal(1, problems.Count(DataProblems.MalformedLine));
        Assert.Equal(6, problems.Kept.Single().Line);
        Assert.Contains(messages, m => m.Events.Any(e => e.Kind == Bookmaker.Engine.Venues.MarketDataKind.BookInvalidated));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
