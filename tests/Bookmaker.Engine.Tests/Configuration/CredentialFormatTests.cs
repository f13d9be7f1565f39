using Bookmaker.Engine.Configuration;
using Xunit;

namespace Bookmaker.Engine.Tests.Configuration;

/// <summary>Polymarket credentials have the shapes the venue issues; a secret's value is never echoed.</summary>
public sealed class CredentialFormatTests : IDisposable
{
    private const string ApiKey = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string ApiSecret = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static readonly string Passphrase = new('a', 64);
    private const string PrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(Dictionary<string, string?> env) =>
        ConfigLoader.Load(new ConfigRequest { Environment = env, WorkingDirectory = _dir.Path });

    private static Dictionary<string, string?> Credentials(string? key = null, string? secret = null, string? passphrase = null) => new()
    {
        ["BOOKMAKER__Venue__Polymarket__ApiKey"] = key ?? ApiKey,
        ["BOOKMAKER__Venue__Polymarket__ApiSecret"] = secret ?? ApiSecret,
        ["BOOKMAKER__Venue__Polymarket__ApiPassphrase"] = passphrase ?? Passphrase,
    };

    [Fact]
    public void Accepts_credentials_of_the_shapes_the_venue_issues()
    {
        var env = Credentials(secret: "gWtq3bF3TEtVRZoGaD1p6Ws-yK2cC5uY_lnJqyzHdQU=");
        env["BOOKMAKER__Venue__Polymarket__PrivateKey"] = PrivateKey;
        var result = Load(env);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Accepts_a_private_key_without_the_0x_prefix()
    {
        Assert.Empty(Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKey"] = PrivateKey[2..] }).Errors);
    }

    [Theory]
    [InlineData("my-api-key")]
    [InlineData("0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d")]
    [InlineData("{0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}")]
    public void Refuses_an_api_key_that_is_not_a_uuid(string key)
    {
        var error = Assert.Single(Load(Credentials(key: key)).Errors);
        Assert.Equal(new ConfigError("Venue:Polymarket:ApiKey", key, "must be a UUID such as 01234567-89ab-cdef-0123-456789abcdef", "env:BOOKMAKER__Venue__Polymarket__ApiKey"), error);
    }

    [Theory]
    [InlineData("hunter2-not-base64!")]
    [InlineData("c2VjcmV0LXNlY3JldA==")] // valid base64 of 13 bytes: not an HMAC secret the venue issues
    public void Refuses_an_api_secret_that_is_not_base64url_of_32_bytes_without_echoing_it(string secret)
    {
        var error = Assert.Single(Load(Credentials(secret: secret)).Errors);
        Assert.Equal("Venue:Polymarket:ApiSecret", error.Key);
        Assert.Equal("***", error.Value);
        Assert.DoesNotContain(secret, error.ToString());
    }

    [Theory]
    [InlineData("passphrase-xyz")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 63 digits
    public void Refuses_a_passphrase_that_is_not_64_hex_digits_without_echoing_it(string passphrase)
    {
        var error = Assert.Single(Load(Credentials(passphrase: passphrase)).Errors);
        Assert.Equal("Venue:Polymarket:ApiPassphrase", error.Key);
        Assert.Equal("***", error.Value);
        Assert.DoesNotContain(passphrase, error.ToString());
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")] // zero
    [InlineData("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")] // the curve order n
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623")] // 31 bytes
    public void Refuses_a_private_key_outside_the_secp256k1_range_without_echoing_it(string key)
    {
        var error = Assert.Single(Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKey"] = key }).Errors);
        Assert.Equal("Venue:Polymarket:PrivateKey", error.Key);
        Assert.Equal("***", error.Value);
        Assert.DoesNotContain(key[2..], error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Warns_about_a_secret_file_that_group_or_others_may_read()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only
        string path = _dir.Write("pk.txt", PrivateKey);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var result = Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKeyFile"] = "pk.txt" });
        Assert.Empty(result.Errors);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains(path, warning);
        Assert.Contains("chmod 600", warning);
        Assert.DoesNotContain(PrivateKey[2..], warning);
    }

    [Fact]
    public void Does_not_warn_about_a_secret_file_only_its_owner_may_read()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = _dir.Write("pk.txt", PrivateKey);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Empty(Load(new() { ["BOOKMAKER__Venue__Polymarket__PrivateKeyFile"] = "pk.txt" }).Warnings);
    }
}
