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

    /// <summary>Cancel failures on one venue within <see cref="CancelFailureWindow"/>, none confirmed in between, that halt trading.</summary>
    public required int CancelFailuresToHalt { get; init; }

    /// <summary>Window of <see cref="CancelFailuresToHalt"/>.</summary>
    public required TimeSpan CancelFailureWindow { get; init; }

    /// <summary>A venue whose newest market data is older than this raises <c>feed_stale</c>.</summary>
    public required TimeSpan FeedStaleAfter { get; init; }

    /// <summary>A venue restarting (425), cancel-only (503) or rate limiting us (429) longer than this is CRITICAL.</summary>
    public required TimeSpan VenueDownCriticalAfter { get; init; }

    /// <summary>A continuously quoting strategy with no order on any book this long while ACTIVE raises <c>strategy_quiet</c>.</summary>
    public required TimeSpan QuietStrategyAfter { get; init; }

    /// <summary>The order round-trip p95 above which the SLA is broken (<c>order_round_trip_sla</c>, docs/operations.md).</summary>
    public TimeSpan RoundTripP95Limit { get; init; } = TimeSpan.FromMilliseconds(340);

    /// <summary>How long the p95 must stay above <see cref="RoundTripP95Limit"/> before the WARNING.</summary>
    public TimeSpan RoundTripSlaFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where alerts are delivered (<c>Alerts:Sinks:&lt;name&gt;:*</c>), in name order.</summary>
    public IReadOnlyList<AlertSinkOptions> Sinks { get; init; } = [];

    /// <summary>Redacts the webhook URL.</summary>
    public override string ToString() =>
        $"AlertOptions {{ WebhookUrl = {(WebhookUrl is null ? "null" : ConfigEntry.Redacted)}, MinSeverity = {MinSeverity}, MaxPerMinute = {MaxPerMinute}, " +
        $"CancelFailuresToHalt = {CancelFailuresToHalt}, CancelFailureWindow = {CancelFailureWindow}, FeedStaleAfter = {FeedStaleAfter}, " +
        $"VenueDownCriticalAfter = {VenueDownCriticalAfter}, QuietStrategyAfter = {QuietStrategyAfter} }}";

    internal static readonly ConfigKeyInfo[] Keys =
    [
        ConfigKeyInfo.Secret("Alerts:WebhookUrl", "optional; absolute https URL", "Webhook receiving alerts (URL embeds a token)."),
        new("Alerts:MinSeverity", "warning", "one of info, warning, critical", "Alerts below this are only logged."),
        new("Alerts:MaxPerMinute", "10", "whole number > 0", "Alert rate limit."),
        new("Alerts:CancelFailuresToHalt", "5", "whole number in 1..1000", "Cancel failures on one venue within CancelFailureWindow, none confirmed in between, that raise CRITICAL cancels_failing and HALT."),
        new("Alerts:CancelFailureWindow", "30s", "duration between 1s and 1h", "Window in which CancelFailuresToHalt failures must fall."),
        new("Alerts:FeedStaleAfter", "5m", "duration between 5s and 1d", "A venue whose newest market data is older than this raises WARNING feed_stale."),
        new("Alerts:VenueDownCriticalAfter", "5m", "duration between 1s and 1d", "A venue restarting (425), cancel-only (503) or rate limiting (429) longer than this escalates to CRITICAL."),
        new("Alerts:QuietStrategyAfter", "10m", "duration between 1s and 1d", "A continuously quoting strategy with no order on any book this long while ACTIVE raises WARNING strategy_quiet."),
        new("Alerts:RoundTripP95Limit", "340ms", "duration between 1ms and 1m", "Order round trip (submit to acknowledgement) p95 over the last minute above this is an SLA breach."),
        new("Alerts:RoundTripSlaFor", "5m", "duration between 10s and 1d", "An SLA breach lasting this long raises WARNING order_round_trip_sla (cleared when the p95 is back under)."),
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
            CancelFailuresToHalt = r.WholeNumber("Alerts:CancelFailuresToHalt"),
            CancelFailureWindow = r.Duration("Alerts:CancelFailureWindow"),
            FeedStaleAfter = r.Duration("Alerts:FeedStaleAfter"),
            VenueDownCriticalAfter = r.Duration("Alerts:VenueDownCriticalAfter"),
            QuietStrategyAfter = r.Duration("Alerts:QuietStrategyAfter"),
            RoundTripP95Limit = r.Duration("Alerts:RoundTripP95Limit"),
            RoundTripSlaFor = r.Duration("Alerts:RoundTripSlaFor"),
            Sinks = AlertSinkOptions.Bind(r),
        };
        // The older single webhook key is a webhook sink like any other (its own minimum severity).
        if (webhook is not null)
            o = o with { Sinks = [.. o.Sinks, new AlertSinkOptions("webhook-url", AlertSinkKind.Webhook, webhook, null, null, null, o.MinSeverity == AlertSeverity.Critical ? AlertSeverity.Critical : AlertSeverity.Warning)] };
        r.Require("Alerts:RoundTripP95Limit", o.RoundTripP95Limit >= TimeSpan.FromMilliseconds(1) && o.RoundTripP95Limit <= TimeSpan.FromMinutes(1), "must be between 1ms and 1m");
        r.Require("Alerts:RoundTripSlaFor", o.RoundTripSlaFor >= TimeSpan.FromSeconds(10) && o.RoundTripSlaFor <= TimeSpan.FromDays(1), "must be between 10s and 1d");
        r.Require("Alerts:MaxPerMinute", o.MaxPerMinute > 0, "must be > 0");
        r.Require("Alerts:CancelFailuresToHalt", o.CancelFailuresToHalt is >= 1 and <= 1000, "must be in 1..1000");
        r.Require("Alerts:CancelFailureWindow", o.CancelFailureWindow >= TimeSpan.FromSeconds(1) && o.CancelFailureWindow <= TimeSpan.FromHours(1),
            "must be between 1s and 1h");
        // Shorter than a few seconds, ordinary gaps between two book changes would read as a dead feed.
        r.Require("Alerts:FeedStaleAfter", o.FeedStaleAfter >= TimeSpan.FromSeconds(5) && o.FeedStaleAfter <= TimeSpan.FromDays(1), "must be between 5s and 1d");
        r.Require("Alerts:VenueDownCriticalAfter", o.VenueDownCriticalAfter >= TimeSpan.FromSeconds(1) && o.VenueDownCriticalAfter <= TimeSpan.FromDays(1),
            "must be between 1s and 1d");
        r.Require("Alerts:QuietStrategyAfter", o.QuietStrategyAfter >= TimeSpan.FromSeconds(1) && o.QuietStrategyAfter <= TimeSpan.FromDays(1),
            "must be between 1s and 1d");
        return o;
    }
}
