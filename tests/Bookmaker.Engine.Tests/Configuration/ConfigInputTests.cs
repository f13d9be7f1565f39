using Bookmaker.Engine.Configuration;
using Xunit;

namespace Bookmaker.Engine.Tests.Configuration;

/// <summary>Inputs that used to get through: misnamed variables, duplicate JSON keys, a directory as kill switch, bybit.</summary>
public sealed class ConfigInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(Dictionary<string, string?>? env = null, string? file = null, params ConfigOverride[] cli) =>
        ConfigLoader.Load(new ConfigRequest { Environment = env ?? [], ConfigFile = file, Overrides = cli, WorkingDirectory = _dir.Path });

    [Fact]
    public void Warns_about_a_variable_with_one_underscore_after_the_prefix_naming_what_was_meant()
    {
        var result = Load(env: new() { ["BOOKMAKER_Risk__DailyLossLimit"] = "5" });
        Assert.Empty(result.Errors);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains("BOOKMAKER_Risk__DailyLossLimit", warning);
        Assert.Contains("did you mean BOOKMAKER__Risk__DailyLossLimit?", warning);
        Assert.DoesNotContain('\n', warning);
    }

    [Fact]
    public void Warns_about_a_variable_with_single_underscores_naming_the_key_it_resembles()
    {
        string warning = Assert.Single(Load(env: new() { ["BOOKMAKER_RISK_DAILYLOSSLIMIT"] = "5" }).Warnings);
        Assert.Contains("did you mean BOOKMAKER__Risk__DailyLossLimit?", warning);
    }

    [Fact]
    public void Warning_about_an_unknown_variable_never_shows_its_value()
    {
        string warning = Assert.Single(Load(env: new() { ["BOOKMAKER_Venue__Polymarket__PrivateKey"] = "0xsecretvalue" }).Warnings);
        Assert.DoesNotContain("secretvalue", warning);
    }

    [Fact]
    public void Does_not_warn_about_the_profiles_directory_variable_or_the_configuration_prefix()
    {
        var result = Load(env: new()
        {
            [ConfigRequest.ProfilesDirVariable] = _dir.Path,
            ["BOOKMAKER__Risk__DailyLossLimit"] = "5",
            ["PATH"] = "/bin",
        });
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Refuses_a_duplicate_json_key_naming_the_key_and_the_file()
    {
        string path = _dir.Write("c.json", "{\n  \"Risk\": {\n    \"DailyLossLimit\": 5,\n    \"MaxOpenOrders\": 3,\n    \"DailyLossLimit\": 500\n  }\n}");
        var error = Assert.Single(Load(file: "c.json").Errors);
        Assert.Equal("Risk:DailyLossLimit", error.Key);
        Assert.Equal("file:" + path, error.Source);
        Assert.Contains("line 5", error.Rule);
    }

    [Fact]
    public void Refuses_keys_differing_only_in_case_as_duplicates()
    {
        // Configuration keys are case-insensitive: the second silently replaced the first.
        _dir.Write("c.json", """{ "Risk": { "dailylosslimit": 5 }, "risk": { "DailyLossLimit": 500 } }""");
        var error = Assert.Single(Load(file: "c.json").Errors);
        Assert.Equal("Risk:DailyLossLimit", error.Key, ignoreCase: true);
    }

    [Fact]
    public void Duplicate_secret_in_a_file_is_reported_without_its_value()
    {
        _dir.Write("c.json", """{ "Venue": { "Polymarket": { "ApiSecret": "first-secret", "ApiSecret": "second-secret" } } }""");
        var error = Assert.Single(Load(file: "c.json").Errors);
        Assert.Equal("Venue:Polymarket:ApiSecret", error.Key);
        Assert.DoesNotContain("secret-", error.ToString());
    }

    [Fact]
    public void Refuses_a_directory_as_kill_switch_file()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "KILL"));
        var error = Assert.Single(Load(cli: new ConfigOverride("Risk:KillSwitchFile", "KILL")).Errors);
        Assert.Equal("Risk:KillSwitchFile", error.Key);
        Assert.Equal("KILL", error.Value);
        Assert.Contains("directory", error.Rule);
    }

    [Fact]
    public void Accepts_a_kill_switch_file_that_does_not_exist_yet()
    {
        Assert.Empty(Load(cli: new ConfigOverride("Risk:KillSwitchFile", "data/KILL")).Errors);
    }

    [Fact]
    public void Accepts_bybit_and_its_emulator_as_venues()
    {
        Assert.Empty(Load(cli: new ConfigOverride("Venue:Name", "bybit")).Errors);
        Assert.Empty(Load(cli: new ConfigOverride("Venue:Name", "bybit-emulator")).Errors);
    }

    [Fact]
    public void Refuses_the_retired_bybit_depth_500_naming_key_value_and_rule()
    {
        var error = Assert.Single(Load(cli: new ConfigOverride("Venue:Bybit:Depth", "500")).Errors);
        Assert.Equal(("Venue:Bybit:Depth", "500"), (error.Key, error.Value));
        Assert.Contains("retired", error.Rule);
    }

    [Fact]
    public void Refuses_a_bybit_secret_without_its_key()
    {
        var error = Assert.Single(Load(cli: new ConfigOverride("Venue:Bybit:ApiSecret", "s3cret")).Errors);
        Assert.Equal("Venue:Bybit:ApiSecret", error.Key);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_unknown_venue_listing_the_ones_there_are()
    {
        var error = Assert.Single(Load(cli: new ConfigOverride("Venue:Name", "kraken")).Errors);
        Assert.Equal(("Venue:Name", "kraken"), (error.Key, error.Value));
        Assert.Contains("bybit-emulator", error.Rule);
    }
}
