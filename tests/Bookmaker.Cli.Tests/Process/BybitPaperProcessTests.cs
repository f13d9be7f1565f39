namespace Bookmaker.Cli.Tests.Process;

/// <summary><c>bookmaker paper|record --venue bybit-emulator</c>: the Bybit adapter's market data over loopback (fills simulated; recordings replayed by backtest).</summary>
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
    public async Task Paper_on_the_bybit_emulator_moves_its_quotes_by_amend_and_every_amend_is_answered()
    {
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "8s", "--profile", Profile(), "--journal", "j.db");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            // Journal kinds: 15 amend requested, 16 amended (acknowledged), 17 amend rejected.
            var kinds = JournalKindCounts(_run.PathOf("j.db"));
            long requested = kinds.GetValueOrDefault(15), answered = kinds.GetValueOrDefault(16) + kinds.GetValueOrDefault(17);
            Assert.True(requested > 0, "the market maker amends its resting quotes on a venue that amends");
            Assert.Equal(requested, answered);
        }
    }

    private static Dictionary<long, long> JournalKindCounts(string path)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "select kind, count(*) from entries group by kind";
        using var r = cmd.ExecuteReader();
        var counts = new Dictionary<long, long>();
        while (r.Read()) counts[r.GetInt64(0)] = r.GetInt64(1);
        return counts;
    }

    [Fact]
    public async Task A_recording_of_the_bybit_emulator_replays_in_backtest_without_problems()
    {
        var (code, rec) = await _run.RunAsync(Timeout, "record", "--venue", "bybit-emulator", "--markets", "BTCUSDT,ETHUSDT", "--duration", "3s", "--out", "rec.jsonl.gz");
        using (rec)
        {
            Assert.True(code == 0, rec.Stderr);
            Assert.Contains("recorded", rec.Stdout, StringComparison.Ordinal);
        }

        var (btCode, bt) = await _run.RunAsync(Timeout, "backtest", "--data", "rec.jsonl.gz", "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001",
            "--instrument", "ETHUSDT:tick=0.01,lot=0.01,min=0.01", "--profile", Profile(), "--out", "bt");
        using (bt)
        {
            Assert.True(btCode == 0, bt.Stderr);
            var result = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(_run.PathOf("bt/result.json")))!;
            Assert.Equal("bybit", (string)result["run"]!["venue"]!);
            Assert.True((long)result["run"]!["messages"]! > 10, "three seconds of two symbols' books and trades");
            Assert.Equal(0, (long)result["data_problems"]!["total"]!);
            Assert.True((long)result["orders"]!["submitted"]! > 0, "the market maker quoted the recorded books");
        }
    }

    [Fact]
    public async Task Paper_without_relative_terms_warns_that_the_defaults_do_not_quote_crypto()
    {
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "2s", "--journal", "j.db");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            string warning = Assert.Single(p.StderrLines, l => l.Contains("warning", StringComparison.Ordinal));
            Assert.Contains("--profile backtest-btc", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Markets_lists_the_emulator_instruments_with_exact_terms_as_json()
    {
        var (code, p) = await _run.RunAsync(Timeout, "markets", "--venue", "bybit-emulator", "--json");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            var doc = System.Text.Json.Nodes.JsonNode.Parse(p.Stdout)!;
            var btc = doc["instruments"]!.AsArray().Single(i => (string)i!["symbol"]! == "BTCUSDT")!;
            Assert.Equal(("linear", "Trading", "0.1", "0.001", "5"), ((string)btc["category"]!, (string)btc["status"]!, (string)btc["tick"]!, (string)btc["qty_step"]!, (string)btc["min_notional"]!));
        }
    }

    [Fact]
    public async Task Markets_refuses_an_unknown_category_naming_it()
    {
        var (code, p) = await _run.RunAsync(Timeout, "markets", "--venue", "bybit-emulator", "--category", "options");
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains("--category 'options'", p.Stderr, StringComparison.Ordinal);
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
