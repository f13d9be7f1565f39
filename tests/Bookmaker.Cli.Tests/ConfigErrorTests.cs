using Xunit;

namespace Bookmaker.Cli.Tests;

public sealed class ConfigErrorTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Bad_value_exits_2_naming_key_value_rule_and_source()
    {
        _cli.Environment["BOOKMAKER__Risk__DailyLossLimit"] = "-5";
        var r = _cli.Run("config", "show");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:DailyLossLimit = '-5' (from env:BOOKMAKER__Risk__DailyLossLimit): must be > 0", r.Stderr);
    }

    [Fact]
    public void Bad_value_in_profile_names_the_profile()
    {
        _cli.Write("profiles/x.json", """{ "Risk": { "LossCooldown": "soon" } }""");
        var r = _cli.Run("paper", "--profile", "x");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:LossCooldown = 'soon' (from profile:x (profiles/x.json)): must be a duration", r.Stderr);
    }

    [Fact]
    public void Example_live_profile_with_its_placeholder_funder_is_refused()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookmaker.slnx"))) dir = dir.Parent;
        _cli.Write("profiles/live-polymarket.json", File.ReadAllText(Path.Combine(dir!.FullName, "profiles", "live-polymarket.json")));
        var r = _cli.Run("config", "show", "--profile", "live-polymarket");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Venue:Polymarket:Funder = '0x0000000000000000000000000000000000000000' (from profile:live-polymarket", r.Stderr);
        Assert.Contains("must not be the zero address", r.Stderr);
    }

    [Fact]
    public void Relation_violation_exits_2()
    {
        var r = _cli.Run("config", "show", "--set", "Risk:SubmitRatePerSecond=30", "--set", "Risk:SubmitBurst=10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:SubmitBurst = '10' (from cli): must be >= Risk:SubmitRatePerSecond (30)", r.Stderr);
    }

    [Fact]
    public void An_arbitrage_completion_patience_outlasting_the_unwind_timeout_exits_2()
    {
        var r = _cli.Run("config", "show", "--set", "Strategies:Arbitrage:CompletionPatience=10s");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Strategies:Arbitrage:CompletionPatience = '10s' (from cli): must be >= 0 and shorter than UnwindTimeout", r.Stderr);
    }

    [Fact]
    public void Warn_fraction_not_below_its_limit_exits_2()
    {
        var r = _cli.Run("config", "show", "--set", "Risk:DailyLossWarnFraction=1.2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Risk:DailyLossWarnFraction = '1.2' (from cli): must be in (0, 1)", r.Stderr);
    }

    [Fact]
    public void Two_forms_of_the_minimum_spread_exit_2_naming_both_keys()
    {
        var r = _cli.Run("config", "show", "--set", "MarketMaker:MinSpread=0.03", "--set", "MarketMaker:MinSpreadBps=2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: MarketMaker:MinSpreadBps = '2' (from cli): is set together with MarketMaker:MinSpread;", r.Stderr);
    }

    [Fact]
    public void Quote_size_and_order_notional_together_exit_2_in_a_per_instrument_override()
    {
        var r = _cli.Run("config", "show", "--set", "MarketMaker:Markets:BTCUSDT:QuoteSize=0.002", "--set", "MarketMaker:Markets:BTCUSDT:OrderNotional=100");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: MarketMaker:Markets:BTCUSDT:OrderNotional = '100' (from cli): is set together with MarketMaker:Markets:BTCUSDT:QuoteSize;", r.Stderr);
    }

    [Fact]
    public void Inventory_in_shares_and_in_notional_together_exit_2()
    {
        var r = _cli.Run("config", "show", "--set", "MarketMaker:MaxInventory=0.01", "--set", "MarketMaker:MaxInventoryNotional=600");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: MarketMaker:MaxInventoryNotional = '600' (from cli): is set together with MarketMaker:MaxInventory;", r.Stderr);
    }

    [Fact]
    public void Bad_per_instrument_override_exits_2_naming_the_full_key_value_and_rule()
    {
        _cli.Environment["BOOKMAKER__MarketMaker__Markets__BTCUSDT__MinSpreadBps"] = "-1";
        var r = _cli.Run("config", "show");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: MarketMaker:Markets:BTCUSDT:MinSpreadBps = '-1' (from env:BOOKMAKER__MarketMaker__Markets__BTCUSDT__MinSpreadBps): must be in (0, 10000)", r.Stderr);
    }

    [Fact]
    public void Relative_global_key_out_of_range_exits_2()
    {
        var r = _cli.Run("config", "show", "--set", "MarketMaker:MaxSpreadTicks=0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: MarketMaker:MaxSpreadTicks = '0' (from cli): must be in 1..100000", r.Stderr);
    }

    [Fact]
    public void Per_instrument_key_that_cannot_be_overridden_is_unknown()
    {
        var r = _cli.Run("config", "show", "--set", "MarketMaker:Markets:BTCUSDT:Gamma=5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: MarketMaker:Markets:BTCUSDT:Gamma = '5' (from cli): unknown key", r.Stderr);
    }

    [Fact]
    public void Valid_per_instrument_override_is_accepted_and_shown_with_its_source()
    {
        _cli.Write("profiles/btc.json", """{ "MarketMaker": { "OrderNotional": 100, "Markets": { "BTCUSDT": { "MinSpreadTicks": 20 } } } }""");
        var r = _cli.Run("config", "show", "--profile", "btc");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("MarketMaker:Markets:BTCUSDT:MinSpreadTicks", r.Stdout);
        Assert.Contains("MarketMaker:OrderNotional", r.Stdout);
    }

    [Fact]
    public void Invalid_secret_never_appears_in_error_output()
    {
        const string Secret = "0xthis-is-my-real-key-do-not-print";
        _cli.Environment["BOOKMAKER__Venue__Polymarket__PrivateKey"] = Secret;
        _cli.Environment["BOOKMAKER__Venue__Polymarket__ApiSecret"] = "lonely-api-secret";
        foreach (var args in new[] { new[] { "config", "show" }, ["config", "show", "--json"], ["paper"] })
        {
            var r = _cli.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("config error: Venue:Polymarket:PrivateKey = '***' (from env:BOOKMAKER__Venue__Polymarket__PrivateKey)", r.Stderr);
            Assert.DoesNotContain("this-is-my-real-key", r.Stdout + r.Stderr);
            Assert.DoesNotContain("lonely-api-secret", r.Stdout + r.Stderr);
        }
    }

    [Fact]
    public void Secret_in_a_malformed_set_is_not_echoed()
    {
        var r = _cli.Run("config", "show", "--set", "=0xsecretsecret");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: --set", r.Stderr);
        Assert.DoesNotContain("secretsecret", r.Stderr);
    }

    [Fact]
    public void Unknown_key_exits_2()
    {
        var r = _cli.Run("config", "show", "--set", "Risk:DailyLosLimit=5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:DailyLosLimit = '5' (from cli): unknown key", r.Stderr);
    }

    [Fact]
    public void Missing_profile_exits_2()
    {
        var r = _cli.Run("config", "show", "--profile", "ghost");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: --profile = 'ghost'", r.Stderr);
    }
}
