using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Operations;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// The control plane of a real <c>bookmaker paper</c> process on a free loopback port: health, the operator actions
/// with and without the token, their effect as <c>bookmaker risk status</c> and the journal see it, the stall path,
/// and secrets kept out of every answer and output.
/// </summary>
public sealed class ControlPlaneProcessTests : IDisposable
{
    private const string Token = "cp-test-token-0123456789";
    private readonly ProcessRun _run = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ControlPlaneProcessTests() => _run.Environment["BOOKMAKER__Http__Token"] = Token;

    public void Dispose()
    {
        _http.Dispose();
        _run.Dispose();
    }

    private string Journal => _run.PathOf("j.db");

    private async Task<(BookmakerProcess Process, Uri Base)> StartAsync(params string[] extra)
    {
        var p = _run.Start(["paper", "--http", "127.0.0.1:0", "--duration", "120s", "--journal", "j.db", "--summary-json", "s.json", .. extra]);
        await p.WaitForLineAsync(l => l.Contains("control plane on http://127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the bound address");
        string line = p.StdoutLines.First(l => l.Contains("control plane on ", StringComparison.Ordinal));
        string address = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Split(' ')[0];
        return (p, new Uri(address + "/"));
    }

    private async Task<HttpResponseMessage> PostAsync(Uri baseUri, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task Healthz_is_200_and_a_halt_with_the_token_halts_as_risk_status_and_the_journal_show()
    {
        var (engine, uri) = await StartAsync();
        using var _ = engine;
        await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(Journal) is { OpenOrders: > 0, State: "ACTIVE" }, TimeSpan.FromSeconds(30), "the engine quoting");
        using (var health = await _http.GetAsync(new Uri(uri, "healthz")))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using (var refused = await PostAsync(uri, "api/v1/halt", null))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var wrong = await PostAsync(uri, "api/v1/halt", "not-the-token-at-all"))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("ACTIVE", EngineStatusFile.Read(Journal)!.State);

        using (var halt = await PostAsync(uri, "api/v1/halt", Token, "{\"actor\":\"ops\",\"reason\":\"drill\"}"))
        {
            string text = await halt.Content.ReadAsStringAsync();
            Assert.True(halt.StatusCode == HttpStatusCode.OK, text);
            using var doc = JsonDocument.Parse(text);
            Assert.Equal("HALTED", doc.RootElement.GetProperty("state").GetString());
            Assert.True(doc.RootElement.GetProperty("applied").GetBoolean());
        }

        Assert.True(File.Exists(_run.PathOf("data/KILL")), "the kill switch is engaged, as by 'bookmaker risk halt'");
        // status.json, which `risk status` reads, is rewritten once a second.
        await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(Journal) is { State: "HALTED" }, TimeSpan.FromSeconds(10), "the status file rewritten");
        var (code, status) = await BookmakerProcess.RunAsync(_run.Directory, null, TimeSpan.FromSeconds(60), "risk", "status", "--journal", Journal, "--json");
        using (status)
        {
            Assert.True(code == 0, status.Stderr);
            using var doc = JsonDocument.Parse(status.Stdout);
            Assert.Equal("HALTED", doc.RootElement.GetProperty("state").GetString());
        }

        using (var resumeUnconfirmed = await PostAsync(uri, "api/v1/resume", Token, "{}"))
            Assert.Equal(HttpStatusCode.BadRequest, resumeUnconfirmed.StatusCode);

