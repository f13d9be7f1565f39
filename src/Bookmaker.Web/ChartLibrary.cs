using System.Reflection;

namespace Bookmaker.Web;

/// <summary>
/// TradingView Lightweight Charts (the npm package's standalone build, pinned by <c>web/package-lock.json</c>) and its
/// Apache-2.0 licence, embedded at build time. report.html and the live dashboard inline them rather than link them,
/// so each page is self-contained, opens offline and never asks a CDN; one vendored copy serves both.
/// </summary>
public static class ChartLibrary
{
    /// <summary>The library's version (web/package.json pins it).</summary>
    public const string Version = "5.2.1";

    private static readonly Lazy<string> LibraryScript = new(() => InlineScript(typeof(ChartLibrary).Assembly, "Bookmaker.Web.lightweight-charts.js"));
    private static readonly Lazy<string> LicenceText = new(() => Resource(typeof(ChartLibrary).Assembly, "Bookmaker.Web.lightweight-charts.LICENSE"));

    /// <summary>The library, verbatim (its own licence banner included).</summary>
    public static string Library => LibraryScript.Value;

    /// <summary>The library's licence (Apache License 2.0), verbatim.</summary>
    public static string Licence => LicenceText.Value;

    /// <summary>An embedded script that is safe to inline as the raw text of a <c>&lt;script&gt;</c> element.</summary>
    /// <param name="assembly">The assembly that embeds it.</param>
    /// <param name="name">Its logical resource name.</param>
    /// <exception cref="InvalidOperationException">It is missing, or holds text that would end the element early.</exception>
    public static string InlineScript(Assembly assembly, string name)
    {
        // HTML has no escape inside a script: "</script" would end the element early, and "<!--" with "<script" can
        // change how the parser finds its end. Neither may appear.
        string text = Resource(assembly, name);
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase) || text.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException($"{name} cannot be inlined in a <script> element as it is");
        return text;
    }

    /// <summary>An embedded text resource, verbatim.</summary>
    /// <param name="assembly">The assembly that embeds it.</param>
    /// <param name="name">Its logical resource name.</param>
    /// <exception cref="InvalidOperationException">It is missing.</exception>
    public static string Resource(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {assembly.GetName().Name} (the build vendors the chart library from src/Bookmaker.Web/web)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
