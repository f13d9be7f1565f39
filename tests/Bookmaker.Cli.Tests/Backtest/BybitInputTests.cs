using System.IO.Compression;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Sources;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Backtest;

/// <summary>Bybit v5 recordings as backtest input: detection, the venue's u-continuity rule, bad lines, recorder lines.</summary>
public sealed class BybitInputTests : IDisposable
{
    private const string Xrp = "XRPUSDT:tick=0.0001,lot=1,min=1,maker=0.0002,taker=0.00055";
    private readonly string _dir = Directory.CreateTempSubdirectory("bybit-in-").FullName;

    private static List<string> FeedLines() => [.. File.ReadAllLines(SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl"))];

    private string Write(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(_dir, name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gz = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
            foreach (string l in lines) gz.WriteLine(l);
        }
        else
        {
            File.WriteAllLines(path, lines);
        }

        return path;
    }

    private static (ReplayPlan Plan, List<Bookmaker.Venues.Simulated.ReplayVenue.ReplayMessage> Messages) Replay(string path, DataProblems problems)
    {
        var plan = ReplayPlan.Build([DataFile.Describe(path, null)], [InstrumentSpec.Parse(Xrp)], problems);
        return (plan, plan.Messages.ToList());
    }

    [Fact]
    public void Shared_feed_is_detected_as_bybit_and_replays_without_problems()
    {
        string path = SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl");
        Assert.Equal(DataFormat.Bybit, FormatSniffer.Detect(path));
        var problems = new DataProblems();
        var (plan, messages) = Replay(path, problems);
        Assert.Equal(("bybit", "XRPUSDT"), (plan.Venue, plan.Instruments.Single().Id.Symbol));
        Assert.Equal(0, problems.Total);
        Assert.Equal(50, messages.Count);
        Assert.Equal(MarketDataKind.Snapshot, messages[0].Events[0].Kind);
        Assert.True(messages.Skip(1).All(m => m.Events.All(e => e.Kind == MarketDataKind.LevelUpdate && e.PreviousSequence == e.Sequence - 1)));
    }

    [Fact]
    public void A_missing_delta_is_a_gap_that_leaves_the_book_stale_until_the_next_snapshot()
    {
        var lines = FeedLines();
        lines.RemoveAt(10);
        // The venue re-sends a snapshot (as after a resubscribe): its u is the one the next delta follows, its ts its predecessor's.
        long nextU = UpdateId(lines[30]);
        string resent = SetField(SetField(lines[0], "u", (nextU - 1).ToString()), "ts", Field(lines[29], "ts"));
        lines.Insert(30, resent);
        var problems = new DataProblems();
        var (_, messages) = Replay(Write("gap.jsonl", lines), problems);
        Assert.Equal((1L, 1L), (problems.Count(DataProblems.SequenceGap), problems.Total));
        int invalidated = messages.FindIndex(m => m.Events[0].Kind == MarketDataKind.BookInvalidated);
        int resnapshot = messages.FindIndex(1, m => m.Events[0].Kind == MarketDataKind.Snapshot);
        Assert.True(invalidated > 0 && resnapshot == invalidated + 1, "deltas between the gap and the next snapshot are skipped");
        Assert.Equal(messages.Count - 1, resnapshot + lines.Count - 1 - 30);
    }

    [Fact]
    public void Deltas_before_the_first_snapshot_are_counted_once_and_skipped()
    {
        var lines = FeedLines();
        long snapshotTs = long.Parse(Field(lines[0], "ts"));
        lines.Insert(0, SetField(lines[5], "ts", (snapshotTs - 20).ToString()));
        lines.Insert(0, SetField(lines[4], "ts", (snapshotTs - 50).ToString()));
        var problems = new DataProblems();
        var (_, messages) = Replay(Write("late.jsonl", lines), problems);
        Assert.Equal((1L, 1L), (problems.Count(DataProblems.SequenceGap), problems.Total));
        Assert.Equal(MarketDataKind.Snapshot, messages[0].Events[0].Kind);
        Assert.Equal(50, messages.Count);
    }

    private static long UpdateId(string line) => long.Parse(Field(line, "u"));

    private static string Field(string line, string name)
    {
        var m = System.Text.RegularExpressions.Regex.Match(line, "\"" + name + "\":(\\d+)");
        return m.Groups[1].Value;
    }

    private static string SetField(string line, string name, string value) =>
        System.Text.RegularExpressions.Regex.Replace(line, "\"" + name + "\":\\d+", "\"" + name + "\":" + value);

    [Fact]
    public void Malformed_line_is_counted_with_its_line_number()
    {
        var lines = FeedLines();
        lines[7] = lines[7].Replace("\"u\":", "\"u\":\"x", StringComparison.Ordinal);
        var problems = new DataProblems();
        Replay(Write("bad.jsonl", lines), problems);
        Assert.Equal(1, problems.Count(DataProblems.MalformedLine));
        Assert.Equal(8, problems.Kept.First(p => p.Kind == DataProblems.MalformedLine).Line);
    }

    [Fact]
    public void Recorder_lines_in_gzip_replay_at_their_receive_time()
    {
        var lines = FeedLines().Select((l, i) => $"{{\"recv_ns\":{1733011201000000000L + i * 100_000_000L},\"msg\":{l}}}").ToList();
        string path = Write("rec.jsonl.gz", lines);
        Assert.Equal(DataFormat.Bybit, FormatSniffer.Detect(path));
        var problems = new DataProblems();
        var (_, messages) = Replay(path, problems);
        Assert.Equal(0, problems.Total);
        Assert.Equal(new DateTime(2024, 12, 1, 0, 0, 1, DateTimeKind.Utc).Ticks, messages[0].TimeTicks);
        Assert.Equal(50, messages.Count);
    }

    [Fact]
    public void Missing_instrument_terms_name_the_symbol_and_the_flag()
    {
        var ex = Assert.Throws<BacktestInputException>(() => ReplayPlan.Build([DataFile.Describe(SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl"), null)], [], new DataProblems()));
        Assert.Contains("XRPUSDT", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--instrument", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_process_replays_the_bybit_feed_with_format_auto_and_bybit()
    {
        foreach (string format in new[] { "auto", "bybit" })
        {
            var (code, p) = await Bookmaker.Cli.Tests.Process.BookmakerProcess.RunAsync(_dir, null, TimeSpan.FromMinutes(2),
                "backtest", "--data", SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl"), "--format", format, "--instrument", Xrp, "--out", "bt-" + format);
            using (p)
            {
                Assert.True(code == 0, p.Stderr);
                var result = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "bt-" + format, "result.json")))!;
                Assert.Equal("bybit", (string)result["run"]!["venue"]!);
                Assert.Equal(50, (long)result["run"]!["messages"]!);
                Assert.Equal(0, (long)result["data_problems"]!["total"]!);
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
