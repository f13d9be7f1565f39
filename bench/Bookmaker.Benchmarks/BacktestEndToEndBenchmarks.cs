using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Bookmaker.Cli;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Issue 14's figure: <c>bookmaker backtest</c> of the shared Binance USD-M BTCUSDT file with the market maker
/// (profile <c>backtest-btc</c>), end to end from the gz file — the very command the CLI runs, called in-process through
/// <see cref="BookmakerCli.Run"/>, so it measures production code: gunzip, decode, replay venue, engine loop on the
/// simulated clock, strategy, risk gate, journal, result.json and report.html. One invocation is one whole backtest;
/// BenchmarkDotNet divides by <see cref="Events"/>, so Mean is the time per engine event and the Events/s column is its
/// inverse. bench/backtest-floor.sh puts it beside the C floor of the same file.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecondConfig))]
public class BacktestEndToEndBenchmarks
{
    /// <summary>Engine events of one backtest of the file (timing.json's <c>events</c>); setup fails if it moves.</summary>
    public const int Events = 470_856;

    private string[] _args = [];
    private CliContext _context = null!;
    private string _out = "";

    [GlobalSetup]
    public void Setup()
    {
        string data = BenchmarkData.Find("binance", "usdm_btcusdt_20240808.gz");
        _out = Path.Combine(Path.GetTempPath(), "bookmaker-bench-backtest-" + Environment.ProcessId);
        _args =
        [
            "backtest", "--profile", "backtest-btc", "--data", data,
            "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005", "--out", _out,
        ];
        // The CLI's own environment, except that the profile comes from the repository and nothing is printed.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Engine.Configuration.ConfigRequest.ProfilesDirVariable] = BenchmarkData.RepositoryDirectory("profiles"),
            // The bench machine can be short of disk; the journal's free-space floor is not what is measured.
            ["BOOKMAKER__Journal__MinFreeBytes"] = "16777216",
        };
        _context = new CliContext(TextWriter.Null, TextWriter.Null, environment, Path.GetTempPath());
        Backtest();
        using var timing = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "timing.json")));
        long events = timing.RootElement.GetProperty("events").GetInt64();
        if (events != Events) throw new InvalidOperationException($"the backtest replayed {events} events, the benchmark divides by {Events}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Backtest()
    {
        int code = BookmakerCli.Run(_args, _context);
        return code == 0 ? code : throw new InvalidOperationException($"backtest exit code {code}");
    }

    private sealed class EventsPerSecondConfig : ManualConfig
    {
        public EventsPerSecondConfig() => AddColumn(new EventsPerSecondColumn());
    }

    /// <summary>Engine events per second: the inverse of Mean (which is per event, see OperationsPerInvoke).</summary>
    private sealed class EventsPerSecondColumn : IColumn
    {
        public string Id => nameof(EventsPerSecondColumn);
        public string ColumnName => "Events/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Engine events per second (1 s / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } s
                ? (1e9 / s.Mean).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
