namespace Bookmaker.Engine.Alerts;

/// <summary>How loud an alert is.</summary>
public enum AlertSeverity : byte
{
    /// <summary>For the record.</summary>
    Info = 0,

    /// <summary>Someone should look soon.</summary>
    Warning = 1,

    /// <summary>Money is at risk now; the engine has already acted (halted, cancelling) and keeps trying.</summary>
    Critical = 2,
}

/// <summary>
/// One alert. <see cref="Code"/> is stable and machine-readable (<c>daily_loss_warning</c>, <c>cancel_all_stuck</c>);
/// <see cref="Key"/> scopes it (an instrument, a venue) so the same condition on two markets is two alerts.
/// </summary>
/// <param name="Code">Stable code.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Key">Scope (instrument id, venue) or empty for global.</param>
/// <param name="Message">Human-readable text; never contains secrets.</param>
/// <param name="RaisedAt">When first raised (engine clock).</param>
/// <param name="UpdatedAt">When last raised again or escalated.</param>
/// <param name="ClearedAt">When cleared, if it has been.</param>
public sealed record Alert(
    string Code,
    AlertSeverity Severity,
    string Key,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClearedAt = null)
{
    /// <summary>True while not cleared.</summary>
    public bool IsActive => ClearedAt is null;

    /// <summary>Who acknowledged it (an operator has seen it), or null; an escalation asks again.</summary>
    public string? AcknowledgedBy { get; init; }
}
