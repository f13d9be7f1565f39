using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The risk gate's limits in exact runtime types (built from the validated <c>Risk</c> configuration section). A zero
/// or null limit means "no limit" only where the property says so; money limits are always enforced.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>Daily loss limit on realized + unrealized P&amp;L (net of fees and rebates), positive USD.</summary>
    public Money DailyLossLimit { get; init; } = Money.FromUnits(100);

    /// <summary>Fraction of the daily limit at which a warning fires.</summary>
    public decimal DailyLossWarnFraction { get; init; } = 0.8m;

    /// <summary>Time of day (UTC) at which daily counters roll.</summary>
    public TimeSpan DayRollUtc { get; init; } = TimeSpan.Zero;

    /// <summary>Largest single order size.</summary>
    public Quantity MaxOrderSize { get; init; } = Quantity.FromUnits(1_000);

    /// <summary>Largest single order notional.</summary>
    public Money MaxOrderNotional { get; init; } = Money.FromUnits(500);

    /// <summary>Fat-finger band around the mark, in basis points of the mark (outcome tokens: of 1.0, see docs).</summary>
    public int FatFingerBandBps { get; init; } = 1_000;

    /// <summary>
    /// An order that adds to a perpetual position is denied while the venue's liquidation price is closer than this to its
    /// mark (bps of the mark); 0 turns the check off.
    /// </summary>
    public int MinLiquidationDistanceBps { get; init; } = 500;

    /// <summary>Largest absolute position per instrument (for outcome tokens: the binary net delta of the market).</summary>
    public Quantity MaxPositionPerInstrument { get; init; } = Quantity.FromUnits(2_000);

    /// <summary>A position older than this accepts only reducing orders.</summary>
    public TimeSpan MaxHoldTime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Largest |Σ signed notional| across instruments.</summary>
    public Money MaxDirectionalExposure { get; init; } = Money.FromUnits(5_000);

    /// <summary>Most open orders at once.</summary>
    public int MaxOpenOrders { get; init; } = 200;

    /// <summary>Most instruments with a non-flat position.</summary>
    public int MaxConcurrentPositions { get; init; } = 50;

    /// <summary>Most orders submitted per day.</summary>
    public int MaxOrdersPerDay { get; init; } = 100_000;

    /// <summary>Losing round trips in a row that trip the breaker; 0 disables it.</summary>
    public int ConsecutiveLossLimit { get; init; } = 5;

    /// <summary>How long the breaker halts before REDUCING.</summary>
    public TimeSpan LossCooldown { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Equity below this halts trading.</summary>
    public Money MinBankroll { get; init; } = Money.FromUnits(50);

    /// <summary>Fill slippage beyond this many bps of the expected price raises a warning.</summary>
    public int SlippageWarnBps { get; init; } = 50;

    /// <summary>How long after a freeze an order may still be open before a CRITICAL alert.</summary>
    public TimeSpan CancelAllDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sustained submits per second (Polymarket standard tier: 40).</summary>
    public double SubmitRatePerSecond { get; init; } = 40;

    /// <summary>Submit burst (Polymarket standard tier: 60).</summary>
    public int SubmitBurst { get; init; } = 60;

    /// <summary>Sustained cancels per second (Polymarket standard tier: 80).</summary>
    public double CancelRatePerSecond { get; init; } = 80;

    /// <summary>Cancel burst (Polymarket standard tier: 120).</summary>
    public int CancelBurst { get; init; } = 120;

    /// <summary>How long a market is held after the first venue reject that would repeat (off-tick, balance, 403, market unavailable).</summary>
    public TimeSpan RejectBackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest hold: each further repeating reject doubles the hold up to this.</summary>
    public TimeSpan RejectBackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>True: an over-rate submit is queued until tokens return; false: it is denied.</summary>
    public bool QueueWhenRateLimited { get; init; }
}
