using System.Text.Json.Nodes;
using Bookmaker.Backtest.Sweeps;
using Bookmaker.Cli.Tests.Process;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Sweep;

/// <summary>
/// The real <c>bookmaker sweep</c> process on a 20-second slice of the shared USD-M file: shards, resume, merge and
/// usage errors. Grids are tiny so the class stays within a few tens of seconds.
/// </summary>
public sealed class SweepProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-").FullName;

    private static string UsdM => SharedData.Path("binance", "usdm_btcusdt_20240808.gz");

    private static string Profile => Path.Combine(RepoRoot(), "profiles", "backtest-btc.json");

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Bookmaker.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root");
    }

    private static readonly string[] Grid = ["--grid", "MarketMaker:MinSpreadBps=6,8,12"];

    private static string[] Common => ["--profile", Profile, "--data", UsdM, "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005", "--to", "+20s"];

    private Task<(int Code, BookmakerProcess Process)> Run(params string[] args) => BookmakerProcess.RunAsync(_dir, null, Timeout, args);

    private string PathOf(params string[] parts) => Path.Combine([_dir, .. parts]);

    [Fact]
    public async Task Shards_cover_the_grid_once_resume_skips_finished_runs_and_report_merges_them()
    {
        // Two machines: shard 0/2 and 1/2 into their own directories, at the same time.
        var a = Run(["sweep", .. Common, .. Grid, "--shard", "0/2", "--out", "a"]);
        var b = Run(["sweep", .. Common, .. Grid, "--shard", "1/2", "--out", "b", "--parallel", "2"]);
        var (codeA, pa) = await a;
        var (codeB, pb) = await b;
        using (pa)
        using (pb)
        {
            Assert.True(codeA == 0, pa.Stdout + pa.Stderr);
            Assert.True(codeB == 0, pb.Stdout + pb.Stderr);
        }

        var expected = new SweepGrid([new GridAxis("MarketMaker:MinSpreadBps", ["6", "8", "12"])]).Expand();
        var inA = Directory.GetDirectories(PathOf("a", "runs")).Select(Path.GetFileName).ToList();
        var inB = Directory.GetDirectories(PathOf("b", "runs")).Select(Path.GetFileName).ToList();
        Assert.Equal(expected.Where(r => r.Index % 2 == 0).Select(r => r.Id).Order(), inA.Order());
        Assert.Equal(expected.Where(r => r.Index % 2 == 1).Select(r => r.Id).Order(), inB.Order());
        foreach (var run in expected)
        {
            var result = JsonNode.Parse(File.ReadAllText(PathOf(run.Index % 2 == 0 ? "a" : "b", "runs", run.Id, "result.json")))!;
            Assert.Equal(run.Parameters[0].Value, (string)result["run"]!["config"]![run.Parameters[0].Key]!);
        }

        // Resume: the same command again runs nothing and leaves the finished files as they were.
        string first = PathOf("a", "runs", expected[0].Id, "result.json");
        var written = File.GetLastWriteTimeUtc(first);
        var (again, pr) = await Run(["sweep", .. Common, .. Grid, "--shard", "0/2", "--out", "a"]);
        using (pr)
        {
            Assert.Equal(0, again);
            Assert.Contains("2 already finished, 0 to run", pr.Stdout);
        }

        Assert.Equal(written, File.GetLastWriteTimeUtc(first));

        // Merge both shards: every run once, ranked by net P&L, each linked to its report.
        var (merged, pm) = await Run(["sweep", "report", "a", "b", "--out", "merged"]);
        using (pm) Assert.True(merged == 0, pm.Stderr);
        var sweep = JsonNode.Parse(File.ReadAllText(PathOf("merged", "sweep.json")))!;
        var runs = sweep["runs"]!.AsArray();
        Assert.Equal(3, (int)sweep["runs_finished"]!);
        Assert.Equal(3, (int)sweep["runs_in_grid"]!);
        Assert.Equal(expected.Select(r => r.Id).Order(), runs.Select(r => (string)r!["id"]!).Order());
        Assert.Equal([1, 2, 3], runs.Select(r => (int)r!["rank_net_pnl"]!));
        var pnl = runs.Select(r => (decimal)r!["net_pnl"]!).ToList();
        Assert.Equal(pnl.OrderDescending(), pnl);
        Assert.Equal(3, (int)sweep["deflated_sharpe"]!["trials"]!);
        string html = File.ReadAllText(PathOf("merged", "sweep.html"));
        foreach (var r in runs)
        {
            string link = (string)r!["report"]!;
            Assert.Contains($"href=\"{link}\"", html);
            Assert.True(File.Exists(Path.Combine(PathOf("merged"), link)), link);
        }

        Assert.Contains("id=\"heatmap\"", html);
        Assert.Contains("3 trials", html);
        Assert.DoesNotContain("src=", html);

        // Deterministic: the same shards merged again (the heatmap's key now asked for) give the same bytes.
        var (again2, pm2) = await Run(["sweep", "report", "a", "b", "--x", "MarketMaker:MinSpreadBps", "--out", "merged2"]);
        using (pm2) Assert.Equal(0, again2);
        Assert.Equal(File.ReadAllBytes(PathOf("merged", "sweep.json")), File.ReadAllBytes(PathOf("merged2", "sweep.json")));
        Assert.Equal("MarketMaker:MinSpreadBps", (string)sweep["heatmap"]!["x"]!);
    }

    [Fact]
    public async Task Ctrl_c_stops_the_sweep_and_keeps_the_finished_runs()
    {
        string[] common = [.. Common[..^2], "--to", "+120s"];
        using var p = BookmakerProcess.Start(_dir, null, ["sweep", .. common, .. Grid, "--out", "s"]);
        await p.WaitForLineAsync(l => l.StartsWith("sweep: [1/3]", StringComparison.Ordinal), Timeout, "the first finished run");
        p.Signal(BookmakerProcess.SigInt);
        int code = await p.WaitForExitAsync(Timeout);
        Assert.Equal(1, code);
        Assert.Contains("sweep: stopped;", p.Stderr);

        // Each run reported finished is whole and is what a resumed sweep will skip; the one cut short is not taken for
        // finished (its result.json, if any, says it was stopped by the signal).
        var finished = Directory.GetDirectories(PathOf("s", "runs")).Select(SweepTrial.TryRead).Where(t => t is not null).ToList();
        Assert.InRange(finished.Count, 1, 2);
        foreach (var t in finished) Assert.Contains(t!.Id, p.Stdout);
    }

    [Theory]
    [InlineData("--grid", "MarketMaker:MinSpreadBps", "--grid 'MarketMaker:MinSpreadBps': no '='")]
    [InlineData("--grid", "MarketMaker:MinSpreadBps=", "no values after '='")]
    [InlineData("--grid", "MarketMaker:MinSpreadBps=6,,8", "an empty value")]
    [InlineData("--grid", "MarketMaker:MinSpredBps=6,8", "MarketMaker:MinSpredBps = '6' (from cli:--grid): unknown key")]
    [InlineData("--shard", "2/2", "--shard '2/2': i must be below N; shards are 0-based")]
    [InlineData("--data", "nowhere.gz", "--data 'nowhere.gz': no such file")]
    [InlineData("--queue-model", "fifo", "--queue-model 'fifo': queue model 'fifo' is not recognised")]
    public async Task Bad_flag_exits_2_naming_flag_value_and_rule(string flag, string value, string message)
    {
        string[] grid = flag == "--grid" ? [flag, value] : ["--grid", "MarketMaker:MinSpreadBps=6", flag, value];
        string[] data = flag == "--data" ? [] : ["--data", UsdM];
        var (code, p) = await Run(["sweep", .. data, .. grid, "--out", "x"]);
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains(message, p.Stderr);
        }

        Assert.False(Directory.Exists(PathOf("x")));
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
