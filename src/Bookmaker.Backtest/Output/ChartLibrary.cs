using System.Reflection;

namespace Bookmaker.Backtest.Output;

/// <summary>
/// The scripts report.html inlines, embedded in this assembly at build time: TradingView Lightweight Charts (the npm
/// package's standalone build, pinned by <c>web/package-lock.json</c>), its Apache-2.0 licence, and our own chart code.
/// Inlining rather than linking keeps the page one file that opens offline and never asks a CDN.
/// </summary>
public static class ChartLibrary
{
    /// <summary>The library's version (web/package.json pins it).</summary>
    public const string Version = "5.2.1";

    private static readonly Lazy<string> LibraryScript = new(() => Script("Bookmaker.Backtest.Report.lightweight-charts.js"));
    private static readonly Lazy<string> LicenceText = new(() => Read("Bookmaker.Backtest.Report.lightweight-charts.LICENSE"));
    private static readonly Lazy<string> ChartsScript = new(() => Script("Bookmaker.Backtest.Report.report-charts.js"));

    /// <summary>The library, verbatim (its own licence banner included).</summary>
    public static string Library => LibraryScript.Value;

    /// <summary>The library's licence (Apache License 2.0), verbatim.</summary>
    public static string Licence => LicenceText.Value;

    /// <summary>Our code that draws the report's charts from the embedded result document.</summary>
    public static string Charts => ChartsScript.Value;

    // A script goes into a <script> element as raw text: "</script" would end the element early (HTML has no escape
    // inside a script), and "<!--" with "<script" can change how the parser finds its end. Neither may appear.
    private static string Script(string name)
    {
        string text = Read(name);
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase) || text.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException($"{name} cannot be inlined in a <script> element as it is");
        return text;
    }

    private static string Read(string name)
    {
        using var stream = typeof(ChartLibrary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing (the build vendors it from src/Bookmaker.Backtest/web)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
