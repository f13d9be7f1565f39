using Bookmaker.Cli.Tests.Process;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Sweep;

/// <summary><c>bookmaker sweep</c>'s progress: a bar of runs done on a terminal, the plain per-run lines when piped.</summary>
public sealed class SweepProgressProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-progress-").FullName;

    private static string[] Sweep(string outDir) =>
        [BookmakerProcess.Executable, "sweep", "--profile", Path.Combine(SweepProcessTests.RepoRoot(), "profiles", "backtest-btc.json"),
            "--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005",
            "--to", "+5s", "--grid", "MarketMaker:MinSpreadBps=6,8", "--parallel", "2", "--out", outDir];

    [Fact]
    public async Task Terminal_shows_a_bar_of_runs_done_under_the_per_run_lines()
    {
        var (code, stdout) = await RawOutput.RunAsync(_dir, Timeout, "script", RawOutput.UnderTerminal(Sweep("tty")));
        Assert.True(code == 0, stdout);
        Assert.Contains("\rsweep: [" + new string('#', 24) + "] 2/2 runs", stdout);
        // The bar is cleared before each finished run's line, so the lines stay whole and start a line of their own.
        Assert.Matches(@"\r +\rsweep: \[1/2\] minspreadbps-\d+-[0-9a-f]+: net P&L", stdout);
        Assert.Matches(@"\r +\rsweep: \[2/2\] minspreadbps-\d+-[0-9a-f]+: net P&L", stdout);
        Assert.Contains("sweep: done; 2 of 2 runs", stdout);
    }

    [Fact]
    public async Task Piped_output_keeps_one_plain_line_per_finished_run()
    {
        string[] command = Sweep("piped");
        var (code, stdout) = await RawOutput.RunAsync(_dir, Timeout, command[0], command[1..]);
        Assert.Equal(0, code);
        Assert.DoesNotContain('\r', stdout);
        Assert.Matches(@"(?m)^sweep: \[1/2\] ", stdout);
        Assert.Matches(@"(?m)^sweep: \[2/2\] ", stdout);
        Assert.DoesNotContain("runs  ", stdout);
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
