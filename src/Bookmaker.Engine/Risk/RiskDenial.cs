namespace Bookmaker.Engine.Risk;

/// <summary>Why the risk gate refused an order. Stable codes: they appear in the journal and in summaries.</summary>
public enum DenyReason : byte
{
    /// <summary>Allowed.</summary>
    None = 0,

    /// <summary>Trading is HALTED: cancels only.</summary>
    Halted,

    /// <summary>Trading is REDUCING and the order would not reduce a position.</summary>
    ReducingOnly,

    /// <summary>The kill-switch file exists.</summary>
    KillSwitch,

    /// <summary>The daily loss limit is breached (until <c>risk reset --confirm</c>).</summary>
    DailyLossBreached,

    /// <summary>The consecutive-loss breaker is cooling down.</summary>
    LossCooldown,

    /// <summary>Equity is below the minimum bankroll.</summary>
    BelowMinBankroll,

    /// <summary>The instrument is not registered.</summary>
    UnknownInstrument,

    /// <summary>Size above the per-order maximum.</summary>
    MaxOrderSize,

    /// <summary>Notional above the per-order maximum.</summary>
    MaxOrderNotional,

    /// <summary>Price outside the instrument's bounds.</summary>
    PriceOutOfBounds,

    /// <summary>Price outside the fat-finger band around the mark.</summary>
    FatFinger,

    /// <summary>No mark price to judge the fat-finger band (market orders need one too).</summary>
    NoMark,

    /// <summary>Price not on the current tick.</summary>
    OffTick,

    /// <summary>Size below the instrument minimum or off the size step.</summary>
    InvalidSize,

    /// <summary>Our own bid would be at or above our own ask on the instrument (or the reverse).</summary>
    SelfCross,

    /// <summary>Reduce-only order would increase the position.</summary>
    ReduceOnlyWouldIncrease,

    /// <summary>Position limit on the instrument.</summary>
    MaxPosition,

    /// <summary>The position is older than the max hold time; only reducing orders pass.</summary>
    MaxHoldTime,

    /// <summary>Global directional exposure limit.</summary>
    DirectionalExposure,

    /// <summary>Too many open orders.</summary>
    MaxOpenOrders,

    /// <summary>Too many concurrent positions.</summary>
    MaxConcurrentPositions,

    /// <summary>Daily order count reached.</summary>
    MaxOrdersPerDay,

    /// <summary>Not enough cash after open-order commitments.</summary>
    InsufficientCash,

    /// <summary>Not enough tokens after open-order commitments.</summary>
    InsufficientTokens,

    /// <summary>The submit rate limit is exhausted.</summary>
    RateLimited,

    /// <summary>
    /// The venue adapter's submit circuit breaker is open (a storm of failed submits): the gate mirrors what the adapter
    /// reported (<see cref="Venues.VenueState.CircuitOpen"/>) for that venue and decides nothing itself.
    /// </summary>
    CircuitOpen,

    /// <summary>The venue is in cancel-only mode or restarting.</summary>
    VenueUnavailable,

    /// <summary>A basket leg was denied, so the whole basket is.</summary>
    BasketLegDenied,

    /// <summary>The venue is in post-only mode and the order is not post-only.</summary>
    VenuePostOnly,

    /// <summary>
    /// A basket has more legs than the gate checks at once (<see cref="RiskGate.MaxBasketLegs"/>); no leg is looked at.
    /// </summary>
    BasketTooLarge,

    /// <summary>The order's market no longer trades (resolved, closed or not accepting orders).</summary>
    MarketClosed,

    /// <summary>The venue refused an order in this market for a reason that would repeat; the market waits out a backoff.</summary>
    RejectBackoff,

    /// <summary>The venue's edge refused us (HTTP 403): all traffic to it is paused for its window.</summary>
    VenueBlocked,

    /// <summary>
    /// The venue told us to pause submits — HTTP 429 or 425 with its Retry-After, or a Restarting status — and the
    /// pause has not ended (per venue; cancels continue).
    /// </summary>
    SubmitsPaused,

    /// <summary>
    /// The price is outside the venue's live order-price band for the instrument: a buy above its buy limit or a sell
    /// below its sell limit (Bybit <c>price-limit</c>), which the venue would refuse.
    /// </summary>
    PriceBand,

    /// <summary>
    /// The order would add to a perpetual position whose liquidation price (as the venue last stated it) is already
    /// within <c>Risk:MinLiquidationDistanceBps</c> of the venue's mark.
    /// </summary>
    LiquidationDistance,
}

/// <summary>The gate's answer: allowed, or denied with a reason (and, for baskets, which leg).</summary>
/// <param name="Reason">None when allowed.</param>
/// <param name="LegIndex">For baskets: the first denied leg; −1 otherwise.</param>
public readonly record struct RiskDecision(DenyReason Reason, int LegIndex = -1)
{
    /// <summary>The allowed decision.</summary>
    public static readonly RiskDecision Allow = new(DenyReason.None);

    /// <summary>True when the order may be sent.</summary>
    public bool IsAllowed => Reason == DenyReason.None;

    /// <summary>Denial.</summary>
    public static RiskDecision Deny(DenyReason reason, int leg = -1) => new(reason, leg);

    /// <summary>Snake-case code for journals and summaries.</summary>
    public string Code => DenyReasonCodes.Of(Reason);
}

/// <summary>Snake-case names of <see cref="DenyReason"/> values, computed once.</summary>
public static class DenyReasonCodes
{
    private static readonly string[] Codes = BuildCodes();

    /// <summary>The code of a reason (e.g. <c>daily_loss_breached</c>).</summary>
    public static string Of(DenyReason reason) => Codes[(int)reason];

    private static string[] BuildCodes()
    {
        var values = Enum.GetValues<DenyReason>();
        var codes = new string[values.Max(v => (int)v) + 1];
        foreach (var v in values)
        {
            string name = v.ToString();
            var sb = new System.Text.StringBuilder(name.Length + 8);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsUpper(c) && i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }

            codes[(int)v] = sb.ToString();
        }

        return codes;
    }
}
