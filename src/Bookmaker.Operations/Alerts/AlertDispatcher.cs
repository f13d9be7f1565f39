using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;
using AlertSeverity = Bookmaker.Engine.Alerts.AlertSeverity;

namespace Bookmaker.Operations.Alerts;

/// <summary>
/// Hands the engine's alert transitions to the sinks. On the loop it only filters and enqueues: a sink takes a firing
/// alert at or above its minimum severity, and the resolution of an alert it was sent. Deduplication: only transitions
/// are delivered — an alert that is refreshed without changing severity is not sent again (the engine's
/// <see cref="AlertCenter"/> does not republish it), and the same state twice in a row for one alert is dropped here.
/// A sink that keeps failing raises the WARNING <c>alert_sink_failing</c> (key: the sink) through the loop, and clears
/// it when it delivers again; that alert is not sent to the failing sink itself.
/// </summary>
public sealed class AlertDispatcher : IAsyncDisposable
{
    /// <summary>Alert code of a sink that cannot deliver.</summary>
    public const string SinkFailingCode = "alert_sink_failing";

    private readonly AlertCenter _alerts;
    private readonly Action<OperatorCommand> _post;
    private readonly IReadOnlyList<AlertSink> _sinks;
    private readonly string _instance;
    private readonly Dictionary<(string Code, string Key), (AlertSeverity Severity, bool Resolved)> _last = [];
    private readonly HashSet<(int Sink, string Code, string Key)> _firingSent = [];

    /// <summary>Subscribes to the engine's alerts (call before the loop runs).</summary>
    /// <param name="alerts">The engine's alert center (its changes are heard on the loop).</param>
    /// <param name="post">Posts a command to the loop (<c>EventLoop.Post</c>): how a failing sink raises its alert.</param>
    /// <param name="sinks">The sinks.</param>
    /// <param name="instance">Which engine, for the payloads (host and mode).</param>
    public AlertDispatcher(AlertCenter alerts, Action<OperatorCommand> post, IReadOnlyList<AlertSink> sinks, string instance)
    {
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _post = post ?? throw new ArgumentNullException(nameof(post));
        _sinks = sinks ?? throw new ArgumentNullException(nameof(sinks));
        _instance = instance;
        foreach (var sink in sinks)
        {
            sink.Failing += OnFailing;
            sink.Recovered += OnRecovered;
        }

        alerts.Changed += OnAlert;
    }

    /// <summary>The sinks.</summary>
    public IReadOnlyList<AlertSink> Sinks => _sinks;

    // On the loop: filter and enqueue only.
    private void OnAlert(Alert alert)
    {
        bool resolved = !alert.IsActive;
        if (!resolved && alert.Severity == AlertSeverity.Info) return;
        var id = (alert.Code, alert.Key);
        if (_last.TryGetValue(id, out var last) && last.Resolved == resolved && (resolved || last.Severity == alert.Severity)) return;
        _last[id] = (alert.Severity, resolved);
        AlertNotice? notice = null;
        for (int i = 0; i < _sinks.Count; i++)
        {
            var sink = _sinks[i];
            if (alert.Code == SinkFailingCode && string.Equals(alert.Key, sink.Options.Name, StringComparison.Ordinal)) continue;
            bool send = resolved ? _firingSent.Remove((i, alert.Code, alert.Key)) : alert.Severity >= (AlertSeverity)(int)sink.Options.MinSeverity;
            if (!send) continue;
            if (!resolved) _firingSent.Add((i, alert.Code, alert.Key));
            notice ??= AlertNotice.From(alert, _instance);
            sink.Enqueue(notice);
        }
    }

    private void OnFailing(AlertSink sink, string reason) =>
        _post(new OperatorCommand(OperatorCommandKind.Alert, "alerts",
            $"alert sink '{sink.Options.Name}' ({sink.Options.Kind.ToString().ToLowerInvariant()}) cannot deliver: {reason}")
        {
            AlertCode = SinkFailingCode,
            AlertKey = sink.Options.Name,
            AlertSeverity = AlertSeverity.Warning,
        });

    private void OnRecovered(AlertSink sink) =>
        _post(new OperatorCommand(OperatorCommandKind.Alert, "alerts", null)
        {
            AlertCode = SinkFailingCode,
            AlertKey = sink.Options.Name,
            AlertSeverity = AlertSeverity.Info,
        });

    /// <summary>Gives each sink a few seconds to deliver what is queued (the last alerts of a run), then stops them.</summary>
    public async ValueTask DisposeAsync()
    {
        _alerts.Changed -= OnAlert;
        await Task.WhenAll(_sinks.Select(s => s.StopAsync(TimeSpan.FromSeconds(5)))).ConfigureAwait(false);
        foreach (var sink in _sinks) await sink.DisposeAsync().ConfigureAwait(false);
    }
}
