using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bookmaker.Cli.Tests.Process;

namespace Bookmaker.Cli.Tests;

/// <summary><c>bookmaker bybit sign-request</c> through the real process, against the platform's HMAC for random keys.</summary>
public sealed class BybitCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("bybit-sign-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RandomToken(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(length))[..length];

    private async Task<(int Code, string Stdout, string Stderr)> Sign(string key, string secret, string input, params string[] extra)
    {
        var env = new Dictionary<string, string?> { ["BB_KEY"] = key, ["BB_SECRET"] = secret };
        using var p = BookmakerProcess.Start(_dir, env, ["bybit", "sign-request", "--key-env", "BB_KEY", "--secret-env", "BB_SECRET", .. extra]);
        p.WriteStdinAndClose(input);
        int code = await p.WaitForExitAsync(Timeout);
        return (code, p.Stdout, p.Stderr);
    }

    [Fact]
    public async Task Signs_fresh_random_get_and_post_requests_like_the_platform_hmac()
    {
        string key = RandomToken(18), secret = RandomToken(36);
        long ts = 1_700_000_000_000 + RandomNumberGenerator.GetInt32(int.MaxValue);
        string query = "category=linear&symbol=BTCUSDT&limit=" + RandomNumberGenerator.GetInt32(1000);
        string body = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"" + RandomToken(12) + "\"}";
        foreach (var (method, payload, field) in new[] { ("GET", query, "query"), ("POST", body, "body") })
        {
            string input = JsonSerializer.Serialize(new Dictionary<string, object> { ["timestamp"] = ts, ["recvWindow"] = 7000, ["method"] = method, ["path"] = "/v5/order/realtime", [field] = payload });
            var (code, stdout, stderr) = await Sign(key, secret, input);

            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            string message = ts.ToString(CultureInfo.InvariantCulture) + key + "7000" + payload;
            string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
            Assert.Equal(expected, doc.RootElement.GetProperty("X-BAPI-SIGN").GetString());
            Assert.Equal(key, doc.RootElement.GetProperty("X-BAPI-API-KEY").GetString());
            Assert.DoesNotContain(secret, stdout + stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ws_flag_prints_the_auth_args_for_the_expiry()
    {
        string key = RandomToken(18), secret = RandomToken(36);
        var (code, stdout, stderr) = await Sign(key, secret, "{\"expires\":1700000005000}", "--ws");

        Assert.True(code == 0, stderr);
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "GET/realtime1700000005000"u8.ToArray()));
        Assert.Equal($"[\"{key}\",1700000005000,\"{expected}\"]", stdout.Trim());
    }

    [Fact]
    public async Task Missing_secret_variable_exits_2_naming_it()
    {
        var (code, _, stderr) = await Sign("k", "", "{\"timestamp\":1}");

        Assert.Equal(2, code);
        Assert.Contains("BB_SECRET", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_request_exits_2_naming_the_field()
    {
        var (code, _, stderr) = await Sign("k", "s", "{\"timestamp\":1,\"method\":\"DELETE\"}");

        Assert.Equal(2, code);
        Assert.Contains("method=DELETE", stderr, StringComparison.Ordinal);
    }
}
