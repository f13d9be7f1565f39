using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bookmaker.Cli.Tests.Live;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// The control plane of <c>bookmaker live</c> against the loopback emulator: ready with the venue's user stream, round
/// trips measured per venue over real sockets, and a halt over HTTP that leaves nothing resting at the venue.
/// </summary>
public sealed class LiveControlPlaneProcessTests
{
    private const string Token = "live-cp-token-0123456789";

    [Fact]
    public async Task An_http_halt_against_a_live_engine_leaves_nothing_resting_and_metrics_show_its_round_trips()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        foreach (var (k, v) in fx.Cli.Environment) run.Environment[k] = v;
        run.Environment["BOOKMAKER__Http__Token"] = Token;
        using var p = run.Start("live", "--venue", "polymarket", "--confirm-live", "--markets", fx.MarketsArgument, "--journal", "live.db",
            "--set", "Risk:MaxPositionPerInstrument=5000", "--set", "Venue:Polymarket:HeartbeatInterval=500ms", "--duration", "120s", "--http", "127.0.0.1:0");
        await p.WaitForLineAsync(l => l.Contains("control plane on http://", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the bound address");
        string line = p.StdoutLines.First(l => l.Contains("control plane on ", StringComparison.Ordinal));
        var baseUri = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0] + "/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) > 0, TimeSpan.FromSeconds(30), "orders resting at the venue");

        string metrics = await http.GetStringAsync(new Uri(baseUri, "metrics"));
        Assert.Contains("bookmaker_order_round_trip_seconds_count{otel_scope_name=\"Bookmaker\",venue=\"polymarket\"}", metrics, StringComparison.Ordinal);
        // /readyz reads the snapshot the loop publishes at its housekeeping tick, which may still be the one from before
        // the venue went live when the first order rests: wait for a snapshot taken since (a bounded poll, not a sleep).
        await BookmakerProcess.UntilAsync(() => VenueStatus(http, baseUri) == "ok", TimeSpan.FromSeconds(15), "the venue ready in /readyz");
        using (var ready = await http.GetAsync(new Uri(baseUri, "readyz")))
        {
            using var doc = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var venue = doc.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "venue:polymarket");
            Assert.Equal("ok", venue.GetProperty("status").GetString());
            Assert.Equal("ok", venue.GetProperty("detail").GetProperty("user_stream").GetString());
            var clock = doc.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "clock");
            Assert.Equal("ok", clock.GetProperty("status").GetString());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "api/v1/halt")))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var halt = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, halt.StatusCode);
        }

        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) == 0, TimeSpan.FromSeconds(10), "every order cancelled at the venue");
        // Halted for the rest of its life: not one order is posted from here to the process's exit.
        long posted = fx.Emulator.OrdersPosted;
        p.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await p.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(posted, fx.Emulator.OrdersPosted);
    }

    private static string? VenueStatus(HttpClient http, Uri baseUri)
    {
        using var ready = http.GetAsync(new Uri(baseUri, "readyz")).GetAwaiter().GetResult();
        using var doc = JsonDocument.Parse(ready.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return doc.RootElement.GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "venue:polymarket").GetProperty("status").GetString();
    }
}
