namespace Bookmaker.Engine.Risk;

/// <summary>
/// The gate's trading day: it rolls at <see cref="RiskLimits.DayRollUtc"/> each UTC day on the engine clock. One job —
/// say when a roll is due — so the daily counters and the loss baseline restart exactly once per day, in backtest as in
/// live.
/// </summary>
internal sealed class TradingDay(TimeSpan rollUtc, DateTimeOffset now)
{
    private long _nextRollTicks = NextRoll(rollUtc, now).UtcTicks;

    /// <summary>True once when the engine clock has passed the next roll; the one after is then scheduled.</summary>
    public bool TryRoll(DateTimeOffset now)
    {
        if (now.UtcTicks < _nextRollTicks) return false;
        _nextRollTicks = NextRoll(rollUtc, now).UtcTicks;
        return true;
    }

    private static DateTimeOffset NextRoll(TimeSpan rollUtc, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + rollUtc;
        return today > now ? today : today.AddDays(1);
    }
}
