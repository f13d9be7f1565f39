namespace Bookmaker.Cli.Tests.Process;

/// <summary><c>bookmaker paper --venue bybit-emulator</c>: the Bybit adapter's market data over loopback, fills simulated.</summary>
public sealed class BybitPaperProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly ProcessRun _run = new();

    public void Dispose() => _run.Dispose();

    private static string Profile()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Bookmaker.slnx"))) return Path.Combine(d.FullName, "profiles", "backtest-btc.json");
        throw new DirectoryNotFoundException("repository root");
    }

    [Fact]
    public async Task Paper_on_the_bybit_emulator_quotes_both_symbols_and_stops_clean()
    {
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "6s", "--profile", Profile(),
            "--journal", "j.db", "--summary-json", "s.json");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            var s = _run.Summary();
            Assert.Equal(2, s.GetProperty("markets").GetInt32());
            Assert.True(s.GetProperty("orders_submitted").GetInt64() >= 4, "the market maker quotes both sides of both symbols");
            Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
            Assert.Equal("completed", s.GetProperty("exit_reason").GetString());
        }
    }

    [Fact]
    public async Task A_symbol_the_venue_does_not_list_is_refused_by_name()
    {
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--markets", "BTCUSDT,NOPEUSDT", "--duration", "5s", "--journal", "j.db");
        using (p)
        {
            Assert.NotEqual(0, code);
            Assert.Contains("NOPEUSDT", p.Stderr + p.Stdout, StringComparison.Ordinal);
        }
    }
}
