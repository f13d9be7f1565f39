using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// <c>/metrics</c> of a real <c>bookmaker paper</c> process: Prometheus text format (parsed here line by line, and by
/// <c>promtool check metrics</c> when installed), <c>bookmaker_*</c> names by the conventions, and the figures the
/// issue names present with values that agree with the run.
/// </summary>
public sealed partial class MetricsProcessTests : IDisposable
{
    private readonly ProcessRun _run = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _run.Dispose();
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex Sample();

    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_the_bookmaker_families()
    {
        using var p = _run.Start("paper", "--http", "127.0.0.1:0", "--duration", "60s", "--journal", "j.db");
        await p.WaitForLineAsync(l => l.Contains("control plane on http://", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the bound address");
        string line = p.StdoutLines.First(l => l.Contains("control plane on ", StringComparison.Ordinal));
        var uri = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0] + "/metrics");
        string text = "";
        await BookmakerProcess.UntilAsync(() =>
        {
            text = _http.GetStringAsync(uri).GetAwaiter().GetResult();
            return text.Contains("bookmaker_order_round_trip_seconds_bucket", StringComparison.Ordinal) && text.Contains("bookmaker_fills_total", StringComparison.Ordinal) && text.Contains("bookmaker_inventory_shares", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "round trips, fills and a position measured");

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<(string Name, string Labels, double Value)>();
        foreach (string l in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (l.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                string[] parts = l.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }

            if (l.StartsWith('#')) continue;
            var m = Sample().Match(l);
            Assert.True(m.Success, "not a sample line: " + l);
            samples.Add((m.Groups["name"].Value, m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        // target_info is the exporter's own (OpenTelemetry's resource); every other family is ours.
        Assert.All(types.Keys.Where(n => n != "target_info"), n => Assert.StartsWith("bookmaker_", n, StringComparison.Ordinal));
        Assert.All(types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key, StringComparison.Ordinal));
        foreach (string family in new[]
                 {
                     "bookmaker_orders_submitted_total", "bookmaker_orders_cancelled_total", "bookmaker_orders_rejected_total", "bookmaker_fills_total",
                     "bookmaker_volume_usd_total", "bookmaker_pnl_usd", "bookmaker_inventory_shares", "bookmaker_risk_state", "bookmaker_daily_loss_used_ratio",
                     "bookmaker_alerts_total", "bookmaker_order_round_trip_seconds", "bookmaker_feed_staleness_seconds", "bookmaker_journal_backlog_entries",
                     "bookmaker_event_loop_lag_seconds",
                 })
            Assert.True(types.ContainsKey(family), family + " missing from /metrics:\n" + text);
        Assert.Equal("histogram", types["bookmaker_order_round_trip_seconds"]);
        Assert.Contains(samples, s => s.Name == "bookmaker_order_round_trip_seconds_bucket" && s.Labels.Contains("le=\"0.34\"", StringComparison.Ordinal) && s.Labels.Contains("venue=\"sim\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name == "bookmaker_risk_state" && s.Labels.Contains("state=\"ACTIVE\"", StringComparison.Ordinal) && s.Value == 1);
        Assert.Contains(samples, s => s.Name == "bookmaker_pnl_usd" && s.Labels.Contains("kind=\"realized\"", StringComparison.Ordinal));
        Assert.True(samples.Single(s => s.Name == "bookmaker_orders_submitted_total").Value > 0);

        if (Promtool() is { } promtool)
        {
            var psi = new ProcessStartInfo(promtool, "check metrics") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            using var check = System.Diagnostics.Process.Start(psi)!;
            await check.StandardInput.WriteAsync(text);
            check.StandardInput.Close();
            string output = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            Assert.True(check.ExitCode == 0, "promtool check metrics: " + output);
        }

        p.Signal(BookmakerProcess.SigTerm);
        await p.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    private static string? Promtool() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
}
