using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Limits enforced by the risk gate (section <c>Risk</c>). Money is exact (<see cref="Money"/>, USD), sizes are
/// <see cref="Quantity"/> (shares/contracts). Every value is validated at start-up, relations included.
/// </summary>
public sealed record RiskOptions
{
    /// <summary>While this file exists, trading is HALTED (the kill switch an operator can touch).</summary>
    public required string KillSwitchFile { get; init; }

    /// <summary>Loss within one trading day (realized + unrealized) that halts trading.</summary>
    public required Money DailyLossLimit { get; init; }

    /// <summary>Fraction of <see cref="DailyLossLimit"/> at which a warning is raised, in (0, 1).</summary>
    public required decimal DailyLossWarnFraction { get; init; }

    /// <summary>Largest size of one order.</summary>
    public required Quantity MaxOrderSize { get; init; }

    /// <summary>Largest price × size of one order.</summary>
    public required Money MaxOrderNotional { get; init; }

    /// <summary>An order priced further than this from the reference mid (basis points) is refused as a fat finger.</summary>
    public required int FatFingerBandBps { get; init; }

    /// <summary>
    /// An order that adds to a perpetual position is refused while the venue's liquidation price is closer than this to
    /// its mark (basis points of the mark); 0 turns the check off.
    /// </summary>
    public required int MinLiquidationDistanceBps { get; init; }

    /// <summary>Largest absolute position in one instrument.</summary>
    public required Quantity MaxPositionPerInstrument { get; init; }

    /// <summary>A position older than this is reduced.</summary>
    public required TimeSpan MaxHoldTime { get; init; }

    /// <summary>Largest net directional exposure across instruments (USD).</summary>
    public required Money MaxDirectionalExposure { get; init; }

    /// <summary>Most resting orders at once.</summary>
    public required int MaxOpenOrders { get; init; }

    /// <summary>Most instruments with a non-zero position at once.</summary>
    public required int MaxConcurrentPositions { get; init; }

    /// <summary>Most order submissions per trading day.</summary>
    public required int MaxOrdersPerDay { get; init; }

    /// <summary>Losing round trips in a row that start a cool-down.</summary>
    public required int ConsecutiveLossLimit { get; init; }

    /// <summary>How long new risk is refused after <see cref="ConsecutiveLossLimit"/> is reached.</summary>
    public required TimeSpan LossCooldown { get; init; }

    /// <summary>Below this equity, trading is HALTED.</summary>
    public required Money MinBankroll { get; init; }

    /// <summary>UTC time of day at which the trading day (daily loss, order count) rolls over.</summary>
    public required TimeOnly DayRollUtc { get; init; }

    /// <summary>Fill slippage (basis points from the intended price) that raises a warning.</summary>
    public required int SlippageWarnBps { get; init; }

    /// <summary>Time within which cancel-all must be confirmed by the venue, else the engine escalates.</summary>
    public required TimeSpan CancelAllDeadline { get; init; }

    /// <summary>Sustained order submissions per second (token bucket rate).</summary>
    public required int SubmitRatePerSecond { get; init; }

    /// <summary>Submission burst (token bucket size), at least the rate.</summary>
    public required int SubmitBurst { get; init; }

    /// <summary>Sustained cancels per second.</summary>
    public required int CancelRatePerSecond { get; init; }

    /// <summary>Cancel burst, at least the rate.</summary>
    public required int CancelBurst { get; init; }

    /// <summary>Timeout of one venue request.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary>How long a market is held after the first venue reject that would repeat (off-tick, balance, 403).</summary>
    public required TimeSpan RejectBackoffInitial { get; init; }

