using Xunit;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Engine.Tests.Configuration;

public sealed class ConfigValidationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(Dictionary<string, string?>? env = null, params ConfigOverride[] cli) =>
        ConfigLoader.Load(new ConfigRequest { Environment = env ?? [], Overrides = cli, WorkingDirectory = _dir.Path });

    private static ConfigOverride Set(string key, string value) => new(key, value);

    [Fact]
    public void Negative_loss_limit_is_reported_with_key_value_rule_and_source()
    {
        var result = Load(env: new() { ["BOOKMAKER__Risk__DailyLossLimit"] = "-5" });
        Assert.False(result.Succeeded);
        Assert.Null(result.Options);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new ConfigError("Risk:DailyLossLimit", "-5", "must be > 0", "env:BOOKMAKER__Risk__DailyLossLimit"), error);
        Assert.Equal("config error: Risk:DailyLossLimit = '-5' (from env:BOOKMAKER__Risk__DailyLossLimit): must be > 0", error.ToString());
    }

    [Fact]
    public void Refuses_an_arbitrage_completion_patience_that_outlasts_the_unwind_timeout()
    {
        var error = Assert.Single(Load(cli: Set("Strategies:Arbitrage:CompletionPatience", "10s")).Errors);
        Assert.Equal("Strategies:Arbitrage:CompletionPatience", error.Key);
        Assert.Contains("shorter than UnwindTimeout", error.Rule);
    }

    [Fact]
    public void Refuses_an_arbitrage_completion_edge_share_above_one()
    {
        var error = Assert.Single(Load(cli: Set("Strategies:Arbitrage:CompletionEdgeShare", "1.5")).Errors);
        Assert.Equal(new ConfigError("Strategies:Arbitrage:CompletionEdgeShare", "1.5", "must be in [0, 1]", "cli"), error);
    }

    [Fact]
    public void Arbitrage_completions_wait_three_seconds_for_eighty_percent_of_the_edge_by_default()
    {
        var arb = Load().Options!.Arbitrage;
        Assert.Equal((TimeSpan.FromSeconds(3), 0.8m), (arb.CompletionPatience, arb.CompletionEdgeShare));
    }

    [Fact]
    public void Money_with_more_than_nine_decimals_is_refused_not_rounded()
    {
        var error = Assert.Single(Load(cli: Set("Risk:DailyLossLimit", "10.0000000001")).Errors);
        Assert.Equal("Risk:DailyLossLimit", error.Key);
        Assert.Contains("at most 9 decimals", error.Rule);
    }

    [Fact]
    public void Money_text_converts_exactly_for_any_nine_decimal_amount()
    {
        Prop.ForAll(
            Arb.From(Gen.Choose(1, int.MaxValue).Select(n => (long)n * 997)),
            raw =>
            {
                string text = new Money(raw).ToString();
                var result = Load(cli: [Set("Risk:DailyLossLimit", text), Set("Risk:MaxDirectionalExposure", "10000000")]);
                return result.Succeeded && result.Options!.Risk.DailyLossLimit.Raw == raw;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Json_number_money_converts_exactly()
    {
        _dir.Write("c.json", """{ "Risk": { "DailyLossLimit": 12.345678901, "MinBankroll": 1e2 } }""");
        var result = ConfigLoader.Load(new ConfigRequest { ConfigFile = "c.json", Environment = new Dictionary<string, string?>(), WorkingDirectory = _dir.Path });
        Assert.Empty(result.Errors);
        Assert.Equal(12_345_678_901L, result.Options!.Risk.DailyLossLimit.Raw);
        Assert.Equal(Money.FromUnits(100), result.Options.Risk.MinBankroll);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("-0.2")]
    public void Warn_fraction_outside_zero_to_one_is_refused(string value)
    {
        var error = Assert.Single(Load(cli: Set("Risk:DailyLossWarnFraction", value)).Errors);
        Assert.Equal("Risk:DailyLossWarnFraction", error.Key);
        Assert.StartsWith("must be in (0, 1)", error.Rule);
    }

    [Fact]
    public void Submit_burst_below_rate_is_refused_naming_the_rate()
    {
        var error = Assert.Single(Load(cli: [Set("Risk:SubmitRatePerSecond", "20"), Set("Risk:SubmitBurst", "5")]).Errors);
        Assert.Equal(new ConfigError("Risk:SubmitBurst", "5", "must be >= Risk:SubmitRatePerSecond (20)", "cli"), error);
    }

    [Fact]
    public void Cancel_burst_below_rate_is_refused()
    {
        var error = Assert.Single(Load(env: new() { ["BOOKMAKER__Risk__CancelBurst"] = "10" }).Errors);
        Assert.Equal("Risk:CancelBurst", error.Key);
        Assert.Equal("env:BOOKMAKER__Risk__CancelBurst", error.Source);
    }

    [Fact]
    public void Cancel_all_deadline_must_exceed_request_timeout()
    {
        var error = Assert.Single(Load(cli: Set("Risk:CancelAllDeadline", "3s")).Errors);
        Assert.Equal("Risk:CancelAllDeadline", error.Key);
        Assert.Contains("Risk:RequestTimeout (5s)", error.Rule);
    }

    [Fact]
    public void Order_size_above_position_limit_is_refused()
    {
        var error = Assert.Single(Load(cli: Set("Risk:MaxOrderSize", "6000")).Errors);
        Assert.Equal("Risk:MaxOrderSize", error.Key);
        Assert.Contains("Risk:MaxPositionPerInstrument", error.Rule);
    }

    [Fact]
    public void Relation_is_not_reported_when_its_other_key_is_already_invalid()
    {
        var errors = Load(cli: [Set("Risk:SubmitRatePerSecond", "lots"), Set("Risk:SubmitBurst", "5")]).Errors;
        var error = Assert.Single(errors);
        Assert.Equal("Risk:SubmitRatePerSecond", error.Key);
        Assert.Equal("must be a whole number", error.Rule);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = Load(cli: [Set("Risk:MaxOpenOrders", "0"), Set("Paper:Speed", "fast"), Set("Risk:LossCooldown", "soon")]).Errors;
        Assert.Equal(["Paper:Speed", "Risk:LossCooldown", "Risk:MaxOpenOrders"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("fast")]
    [InlineData("")]
    public void Speed_must_be_positive_number_or_max(string value)
    {
        var error = Assert.Single(Load(cli: Set("Paper:Speed", value)).Errors);
        Assert.Equal("Paper:Speed", error.Key);
    }

    [Theory]
    [InlineData("max", true, 0)]
    [InlineData("MAX", true, 0)]
    [InlineData("1", false, 1)]
    [InlineData("10x", false, 10)]
    [InlineData("0.5", false, 0.5)]
    public void Speed_accepts_max_or_a_positive_multiple(string value, bool isMax, decimal factor)
    {
        var speed = Load(cli: Set("Paper:Speed", value)).Options!.Paper.Speed;
        Assert.Equal(isMax, speed.IsMax);
        Assert.Equal(factor, speed.Factor);
    }

    [Fact]
    public void Unknown_enum_value_lists_the_known_ones()
    {
        var error = Assert.Single(Load(cli: Set("Venue:Name", "binance")).Errors);
        Assert.Equal("must be one of simulated, polymarket, bybit, polymarket-emulator, bybit-emulator", error.Rule);
    }

    [Fact]
    public void Enum_given_as_number_is_refused()
    {
        Assert.Single(Load(cli: Set("MarketMaker:SkewMode", "1")).Errors);
    }

    [Fact]
    public void Unknown_strategy_is_refused()
    {
        var error = Assert.Single(Load(cli: Set("Paper:Strategies", "mm,momentum")).Errors);
        Assert.Equal("Paper:Strategies", error.Key);
        Assert.Equal("must be a comma-separated list of mm, arb", error.Rule);
    }

    [Fact]
    public void Misspelt_key_is_refused_as_unknown()
    {
        var error = Assert.Single(Load(env: new() { ["BOOKMAKER__Risk__DailyLosLimit"] = "5" }).Errors);
        Assert.Equal("Risk:DailyLosLimit", error.Key);
        Assert.StartsWith("unknown key", error.Rule);
        Assert.Equal("env:BOOKMAKER__Risk__DailyLosLimit", error.Source);
    }

    [Fact]
    public void Day_roll_parses_as_utc_time_of_day()
    {
        Assert.Equal(new TimeOnly(21, 30), Load(cli: Set("Risk:DayRollUtc", "21:30")).Options!.Risk.DayRollUtc);
        Assert.Equal("Risk:DayRollUtc", Assert.Single(Load(cli: Set("Risk:DayRollUtc", "25:00")).Errors).Key);
    }

    [Fact]
    public void Funder_is_required_for_proxy_signature_types()
    {
        var error = Assert.Single(Load(cli: Set("Venue:Polymarket:SignatureType", "2")).Errors);
        Assert.Equal("Venue:Polymarket:Funder", error.Key);
    }
}
