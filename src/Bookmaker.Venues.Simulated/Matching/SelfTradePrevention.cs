namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>What the engine does when an incoming order would trade with a resting order of the same account.</summary>
public enum SelfTradePrevention : byte
{
    /// <summary>
    /// Default: cancel the resting (maker) order and keep matching. A quoting bot's stale quote is the usual culprit,
    /// and this is what Bybit's SMP "CancelMaker" does.
    /// </summary>
    CancelMaker = 0,

    /// <summary>Stop matching and cancel the rest of the incoming order; fills already made stand.</summary>
    CancelTaker = 1,

    /// <summary>Reject the incoming order outright (nothing fills) when it would reach one of its owner's orders.</summary>
    Reject = 2,
}
