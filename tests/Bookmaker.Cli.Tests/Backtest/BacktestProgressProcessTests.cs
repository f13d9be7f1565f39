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

    /// <summary>The USD-M file as another symbol's recording (plain text; the format is sniffed from the content).</summary>
    private string RenamedCopy(string symbol)
    {
        string path = Path.Combine(_dir, symbol.ToLowerInvariant() + ".txt");
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(UsdM), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        string text = reader.ReadToEnd().Replace("BTCUSDT", symbol, StringComparison.Ordinal)
            .Replace("btcusdt", symbol.ToLowerInvariant(), StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return path;
    }

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
        // Four markets (the USD-M file and three renamed copies) make a replay of several wall seconds: the first progress
        // line, a wall second in, then comes well before the end even on a fast machine (one file alone replays in ~1 s).
        var args = new List<string> { "backtest", "--profile", Profile, "--data", UsdM, "--instrument", Btc, "--out", "stopped" };
        foreach (string symbol in new[] { "ETHUSDT", "SOLUSDT", "XRPUSDT" })
        {
            args.AddRange(["--data", RenamedCopy(symbol), "--instrument", symbol + Btc["BTCUSDT".Length..]]);
        }

        using var p = BookmakerProcess.Start(_dir, null, [.. args]);
        await p.WaitForLineAsync(l => l.StartsWith("backtest: at ", StringComparison.Ordinal), Timeout, "the first progress line");
        p.Signal(BookmakerProcess.SigInt);
        int code = await p.WaitForExitAsync(Timeout);
        Assert.True(code == 0, p.Stderr);
        foreach (string f in new[] { "result.json", "report.html", "journal.db" }) Assert.True(File.Exists(Path.Combine(_dir, "stopped", f)), f);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "stopped", "result.json")))!;
        Assert.Equal("signal:SIGINT", (string)result["run"]!["exit_reason"]!);
        // Stopped early: fewer messages than the whole file's, and the invariants still hold after the graceful stop.
        Assert.InRange((long)result["run"]!["messages"]!, 1, (4 * 27_861) - 1);
        Assert.Equal(0, (long)result["invariants"]!["open_orders_at_exit"]!);
        Assert.Contains("backtest: wrote", p.Stdout);
    }

    [Fact]
    public async Task Ctrl_c_on_a_terminal_ends_the_bar_line_before_the_summary()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("script") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in RawOutput.UnderTerminal(BookmakerProcess.Executable, "backtest", "--profile", Profile, "--data", UsdM, "--instrument", Btc, "--out", "ttystop"))
            psi.ArgumentList.Add(a);
        using var script = System.Diagnostics.Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await script.StandardOutput.ReadAsync(buffer)) > 0)
                lock (output) output.Append(buffer, 0, n);
        });
        string Text()
        {
            lock (output) return output.ToString();
        }

        try
        {
            // The bar is drawn a few times a second; once it is there, SIGINT goes to bookmaker itself (script's child
            // on the pseudo-terminal), as a Ctrl+C typed there would.
            await BookmakerProcess.UntilAsync(() => Text().Contains("\r[", StringComparison.Ordinal), Timeout, "the first progress bar");
            int pid = ChildOf(script.Id);
            BookmakerProcess.Signal(pid, BookmakerProcess.SigInt);
            using var cts = new CancellationTokenSource(Timeout);
            await script.WaitForExitAsync(cts.Token);
            await reading;
        }
        finally
        {
            if (!script.HasExited) script.Kill(entireProcessTree: true);
        }

        string stdout = Text();
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "ttystop", "result.json")))!;
        Assert.Equal("signal:SIGINT", (string)result["run"]!["exit_reason"]!);
        // The last draw is ended by a newline (\r\n on the terminal), so the summary does not start on the bar's line.
        int last = stdout.LastIndexOf("\r[", StringComparison.Ordinal);
        string tail = stdout[last..];
        int newline = tail.IndexOf('\n', StringComparison.Ordinal);
        Assert.True(newline > 0, tail);
        Assert.Matches(@"^\r\[[#.]{24}\] +[0-9.]+%  .*ETA [0-9:-]+ *\r?$", tail[..newline]);
        Assert.Contains("backtest: wrote", tail[newline..]);
    }

    // The process whose parent is script: bookmaker, started by script's shell (-e keeps its exit code) or directly.
    private static int ChildOf(int parent)
    {
        for (int depth = 0; depth < 3; depth++)
        {
            int child = Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : 0)
                .Where(pid => pid > 0).FirstOrDefault(pid => ParentOf(pid) == parent);
            if (child == 0) throw new InvalidOperationException($"no child of {parent}");
            if (File.ReadAllText($"/proc/{child}/cmdline").Contains("bookmaker", StringComparison.Ordinal) && !File.ReadAllText($"/proc/{child}/comm").StartsWith("sh", StringComparison.Ordinal)) return child;
            parent = child;
        }

        throw new InvalidOperationException("bookmaker not found under script");
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
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
