using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bookmaker.Cli.Tests.Paper;

/// <summary>
/// <c>paper --venue polymarket</c> end to end against the loopback emulator: real REST resolution and market-channel
/// data, simulated fills. Every REST request goes through a recording proxy, so the test can prove paper never traded:
/// no order, cancel, key creation or authenticated request ever reached the venue.
/// </summary>
public sealed class PaperOnPolymarketDataTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Paper_on_real_market_data_quotes_and_fills_without_sending_the_venue_a_single_order()
    {
        // Sample slugs come from condition-id digits 2..10, the same for every sample: give the second its own.
        var markets = new[] { EmulatedMarket.Sample(1), EmulatedMarket.Sample(2) with { ConditionId = "0x" + "02".PadRight(64, 'd') } };
        await using var emulator = await PolymarketEmulatorHost.StartAsync(new EmulatorOptions { Markets = markets });
        foreach (var m in markets)
        {
            for (int k = 1; k <= 4; k++)
            {
                emulator.PlaceLiquidity(m.YesTokenId, Side.Buy, Cents(50 - k), Quantity.FromUnits(100));
                emulator.PlaceLiquidity(m.YesTokenId, Side.Sell, Cents(50 + k), Quantity.FromUnits(100));
            }
        }

        await using var proxy = await RecordingProxy.StartAsync(emulator.BaseUrl);
        string summary = Path.Combine(_cli.Directory, "summary.json");
        var output = new ObservedOutput();
        using var stop = new CancellationTokenSource();
        // The run's own duration is only a cap: the test stops it (as SIGINT would) once paper has filled.
        var run = _cli.RunAsync(output, stop.Token, "paper", "--venue", "polymarket", "--markets", $"{markets[0].ConditionId},{markets[1].Slug}",
            "--duration", "120s", "--strategies", "mm", "--journal", Path.Combine(_cli.Directory, "j.db"), "--summary-json", summary,
            "--set", $"Venue:Polymarket:ClobUrl={proxy.Url}", "--set", $"Venue:Polymarket:GammaUrl={proxy.Url}gamma",
            "--set", $"Venue:Polymarket:WsUrl={emulator.WsUrl}");

        // Trade on the venue only once paper has quotes resting (its status line says so), so the market channel prints
        // through them; then trade a pair at a time, each pair answered by the next status line, until one shows a fill.
        var (line, _) = await output.WaitForLineAsync(l => Counter(l, "open") > 0, -1, run, TimeSpan.FromSeconds(60), "paper's quotes");
        bool filled = false;
        for (int i = 0; i < 12 && !filled; i += 2)
        {
            for (int k = i; k < i + 2; k++)
            {
                var m = markets[k % 2];
                try
                {
                    emulator.TakeLiquidity(m.YesTokenId, k % 4 < 2 ? Side.Sell : Side.Buy, k % 4 < 2 ? Cents(40) : Cents(60), Quantity.FromUnits(120));
                }
                catch (InvalidOperationException)
                {
                    // Nothing left to take on that side.
                }
            }

            (line, string status) = await output.WaitForLineAsync(l => Counter(l, "fills") >= 0, line, run, TimeSpan.FromSeconds(30), "the next status line");
            filled = Counter(status, "fills") > 0;
        }

        await stop.CancelAsync();
        var r = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("paper summary", r.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        Assert.True(doc.RootElement.GetProperty("orders_submitted").GetInt32() > 0, r.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("markets").GetInt32());
        Assert.True(doc.RootElement.GetProperty("fills").GetInt32() > 0, r.Stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("open_orders_at_exit").GetInt32());

        var requests = proxy.Requests.ToList();
        Assert.Contains(requests, q => q.Path.StartsWith("/clob-markets/", StringComparison.Ordinal));
        Assert.Contains(requests, q => q.Path.StartsWith("/gamma/markets", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, q => q.Method != "GET");
        Assert.DoesNotContain(requests, q => q.Path.StartsWith("/order", StringComparison.Ordinal) || q.Path.StartsWith("/auth", StringComparison.Ordinal)
            || q.Path.StartsWith("/data/", StringComparison.Ordinal) || q.Path.StartsWith("/cancel", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, q => q.HadApiKey);
        Assert.Equal(0, emulator.AuthenticatedUserSockets);
    }

    [Fact]
    public void Paper_on_polymarket_without_markets_exits_2_naming_the_key()
    {
        var r = _cli.Run("paper", "--venue", "polymarket", "--duration", "1s");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Venue:Polymarket:Markets", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Markets_must_be_a_whole_number_for_the_simulated_venue()
    {
        var r = _cli.Run("paper", "--markets", "some-slug", "--duration", "1s");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Paper:Markets = 'some-slug' (from cli:--markets): must be a whole number", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_slug_exits_1_with_the_resolution_error()
    {
        await using var emulator = await PolymarketEmulatorHost.StartAsync(new EmulatorOptions());
        var r = _cli.Run("paper", "--venue", "polymarket", "--markets", "no-such-market", "--duration", "1s", "--strategies", "mm",
            "--journal", Path.Combine(_cli.Directory, "j.db"),
            "--set", $"Venue:Polymarket:ClobUrl={emulator.BaseUrl}", "--set", $"Venue:Polymarket:GammaUrl={emulator.GammaUrl}",
            "--set", $"Venue:Polymarket:WsUrl={emulator.WsUrl}");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no-such-market", r.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A counter of paper's status line ("open=3 submitted=10 fills=0"), or −1 when the line has none.</summary>
    private static int Counter(string line, string name)
    {
        var m = Regex.Match(line, $@"\b{name}=(\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static Price Cents(int cents) => Price.Parse((cents / 100m).ToString("0.00", CultureInfo.InvariantCulture));

    /// <summary>Forwards every HTTP request to the emulator and remembers method, path and whether it carried an API key.</summary>
    private sealed class RecordingProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _client;

        private RecordingProxy(WebApplication app, HttpClient client, Uri url)
        {
            _app = app;
            _client = client;
            Url = url;
        }

        public Uri Url { get; }

        public ConcurrentQueue<(string Method, string Path, bool HadApiKey)> Requests { get; } = new();

        public static async Task<RecordingProxy> StartAsync(Uri target)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var client = new HttpClient { BaseAddress = target };
            RecordingProxy? self = null;
            app.Run(async ctx =>
            {
                var req = ctx.Request;
                bool key = req.Headers.Keys.Any(h => h.StartsWith("POLY_", StringComparison.OrdinalIgnoreCase));
                self!.Requests.Enqueue((req.Method, req.Path.Value ?? "", key));
                using var forward = new HttpRequestMessage(new HttpMethod(req.Method), req.Path.Value + req.QueryString.Value);
                using var response = await client.SendAsync(forward, ctx.RequestAborted);
                ctx.Response.StatusCode = (int)response.StatusCode;
                if (response.Content.Headers.ContentType is { } type) ctx.Response.ContentType = type.ToString();
                await response.Content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
            });
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new RecordingProxy(app, client, new Uri(address.TrimEnd('/') + "/"));
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _client.Dispose();
        }
    }
}
