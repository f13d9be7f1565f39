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
    public async Task Paper_on_the_bybit_emulator_with_periodic_funding_runs_clean_and_reports_the_funding_line()
    {
        // The emulator settles every second; the market maker rarely holds a position on the emulator's slow book, so
        // what is proven here is the wiring (the keys reach the emulator, its timer runs beside the run, the summary has
        // the line and the net is the sum of the parts); FundingEngineTests prove the booking end to end in-process.
        _run.Environment["BOOKMAKER__Venue__Bybit__EmulatorFundingInterval"] = "1s";
        _run.Environment["BOOKMAKER__Venue__Bybit__EmulatorFundingRate"] = "0.01";
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "4s", "--profile", Profile(),
            "--journal", "j.db", "--summary-json", "s.json");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            var s = _run.Summary();
            decimal funding = s.GetProperty("funding").GetDecimal();
            decimal parts = s.GetProperty("realized_pnl").GetDecimal() + s.GetProperty("unrealized_pnl").GetDecimal() - s.GetProperty("fees").GetDecimal()
                + s.GetProperty("rebates").GetDecimal() + funding;
            Assert.Equal(parts, s.GetProperty("net_pnl").GetDecimal());
            Assert.Contains("funding ", p.Stdout + p.Stderr, StringComparison.Ordinal);
            Assert.Equal("completed", s.GetProperty("exit_reason").GetString());
        }
    }

    [Fact]
    public async Task A_funding_rate_out_of_range_exits_2_naming_the_key()
    {
        _run.Environment["BOOKMAKER__Venue__Bybit__EmulatorFundingRate"] = "0.5";
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "2s", "--journal", "j.db");
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains("Venue:Bybit:EmulatorFundingRate", p.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Paper_on_the_bybit_emulator_moves_its_quotes_by_amend_and_every_amend_is_answered()
    {
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "8s", "--profile", Profile(), "--journal", "j.db");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            // Journal kinds: amend requested, amended (acknowledged), amend rejected.
            var kinds = JournalKindCounts(_run.PathOf("j.db"));
            long requested = kinds.GetValueOrDefault((long)Bookmaker.Engine.Journal.JournalKind.AmendRequested), answered = kinds.GetValueOrDefault((long)Bookmaker.Engine.Journal.JournalKind.OrderAmended) + kinds.GetValueOrDefault((long)Bookmaker.Engine.Journal.JournalKind.AmendRejected);
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
    public async Task Paper_without_a_profile_quotes_the_crypto_books_on_the_crypto_defaults()
    {
        var (code, p) = await _run.RunAsync(Timeout, "paper", "--venue", "bybit-emulator", "--duration", "6s", "--journal", "j.db", "--summary-json", "s.json");
        using (p)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.DoesNotContain(p.StderrLines, l => l.Contains("warning", StringComparison.Ordinal));
            var s = _run.Summary();
            Assert.True(s.GetProperty("orders_submitted").GetInt64() >= 4, "the market maker quotes both sides of both symbols");
            Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
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
