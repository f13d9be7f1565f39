namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Thresholds of the engine's operational watches (config section <c>Alerts</c>, mapped by <c>From</c>): when failing
/// cancels halt, when a silent feed, an unavailable venue or a quiet strategy is reported. See docs/risk.md, "Alerts".
/// </summary>
public sealed record OperationalWatchOptions
{
    /// <summary>Cancel failures on one venue, with no cancel confirmed in between, that halt trading.</summary>
    public int CancelFailuresToHalt { get; init; } = 5;

    /// <summary>Window in which <see cref="CancelFailuresToHalt"/> failures must fall.</summary>
    public TimeSpan CancelFailureWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A venue whose newest market data is older than this is reported stale.</summary>
    public TimeSpan FeedStaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A venue restarting, cancel-only or rate limiting us for longer than this escalates to CRITICAL.</summary>
    public TimeSpan VenueDownCriticalAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A continuously quoting strategy with no order on any book this long while ACTIVE is reported.</summary>
    public TimeSpan QuietStrategyAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The thresholds of the validated <c>Alerts</c> section.</summary>
    public static OperationalWatchOptions From(Configuration.AlertOptions alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return new OperationalWatchOptions
        {
            CancelFailuresToHalt = alerts.CancelFailuresToHalt,
            CancelFailureWindow = alerts.CancelFailureWindow,
            FeedStaleAfter = alerts.FeedStaleAfter,
            VenueDownCriticalAfter = alerts.VenueDownCriticalAfter,
            QuietStrategyAfter = alerts.QuietStrategyAfter,
        };
    }
}
