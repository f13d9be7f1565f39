using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Xunit;

namespace Bookmaker.Engine.Tests.Configuration;

/// <summary>Limits have sane maxima, and a number too large for its type is reported as out of range.</summary>
public sealed class ConfigRangeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(params ConfigOverride[] cli) =>
        ConfigLoader.Load(new ConfigRequest { Environment = new Dictionary<string, string?>(), Overrides = cli, WorkingDirectory = _dir.Path });

    private ConfigError SingleError(string key, string value) => Assert.Single(Load(new ConfigOverride(key, value)).Errors);

    [Fact]
    public void Refuses_a_daily_loss_limit_above_its_maximum()
    {
        // 9223372036 USD fits a Money but switches the limit off in effect.
        var error = SingleError("Risk:DailyLossLimit", "9223372036");
        Assert.Equal(new ConfigError("Risk:DailyLossLimit", "9223372036", "is out of range: must be at most 1000000", "cli"), error);
    }

    [Fact]
    public void Refuses_a_daily_loss_limit_too_large_for_an_amount_as_out_of_range()
    {
        var error = SingleError("Risk:DailyLossLimit", "92233720360");
        Assert.Equal("is out of range: must be at most 1000000", error.Rule);
    }

    [Fact]
    public void Accepts_a_daily_loss_limit_at_its_maximum()
    {
        var result = Load(new ConfigOverride("Risk:DailyLossLimit", "1000000"));
        Assert.Empty(result.Errors);
        Assert.Equal(Money.FromUnits(1_000_000), result.Options!.Risk.DailyLossLimit);
    }

    [Fact]
    public void Refuses_a_whole_number_too_large_for_its_type_as_out_of_range()
    {
        var error = SingleError("Risk:MaxOrdersPerDay", "99999999999");
        Assert.Equal("is out of range: must be at most 10000000", error.Rule);
    }

    [Fact]
    public void Refuses_a_negative_amount_too_large_for_its_type_as_out_of_range()
    {
        var error = SingleError("Risk:MaxOrderNotional", "-92233720360");
        Assert.StartsWith("is out of range", error.Rule);
    }

    [Fact]
    public void Still_refuses_a_malformed_number_as_malformed()
    {
        var error = SingleError("Risk:DailyLossLimit", "12abc");
        Assert.Equal("must be an exact amount with at most 9 decimals", error.Rule);
    }

    [Theory]
    [InlineData("Risk:DailyLossLimit", "1000000.000000001")]
    [InlineData("Risk:MaxOrderSize", "10000001")]
    [InlineData("Risk:MaxOrderNotional", "1000001")]
    [InlineData("Risk:MaxPositionPerInstrument", "10000001")]
    [InlineData("Risk:MaxDirectionalExposure", "10000001")]
    [InlineData("Risk:MinBankroll", "10000001")]
    [InlineData("Risk:MaxOpenOrders", "10001")]
    [InlineData("Risk:MaxConcurrentPositions", "10001")]
    [InlineData("Risk:MaxOrdersPerDay", "10000001")]
    [InlineData("Risk:ConsecutiveLossLimit", "1001")]
    [InlineData("Risk:SlippageWarnBps", "10001")]
    [InlineData("Risk:SubmitRatePerSecond", "1001")]
    [InlineData("Risk:CancelRatePerSecond", "1001")]
    [InlineData("Risk:MaxHoldTime", "366d")]
    [InlineData("Risk:LossCooldown", "8d")]
    [InlineData("Risk:RequestTimeout", "6m")]
    [InlineData("Risk:CancelAllDeadline", "11m")]
    public void Refuses_a_risk_limit_above_its_documented_maximum(string key, string value)
    {
        var errors = Load(new ConfigOverride(key, value)).Errors;
        var error = Assert.Single(errors, e => e.Key == key);
        Assert.StartsWith("is out of range: must be at most ", error.Rule);
        Assert.Contains("at most " + error.Rule["is out of range: must be at most ".Length..], ConfigCatalog.Find(key)!.Rule, StringComparison.Ordinal);
    }
}
