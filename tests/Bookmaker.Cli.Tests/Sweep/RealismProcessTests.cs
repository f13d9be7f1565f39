using System.Text.Json.Nodes;
using Bookmaker.Cli.Tests.Process;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Sweep;

/// <summary><c>bookmaker backtest --realism</c> through the real process, on a 20-second slice of the shared USD-M file.</summary>
public sealed class RealismProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("realism-").FullName;

    [Fact]
    public async Task Realism_band_reports_every_variant_and_leaves_the_base_run_unchanged()
    {
        string[] args = ["backtest", "--profile", Path.Combine(SweepProcessTests.RepoRoot(), "profiles", "backtest-btc.json"), "--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"),
            "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005", "--to", "+20s"];
        var plain = BookmakerProcess.RunAsync(_dir, null, TimeSpan.FromMinutes(3), [.. args, "--out", "plain"]);
        var (code, p) = await BookmakerProcess.RunAsync(_dir, null, TimeSpan.FromMinutes(3), [.. args, "--realism", "--out", "band"]);
        var (plainCode, pp) = await plain;
        using (p)
        using (pp)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.Equal(0, plainCode);
            Assert.Matches(@"net P&L -?[0-9.]+, fills \d+ \(realism band -?[0-9.]+ … -?[0-9.]+ over 9 fill models", p.Stdout);
        }

        var band = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "band", "result.json")))!.AsObject();
        var realism = band["realism"]!.AsObject();
        var variants = realism["variants"]!.AsArray();
        Assert.Equal(9, variants.Count);
        Assert.Equal(3, variants.Select(v => (string)v!["queue_model"]!).Distinct().Count());
        Assert.Equal(3, variants.Select(v => (string)v!["latency"]!).Distinct().Count());
        var pnl = variants.Select(v => (decimal)v!["net_pnl"]!).ToList();
        Assert.Equal(pnl.Min(), (decimal)realism["net_pnl"]!["min"]!);
        Assert.Equal(pnl.Max(), (decimal)realism["net_pnl"]!["max"]!);
        Assert.Equal(variants.Min(v => (long)v!["fills"]!), (long)realism["fills"]!["min"]!);
        foreach (var v in variants)
            Assert.True(File.Exists(Path.Combine(_dir, "band", (string)v!["report"]!)));

        // The base run is the run without --realism, to the byte, once the band is taken out.
        band.Remove("realism");
        string plainJson = File.ReadAllText(Path.Combine(_dir, "plain", "result.json"));
        Assert.Equal(JsonNode.Parse(plainJson)!.ToJsonString(), band.ToJsonString());

        string html = File.ReadAllText(Path.Combine(_dir, "band", "report.html"));
        Assert.Contains("id=\"realism\"", html);
        Assert.Contains($"data-key=\"realism.net_pnl.min\">{realism["net_pnl"]!["min"]!.ToJsonString()}<", html);
        Assert.DoesNotContain("id=\"realism\"", File.ReadAllText(Path.Combine(_dir, "plain", "report.html")));
    }

    [Fact]
    public async Task Realism_band_reuses_the_base_run_for_the_variant_with_its_fill_model()
    {
        string[] args = ["backtest", "--profile", Path.Combine(SweepProcessTests.RepoRoot(), "profiles", "backtest-btc.json"), "--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"),
            "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005", "--to", "+5s", "--queue-model", "log", "--realism", "--out", "band"];
        var (code, p) = await BookmakerProcess.RunAsync(_dir, null, TimeSpan.FromMinutes(3), args);
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.Single(p.Stdout.Split('\n'), l => l.Contains("(the base run's model: its outputs reused)", StringComparison.Ordinal));
            Assert.Contains("queue model log, latency zero (the base run's model: its outputs reused)", p.Stdout);
        }

        var band = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "band", "result.json")))!.AsObject();
        band.Remove("realism");
        string reused = File.ReadAllText(Path.Combine(_dir, "band", "realism", "log-zero", "result.json"));
        Assert.Equal(band.ToJsonString(), JsonNode.Parse(reused)!.ToJsonString());
        Assert.True(new FileInfo(Path.Combine(_dir, "band", "realism", "log-zero", "journal.db")).Length > 0);
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
