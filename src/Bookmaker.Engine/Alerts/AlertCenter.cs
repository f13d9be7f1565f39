namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Raises, escalates and clears alerts, keeping one active alert per (code, key) so a condition that persists does not
/// flood the journal. Lives on the event loop; <see cref="Changed"/> subscribers (journal, webhooks, dashboard) are
/// called synchronously there and must only enqueue.
/// </summary>
public sealed class AlertCenter(TimeProvider time)
{
    private readonly Dictionary<(string Code, string Key), Alert> _active = [];
    private readonly List<Alert> _history = [];

    /// <summary>Called whenever an alert is raised, escalated or cleared.</summary>
    public event Action<Alert>? Changed;

    /// <summary>Warnings raised so far (escalations and repeats of an active alert are not counted again).</summary>
    public int WarningCount { get; private set; }

    /// <summary>Critical alerts raised so far (an escalation from warning counts once).</summary>
    public int CriticalCount { get; private set; }

    /// <summary>Active alerts in the order they were first raised.</summary>
    public IEnumerable<Alert> Active => _history.Where(a => a.IsActive && _active.TryGetValue((a.Code, a.Key), out var cur) && ReferenceEquals(cur, a));

    /// <summary>Every alert state ever published, oldest first (bounded to the last 10,000).</summary>
    public IReadOnlyList<Alert> History => _history;

    /// <summary>True when an alert with this code (and key) is active.</summary>
    public bool IsActive(string code, string key = "") => _active.ContainsKey((code, key));

    /// <summary>
    /// Raises an alert, or updates the active one with the same code and key. A higher severity escalates it; a repeat at
    /// the same or lower severity only refreshes the message and time and is not re-published.
    /// </summary>
    public Alert Raise(string code, AlertSeverity severity, string message, string key = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var now = time.GetUtcNow();
        if (_active.TryGetValue((code, key), out var existing))
        {
            if (severity <= existing.Severity)
            {
                var refreshed = existing with { Message = message, UpdatedAt = now };
                _active[(code, key)] = refreshed;
                Replace(existing, refreshed);
                return refreshed;
            }

            var escalated = existing with { Severity = severity, Message = message, UpdatedAt = now, AcknowledgedBy = null };
            _active[(code, key)] = escalated;
            Replace(existing, escalated);
            Count(severity);
            Changed?.Invoke(escalated);
            return escalated;
        }

        var alert = new Alert(code, severity, key, message, now, now);
        _active[(code, key)] = alert;
        Append(alert);
        Count(severity);
        Changed?.Invoke(alert);
        return alert;
    }

    /// <summary>Clears the active alert with this code and key, if any.</summary>
    public bool Clear(string code, string key = "")
    {
        if (!_active.Remove((code, key), out var existing)) return false;
        var cleared = existing with { ClearedAt = time.GetUtcNow() };
        Replace(existing, cleared);
        Changed?.Invoke(cleared);
        return true;
    }

    /// <summary>
    /// Marks the active alert with this code and key as seen by <paramref name="actor"/>. It stays active (only its cause
    /// clears it) and is not published again: delivery already happened, the acknowledgement is the operator's record.
    /// </summary>
    public bool Acknowledge(string code, string key, string actor)
    {
        if (!_active.TryGetValue((code, key), out var existing)) return false;
        var acknowledged = existing with { AcknowledgedBy = actor };
        _active[(code, key)] = acknowledged;
        Replace(existing, acknowledged);
        return true;
    }

    private void Count(AlertSeverity severity)
    {
        if (severity == AlertSeverity.Warning) WarningCount++;
        else if (severity == AlertSeverity.Critical) CriticalCount++;
    }

    private void Append(Alert alert)
    {
        if (_history.Count >= 10_000) _history.RemoveRange(0, 1_000);
        _history.Add(alert);
    }

    private void Replace(Alert old, Alert updated)
    {
        int i = _history.LastIndexOf(old);
        if (i >= 0) _history[i] = updated;
        else Append(updated);
    }
}