        engine.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await engine.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        using var reader = JournalReader.Open(Journal);
        var command = Assert.Single(reader.ReadByKind(JournalKind.OperatorCommand), r => r.Entry.Payload.Contains("\"Halt\"", StringComparison.Ordinal));
        Assert.Contains("\"actor\":\"http:ops\"", command.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains(reader.ReadByKind(JournalKind.TradingState), r => r.Entry.Payload.Contains("Halted", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("HALTED", _run.Summary().GetProperty("trading_state_at_exit").GetString());
    }

    [Fact]
    public async Task Secrets_show_as_stars_in_config_and_never_in_any_answer_or_output()
    {
        var (engine, uri) = await StartAsync("--set", "Alerts:WebhookUrl=https://hooks.example.com/secret-path-42");
        using var _ = engine;
        await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(Journal) is { State: "ACTIVE" }, TimeSpan.FromSeconds(30), "the engine running");
        var bodies = new List<string>();
        foreach (string path in new[] { "api/v1/config", "api/v1/status", "api/v1/alerts", "api/v1/orders", "api/v1/positions", "readyz", "healthz" })
            bodies.Add(await _http.GetStringAsync(new Uri(uri, path)).ContinueWith(t => t.IsFaulted ? "" : t.Result, TaskScheduler.Default));
        using (var unauthorized = await PostAsync(uri, "api/v1/halt", "wrong-token-wrong-token"))
            bodies.Add(await unauthorized.Content.ReadAsStringAsync());

        using var config = JsonDocument.Parse(bodies[0]);
        var entries = config.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal("***", entries.Single(e => e.GetProperty("key").GetString() == "Http:Token").GetProperty("value").GetString());
        Assert.Equal("***", entries.Single(e => e.GetProperty("key").GetString() == "Alerts:WebhookUrl").GetProperty("value").GetString());
        engine.Signal(BookmakerProcess.SigTerm);
        await engine.WaitForExitAsync(TimeSpan.FromSeconds(30));
        string faultLog = File.Exists(_run.PathOf("bookmaker-faults.log")) ? File.ReadAllText(_run.PathOf("bookmaker-faults.log")) : "";
        foreach (string text in bodies.Append(engine.Stdout).Append(engine.Stderr).Append(faultLog))
        {
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-path-42", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readyz_reports_every_component_and_the_stream_sends_status_alerts_and_quotes()
    {
        var (engine, uri) = await StartAsync();
        using var _ = engine;
        await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(Journal) is { OpenOrders: > 0, State: "ACTIVE" }, TimeSpan.FromSeconds(30), "the engine quoting");
        JsonElement ready = default;
        await BookmakerProcess.UntilAsync(() =>
        {
            using var r = _http.GetAsync(new Uri(uri, "readyz")).GetAwaiter().GetResult();
            ready = JsonDocument.Parse(r.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();
            return r.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), "ready (every market heard from)");

        var names = ready.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["loop", "journal", "venue:sim", "market_data:sim", "clock", "risk", "kill_switch"], names);
        Assert.All(ready.GetProperty("components").EnumerateArray(), c => Assert.Equal("ok", c.GetProperty("status").GetString()));

        using var stream = await _http.GetStreamAsync(new Uri(uri, "api/v1/stream"));
        using var reader = new StreamReader(stream);
        var events = new HashSet<string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (events.Count < 3 && await reader.ReadLineAsync(timeout.Token) is { } line)
            if (line.StartsWith("event: ", StringComparison.Ordinal)) events.Add(line["event: ".Length..]);
        Assert.Equal(["alerts", "quotes", "status"], events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Healthz_turns_503_while_a_strategy_blocks_the_loop()
    {
        var (engine, uri) = await StartAsync("--drill", "strategy-block@2500=8s", "--set", "Engine:StallTimeout=1s");
        using var _ = engine;
        var seen = new List<(HttpStatusCode Code, string Body)>();
        // Before the first snapshot the answer is 503 'unknown' too: wait for a healthy loop, then for the stall.
        bool exited = false;
        await BookmakerProcess.UntilAsync(() =>
        {
            try
            {
                using var r = _http.GetAsync(new Uri(uri, "healthz")).GetAwaiter().GetResult();
                seen.Add((r.StatusCode, r.Content.ReadAsStringAsync().GetAwaiter().GetResult()));
            }
            catch (HttpRequestException)
            {
                exited = true; // the process exited (a stall ends the run with exit 4)
            }

            return exited || seen.SkipWhile(s => s.Code != HttpStatusCode.OK).Any(s => s.Code == HttpStatusCode.ServiceUnavailable);
        }, TimeSpan.FromSeconds(60), "/healthz to answer 200 and then 503");

        Assert.Contains(seen, s => s.Code == HttpStatusCode.OK);
        var unhealthy = seen.SkipWhile(s => s.Code != HttpStatusCode.OK).First(s => s.Code == HttpStatusCode.ServiceUnavailable);
        Assert.Contains("\"status\":\"stalled\"", unhealthy.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ACTIVE", unhealthy.Body, StringComparison.Ordinal);
        Assert.Equal(4, await engine.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }
}
