namespace Bookmaker.Core.Orders;

/// <summary>Order type.</summary>
public enum OrderType : byte
{
    /// <summary>Rests at a limit price (subject to time in force).</summary>
    Limit = 0,

    /// <summary>Takes liquidity now. A Polymarket market BUY is sized in quote currency (USDC), a SELL in shares.</summary>
    Market = 1,
}

/// <summary>How long an order may live.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled.</summary>
    Gtc = 0,

    /// <summary>Good till a date (expires on the injected clock).</summary>
    Gtd = 1,

    /// <summary>Fill or kill: all now, or nothing.</summary>
    Fok = 2,

    /// <summary>Fill and kill (IOC): whatever fills now, the rest is cancelled.</summary>
    Fak = 3,
}

/// <summary>Who provided liquidity in a fill.</summary>
public enum Liquidity : byte
{
    /// <summary>Our order rested and was hit.</summary>
    Maker = 0,

    /// <summary>Our order crossed the spread.</summary>
    Taker = 1,
}

/// <summary>Lifecycle state of one order, from intent to a final state.</summary>
public enum OrderStatus : byte
{
    /// <summary>Tracked locally; the request is in flight (or timed out) and the venue has not acknowledged it.</summary>
    PendingNew = 0,

    /// <summary>Acknowledged and resting with nothing filled.</summary>
    Open = 1,

    /// <summary>Resting with part filled.</summary>
    PartiallyFilled = 2,

    /// <summary>A cancel was requested and is not yet confirmed.</summary>
    PendingCancel = 3,

    /// <summary>Fully filled (final).</summary>
    Filled = 4,

    /// <summary>Cancelled by us or the venue (final).</summary>
    Cancelled = 5,

    /// <summary>Refused by the venue (final).</summary>
    Rejected = 6,

    /// <summary>A GTD order reached its expiry (final).</summary>
    Expired = 7,
}

/// <summary>Helpers on <see cref="OrderStatus"/>.</summary>
public static class OrderStatusExtensions
{
    /// <summary>True for Filled, Cancelled, Rejected and Expired.</summary>
    public static bool IsFinal(this OrderStatus status) => status >= OrderStatus.Filled;

    /// <summary>True while the order can still trade on the venue (or might, while a request is unanswered).</summary>
    public static bool IsLive(this OrderStatus status) => status < OrderStatus.Filled;
}

/// <summary>Where an order's latest amend stands (the order's own status does not change while an amend is in flight).</summary>
public enum AmendState : byte
{
    /// <summary>Never amended.</summary>
    None = 0,

    /// <summary>An amend was sent and the venue has not answered: the old terms hold, a fill may come from either.</summary>
    Pending = 1,

    /// <summary>The venue acknowledged the latest amend; its terms are in force.</summary>
    Amended = 2,

    /// <summary>The venue refused the latest amend; the order kept its old terms.</summary>
    Rejected = 3,
}
