using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// Alert delivery from a real <c>bookmaker paper</c> process to a loopback receiver: a halt through the control plane
/// fires <c>trading_halted</c> at the webhook and the resume resolves it, with the sink's URL kept secret.
/// </summary>
public sealed class AlertDeliveryProcessTests : IAsyncLifetime, IDisposable
{
    private const string Token = "alert-test-token-0123456789";
    private readonly ProcessRun _run = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<string> _received = new();
    private WebApplication _receiver = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/secret-hook-path", async (HttpContext h) =>
        {
            using var reader = new StreamReader(h.Request.Body);
            _received.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _run.Dispose();
    }

    private async Task PostAsync(Uri uri, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> WaitForAsync(string code, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (string body in _received)
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.GetProperty("code").GetString() == code && doc.RootElement.GetProperty("state").GetString() == state)
                    return doc.RootElement.Clone();
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"no {state} {code} delivered; got: {string.Join(" | ", _received)}");
    }

    [Fact]
    public async Task A_halt_from_the_control_plane_fires_trading_halted_at_the_webhook_and_the_resume_resolves_it()
    {
        string hook = new Uri(new Uri(_receiver.Urls.First()), "/hooks/secret-hook-path").ToString();
        _run.Environment["BOOKMAKER__Http__Token"] = Token;
        _run.Environment["BOOKMAKER__Alerts__Sinks__ops__Kind"] = "webhook";
        _run.Environment["BOOKMAKER__Alerts__Sinks__ops__Url"] = hook;
        using var engine = _run.Start("paper", "--http", "127.0.0.1:0", "--duration", "120s", "--journal", "j.db");
        await engine.WaitForLineAsync(l => l.Contains("control plane on http://", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the bound address");
        string line = engine.StdoutLines.First(l => l.Contains("control plane on ", StringComparison.Ordinal));
        var api = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0] + "/api/v1/");

        await PostAsync(new Uri(api, "halt"), "{\"reason\":\"drill\"}");
        var firing = await WaitForAsync("trading_halted", "firing");
        await PostAsync(new Uri(api, "resume"), "{\"confirm\":true}");
        var resolved = await WaitForAsync("trading_halted", "resolved");

        Assert.Equal("critical", firing.GetProperty("severity").GetString());
        Assert.Contains("HALTED", firing.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/paper", firing.GetProperty("instance").GetString(), StringComparison.Ordinal);
        Assert.Equal(firing.GetProperty("instance").GetString(), resolved.GetProperty("instance").GetString());
        string config = await _http.GetStringAsync(new Uri(api, "config"));
        Assert.DoesNotContain("secret-hook-path", config, StringComparison.Ordinal);
        engine.Signal(BookmakerProcess.SigTerm);
        await engine.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("secret-hook-path", engine.Stdout + engine.Stderr, StringComparison.Ordinal);
    }
}
