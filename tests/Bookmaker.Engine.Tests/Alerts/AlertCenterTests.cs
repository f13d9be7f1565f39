using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Tests.Alerts;

public class AlertCenterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Repeating_an_active_alert_does_not_publish_it_again()
    {
        var center = new AlertCenter(new SimulatedTimeProvider(Start));
        int published = 0;
        center.Changed += _ => published++;

        center.Raise("daily_loss_warning", AlertSeverity.Warning, "80 %");
        center.Raise("daily_loss_warning", AlertSeverity.Warning, "85 %");

        Assert.Equal(1, published);
        Assert.Equal(1, center.WarningCount);
        Assert.Equal("85 %", Assert.Single(center.Active).Message);
    }

    [Fact]
    public void Higher_severity_escalates_and_counts_once_more()
    {
        var center = new AlertCenter(new SimulatedTimeProvider(Start));

        center.Raise("arb_success", AlertSeverity.Warning, "65 %");
        center.Raise("arb_success", AlertSeverity.Critical, "45 %");

        Assert.Equal(AlertSeverity.Critical, Assert.Single(center.Active).Severity);
        Assert.Equal(1, center.CriticalCount);
    }

    [Fact]
    public void Same_code_on_two_keys_is_two_alerts()
    {
        var center = new AlertCenter(new SimulatedTimeProvider(Start));
        center.Raise("hold_time", AlertSeverity.Warning, "x", key: "m1");
        center.Raise("hold_time", AlertSeverity.Warning, "y", key: "m2");

        Assert.Equal(2, center.Active.Count());
    }

    [Fact]
    public void Clear_removes_the_active_alert_and_publishes_the_clear()
    {
        var clock = new SimulatedTimeProvider(Start);
        var center = new AlertCenter(clock);
        Alert? last = null;
        center.Changed += a => last = a;
        center.Raise("stale_feed", AlertSeverity.Warning, "no data");
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(center.Clear("stale_feed"));

        Assert.Empty(center.Active);
        Assert.Equal(Start.AddSeconds(5), last!.ClearedAt);
    }

    [Theory]
    [InlineData(8, 10, null)]
    [InlineData(6, 10, AlertSeverity.Warning)]
    [InlineData(4, 10, AlertSeverity.Critical)]
    [InlineData(0, 3, null)]
    public void Success_rate_thresholds_follow_the_field_table(int successes, int attempts, AlertSeverity? expected) =>
        Assert.Equal(expected, new AlertThresholds().ForSuccessRate(successes, attempts));

    [Theory]
    [InlineData(1, 10, null)]
    [InlineData(3, 10, AlertSeverity.Warning)]
    [InlineData(4, 10, AlertSeverity.Critical)]
    public void Unwind_rate_thresholds_follow_the_field_table(int unwinds, int attempts, AlertSeverity? expected) =>
        Assert.Equal(expected, new AlertThresholds().ForUnwindRate(unwinds, attempts));

    [Fact]
    public void Acknowledging_keeps_the_alert_active_unpublished_and_an_escalation_asks_again()
    {
        var center = new AlertCenter(new SimulatedTimeProvider(Start));
        int published = 0;
        center.Changed += _ => published++;
        center.Raise("feed_stale", AlertSeverity.Warning, "no data", "BTC");

        Assert.True(center.Acknowledge("feed_stale", "BTC", "http:ops"));
        Assert.False(center.Acknowledge("feed_stale", "ETH", "http:ops"));
        var acknowledged = Assert.Single(center.Active);
        Assert.Equal("http:ops", acknowledged.AcknowledgedBy);
        Assert.True(acknowledged.IsActive);
        Assert.Equal(1, published);

        center.Raise("feed_stale", AlertSeverity.Critical, "still no data", "BTC");
        Assert.Null(Assert.Single(center.Active).AcknowledgedBy);
    }
}
