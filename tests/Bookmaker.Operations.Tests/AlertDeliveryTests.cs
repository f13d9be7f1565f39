using System.Text.Json;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Kernel;
using Bookmaker.Operations.Alerts;
using AlertSeverity = Bookmaker.Engine.Alerts.AlertSeverity;

namespace Bookmaker.Operations.Tests;

/// <summary>Alert delivery against loopback receivers: each service's shape, dedup, resolve, retries, a failing sink.</summary>
public sealed class AlertDeliveryTests : IAsyncLifetime, IDisposable
{
    private static readonly AlertSinkPolicy Fast = new(600, 3, TimeSpan.FromMilliseconds(20), 100, TimeSpan.FromSeconds(5));
    private readonly HttpClient _http = new();
    private readonly List<OperatorCommand> _posted = [];
    private LoopbackReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private (AlertCenter Center, AlertDispatcher Dispatcher) Dispatch(params AlertSinkOptions[] sinks)
    {
        var center = new AlertCenter(TimeProvider.System);
        var built = sinks.Select(s => new AlertSink(s, Fast, _http, TimeProvider.System)).ToArray();
        return (center, new AlertDispatcher(center, c => { lock (_posted) _posted.Add(c); }, built, "test-host/paper"));
    }

    private AlertSinkOptions Sink(AlertSinkKind kind, string path, Engine.Configuration.AlertSeverity min = Engine.Configuration.AlertSeverity.Warning) =>
        new("s-" + kind.ToString().ToLowerInvariant(), kind, new Uri(_receiver.Address, path), "123:bot-secret", "-100200", "routing-secret", min);

    [Fact]
    public async Task A_webhook_gets_the_documented_object_when_an_alert_fires_and_when_it_clears()
    {
        var (center, dispatcher) = Dispatch(Sink(AlertSinkKind.Webhook, "hook"));
        await using var d = dispatcher;

        center.Raise("feed_stale", AlertSeverity.Warning, "no data for 6 min", "sim");
        center.Clear("feed_stale", "sim");
        var got = await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));

        Assert.Equal(2, got.Length);
        using var firing = JsonDocument.Parse(got[0].Body);
        var f = firing.RootElement;
        Assert.Equal("warning", f.GetProperty("severity").GetString());
        Assert.Equal("feed_stale", f.GetProperty("code").GetString());
        Assert.Equal("no data for 6 min", f.GetProperty("message").GetString());
        Assert.Equal("firing", f.GetProperty("state").GetString());
        Assert.Equal("test-host/paper", f.GetProperty("instance").GetString());
        Assert.True(DateTimeOffset.TryParse(f.GetProperty("time").GetString(), out _));
        using var resolved = JsonDocument.Parse(got[1].Body);
        Assert.Equal("resolved", resolved.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task PagerDuty_triggers_and_resolves_under_one_stable_dedup_key()
    {
        var (center, dispatcher) = Dispatch(Sink(AlertSinkKind.PagerDuty, "v2/enqueue"));
        await using var d = dispatcher;

        center.Raise("trading_halted", AlertSeverity.Critical, "HALTED by operator");
        center.Clear("trading_halted");
        var got = await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));

        using var trigger = JsonDocument.Parse(got[0].Body);
        using var resolve = JsonDocument.Parse(got[1].Body);
        Assert.Equal("trigger", trigger.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("resolve", resolve.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("routing-secret", trigger.RootElement.GetProperty("routing_key").GetString());
        string key = trigger.RootElement.GetProperty("dedup_key").GetString()!;
        Assert.Equal(key, resolve.RootElement.GetProperty("dedup_key").GetString());
        Assert.Equal("bookmaker/test-host/paper/trading_halted", key);
        var payload = trigger.RootElement.GetProperty("payload");
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        Assert.Equal("test-host/paper", payload.GetProperty("source").GetString());
        Assert.Contains("HALTED by operator", payload.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discord_Slack_and_Telegram_each_get_their_service_shape()
    {
        var (center, dispatcher) = Dispatch(Sink(AlertSinkKind.Discord, "discord"), Sink(AlertSinkKind.Slack, "slack"), Sink(AlertSinkKind.Telegram, ""));
        await using var d = dispatcher;

        center.Raise("daily_loss_warning", AlertSeverity.Warning, "80% of the daily loss limit used");
        var got = await _receiver.WaitForAsync(3, TimeSpan.FromSeconds(10));

        var discord = JsonDocument.Parse(got.Single(g => g.Path == "/discord").Body).RootElement;
        Assert.Contains("daily_loss_warning", discord.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("WARNING: daily_loss_warning", discord.GetProperty("embeds")[0].GetProperty("title").GetString());
        var slack = JsonDocument.Parse(got.Single(g => g.Path == "/slack").Body).RootElement;
        Assert.StartsWith("WARNING daily_loss_warning", slack.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("section", slack.GetProperty("blocks")[0].GetProperty("type").GetString());
        var telegram = got.Single(g => g.Path.StartsWith("/bot", StringComparison.Ordinal));
        Assert.Equal("/bot123:bot-secret/sendMessage", telegram.Path);
        var t = JsonDocument.Parse(telegram.Body).RootElement;
        Assert.Equal("-100200", t.GetProperty("chat_id").GetString());
        Assert.Contains("80% of the daily loss limit used", t.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refreshed_alert_is_not_sent_again_and_a_sink_skips_what_is_below_its_severity()
    {
        var (center, dispatcher) = Dispatch(Sink(AlertSinkKind.Webhook, "all"), Sink(AlertSinkKind.Slack, "critical-only", Engine.Configuration.AlertSeverity.Critical));

        for (int i = 0; i < 5; i++) center.Raise("feed_stale", AlertSeverity.Warning, $"no data for {i} min");
        center.Raise("feed_stale", AlertSeverity.Critical, "no data for 30 min");
        // Disposing drains every sink's queue: whatever was going to be sent has been, with no sleep to guess it.
        await dispatcher.DisposeAsync();

        var got = _receiver.Received.ToArray();
        Assert.Equal(2, got.Count(g => g.Path == "/all"));  // the warning once, then the escalation
        Assert.Single(got, g => g.Path == "/critical-only");
    }

    [Fact]
    public async Task A_failing_sink_retries_then_raises_a_warning_without_its_secrets_and_clears_it_when_it_delivers()
    {
        _receiver.Status = 500;
        var sink = Sink(AlertSinkKind.Telegram, "");
        var (center, dispatcher) = Dispatch(sink);
        await using var d = dispatcher;

        center.Raise("cancels_failing", AlertSeverity.Critical, "5 cancels failed");
        await _receiver.WaitForAsync(3, TimeSpan.FromSeconds(10));
        await WaitAsync(() => _posted.Count >= 1);

        Assert.Equal(3, _receiver.Received.Count); // three tries
        OperatorCommand failing;
        lock (_posted) failing = _posted[0];
        Assert.Equal(AlertDispatcher.SinkFailingCode, failing.AlertCode);
        Assert.Equal(AlertSeverity.Warning, failing.AlertSeverity);
        Assert.Equal(sink.Name, failing.AlertKey);
        Assert.Contains("HTTP 500", failing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("bot-secret", failing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_receiver.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), failing.Text, StringComparison.Ordinal);

        _receiver.Status = 200;
        center.Raise("feed_stale", AlertSeverity.Warning, "stale");
        await WaitAsync(() => _posted.Count >= 2);
        lock (_posted) Assert.Equal(AlertSeverity.Info, _posted[1].AlertSeverity); // the clear
    }

    private async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (_posted) if (condition()) return;
            await Task.Delay(20);
        }
    }
}
