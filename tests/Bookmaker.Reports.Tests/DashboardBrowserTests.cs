using System.Text.Json;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using Microsoft.Playwright;

namespace Bookmaker.Reports.Tests;

/// <summary>
/// The live dashboard (<c>GET /</c> of the control plane) of a real <c>bookmaker paper</c> process in real Chromium:
/// it streams the engine's state, asks nothing of any other host, and its Halt button halts the engine — with the
/// right token only.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private Chromium _chromium = null!;
    private DashboardProcess _engine = null!;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        _engine = await DashboardProcess.StartAsync();
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        _engine.Dispose();
    }

    private async Task<string> StateAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri(_engine.Address, "api/v1/status")));
        return doc.RootElement.GetProperty("state").GetString()!;
    }

    private static async Task<string> TextAsync(IPage page, string selector) => (await page.Locator(selector).First.TextContentAsync()) ?? "";

    [Fact]
    public async Task The_page_streams_the_engines_state_with_books_and_charts_and_asks_no_other_host()
    {
        var opened = await _chromium.OpenServedAsync(_engine.Address);
        var page = opened.Page;
        await page.Locator("#state", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^ACTIVE$") }).WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("section.market table.ladder tr").First.WaitForAsync(new() { Timeout = 30_000 });
        string firstSequence = await TextAsync(page, "#sequence");
        string firstTime = await TextAsync(page, "#engine-time");
        Assert.Matches("^[0-9]+$", firstSequence);

        // The figures move on their own: the stream, not a reload, brings newer snapshots.
        await page.WaitForFunctionAsync("s => document.getElementById('sequence').textContent !== s", firstSequence, new() { Timeout = 15_000 });
        Assert.NotEqual(firstTime, await TextAsync(page, "#engine-time"));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('section.market')].some(m => Number(m.dataset.points) > 1)", null, new() { Timeout = 15_000 });
        // Our fills arrive as markers on the quotes-vs-mid chart.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('section.market')].some(m => Number(m.dataset.fills) > 0)", null, new() { Timeout = 20_000 });
        Assert.Equal("streaming", await TextAsync(page, "#stream-state"));
        Assert.True(await page.Locator("section.market canvas").CountAsync() > 0, "the quotes-vs-mid chart is drawn");
        Assert.True(await page.Locator("#chart-round-trip canvas").CountAsync() > 0, "the round-trip chart is drawn");
        Assert.Contains("340 ms", await TextAsync(page, "#round-trip-limit"));
        Assert.True(await page.Locator("#pnl tr").CountAsync() >= 6, "the P&L parts are listed");
        Assert.True(await page.Locator("#inventory tbody tr").CountAsync() > 0, "inventory against the limit is listed");
        Assert.True(await page.Locator("#venues tbody tr").CountAsync() > 1, "venue and per-market feed health are listed");
        Assert.True(await page.Locator("table.ladder tr.ours").CountAsync() > 0, "our resting orders are marked on the ladder");

        Assert.Empty(await opened.ErrorsAsync());
        string origin = _engine.Address.GetLeftPart(UriPartial.Authority) + "/";
        Assert.All(opened.Requests, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        Assert.Equal("ACTIVE", await StateAsync());
    }

    [Fact]
    public async Task Halt_from_the_page_with_the_token_halts_the_engine_and_a_wrong_token_halts_nothing()
    {
        var opened = await _chromium.OpenServedAsync(_engine.Address);
        var page = opened.Page;
        await page.Locator("#state", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^ACTIVE$") }).WaitForAsync(new() { Timeout = 30_000 });

        await page.FillAsync("#token", "not-the-token-at-all");
        await page.ClickAsync("#halt");
        await page.Locator("#action-result.error").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("401", await TextAsync(page, "#action-result"));
        Assert.Equal("ACTIVE", await StateAsync());

        await page.FillAsync("#token", DashboardProcess.Token);
        await page.ClickAsync("#halt");
        await page.Locator("#action-result.ok").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal("HALTED", await StateAsync());
        // The page hears it from the stream too, and keeps the token for this tab only.
        await page.Locator("#state", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^HALTED$") }).WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(DashboardProcess.Token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('bookmaker.token')"));
        // The refused POST is the one error Chromium logs by itself; nothing else may have failed.
        Assert.All(await opened.ErrorsAsync(), e => Assert.Contains("status of 401", e, StringComparison.Ordinal));

        Assert.Equal(0, await _engine.StopAsync());
        using var reader = JournalReader.Open(_engine.Journal);
        var command = Assert.Single(reader.ReadByKind(JournalKind.OperatorCommand), r => r.Entry.Payload.Contains("\"Halt\"", StringComparison.Ordinal));
        Assert.Contains("\"actor\":\"http:dashboard\"", command.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains(reader.ReadByKind(JournalKind.TradingState), r => r.Entry.Payload.Contains("Halted", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Acknowledging_an_alert_needs_the_token_goes_through_the_engine_and_is_journaled()
    {
        var ack = new Uri(_engine.Address, "api/v1/alerts/no_such_alert/ack");
        using (var refused = await Http.PostAsync(ack, new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, ack) { Content = new StringContent("{\"actor\":\"ops\",\"key\":\"BTC\"}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DashboardProcess.Token);
        using (var answer = await Http.SendAsync(request))
        {
            // The engine answers: there is no such active alert, so nothing was acknowledged.
            Assert.Equal(System.Net.HttpStatusCode.Conflict, answer.StatusCode);
            Assert.Contains("no such active alert", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("ACTIVE", await StateAsync());
        Assert.Equal(0, await _engine.StopAsync());
        using var reader = JournalReader.Open(_engine.Journal);
        var command = Assert.Single(reader.ReadByKind(JournalKind.OperatorCommand), r => r.Entry.Payload.Contains("AcknowledgeAlert", StringComparison.Ordinal));
        Assert.Contains("\"alert\":\"no_such_alert\"", command.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains("\"actor\":\"http:ops\"", command.Entry.Payload, StringComparison.Ordinal);
    }
}
