using Bookmaker.Engine.Alerts;

namespace Bookmaker.Operations.Alerts;

/// <summary>One alert transition to deliver: firing (raised or escalated) or resolved (cleared).</summary>
/// <param name="Code">Stable alert code.</param>
/// <param name="Key">Scope (instrument, venue), or empty.</param>
/// <param name="Severity">Severity when it fired.</param>
/// <param name="Message">Text (never a secret).</param>
/// <param name="Resolved">True when the alert cleared.</param>
/// <param name="Time">When (engine clock).</param>
/// <param name="Instance">Which engine (host and mode).</param>
public sealed record AlertNotice(string Code, string Key, AlertSeverity Severity, string Message, bool Resolved, DateTimeOffset Time, string Instance)
{
    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public string State => Resolved ? "resolved" : "firing";

    /// <summary>The stable identity of the alert: the same for its firing and its resolution (PagerDuty's dedup_key).</summary>
    public string DedupKey => $"bookmaker/{Instance}/{Code}{(Key.Length > 0 ? "/" + Key : "")}";

    /// <summary>From an alert the engine published.</summary>
    public static AlertNotice From(Alert alert, string instance)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertNotice(alert.Code, alert.Key, alert.Severity, alert.Message, !alert.IsActive, alert.ClearedAt ?? alert.UpdatedAt, instance);
    }
}
