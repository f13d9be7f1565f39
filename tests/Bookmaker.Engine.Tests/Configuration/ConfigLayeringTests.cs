using Xunit;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Engine.Tests.Configuration;

public sealed class ConfigLayeringTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string? profile = null, string? file = null, Dictionary<string, string?>? env = null, params ConfigOverride[] cli)
    {
        env ??= [];
        env[ConfigRequest.ProfilesDirVariable] = Path.Combine(_dir.Path, "profiles");
        return ConfigLoader.Load(new ConfigRequest
        {
            Profile = profile,
            ConfigFile = file,
            Environment = env,
            Overrides = cli,
            WorkingDirectory = _dir.Path,
        });
    }

    [Fact]
    public void Built_in_defaults_are_valid_and_every_key_comes_from_default()
    {
        var result = Load();
        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        Assert.All(result.Effective!.Entries, e => Assert.Equal("default", e.Source));
        Assert.Equal(Money.FromUnits(50), result.Options!.Risk.DailyLossLimit);
        Assert.Equal(0.8m, result.Options.Risk.DailyLossWarnFraction);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Options.Risk.CancelAllDeadline);
        Assert.Equal(TimeSpan.FromSeconds(5), result.Options.Risk.RequestTimeout);
        Assert.Equal("./data/journal.db", result.Options.Paper.JournalPath);
        Assert.Equal(["mm", "arb"], result.Options.Paper.Strategies);
    }

    [Fact]
    public void Profile_overrides_default_and_is_named_as_source()
    {
        _dir.Write("profiles/paper-fast.json", """{ "Risk": { "DailyLossLimit": 25 } }""");
        var result = Load(profile: "paper-fast");
        Assert.Empty(result.Errors);
        var entry = result.Effective!.Find("Risk:DailyLossLimit")!;
        Assert.Equal("25", entry.Value);
        Assert.Equal("profile:paper-fast (profiles/paper-fast.json)", entry.Source);
        Assert.Equal("default", result.Effective.Find("Risk:MaxOpenOrders")!.Source);
    }

    [Fact]
    public void Config_file_overrides_profile()
    {
        _dir.Write("profiles/p.json", """{ "Risk": { "DailyLossLimit": 25 } }""");
        string file = _dir.Write("override.json", """{ "Risk": { "DailyLossLimit": 30 } }""");
        var result = Load(profile: "p", file: "override.json");
        var entry = result.Effective!.Find("Risk:DailyLossLimit")!;
        Assert.Equal("30", entry.Value);
        Assert.Equal("file:" + file, entry.Source);
    }

    [Fact]
    public void Environment_overrides_config_file()
    {
        _dir.Write("override.json", """{ "Risk": { "DailyLossLimit": 30 } }""");
        var result = Load(file: "override.json", env: new() { ["BOOKMAKER__Risk__DailyLossLimit"] = "35" });
        var entry = result.Effective!.Find("Risk:DailyLossLimit")!;
        Assert.Equal("35", entry.Value);
        Assert.Equal("env:BOOKMAKER__Risk__DailyLossLimit", entry.Source);
        Assert.Equal(Money.FromUnits(35), result.Options!.Risk.DailyLossLimit);
    }

    [Fact]
    public void Command_line_overrides_environment()
    {
        var result = Load(env: new() { ["BOOKMAKER__Risk__DailyLossLimit"] = "35" }, cli: new ConfigOverride("Risk:DailyLossLimit", "40"));
        var entry = result.Effective!.Find("Risk:DailyLossLimit")!;
        Assert.Equal("40", entry.Value);
        Assert.Equal("cli", entry.Source);
    }

    [Fact]
    public void Later_command_line_override_wins_and_keeps_its_flag_label()
    {
        var result = Load(cli: [new ConfigOverride("Paper:Seed", "1"), new ConfigOverride("Paper:Seed", "9", "cli:--seed")]);
        Assert.Equal(9, result.Options!.Paper.Seed);
        Assert.Equal("cli:--seed", result.Effective!.Find("Paper:Seed")!.Source);
    }

    [Fact]
    public void Keys_match_case_insensitively_and_report_canonical_spelling()
    {
        var result = Load(env: new() { ["BOOKMAKER__risk__dailylosslimit"] = "12" });
        var entry = result.Effective!.Find("Risk:DailyLossLimit")!;
        Assert.Equal("Risk:DailyLossLimit", entry.Key);
        Assert.Equal("12", entry.Value);
        Assert.Equal("env:BOOKMAKER__risk__dailylosslimit", entry.Source);
    }

    [Fact]
    public void Variables_without_the_prefix_are_ignored()
    {
        var result = Load(env: new() { ["PATH"] = "/bin", ["BOOKMAKER_OTHER"] = "x" });
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Missing_profile_is_an_error_on_the_profile_flag()
    {
        var result = Load(profile: "nope");
        var error = Assert.Single(result.Errors);
        Assert.Equal("--profile", error.Key);
        Assert.Equal("nope", error.Value);
        Assert.Contains("profiles/nope.json", error.Rule);
    }

    [Fact]
    public void Missing_config_file_is_an_error_on_the_config_flag()
    {
        var result = Load(file: "absent.json");
        var error = Assert.Single(result.Errors);
        Assert.Equal("--config", error.Key);
        Assert.Contains("file not found", error.Rule);
    }

    [Fact]
    public void Malformed_json_is_reported_with_file_and_line()
    {
        string path = _dir.Write("bad.json", "{\n  \"Risk\": { \"DailyLossLimit\": 25, }\n  oops\n}");
        var result = Load(file: "bad.json");
        var error = Assert.Single(result.Errors);
        Assert.Equal("--config", error.Key);
        Assert.Equal(path, error.Value);
        Assert.Contains("not valid JSON (line 3", error.Rule);
    }

    [Fact]
    public void Profile_may_be_given_as_a_path_to_a_json_file()
    {
        _dir.Write("elsewhere/mine.json", """{ "Paper": { "Markets": 3 } }""");
        var result = Load(profile: "elsewhere/mine.json");
        Assert.Equal(3, result.Options!.Paper.Markets);
        Assert.Equal("profile:mine (elsewhere/mine.json)", result.Effective!.Find("Paper:Markets")!.Source);
    }
}
