using System.Text.Json.Nodes;
using Bookmaker.Backtest.Sweeps;

namespace Bookmaker.Reports.Tests;

/// <summary>
/// sweep.html in real Chromium: merged from two real runs (the backtests of <see cref="ReportBackend"/> laid out as a
/// sweep's run directories), it loads offline without errors and each run's link opens that run's report, which draws.
/// </summary>
[Collection(ReportBackendGroup.Name)]
public sealed class SweepPageBrowserTests(ReportBackend backend) : IAsyncLifetime
{
    private Chromium? _chromium;

    private Chromium Browser => _chromium ?? throw new InvalidOperationException("not launched");

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
    }

    // A sweep directory as `bookmaker sweep` leaves it: runs/<id>/ with result.json, report.html and sweep-run.json.
    private string SweepPage()
    {
        string dir = Path.Combine(backend.Directory, "sweep");
        foreach (var (id, run, gamma) in new[] { ("gamma-5-aaaaaaaa", "usdm", "5"), ("gamma-10-bbbbbbbb", "polymarket", "10") })
        {
            string runDir = Path.Combine(dir, SweepFiles.RunsDirectory, id);
            Directory.CreateDirectory(runDir);
            foreach (string f in new[] { "result.json", "report.html" }) File.Copy(Path.Combine(backend.Directory, run, f), Path.Combine(runDir, f), overwrite: true);
            var manifest = new JsonObject { ["id"] = id, ["index"] = gamma == "5" ? 0 : 1, ["parameters"] = new JsonObject { ["MarketMaker:Gamma"] = gamma }, ["args_sha256"] = "0" };
            File.WriteAllText(Path.Combine(runDir, SweepFiles.RunFile), manifest.ToJsonString());
        }

        string page = Path.Combine(dir, "sweep.html");
        File.WriteAllText(page, Bookmaker.Backtest.Sweeps.SweepPage.Render(SweepSummary.Build([dir], dir, null, null)));
        return page;
    }

    [Fact]
    public async Task Sweep_page_loads_offline_without_errors()
    {
        string page = SweepPage();
        var opened = await Browser.OpenAsync(page);
        Assert.Empty(await opened.ErrorsAsync());
        Assert.Equal([new Uri(page).AbsoluteUri], opened.Requests);
        Assert.Equal("Bookmaker sweep", await opened.Page.TitleAsync());
    }

    [Fact]
    public async Task Each_run_link_opens_a_report_that_draws()
    {
        var opened = await Browser.OpenAsync(SweepPage());
        var links = await opened.Page.EvalOnSelectorAllAsync<string[]>("#ranked-pnl a", "els => els.map(e => e.href)");
        Assert.Equal(2, links.Length);
        foreach (string link in links)
        {
            var report = await Browser.OpenAsync(new Uri(link).LocalPath);
            await report.Page.WaitForSelectorAsync("body[data-charts=drawn]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 30_000 });
            Assert.Empty(await report.ErrorsAsync());
        }
    }
}
