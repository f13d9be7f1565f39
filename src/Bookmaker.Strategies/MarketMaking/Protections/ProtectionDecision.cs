namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>What a protection asks the host to do. Ordered by severity: a higher value overrides a lower one.</summary>
public enum ProtectionAction : byte
{
    /// <summary>Nothing to do; quote normally.</summary>
    None = 0,

    /// <summary>Keep quoting with spreads multiplied by <see cref="ProtectionDecision.SpreadFactor"/>.</summary>
    WidenSpread,

    /// <summary>Quote only the side that reduces the position, priced to unwind passively.</summary>
    PassiveUnwind,

    /// <summary>Do not place or amend quotes; resting quotes may stay (no new risk).</summary>
    Freeze,

    /// <summary>Cancel every resting quote and place none until the condition clears.</summary>
    PullQuotes,

    /// <summary>Close the position now with a slippage-capped taker order.</summary>
    ForcedExit,

    /// <summary>Stop making this market until an operator or a cool-down resumes it; cancel resting quotes.</summary>
    PauseMarket,
}

/// <summary>Why a protection decided what it did (stable names for the journal and dashboard).</summary>
public enum ProtectionReason : byte
{
    /// <summary>No condition triggered.</summary>
    None = 0,

    /// <summary>Spread wider than the configured maximum.</summary>
    SpreadTooWide,

    /// <summary>One side of the book is empty.</summary>
    BookOneSided,

    /// <summary>No book update within the staleness limit.</summary>
    BookStale,

    /// <summary>The venue is not live (disconnected, maintenance).</summary>
    VenueNotLive,

    /// <summary>Position held longer than the maximum hold time.</summary>
    HoldTimeExceeded,

    /// <summary>Position still open a grace period after the hold time.</summary>
    HoldTimeForcedExit,

    /// <summary>Unrealised loss beyond the dollar stop.</summary>
    StopLossDollars,

    /// <summary>Adverse price move beyond the percentage stop.</summary>
    StopLossAdverseMove,

    /// <summary>Average markout below the threshold.</summary>
    MarkoutBelowThreshold,

    /// <summary>Average markout below the threshold for longer than the persistence window.</summary>
    MarkoutPersistent,

    /// <summary>Expected edge below the threshold.</summary>
    EdgeTooLow,
}

/// <summary>A protection's verdict: an action, its reason, and (for <see cref="ProtectionAction.WidenSpread"/>) the factor.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Reason">Why.</param>
/// <param name="SpreadFactor">Multiplier on the half-spread (1 unless widening).</param>
public readonly record struct ProtectionDecision(ProtectionAction Action, ProtectionReason Reason, double SpreadFactor = 1.0)
{
    /// <summary>The "all clear" decision.</summary>
    public static ProtectionDecision Clear => new(ProtectionAction.None, ProtectionReason.None);

    /// <summary>True when nothing triggered.</summary>
    public bool IsClear => Action == ProtectionAction.None;

    /// <summary>The more severe of two decisions (ties keep <paramref name="a"/>).</summary>
    public static ProtectionDecision MostSevere(ProtectionDecision a, ProtectionDecision b) => b.Action > a.Action ? b : a;
}
