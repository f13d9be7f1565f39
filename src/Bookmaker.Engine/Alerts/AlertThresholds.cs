namespace Bookmaker.Engine.Alerts;

/// <summary>
/// The field's alert thresholds, all configurable (section <c>Alerts</c>). Rates are fractions (0.7 = 70 %).
/// </summary>
public sealed record AlertThresholds
{
    /// <summary>Daily loss as a fraction of the limit at which a warning fires (the limit itself halts).</summary>
    public decimal DailyLossWarnFraction { get; init; } = 0.8m;

    /// <summary>Arbitrage success rate below which a warning fires.</summary>
    public decimal ArbSuccessWarnBelow { get; init; } = 0.70m;

    /// <summary>Arbitrage success rate below which a critical alert fires.</summary>
    public decimal ArbSuccessCriticalBelow { get; init; } = 0.50m;

    /// <summary>Emergency unwind (liquidation) rate above which a warning fires.</summary>
    public decimal UnwindRateWarnAbove { get; init; } = 0.20m;

    /// <summary>Emergency unwind rate above which a critical alert fires.</summary>
    public decimal UnwindRateCriticalAbove { get; init; } = 0.30m;

    /// <summary>Minimum attempts before rate alerts are judged (avoids alarms on the first failure).</summary>
    public int MinAttemptsForRates { get; init; } = 10;

    /// <summary>Inventory held longer than this warns.</summary>
    public TimeSpan InventoryHoldWarn { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>Inventory held longer than this is critical.</summary>
    public TimeSpan InventoryHoldCritical { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Directional exposure as a fraction of its limit at which a warning fires.</summary>
    public decimal ExposureWarnFraction { get; init; } = 0.8m;

    /// <summary>Severity for a success rate (higher is better), or null when healthy or too few attempts.</summary>
    public AlertSeverity? ForSuccessRate(int successes, int attempts)
    {
        if (attempts < MinAttemptsForRates || attempts == 0) return null;
        decimal rate = (decimal)successes / attempts;
        if (rate < ArbSuccessCriticalBelow) return AlertSeverity.Critical;
        if (rate < ArbSuccessWarnBelow) return AlertSeverity.Warning;
        return null;
    }

    /// <summary>Severity for an unwind rate (lower is better), or null when healthy or too few attempts.</summary>
    public AlertSeverity? ForUnwindRate(int unwinds, int attempts)
    {
        if (attempts < MinAttemptsForRates || attempts == 0) return null;
        decimal rate = (decimal)unwinds / attempts;
        if (rate > UnwindRateCriticalAbove) return AlertSeverity.Critical;
        if (rate > UnwindRateWarnAbove) return AlertSeverity.Warning;
        return null;
    }

    /// <summary>Severity for how long inventory has been held, or null when fine.</summary>
    public AlertSeverity? ForHoldTime(TimeSpan held) =>
        held >= InventoryHoldCritical ? AlertSeverity.Critical : held >= InventoryHoldWarn ? AlertSeverity.Warning : null;
}
