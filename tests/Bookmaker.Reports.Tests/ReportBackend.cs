using System.Text.Json.Nodes;
using Bookmaker.Cli;
using Bookmaker.Testing;

namespace Bookmaker.Reports.Tests;

/// <summary>
/// Real backtests whose report.html the browser tests open: the shared Binance USD-M file with the market maker (4
/// fills, so every chart has data) and the shared Polymarket capture (a binary market, shown in its YES view; market maker
/// and arbitrage). Run once
/// once for the test collection, in process, into a temporary directory.
/// </summary>
public sealed class ReportBackend : IDisposable
{
    private const string Btc = "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005";

    public ReportBackend()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("report-tests-").FullName;
        Run("usdm", "--profile", Path.Combine(RepoRoot(), "profiles", "backtest-btc.json"), "--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), "--instrument", Btc);
        // With the arbitrage strategy too, so the report's arbitrage table is checked against result.json.
        Run("polymarket", "--data", SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json"), "--strategies", "mm,arb");
    }

    /// <summary>Where the runs wrote (one sub-directory per run).</summary>
    public string Directory { get; }

    public string ReportPath(string run) => Path.Combine(Directory, run, "report.html");

    public JsonObject Result(string run) => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, run, "result.json")))!.AsObject();

    private void Run(string name, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // A low journal-space floor, as the CLI tests use, so a nearly full test disk does not refuse the journal.
        var env = new Dictionary<string, string?> { ["BOOKMAKER__Journal__MinFreeBytes"] = "16777216" };
        int code = BookmakerCli.Run(["backtest", .. args, "--out", Path.Combine(Directory, name)], stdout, stderr, env);
        if (code != 0) throw new InvalidOperationException($"backtest {name} exited {code}: {stderr}");
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Bookmaker.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The report and sweep tests share one set of backtests (they run one class after the other).</summary>
[CollectionDefinition(Name)]
public sealed class ReportBackendGroup : ICollectionFixture<ReportBackend>
{
    public const string Name = "report backtests";
}
