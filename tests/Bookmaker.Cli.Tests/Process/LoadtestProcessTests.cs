using System.Text.Json;

namespace Bookmaker.Cli.Tests.Process;

/// <summary><c>bookmaker loadtest</c> as its own process: the real adapters against in-process loopback emulators.</summary>
public sealed class LoadtestProcessTests
{
    [Theory]
    [InlineData("polymarket-emulator")]
    [InlineData("bybit-emulator")]
    public async Task Ten_seconds_at_1200_orders_a_minute_report_p95_under_the_bar_and_no_errors(string venue)
    {
        using var run = new ProcessRun();

        var (code, process) = await run.RunAsync(TimeSpan.FromSeconds(90), "loadtest", "--venue", venue, "--symbols", "10", "--orders-per-minute", "1200",
            "--duration", "10s", "--json", "lt.json");
        using var _ = process;

        Assert.True(code == 0, process.Stdout + process.Stderr);
        var figures = run.Summary("lt.json");
        Assert.Equal(venue, figures.GetProperty("venue").GetString());
        Assert.False(figures.GetProperty("interrupted").GetBoolean());
        int sent = figures.GetProperty("orders_sent").GetInt32();
        // 10 s at 20 orders/s: the schedule's 200 orders (the last slot may fall on the end).
        Assert.InRange(sent, 199, 200);
        Assert.Equal(sent, figures.GetProperty("orders_acknowledged").GetInt32());
        Assert.Equal(sent, figures.GetProperty("orders_cancelled").GetInt32());
        Assert.Equal(0, figures.GetProperty("errors_total").GetInt32());
        Assert.Equal(1.0, figures.GetProperty("success_rate").GetDouble());
        var rt = figures.GetProperty("round_trip_ms");
        Assert.InRange(rt.GetProperty("p50").GetDouble(), 0.001, rt.GetProperty("p95").GetDouble());
        Assert.InRange(rt.GetProperty("p95").GetDouble(), rt.GetProperty("p50").GetDouble(), 339.999);
        Assert.InRange(rt.GetProperty("p99").GetDouble(), rt.GetProperty("p95").GetDouble(), rt.GetProperty("max").GetDouble());
        Assert.True(figures.GetProperty("cpu_s").GetDouble() > 0);
        Assert.True(figures.GetProperty("peak_rss_bytes").GetInt64() > 10_000_000);
        Assert.Equal(3, figures.GetProperty("gc_collections").GetArrayLength());
        Assert.True(figures.GetProperty("passed").GetBoolean());
        Assert.Contains("loadtest: passed", process.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--venue", "polymarket", "must be one of")]
    [InlineData("--symbols", "0", "must be 1..100")]
    [InlineData("--orders-per-minute", "60001", "must be 1..60000")]
    [InlineData("--duration", "25h", "<= 24h")]
    [InlineData("--duration", "soon", "must be a duration")]
    public async Task A_bad_flag_exits_2_naming_the_flag_its_value_and_the_rule(string flag, string value, string rule)
    {
        using var run = new ProcessRun();
        string[] args = flag == "--venue" ? ["loadtest", flag, value] : ["loadtest", "--venue", "polymarket-emulator", flag, value];

        var (code, process) = await run.RunAsync(TimeSpan.FromSeconds(30), args);
        using var _ = process;

        Assert.Equal(2, code);
        Assert.Contains($"{flag} = '{value}'", process.Stderr, StringComparison.Ordinal);
        Assert.Contains(rule, process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("starting", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_mid_run_stops_the_schedule_and_still_prints_the_report()
    {
        using var run = new ProcessRun();
        using var process = run.Start("loadtest", "--venue", "polymarket-emulator", "--orders-per-minute", "600", "--duration", "1h", "--json", "lt.json");
        await process.WaitForLineAsync(l => l.StartsWith("loadtest: first order acknowledged (round trip ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the first ack");

        process.Signal(BookmakerProcess.SigInt);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // A stop this early judges a handful of cold first orders against the bar: pass (0) or miss (1, saying so) are
        // both a clean stop; what matters here is that the report and the JSON are still written.
        Assert.True(code == 0 || (code == 1 && process.Stderr.Contains("loadtest: failed: p95", StringComparison.Ordinal)), process.Stdout + process.Stderr);
        Assert.Contains("(interrupted)", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("round trip    p50", process.Stdout, StringComparison.Ordinal);
        var figures = run.Summary("lt.json");
        Assert.True(figures.GetProperty("interrupted").GetBoolean());
        Assert.InRange(figures.GetProperty("elapsed_s").GetDouble(), 0, 60);
        Assert.True(figures.GetProperty("orders_acknowledged").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Number, figures.GetProperty("round_trip_ms").GetProperty("p95").ValueKind);
    }
}
