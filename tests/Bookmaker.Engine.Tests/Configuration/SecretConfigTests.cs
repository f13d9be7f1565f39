using Xunit;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Engine.Tests.Configuration;

public sealed class SecretConfigTests : IDisposable
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(Dictionary<string, string?> env, params ConfigOverride[] cli) =>
        ConfigLoader.Load(new ConfigRequest { Environment = env, Overrides = cli, WorkingDirectory = _dir.Path });

    [Fact]
    public void Secret_value_displays_as_stars()
    {
        var result = Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKey"] = Key });
        var entry = result.Effective!.Find("Venue:Polymarket:PrivateKey")!;
        Assert.True(entry.IsSecret);
        Assert.Equal("***", entry.DisplayValue);
        Assert.Equal(Key, result.Options!.Venue.Polymarket.PrivateKey);
    }

    [Fact]
    public void Unset_secret_displays_as_empty()
    {
        Assert.Equal(string.Empty, Load([]).Effective!.Find("Venue:Polymarket:ApiSecret")!.DisplayValue);
    }

    [Fact]
    public void Invalid_secret_is_reported_without_its_value()
    {
        const string Bad = "0xnot-a-key-but-still-secret";
        var error = Assert.Single(Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKey"] = Bad }).Errors);
        Assert.Equal("Venue:Polymarket:PrivateKey", error.Key);
        Assert.Equal("***", error.Value);
        Assert.DoesNotContain(Bad, error.ToString());
    }

    [Fact]
    public void Secret_is_read_from_the_file_named_by_its_file_key()
    {
        string path = _dir.Write("pk.txt", Key + "\n");
        var result = Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKeyFile"] = "pk.txt" });
        Assert.Empty(result.Errors);
        Assert.Equal(Key, result.Options!.Venue.Polymarket.PrivateKey);
        var entry = result.Effective!.Find("Venue:Polymarket:PrivateKey")!;
        Assert.Equal($"secret-file:{path} (via Venue:Polymarket:PrivateKeyFile from env:BOOKMAKER__Venue__Polymarket__PrivateKeyFile)", entry.Source);
        Assert.Equal("***", entry.DisplayValue);
    }

    [Fact]
    public void Higher_layer_secret_value_beats_lower_layer_secret_file()
    {
        _dir.Write("pk.txt", "0x" + new string('1', 64));
        var result = Load(
            new() { ["BOOKMAKER__Venue__Polymarket__PrivateKeyFile"] = "pk.txt" },
            new ConfigOverride("Venue:Polymarket:PrivateKey", Key));
        Assert.Equal(Key, result.Options!.Venue.Polymarket.PrivateKey);
    }

    [Fact]
    public void Unreadable_secret_file_is_an_error_on_the_file_key()
    {
        var error = Assert.Single(Load(new() { ["BOOKMAKER__Venue__Polymarket__ApiSecretFile"] = "missing.txt" }).Errors);
        Assert.Equal("Venue:Polymarket:ApiSecretFile", error.Key);
        Assert.Equal("missing.txt", error.Value);
    }

    [Fact]
    public void Secret_from_file_that_fails_validation_is_not_echoed()
    {
        _dir.Write("pk.txt", "hunter2-secret");
        var error = Assert.Single(Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKeyFile"] = "pk.txt" }).Errors);
        Assert.Equal("***", error.Value);
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public void Options_text_never_contains_secrets()
    {
        var options = Load(new()
        {
            ["BOOKMAKER__Venue__Polymarket__PrivateKey"] = Key,
            ["BOOKMAKER__Venue__Polymarket__ApiKey"] = "11111111-2222-3333-4444-555555555555",
            ["BOOKMAKER__Venue__Polymarket__ApiSecret"] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=",
            ["BOOKMAKER__Venue__Polymarket__ApiPassphrase"] = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
            ["BOOKMAKER__Alerts__WebhookUrl"] = "https://hooks.example.com/T000/SECRETTOKEN",
        }).Options!;
        string text = options.ToString();
        Assert.DoesNotContain(Key, text);
        Assert.DoesNotContain("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=", text);
        Assert.DoesNotContain("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", text);
        Assert.DoesNotContain("SECRETTOKEN", text);
    }

    [Fact]
    public void Api_credentials_must_come_as_a_set()
    {
        var error = Assert.Single(Load(new() { ["BOOKMAKER__Venue__Polymarket__ApiKey"] = "k" }).Errors);
        Assert.Equal("Venue:Polymarket:ApiKey", error.Key);
    }

    [Fact]
    public void Unknown_key_that_looks_like_a_credential_is_masked()
    {
        var error = Assert.Single(Load(new() { ["BOOKMAKER__Venue__Bybit__ApiSecret"] = "topsecret" }).Errors);
        Assert.Equal("***", error.Value);
    }

    [Fact]
    public void Malformed_set_assignment_does_not_echo_the_value()
    {
        Assert.False(ConfigOverride.TryParseAssignment("=0xdeadbeef", out _, out var error));
        Assert.DoesNotContain("deadbeef", error!.ToString());
        Assert.False(ConfigOverride.TryParseAssignment("Risk:DailyLossLimit", out _, out error));
        Assert.Equal("--set", error!.Key);
    }
}
