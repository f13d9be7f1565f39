using Microsoft.Playwright;

namespace Bookmaker.Reports.Tests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, which test.sh installs) driven by Playwright's bundled node driver —
/// never a downloaded browser. A missing Chromium fails the tests: a report nobody has seen draw is not tested.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath)) throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (test.sh does: apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        // A fresh profile per launch: nothing cached or remembered from another run.
        string profile = Directory.CreateTempSubdirectory("report-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Timeout = 60_000,
        });
        return new Chromium(playwright, context, profile);
    }

    /// <summary>Opens a local page with the network blocked, recording every request, console error and page error.</summary>
    public Task<OpenedPage> OpenAsync(string path) => OpenAsync(new Uri(path), "file:");

    /// <summary>Opens a page served at <paramref name="address"/>; every request to another origin is refused and recorded.</summary>
    public Task<OpenedPage> OpenServedAsync(Uri address) => OpenAsync(address, address.GetLeftPart(UriPartial.Authority) + "/");

    private async Task<OpenedPage> OpenAsync(Uri address, string allowedPrefix)
    {
        var page = await Context.NewPageAsync();
        var opened = new OpenedPage(page);
        // Anything but the page's own file or origin is refused (and recorded, so a test can say what was asked for).
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(allowedPrefix, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        page.Request += (_, r) => opened.Requests.Add(r.Url);
        page.Console += (_, m) => { if (m.Type is "error" or "warning") opened.ConsoleErrors.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => opened.ConsoleErrors.Add("page error: " + e);
        // The page also records its own uncaught errors and console errors, before any of its scripts runs: Playwright's
        // events arrive asynchronously, the page's own list is there as soon as the script failed.
        await page.AddInitScriptAsync("""
            window.__errors = [];
            window.addEventListener('error', e => window.__errors.push('error: ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__errors.push('rejection: ' + e.reason));
            const consoleError = console.error.bind(console);
            console.error = (...a) => { window.__errors.push('console.error: ' + a.join(' ')); consoleError(...a); };
            """);
        await page.GotoAsync(address.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A page and what it did while loading.</summary>
public sealed class OpenedPage(IPage page)
{
    public IPage Page { get; } = page;

    public List<string> Requests { get; } = [];

    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Every error seen so far: the page's own record and Playwright's console and page-error events.</summary>
    public async Task<List<string>> ErrorsAsync()
    {
        var own = await Page.EvaluateAsync<string[]>("() => window.__errors || ['the error recorder did not run']");
        return [.. own, .. ConsoleErrors];
    }
}
