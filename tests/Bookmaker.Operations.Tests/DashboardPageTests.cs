using Bookmaker.Operations.Dashboard;
using Bookmaker.Web;

namespace Bookmaker.Operations.Tests;

public sealed class DashboardPageTests
{
    [Fact]
    public void The_page_inlines_the_one_vendored_chart_library_with_its_attribution_and_no_external_source()
    {
        string page = DashboardPage.Document;

        Assert.Contains(ChartLibrary.Library, page, StringComparison.Ordinal);
        Assert.Contains("TradingView Lightweight Charts " + ChartLibrary.Version, page, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_dashboard_script_never_writes_data_as_html()
    {
        string script = ChartLibrary.InlineScript(typeof(DashboardPage).Assembly, "Bookmaker.Operations.Dashboard.dashboard.js");

        // Venue-provided strings (symbols, alert messages) reach the page through textContent only.
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        foreach (string sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(" })
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
    }
}