    /// <summary>The longest such hold: each further repeating reject doubles it up to this.</summary>
    public required TimeSpan RejectBackoffMax { get; init; }

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Risk:KillSwitchFile", "./data/KILL", "non-empty path of a file, not a directory", "Trading halts while this file exists."),
        new("Risk:DailyLossLimit", "50", "exact amount > 0, at most 1000000 (USD)", "Daily loss (realized + unrealized) that halts trading."),
        new("Risk:DailyLossWarnFraction", "0.8", "decimal in (0, 1)", "Fraction of DailyLossLimit that raises a warning."),
        new("Risk:MaxOrderSize", "1000", "exact quantity > 0, at most 10000000, <= MaxPositionPerInstrument", "Largest size of one order."),
        new("Risk:MaxOrderNotional", "500", "exact amount > 0, at most 1000000, <= MaxDirectionalExposure", "Largest price x size of one order (USD)."),
        new("Risk:FatFingerBandBps", "1000", "whole number in 1..10000", "Refuse orders priced further than this from the mid (bps)."),
        new("Risk:MinLiquidationDistanceBps", "500", "whole number in 0..10000 (0 = off)", "Refuse orders that add to a perpetual position while its liquidation price is within this distance of the venue's mark (bps)."),
        new("Risk:MaxPositionPerInstrument", "1000", "exact quantity > 0, at most 10000000", "Largest absolute position in one instrument."),
        new("Risk:MaxHoldTime", "24h", "duration > 0, at most 365d", "Positions older than this are reduced."),
        new("Risk:MaxDirectionalExposure", "2000", "exact amount > 0, at most 10000000 (USD)", "Largest net directional exposure."),
        new("Risk:MaxOpenOrders", "50", "whole number > 0, at most 10000", "Most resting orders at once (never denies an order that reduces a position)."),
        new("Risk:MaxConcurrentPositions", "20", "whole number > 0, at most 10000", "Most instruments with a position at once."),
        new("Risk:MaxOrdersPerDay", "200000", "whole number > 0, at most 10000000", "Most order submissions per trading day (never denies an order that reduces a position)."),
        new("Risk:ConsecutiveLossLimit", "5", "whole number > 0, at most 1000", "Losing round trips in a row that start a cool-down."),
        new("Risk:LossCooldown", "15m", "duration > 0, at most 7d", "Cool-down after ConsecutiveLossLimit losses."),
        new("Risk:MinBankroll", "10", "exact amount >= 0, at most 10000000 (USD)", "Trading halts below this equity."),
        new("Risk:DayRollUtc", "00:00", "time of day HH:mm[:ss] (UTC)", "When the trading day rolls over."),
        new("Risk:SlippageWarnBps", "50", "whole number > 0, at most 10000", "Fill slippage that raises a warning (bps)."),
        new("Risk:CancelAllDeadline", "30s", "duration > 0, at most 10m, > RequestTimeout", "Cancel-all must be confirmed within this time."),
        new("Risk:SubmitRatePerSecond", "40", "whole number > 0, at most 1000", "Sustained order submissions per second."),
        new("Risk:SubmitBurst", "60", "whole number >= SubmitRatePerSecond, at most 10000", "Submission burst size."),
        new("Risk:CancelRatePerSecond", "80", "whole number > 0, at most 1000", "Sustained cancels per second."),
        new("Risk:CancelBurst", "120", "whole number >= CancelRatePerSecond, at most 10000", "Cancel burst size."),
        new("Risk:RequestTimeout", "5s", "duration > 0, at most 5m", "Timeout of one venue request."),
        new("Risk:RejectBackoffInitial", "1s", "duration > 0, at most 10m", "A market is held this long after a venue reject that would repeat (off-tick, insufficient balance, 403, market unavailable)."),
        new("Risk:RejectBackoffMax", "60s", "duration >= RejectBackoffInitial, at most 1h", "Each further repeating reject doubles the hold up to this."),
    ];

    internal static RiskOptions Bind(ConfigReader r)
    {
        // Maxima: beyond them a limit is off in effect (or a digit too many), so they are refused, not obeyed.
        var o = new RiskOptions
        {
            KillSwitchFile = r.Text("Risk:KillSwitchFile"),
            DailyLossLimit = r.Money("Risk:DailyLossLimit", Money.FromUnits(1_000_000)),
            DailyLossWarnFraction = r.Number("Risk:DailyLossWarnFraction"),
            MaxOrderSize = r.Quantity("Risk:MaxOrderSize", Quantity.FromUnits(10_000_000)),
            MaxOrderNotional = r.Money("Risk:MaxOrderNotional", Money.FromUnits(1_000_000)),
            FatFingerBandBps = r.WholeNumber("Risk:FatFingerBandBps", 10_000),
            MinLiquidationDistanceBps = r.WholeNumber("Risk:MinLiquidationDistanceBps", 10_000),
            MaxPositionPerInstrument = r.Quantity("Risk:MaxPositionPerInstrument", Quantity.FromUnits(10_000_000)),
            MaxHoldTime = r.Duration("Risk:MaxHoldTime", TimeSpan.FromDays(365)),
            MaxDirectionalExposure = r.Money("Risk:MaxDirectionalExposure", Money.FromUnits(10_000_000)),
            MaxOpenOrders = r.WholeNumber("Risk:MaxOpenOrders", 10_000),
            MaxConcurrentPositions = r.WholeNumber("Risk:MaxConcurrentPositions", 10_000),
            MaxOrdersPerDay = r.WholeNumber("Risk:MaxOrdersPerDay", 10_000_000),
            ConsecutiveLossLimit = r.WholeNumber("Risk:ConsecutiveLossLimit", 1_000),
            LossCooldown = r.Duration("Risk:LossCooldown", TimeSpan.FromDays(7)),
            MinBankroll = r.Money("Risk:MinBankroll", Money.FromUnits(10_000_000)),
            DayRollUtc = r.TimeOfDay("Risk:DayRollUtc"),
            SlippageWarnBps = r.WholeNumber("Risk:SlippageWarnBps", 10_000),
            CancelAllDeadline = r.Duration("Risk:CancelAllDeadline", TimeSpan.FromMinutes(10)),
            SubmitRatePerSecond = r.WholeNumber("Risk:SubmitRatePerSecond", 1_000),
            SubmitBurst = r.WholeNumber("Risk:SubmitBurst", 10_000),
            CancelRatePerSecond = r.WholeNumber("Risk:CancelRatePerSecond", 1_000),
            CancelBurst = r.WholeNumber("Risk:CancelBurst", 10_000),
            RequestTimeout = r.Duration("Risk:RequestTimeout", TimeSpan.FromMinutes(5)),
            RejectBackoffInitial = r.Duration("Risk:RejectBackoffInitial", TimeSpan.FromMinutes(10)),
            RejectBackoffMax = r.Duration("Risk:RejectBackoffMax", TimeSpan.FromHours(1)),
        };

        // The engine halts while the kill-switch file exists; it would never see a directory of that name.
        string killSwitch = ResolveOrSelf(r, o.KillSwitchFile);
        r.Require("Risk:KillSwitchFile", !Directory.Exists(killSwitch),
            $"must name a file, not a directory ({killSwitch} is a directory): the engine would never see the kill switch");

        const string Positive = "must be > 0";
        r.Require("Risk:DailyLossLimit", o.DailyLossLimit > Money.Zero, Positive);
        r.Require("Risk:DailyLossWarnFraction", o.DailyLossWarnFraction is > 0m and < 1m,
            "must be in (0, 1): the warning must come before the limit");
        r.Require("Risk:MaxOrderSize", o.MaxOrderSize > Quantity.Zero, Positive);
        r.Require("Risk:MaxOrderNotional", o.MaxOrderNotional > Money.Zero, Positive);
        r.Require("Risk:FatFingerBandBps", o.FatFingerBandBps is > 0 and <= 10_000, "must be in 1..10000");
        r.Require("Risk:MinLiquidationDistanceBps", o.MinLiquidationDistanceBps is >= 0 and <= 10_000, "must be in 0..10000");
        r.Require("Risk:MaxPositionPerInstrument", o.MaxPositionPerInstrument > Quantity.Zero, Positive);
        r.Require("Risk:MaxHoldTime", o.MaxHoldTime > TimeSpan.Zero, Positive);
        r.Require("Risk:MaxDirectionalExposure", o.MaxDirectionalExposure > Money.Zero, Positive);
        r.Require("Risk:MaxOpenOrders", o.MaxOpenOrders > 0, Positive);
        r.Require("Risk:MaxConcurrentPositions", o.MaxConcurrentPositions > 0, Positive);
        r.Require("Risk:MaxOrdersPerDay", o.MaxOrdersPerDay > 0, Positive);
        r.Require("Risk:ConsecutiveLossLimit", o.ConsecutiveLossLimit > 0, Positive);
        r.Require("Risk:LossCooldown", o.LossCooldown > TimeSpan.Zero, Positive);
        r.Require("Risk:MinBankroll", !o.MinBankroll.IsNegative, "must be >= 0");
        r.Require("Risk:SlippageWarnBps", o.SlippageWarnBps > 0, Positive);
        r.Require("Risk:CancelAllDeadline", o.CancelAllDeadline > TimeSpan.Zero, Positive);
        r.Require("Risk:SubmitRatePerSecond", o.SubmitRatePerSecond > 0, Positive);
        r.Require("Risk:SubmitBurst", o.SubmitBurst > 0, Positive);
        r.Require("Risk:CancelRatePerSecond", o.CancelRatePerSecond > 0, Positive);
        r.Require("Risk:CancelBurst", o.CancelBurst > 0, Positive);
        r.Require("Risk:RequestTimeout", o.RequestTimeout > TimeSpan.Zero, Positive);
        r.Require("Risk:RejectBackoffInitial", o.RejectBackoffInitial > TimeSpan.Zero, Positive);

        // Relations: a limit that another limit makes unreachable is almost always a typo.
        r.Relate("Risk:SubmitBurst", "Risk:SubmitRatePerSecond", o.SubmitBurst >= o.SubmitRatePerSecond,
            $"must be >= Risk:SubmitRatePerSecond ({o.SubmitRatePerSecond})");
        r.Relate("Risk:CancelBurst", "Risk:CancelRatePerSecond", o.CancelBurst >= o.CancelRatePerSecond,
            $"must be >= Risk:CancelRatePerSecond ({o.CancelRatePerSecond})");
        r.Relate("Risk:MaxOrderSize", "Risk:MaxPositionPerInstrument", o.MaxOrderSize <= o.MaxPositionPerInstrument,
            $"must be <= Risk:MaxPositionPerInstrument ({o.MaxPositionPerInstrument})");
        r.Relate("Risk:MaxOrderNotional", "Risk:MaxDirectionalExposure", o.MaxOrderNotional <= o.MaxDirectionalExposure,
            $"must be <= Risk:MaxDirectionalExposure ({o.MaxDirectionalExposure})");
        r.Relate("Risk:CancelAllDeadline", "Risk:RequestTimeout", o.CancelAllDeadline > o.RequestTimeout,
            $"must be > Risk:RequestTimeout ({DurationParser.Format(o.RequestTimeout)}) so one cancel request can complete");
        r.Relate("Risk:RejectBackoffMax", "Risk:RejectBackoffInitial", o.RejectBackoffMax >= o.RejectBackoffInitial,
            $"must be >= Risk:RejectBackoffInitial ({DurationParser.Format(o.RejectBackoffInitial)}): the hold only grows");
        return o;
    }

    private static string ResolveOrSelf(ConfigReader r, string path)
    {
        try
        {
            return r.ResolvePath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
