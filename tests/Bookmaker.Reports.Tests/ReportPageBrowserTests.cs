using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bookmaker.Reports.Tests;

/// <summary>
/// report.html of real backtests in real Chromium, from file:// with the network blocked: it loads without a console
/// error, asks for nothing but itself, every chart draws on a canvas, and every figure shown equals result.json.
/// </summary>
[Collection(ReportBackendGroup.Name)]
public sealed class ReportPageBrowserTests(ReportBackend backend) : IAsyncLifetime
{
    private Chromium? _chromium;

    private Chromium Browser => _chromium ?? throw new InvalidOperationException("not launched");

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
    }

    private async Task<OpenedPage> Open(string run)
    {
        var opened = await Browser.OpenAsync(backend.ReportPath(run));
        // The chart script marks the body when it has run to its end.
        await opened.Page.WaitForSelectorAsync("body[data-charts=drawn]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 30_000 });
        return opened;
    }

    [Theory]
    [InlineData("usdm")]
    [InlineData("polymarket")]
    public async Task Report_loads_without_console_errors(string run)
    {
        var opened = await Open(run);
        Assert.Empty(await opened.ErrorsAsync());
        Assert.Equal("Bookmaker backtest", await opened.Page.TitleAsync());
    }

    [Theory]
    [InlineData("usdm")]
    [InlineData("polymarket")]
    public async Task Report_requests_nothing_but_its_own_file(string run)
    {
        var opened = await Open(run);
        Assert.Equal([new Uri(backend.ReportPath(run)).AbsoluteUri], opened.Requests);
    }

    [Theory]
    [InlineData("usdm")]
    [InlineData("polymarket")]
    public async Task Every_chart_draws_on_a_canvas(string run)
    {
        var opened = await Open(run);
        int markets = backend.Result(run)["series"]!["markets"]!.AsArray().Count;
        var ids = await opened.Page.EvalOnSelectorAllAsync<string[]>(".chart", "els => els.map(e => e.id)");
        var expected = new List<string> { "chart-equity", "chart-drawdown" };
        for (int k = 0; k < markets; k++) expected.AddRange([$"chart-price-{k}", $"chart-inventory-{k}"]);
        expected.AddRange(["chart-markouts", "chart-pnl", "chart-risk-states"]);
        Assert.Equal(expected, ids);
        foreach (string id in ids)
        {
            var drawn = await opened.Page.EvaluateAsync<JsonElement>(CanvasProbe, id);
            Assert.True(drawn.GetProperty("canvases").GetInt32() > 0, $"{id}: no canvas");
            Assert.True(drawn.GetProperty("points").GetInt32() > 0, $"{id}: no data given to the chart");
            // At least a short line's worth of pixels in one of the chart's own series colours on its plotting pane.
            Assert.True(drawn.GetProperty("hits").GetInt32() >= 20, $"{id}: {drawn.GetProperty("hits").GetInt32()} pixels in its series colours");
        }
    }

    [Theory]
    [InlineData("usdm")]
    [InlineData("polymarket")]
    public async Task Figures_shown_equal_result_json(string run)
    {
        var opened = await Open(run);
        var result = backend.Result(run);
        var shown = await opened.Page.EvalOnSelectorAllAsync<string[][]>("[data-key]", "els => els.map(e => [e.getAttribute('data-key'), e.textContent])");
        Assert.True(shown.Length > 60, $"only {shown.Length} figures carry a data-key");
        foreach (var pair in shown)
        {
            var value = JsonPath.Resolve(result, pair[0]);
            string expected = value is null ? "–" : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            Assert.True(expected == pair[1], $"{pair[0]}: page shows '{pair[1]}', result.json has '{expected}'");
        }

        // Every key statistic, and the per-market P&L decomposition, is among them.
        var keys = shown.Select(p => p[0]).ToHashSet();
        foreach (var (k, v) in result["statistics"]!.AsObject())
        {
            if (v is JsonObject per) foreach (var (k2, _) in per) Assert.Contains($"statistics.{k}.{k2}", keys);
            else Assert.Contains($"statistics.{k}", keys);
        }

        foreach (string part in new[] { "spread", "inventory", "fees", "rebates", "net" }) Assert.Contains($"market_making.markets[0].pnl.{part}", keys);

        // A run with the arbitrage strategy shows its whole block, realised vs expected edge included.
        if (result["arbitrage"] is JsonObject arb)
        {
            foreach (var (k, v) in arb)
            {
                if (v is JsonObject inner) foreach (var (k2, _) in inner) Assert.Contains($"arbitrage.{k}.{k2}", keys);
                else Assert.Contains($"arbitrage.{k}", keys);
            }
        }
    }

    [Fact]
    public async Task Charts_plot_the_values_of_result_json()
    {
        // The page's charts read the document embedded in it: it must be result.json, value for value.
        var opened = await Open("usdm");
        string embedded = await opened.Page.EvaluateAsync<string>("() => JSON.stringify(JSON.parse(document.getElementById('result').textContent))");
        var result = backend.Result("usdm");
        Assert.True(JsonNode.DeepEquals(result, JsonNode.Parse(embedded)), "the embedded document differs from result.json");
        // And the price chart was given every sampled second plus the fills as markers.
        var points = await opened.Page.GetAttributeAsync("#chart-price-0", "data-points");
        var m = result["series"]!["markets"]![0]!;
        int expected = new[] { "best_bid", "best_ask", "mid", "quote_bid", "quote_ask" }.Sum(k => m[k]!.AsArray().Count(v => v is not null)) + m["fills"]!.AsArray().Count;
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), points);
        Assert.Equal(4, m["fills"]!.AsArray().Count); // the 2 bps maker fee widens the quotes (issue 16): 8 fills before
    }

    [Fact]
    public async Task A_report_whose_charts_fail_is_caught_by_these_checks()
    {
        // The harness itself: the same page with the library's global renamed must show a page error and no canvas,
        // so a passing run above means the charts really drew.
        string html = await File.ReadAllTextAsync(backend.ReportPath("usdm"));
        // Only our chart code's line: the library itself assigns window.LightweightCharts.
        const string Reader = "var LC = window.LightweightCharts;";
        Assert.Equal(2, html.Split(Reader).Length);
        string broken = Path.Combine(backend.Directory, "broken-report.html");
        await File.WriteAllTextAsync(broken, html.Replace(Reader, "var LC = window.NoSuchLibrary;", StringComparison.Ordinal));
        var opened = await Browser.OpenAsync(broken);
        Assert.Contains(await opened.ErrorsAsync(), e => e.Contains("createChart", StringComparison.Ordinal));
        var drawn = await opened.Page.EvaluateAsync<JsonElement>(CanvasProbe, "chart-equity");
        Assert.Equal(0, drawn.GetProperty("canvases").GetInt32());
        Assert.Null(await opened.Page.QuerySelectorAsync("body[data-charts=drawn]"));
    }

    [Fact]
    public async Task A_value_holding_script_tags_shows_as_text_and_breaks_nothing()
    {
        // Anything from a recording (a file name, a problem's detail) reaches the page: it must stay text, in the
        // tables and inside the embedded JSON alike.
        const string Hostile = "</script><script>window.__pwned = 1</script><!-- & \"quoted\" <b>bold</b>";
        var doc = backend.Result("usdm");
        doc["data_problems"]!["items"]!.AsArray().Add(new JsonObject { ["kind"] = "malformed_line", ["file"] = Hostile, ["line"] = 7, ["detail"] = Hostile });
        string path = Path.Combine(backend.Directory, "hostile-report.html");
        await File.WriteAllTextAsync(path, Bookmaker.Backtest.Output.ReportPage.Render(doc));
        var opened = await Browser.OpenAsync(path);
        await opened.Page.WaitForSelectorAsync("body[data-charts=drawn]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Empty(await opened.ErrorsAsync());
        Assert.False(await opened.Page.EvaluateAsync<bool>("() => window.__pwned === 1"));
        int last = doc["data_problems"]!["items"]!.AsArray().Count - 1;
        Assert.Equal(Hostile, await opened.Page.TextContentAsync($"[data-key='data_problems.items[{last}].detail']"));
        string embedded = await opened.Page.EvaluateAsync<string>("() => JSON.parse(document.getElementById('result').textContent).data_problems.items.at(-1).detail");
        Assert.Equal(Hostile, embedded);
    }

    // Counts the pixels of the chart's largest canvases (its plotting pane) within a small distance of one of its
    // series colours (data-colors), so axes, grid and text alone do not count as a drawn chart.
    private const string CanvasProbe = """
        id => {
          const el = document.getElementById(id);
          const canvases = [...el.querySelectorAll('canvas')];
          const area = c => c.width * c.height;
          const largest = Math.max(0, ...canvases.map(area));
          const colors = (el.dataset.colors || '').split(' ').filter(c => c).map(h => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16)));
          let hits = 0;
          for (const c of canvases.filter(c => area(c) === largest)) {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i + 3] < 200) continue;
              if (colors.some(k => Math.abs(d[i] - k[0]) <= 6 && Math.abs(d[i + 1] - k[1]) <= 6 && Math.abs(d[i + 2] - k[2]) <= 6)) hits++;
            }
          }
          return { canvases: canvases.length, points: Number(el.dataset.points || 0), hits };
        }
        """;
}
