using System.Text.Json;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

/// <summary>
/// "No silent stop" end to end: <c>bookmaker paper</c> in-process with injected faults, then the summary and the alerts
/// the run journaled. Ten simulated minutes over three markets each (a second or two of wall time).
/// </summary>
public sealed class PaperAlertTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private sealed record JournaledAlert(string Code, string Severity, string Key, bool Active);

    private (CliResult Result, JsonElement Summary, List<JournaledAlert> Alerts) Paper(string name, string? faults)
    {
        string summary = Path.Combine(_cli.Directory, name + ".json");
        string journal = Path.Combine(_cli.Directory, name + ".db");
        var args = new List<string> { "paper", "--scenario", "stress", "--speed", "max", "--duration", "10m", "--markets", "3", "--seed", "7", "--journal", journal, "--summary-json", summary };
        if (faults is not null) args.AddRange(["--faults", faults]);
        var r = _cli.Run([.. args]);
        using var doc = JsonDocument.Parse(File.ReadAllText(summary));
        var alerts = new List<JournaledAlert>();
        using (var reader = JournalReader.Open(journal))
        {
            foreach (var record in reader.ReadByKind(JournalKind.Alert))
            {
                using var payload = JsonDocument.Parse(record.Entry.Payload);
                var p = payload.RootElement;
                alerts.Add(new JournaledAlert(p.GetProperty("code").GetString()!, p.GetProperty("severity").GetString()!, p.GetProperty("key").GetString()!,
                    p.GetProperty("active").GetString() == "true"));
            }
        }

        return (r, doc.RootElement.Clone(), alerts);
    }

    [Fact]
    public void All_cancels_failing_end_the_run_halted_with_a_critical_cancels_failing_and_few_orders()
    {
        var (r, s, alerts) = Paper("cancels", "cancel_all.error=1,cancel.error=1");

        Assert.Contains(alerts, a => a is { Code: "cancels_failing", Severity: "CRITICAL", Active: true });
        Assert.Contains(alerts, a => a is { Code: "trading_halted", Severity: "CRITICAL", Active: true });
        Assert.Equal("HALTED", s.GetProperty("trading_state_at_exit").GetString());
        // Before the watch, quoting went on into a venue that took nothing back: thousands of orders.
        Assert.InRange(s.GetProperty("orders_submitted").GetInt32(), 1, 100);
        Assert.Equal(0, s.GetProperty("orders_accepted_while_halted").GetInt32());
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void A_matching_engine_restart_that_lasts_raises_venue_restarting_and_escalates_it()
    {
        var (_, _, alerts) = Paper("restart", "order.restart=1:30m");

        Assert.Contains(alerts, a => a is { Code: "venue_restarting", Severity: "WARNING", Key: "sim", Active: true });
        Assert.Contains(alerts, a => a is { Code: "venue_restarting", Severity: "CRITICAL", Key: "sim", Active: true });
    }

    [Fact]
    public void A_stalled_market_feed_raises_feed_stale()
    {
        var (_, _, alerts) = Paper("feed", "feed.stale=1:1h");

        Assert.Contains(alerts, a => a is { Code: "feed_stale", Severity: "WARNING", Key: "sim", Active: true });
    }

    [Fact]
    public void Reaching_the_daily_order_cap_raises_order_cap_reached()
    {
        _cli.Environment["BOOKMAKER__Risk__MaxOrdersPerDay"] = "300";

        var (_, s, alerts) = Paper("cap", null);

        Assert.Contains(alerts, a => a is { Code: "order_cap_reached", Severity: "WARNING", Key: "max_orders_per_day", Active: true });
        Assert.True(s.GetProperty("orders_denied").GetProperty("max_orders_per_day").GetInt32() > 0);
    }
}
