using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Hosting;

/// <summary>Maps the validated <c>Risk</c> configuration section onto the gate's runtime limits.</summary>
public static class RiskLimitsFromConfig
{
    /// <summary>The limits for <paramref name="risk"/>.</summary>
    public static RiskLimits Map(RiskOptions risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        return new RiskLimits
        {
            DailyLossLimit = risk.DailyLossLimit,
            DailyLossWarnFraction = risk.DailyLossWarnFraction,
            DayRollUtc = risk.DayRollUtc.ToTimeSpan(),
            MaxOrderSize = risk.MaxOrderSize,
            MaxOrderNotional = risk.MaxOrderNotional,
            FatFingerBandBps = risk.FatFingerBandBps,
            MinLiquidationDistanceBps = risk.MinLiquidationDistanceBps,
            MaxPositionPerInstrument = risk.MaxPositionPerInstrument,
            MaxHoldTime = risk.MaxHoldTime,
            MaxDirectionalExposure = risk.MaxDirectionalExposure,
            MaxOpenOrders = risk.MaxOpenOrders,
            MaxConcurrentPositions = risk.MaxConcurrentPositions,
            MaxOrdersPerDay = risk.MaxOrdersPerDay,
            ConsecutiveLossLimit = risk.ConsecutiveLossLimit,
            LossCooldown = risk.LossCooldown,
            MinBankroll = risk.MinBankroll,
            SlippageWarnBps = risk.SlippageWarnBps,
            CancelAllDeadline = risk.CancelAllDeadline,
            SubmitRatePerSecond = risk.SubmitRatePerSecond,
            SubmitBurst = risk.SubmitBurst,
            CancelRatePerSecond = risk.CancelRatePerSecond,
            CancelBurst = risk.CancelBurst,
            RejectBackoffInitial = risk.RejectBackoffInitial,
            RejectBackoffMax = risk.RejectBackoffMax,
        };
    }
}
