using System.Text.Json.Nodes;
using Bookmaker.Cli.Tests.Process;
using Bookmaker.Testing;

namespace Bookmaker.Cli.Tests.Backtest;

/// <summary>Liquidity rewards in <c>bookmaker backtest</c>, through the real process on the shared recordings.</summary>
public sealed class BacktestRewardsProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // The capture's first token (called YES): its book is the one the recording snapshots.
    private const string Yes = "76670567130917723816490572615540605537878462672464291990940067659127658071111";
    private const string Terms = "reward_max_spread=0.06,reward_min_size=5,reward_daily_rate=100";
    private readonly string _dir = Directory.CreateTempSubdirectory("bt-rewards-").FullName;

    private static string Polymarket => SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json");

    private Task<(int Code, BookmakerProcess Process)> Run(params string[] args) => BookmakerProcess.RunAsync(_dir, null, Timeout, ["backtest", .. args]);

    private JsonObject Result(string outDir) => JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, outDir, "result.json")))!.AsObject();

    [Fact]
    public async Task Polymarket_backtest_with_reward_terms_reports_rewards_without_moving_a_fill()
    {
        var plain = Run("--data", Polymarket, "--out", "plain");
        var again = Run("--data", Polymarket, "--instrument", $"{Yes}:{Terms}", "--out", "again");
        var (code, p) = await Run("--data", Polymarket, "--instrument", $"{Yes}:{Terms}", "--out", "rewarded");
        var (plainCode, pp) = await plain;
        var (againCode, pa) = await again;
        using (p)
        using (pp)
        using (pa)
        {
            Assert.Matches(@"net P&L -?[0-9.]+, estimated rewards [0-9.]+, fills", p.Stdout);
            Assert.DoesNotContain("estimated rewards", pp.Stdout);
            Assert.True(code == 0, p.Stderr);
            Assert.True(plainCode == 0, pp.Stderr);
            Assert.True(againCode == 0, pa.Stderr);
        }

        // The reward keys keep result.json deterministic: the same run twice writes the same bytes.
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "rewarded", "result.json")), File.ReadAllBytes(Path.Combine(_dir, "again", "result.json")));

        var result = Result("rewarded");
        var without = Result("plain");
        // Sampling reads the engine's books and orders and never acts: the fills are the same to the hash.
        Assert.Equal((string)without["fills_sha256"]!, (string)result["fills_sha256"]!);
        Assert.Equal((decimal)without["statistics"]!["net_pnl"]!, (decimal)result["statistics"]!["net_pnl"]!);

        var market = result["market_making"]!["markets"]![0]!;
        var rewards = market["rewards"]!;
        // 166 s of data: samples at one and two minutes, each with our quotes inside 6¢ on both sides.
        Assert.Equal(2, (long)rewards["samples"]!);
        Assert.Equal(0, (long)rewards["samples_without_midpoint"]!);
        Assert.Equal(1.0, (double)rewards["time_in_band"]!);
        Assert.Equal(1.0, (double)rewards["time_in_band_two_sided"]!);
        double share = (double)rewards["score_share_mean"]!;
        Assert.InRange(share, 1e-6, 0.5);
        Assert.True((double)rewards["book_q_min_mean"]! > (double)rewards["q_min_mean"]!, "the recorded book out-scores a small quoter");
        decimal estimated = (decimal)rewards["estimated"]!;
        // Σ share × 100 / 1440 over two samples, within the 6-decimal rounding of the mean share.
        Assert.Equal((decimal)(share * 2 * 100 / 1440), estimated, 6);
        Assert.Equal(estimated, (decimal)market["pnl"]!["rewards"]!);
        Assert.Equal(estimated, (decimal)result["statistics"]!["rewards"]!);
        Assert.Equal((decimal)result["statistics"]!["net_pnl"]! + estimated, (decimal)result["statistics"]!["net_pnl_with_rewards"]!);

        // Without terms the run knows no programme and says so.
        Assert.Null(without["statistics"]!["rewards"]);
        Assert.Null(without["market_making"]!["markets"]![0]!["rewards"]);

        string html = File.ReadAllText(Path.Combine(_dir, "rewarded", "report.html"));
        Assert.Contains($"data-key=\"statistics.rewards\">{result["statistics"]!["rewards"]!.ToJsonString()}</td>", html);
        Assert.Contains($"data-key=\"market_making.markets[0].pnl.rewards\">{result["market_making"]!["markets"]![0]!["pnl"]!["rewards"]!.ToJsonString()}</td>", html);
    }

    [Fact]
    public async Task Reward_terms_from_the_catalog_give_the_same_result_as_the_flag()
    {
        string catalog = Path.Combine(_dir, "catalog.json");
        File.WriteAllText(catalog, $$$"""{"{{{Yes}}}": {"reward_max_spread": "0.06", "reward_min_size": "5", "reward_daily_rate": 100}}""");
        var flag = Run("--data", Polymarket, "--instrument", $"{Yes}:{Terms}", "--out", "flag");
        var (code, p) = await Run("--data", Polymarket, "--instruments", catalog, "--out", "catalog");
        var (flagCode, pf) = await flag;
        using (p)
        using (pf)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.Equal(0, flagCode);
        }

        Assert.Equal(Result("flag")["market_making"]!.ToJsonString(), Result("catalog")["market_making"]!.ToJsonString());
    }

    private static string[] Configured(string maxSpread = "0.06", string minSize = "5", string dailyRate = "100") =>
    [
        "--set", $"Backtest:Rewards:{Yes}:MaxSpread={maxSpread}",
        "--set", $"Backtest:Rewards:{Yes}:MinSize={minSize}",
        "--set", $"Backtest:Rewards:{Yes}:DailyRate={dailyRate}",
    ];

    [Fact]
    public async Task Reward_terms_from_configuration_give_the_same_result_as_the_flag()
    {
        var flag = Run("--data", Polymarket, "--instrument", $"{Yes}:{Terms}", "--out", "flag");
        var (code, p) = await Run(["--data", Polymarket, .. Configured(), "--out", "config"]);
        var (flagCode, pf) = await flag;
        using (p)
        using (pf)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.Equal(0, flagCode);
        }

        Assert.Equal(Result("flag")["market_making"]!.ToJsonString(), Result("config")["market_making"]!.ToJsonString());
    }

    [Fact]
    public async Task Reward_terms_of_the_flag_win_over_configured_ones()
    {
        var (code, p) = await Run(["--data", Polymarket, "--instrument", $"{Yes}:{Terms}", .. Configured(maxSpread: "0.03"), "--out", "both"]);
        using (p) Assert.True(code == 0, p.Stderr);

        Assert.Equal(0.06m, (decimal)Result("both")["market_making"]!["markets"]![0]!["rewards"]!["max_spread"]!);
    }

    [Fact]
    public async Task A_configured_max_spread_outside_0_1_exits_2_naming_key_value_and_rule()
    {
        var (code, p) = await Run(["--data", Polymarket, .. Configured(maxSpread: "1.5"), "--out", "x"]);
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains($"config error: Backtest:Rewards:{Yes}:MaxSpread = '1.5'", p.Stderr);
            Assert.Contains("must be in (0, 1)", p.Stderr);
        }
    }

    [Fact]
    public async Task A_configured_reward_term_without_the_other_two_exits_2_naming_the_missing_keys()
    {
        var (code, p) = await Run("--data", Polymarket, "--set", $"Backtest:Rewards:{Yes}:MaxSpread=0.03", "--out", "x");
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains($"Backtest:Rewards:{Yes}:MinSize", p.Stderr);
            Assert.Contains($"Backtest:Rewards:{Yes}:DailyRate", p.Stderr);
            Assert.Contains("is required with the other reward terms of the token", p.Stderr);
        }
    }

    [Fact]
    public async Task Reward_terms_tighten_the_avellaneda_stoikov_quotes_in_replay_as_in_live()
    {
        // A-S with κ = 20 quotes a half-spread well above the 3¢ band: handed the terms, the market maker tightens into it.
        string[] model = ["--set", "MarketMaker:SkewMode=avellaneda", "--set", "MarketMaker:Kappa=20", "--set", "MarketMaker:MinSpread=0.01"];
        var plain = Run(["--data", Polymarket, .. model, "--out", "plain"]);
        var (code, p) = await Run(["--data", Polymarket, .. model, "--instrument", $"{Yes}:reward_max_spread=0.03,reward_min_size=5,reward_daily_rate=100", "--out", "tight"]);
        var (plainCode, pp) = await plain;
        using (p)
        using (pp)
        {
            Assert.True(code == 0, p.Stderr);
            Assert.True(plainCode == 0, pp.Stderr);
        }

        var tight = Result("tight")["series"]!["markets"]![0]!;
        var wide = Result("plain")["series"]!["markets"]![0]!;
        int tighter = 0;
        foreach (var (key, sign) in new[] { ("quote_bid", 1m), ("quote_ask", -1m) })
        {
            var a = tight[key]!.AsArray();
            var b = wide[key]!.AsArray();
            for (int i = 0; i < a.Count; i++)
            {
                if (a[i] is null || b[i] is null) continue;
                decimal move = sign * ((decimal)a[i]! - (decimal)b[i]!);
                Assert.True(move >= 0, $"{key}[{i}]: {a[i]} with the terms, {b[i]} without — wider, not tighter");
                if (move > 0) tighter++;
            }
        }

        Assert.True(tighter > 0, "no quote moved into the band");
        Assert.True((decimal)Result("tight")["market_making"]!["total"]!["quoted_size"]! > (decimal)Result("plain")["market_making"]!["total"]!["quoted_size"]!);
    }

    [Fact]
    public async Task Binance_backtest_reports_no_rewards_rather_than_zeros()
    {
        var (code, p) = await Run("--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001", "--to", "+20s", "--out", "bn");
        using (p) Assert.True(code == 0, p.Stderr);
        var result = Result("bn");
        Assert.True(result["statistics"]!.AsObject().ContainsKey("rewards"));
        Assert.Null(result["statistics"]!["rewards"]);
        Assert.Null(result["statistics"]!["net_pnl_with_rewards"]);
        foreach (var m in result["market_making"]!["markets"]!.AsArray())
        {
            Assert.Null(m!["rewards"]);
            Assert.Null(m["pnl"]!["rewards"]);
        }

        Assert.Null(result["market_making"]!["total"]!["rewards"]);
    }

    [Fact]
    public async Task Reward_terms_on_a_venue_without_rewards_exit_2_naming_the_symbol()
    {
        var (code, p) = await Run("--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"),
            "--instrument", "BTCUSDT:tick=0.1,lot=0.001,min=0.001,reward_max_spread=0.03,reward_min_size=20,reward_daily_rate=100", "--out", "x");
        using (p)
        {
            Assert.Equal(2, code);
            Assert.Contains("BTCUSDT gives reward_* terms, but binance pays no liquidity rewards", p.Stderr);
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
