using Bookmaker.Venues.Bybit.Emulator;

namespace Bookmaker.Cli.Tests.Process;

/// <summary><c>bookmaker live --venue bybit</c>: its refusals, and a session against a loopback emulator with keys from the environment.</summary>
public sealed class BybitLiveProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly ProcessRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Live_on_bybit_refuses_without_confirm_live()
    {
        var (code, p) = await _run.RunAsync(Timeout, "live", "--venue", "bybit", "--markets", "BTCUSDT");
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains("refusing to trade real money without --confirm-live", p.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Live_on_bybit_refuses_without_keys()
    {
        var (code, p) = await _run.RunAsync(Timeout, "live", "--venue", "bybit", "--markets", "BTCUSDT", "--confirm-live");
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains("Venue:Bybit:ApiKey and ApiSecret are not set", p.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Live_on_bybit_trades_through_the_gate_and_never_prints_or_journals_the_secret()
    {
        string secret = "S3cr3t-" + Guid.NewGuid().ToString("N");
        string key = "k-" + Guid.NewGuid().ToString("N")[..12];
        await using var emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { ApiKey = key, ApiSecret = secret });
        _run.Environment["BOOKMAKER__Venue__Bybit__RestUrl"] = emulator.RestUrl.ToString();
        _run.Environment["BOOKMAKER__Venue__Bybit__PublicWsUrl"] = $"ws://127.0.0.1:{emulator.Port}/v5/public/";
        _run.Environment["BOOKMAKER__Venue__Bybit__ApiKey"] = key;
        _run.Environment["BOOKMAKER__Venue__Bybit__ApiSecret"] = secret;
        var (code, p) = await _run.RunAsync(Timeout, "live", "--venue", "bybit", "--markets", "BTCUSDT,ETHUSDT", "--confirm-live", "--duration", "6s",
            "--profile", Profile(), "--journal", "j.db", "--summary-json", "s.json");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.Contains("DCP on for DERIVATIVES", p.Stdout, StringComparison.Ordinal);
            var s = _run.Summary();
            Assert.True(s.GetProperty("orders_submitted").GetInt64() >= 4, "the market maker quoted both symbols on the emulator");
            Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
            Assert.True(emulator.Trading.OrderRequests >= 4, "the orders reached the venue");
            Assert.Equal(0, emulator.Trading.OpenOrderCount);
            Assert.DoesNotContain(secret, p.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, p.Stderr, StringComparison.Ordinal);
        }

        foreach (string file in Directory.GetFiles(_run.Directory))
            Assert.False(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds the secret");
    }

    [Fact]
    public async Task Round_trip_measures_creates_over_the_trade_websocket_and_prints_percentiles()
    {
        var (code, p) = await _run.RunAsync(Timeout, "bybit", "round-trip", "--orders", "50", "--warmup", "10");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            var json = System.Text.Json.JsonDocument.Parse(p.Stdout).RootElement;
            Assert.Equal("trade-websocket", json.GetProperty("road").GetString());
            Assert.Equal(50, json.GetProperty("orders").GetInt32());
            Assert.InRange(json.GetProperty("ack_p50_us").GetDouble(), 1, json.GetProperty("ack_p99_us").GetDouble());
            Assert.True(json.GetProperty("accepted_p50_us").GetDouble() >= json.GetProperty("ack_p50_us").GetDouble());
        }
    }

    private static string Profile()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Bookmaker.slnx"))) return Path.Combine(d.FullName, "profiles", "backtest-btc.json");
        throw new DirectoryNotFoundException("repository root");
    }
}
