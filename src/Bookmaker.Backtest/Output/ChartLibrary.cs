namespace Bookmaker.Backtest.Output;

/// <summary>
/// The scripts report.html inlines: TradingView Lightweight Charts and its Apache-2.0 licence (vendored once, in
/// <see cref="Bookmaker.Web.ChartLibrary"/>), and our own chart code, embedded in this assembly. Inlining rather than
/// linking keeps the page one file that opens offline and never asks a CDN.
/// </summary>
public static class ChartLibrary
{
    /// <summary>The library's version (src/Bookmaker.Web/web/package.json pins it).</summary>
    public const string Version = Bookmaker.Web.ChartLibrary.Version;

    private static readonly Lazy<string> ChartsScript = new(() => Bookmaker.Web.ChartLibrary.InlineScript(typeof(ChartLibrary).Assembly, "Bookmaker.Backtest.Report.report-charts.js"));

    /// <summary>The library, verbatim (its own licence banner included).</summary>
    public static string Library => Bookmaker.Web.ChartLibrary.Library;

    /// <summary>The library's licence (Apache License 2.0), verbatim.</summary>
    public static string Licence => Bookmaker.Web.ChartLibrary.Licence;

    /// <summary>Our code that draws the report's charts from the embedded result document.</summary>
    public static string Charts => ChartsScript.Value;
}
