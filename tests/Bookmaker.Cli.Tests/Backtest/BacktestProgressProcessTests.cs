using System.Text.Json.Nodes;
using Bookmaker.Cli.Tests.Process;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Backtest;

/// <summary>
/// The backtest's progress through the real process: plain lines when piped, one line redrawn in place on a terminal
/// (a pseudo-terminal from util-linux <c>script</c>), and Ctrl+C mid-run still writing the outputs.
/// </summary>
public sealed class BacktestProgressProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private const string Btc = "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005";
    private readonly string _dir = Directory.CreateTempSubdirectory("bt-progress-").FullName;

    private static string UsdM => SharedData.Path("binance", "usdm_btcusdt_20240808.gz");

    private static string Polymarket => SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json");

    private static string Profile => Path.Combine(Sweep.SweepProcessTests.RepoRoot(), "profiles", "backtest-btc.json");

    private Task<(int Code, string Stdout)> RawAsync(string program, params string[] args) => RawOutput.RunAsync(_dir, Timeout, program, args);

    [Fact]
    public async Task Piped_output_gets_plain_progress_lines_and_no_carriage_return()
    {
        var (code, stdout) = await RawAsync(BookmakerProcess.Executable, "backtest", "--profile", Profile, "--data", UsdM, "--instrument", Btc, "--out", "piped");
        Assert.Equal(0, code);
        Assert.DoesNotContain('\r', stdout);
        Assert.DoesNotContain("] 100.0%", stdout);
        Assert.Contains("backtest: wrote", stdout);
        // Each progress line (about one a wall second) is a whole line of its own.
        foreach (string line in stdout.Split('\n').Where(l => l.StartsWith("backtest: at ", StringComparison.Ordinal)))
            Assert.Matches(@"^backtest: at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d — \d+ messages, \d+ events, \d+ fills, net P&L -?[0-9.]+$", line);
    }

    [Fact]
    public async Task Terminal_output_redraws_one_progress_line_in_place_and_ends_it_with_a_newline()
    {
        // script gives the command a pseudo-terminal as stdout and copies what it writes to ours.
        var (code, stdout) = await RawAsync("script", RawOutput.UnderTerminal(BookmakerProcess.Executable, "backtest", "--data", Polymarket, "--out", "tty"));
        Assert.True(code == 0, stdout);
        Assert.DoesNotContain("backtest: at ", stdout);
        // The data's time range is known (the capture is read up front), so the last draw is a full bar, then the
        // newline (the terminal turns \n into \r\n) and the summary on lines of their own.
        int bar = stdout.LastIndexOf("\r[" + new string('#', 24) + "] 100.0%", StringComparison.Ordinal);
        Assert.True(bar >= 0, stdout);
        string rest = stdout[bar..];
        int end = rest.IndexOf('\n', StringComparison.Ordinal);
        Assert.Matches(@"^\r\[#{24}\] 100\.0%  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  [0-9.]+[kM]? ev/s  fills \d+  net P&L -?[0-9.]+  ETA 0:00 *\r?$", rest[..end]);
        Assert.Contains("backtest: wrote", rest[end..]);
    }

    [Fact]
    public async Task Ctrl_c_mid_run_stops_cleanly_and_still_writes_result_report_and_journal()
    {
        using var p = BookmakerProcess.Start(_dir, null, ["backtest", "--profile", Profile, "--data", UsdM, "--instrument", Btc, "--out", "stopped"]);
        // The first progress line comes after a wall second, well before the end of the 6-minute file's replay.
        await p.WaitForLineAsync(l => l.StartsWith("backtest: at ", StringComparison.Ordinal), Timeout, "the first progress line");
        p.Signal(BookmakerProcess.SigInt);
        int code = await p.WaitForExitAsync(Timeout);
        Assert.True(code == 0, p.Stderr);
        foreach (string f in new[] { "result.json", "report.html", "journal.db" }) Assert.True(File.Exists(Path.Combine(_dir, "stopped", f)), f);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "stopped", "result.json")))!;
        Assert.Equal("signal:SIGINT", (string)result["run"]!["exit_reason"]!);
        // Stopped early: fewer messages than the whole file's, and the invariants still hold after the graceful stop.
        Assert.InRange((long)result["run"]!["messages"]!, 1, 27_860);
        Assert.Equal(0, (long)result["invariants"]!["open_orders_at_exit"]!);
        Assert.Contains("backtest: wrote", p.Stdout);
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
