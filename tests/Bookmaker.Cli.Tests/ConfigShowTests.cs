using System.Text.Json;
using Xunit;

namespace Bookmaker.Cli.Tests;

public sealed class ConfigShowTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Shows_defaults_with_default_source()
    {
        var r = _cli.Run("config", "show");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(("50", "default"), r.Row("Risk:DailyLossLimit"));
        Assert.Equal(("./data/journal.db", "default"), r.Row("Paper:JournalPath"));
    }

    [Fact]
    public void Profile_overrides_default_and_is_named()
    {
        _cli.Write("profiles/paper-fast.json", """{ "Risk": { "DailyLossLimit": 25 } }""");
        var r = _cli.Run("config", "show", "--profile", "paper-fast");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(("25", "profile:paper-fast (profiles/paper-fast.json)"), r.Row("Risk:DailyLossLimit"));
    }

    [Fact]
    public void Config_file_overrides_profile_and_is_named()
    {
        _cli.Write("profiles/p.json", """{ "Risk": { "DailyLossLimit": 25 } }""");
        string file = _cli.Write("override.json", """{ "Risk": { "DailyLossLimit": 30 } }""");
        var r = _cli.Run("config", "show", "--profile", "p", "--config", "override.json");
        Assert.Equal(("30", "file:" + file), r.Row("Risk:DailyLossLimit"));
    }

    [Fact]
    public void Environment_overrides_config_file_and_is_named()
    {
        _cli.Write("override.json", """{ "Risk": { "DailyLossLimit": 30 } }""");
        _cli.Environment["BOOKMAKER__Risk__DailyLossLimit"] = "35";
        var r = _cli.Run("config", "show", "--config", "override.json");
        Assert.Equal(("35", "env:BOOKMAKER__Risk__DailyLossLimit"), r.Row("Risk:DailyLossLimit"));
    }

    [Fact]
    public void Command_line_overrides_environment_and_is_named()
    {
        _cli.Environment["BOOKMAKER__Risk__DailyLossLimit"] = "35";
        var r = _cli.Run("config", "show", "--set", "Risk:DailyLossLimit=40", "--set", "Paper:Markets=3");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(("40", "cli"), r.Row("Risk:DailyLossLimit"));
        Assert.Equal(("3", "cli"), r.Row("Paper:Markets"));
    }

    [Fact]
    public void All_layers_together_each_key_names_its_winner()
    {
        _cli.Write("profiles/p.json", """{ "Risk": { "MaxOpenOrders": 11, "MaxConcurrentPositions": 11, "MaxOrdersPerDay": 11, "ConsecutiveLossLimit": 11 } }""");
        string file = _cli.Write("f.json", """{ "Risk": { "MaxConcurrentPositions": 12, "MaxOrdersPerDay": 12, "ConsecutiveLossLimit": 12 } }""");
        _cli.Environment["BOOKMAKER__Risk__MaxOrdersPerDay"] = "13";
        _cli.Environment["BOOKMAKER__Risk__ConsecutiveLossLimit"] = "13";
        var r = _cli.Run("config", "show", "--profile", "p", "--config", "f.json", "--set", "Risk:ConsecutiveLossLimit=14");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(("11", "profile:p (profiles/p.json)"), r.Row("Risk:MaxOpenOrders"));
        Assert.Equal(("12", "file:" + file), r.Row("Risk:MaxConcurrentPositions"));
        Assert.Equal(("13", "env:BOOKMAKER__Risk__MaxOrdersPerDay"), r.Row("Risk:MaxOrdersPerDay"));
        Assert.Equal(("14", "cli"), r.Row("Risk:ConsecutiveLossLimit"));
        Assert.Equal(("1000", "default"), r.Row("Risk:MaxPositionPerInstrument"));
    }

    [Fact]
    public void Json_output_lists_key_value_source_and_secret_flag()
    {
        _cli.Environment["BOOKMAKER__Paper__Seed"] = "9";
        var r = _cli.Run("config", "show", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var seed = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("key").GetString() == "Paper:Seed");
        Assert.Equal("9", seed.GetProperty("value").GetString());
        Assert.Equal("env:BOOKMAKER__Paper__Seed", seed.GetProperty("source").GetString());
        Assert.False(seed.GetProperty("secret").GetBoolean());
    }

    [Fact]
    public void Secrets_print_as_stars_in_table_and_json()
    {
        const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        _cli.Environment["BOOKMAKER__Venue__Polymarket__PrivateKey"] = Key;
        _cli.Environment["BOOKMAKER__Venue__Polymarket__ApiKey"] = "11111111-2222-3333-4444-555555555555";
        _cli.Environment["BOOKMAKER__Venue__Polymarket__ApiSecret"] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";
        _cli.Write("pass.txt", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        var table = _cli.Run("config", "show", "--set", "Venue:Polymarket:ApiPassphraseFile=pass.txt");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(("***", "env:BOOKMAKER__Venue__Polymarket__PrivateKey"), table.Row("Venue:Polymarket:PrivateKey"));
        Assert.Equal("***", table.Row("Venue:Polymarket:ApiSecret").Value);
        Assert.Equal("***", table.Row("Venue:Polymarket:ApiPassphrase").Value);
        var json = _cli.Run("config", "show", "--json", "--set", "Venue:Polymarket:ApiPassphraseFile=pass.txt");
        foreach (var output in new[] { table.Stdout + table.Stderr, json.Stdout + json.Stderr })
        {
            Assert.DoesNotContain(Key, output);
            Assert.DoesNotContain("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=", output);
            Assert.DoesNotContain("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", output);
        }
    }

    [Fact]
    public void Example_paper_profile_from_the_repository_is_valid()
    {
        _cli.Environment.Remove(Engine.Configuration.ConfigRequest.ProfilesDirVariable);
        var r = _cli.Run("config", "show", "--profile", "paper");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("profile:paper (", r.Row("Paper:Seed").Source);
    }
}
