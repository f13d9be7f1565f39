namespace Bookmaker.Engine.Configuration;

/// <summary>Severity of an alert.</summary>
public enum AlertSeverity
{
    /// <summary>Informational.</summary>
    Info,

    /// <summary>Needs attention soon.</summary>
    Warning,

    /// <summary>Needs attention now (halt, failed cancel-all).</summary>
    Critical,
}

/// <summary>Where and how alerts are sent (section <c>Alerts</c>).</summary>
public sealed record AlertOptions
{
    /// <summary>Webhook receiving alerts as JSON; null disables webhook alerts. Secret (webhook URLs embed tokens).</summary>
    public required Uri? WebhookUrl { get; init; }

    /// <summary>Alerts below this severity are only logged.</summary>
    public required AlertSeverity MinSeverity { get; init; }

    /// <summary>At most this many alerts are sent per minute; the rest are counted and summarised.</summary>
    public required int MaxPerMinute { get; init; }

    /// <summary>Redacts the webhook URL.</summary>
    public override string ToString() =>
        $"AlertOptions {{ WebhookUrl = {(WebhookUrl is null ? "null" : ConfigEntry.Redacted)}, MinSeverity = {MinSeverity}, MaxPerMinute = {MaxPerMinute} }}";

    internal static readonly ConfigKeyInfo[] Keys =
    [
        ConfigKeyInfo.Secret("Alerts:WebhookUrl", "optional; absolute https URL", "Webhook receiving alerts (URL embeds a token)."),
        new("Alerts:MinSeverity", "warning", "one of info, warning, critical", "Alerts below this are only logged."),
        new("Alerts:MaxPerMinute", "10", "whole number > 0", "Alert rate limit."),
    ];

    internal static AlertOptions Bind(ConfigReader r)
    {
        Uri? webhook = null;
        string? raw = r.OptionalString("Alerts:WebhookUrl");
        if (raw is not null)
        {
            bool ok = Uri.TryCreate(raw, UriKind.Absolute, out webhook) && webhook.Scheme == Uri.UriSchemeHttps;
            r.Require("Alerts:WebhookUrl", ok, "must be an absolute https URL");
            if (!ok) webhook = null;
        }

        var o = new AlertOptions
        {
            WebhookUrl = webhook,
            MinSeverity = r.Enum<AlertSeverity>("Alerts:MinSeverity"),
            MaxPerMinute = r.WholeNumber("Alerts:MaxPerMinute"),
        };
        r.Require("Alerts:MaxPerMinute", o.MaxPerMinute > 0, "must be > 0");
        return o;
    }
}
