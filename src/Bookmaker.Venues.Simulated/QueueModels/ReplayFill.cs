using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>Why the replay simulator filled one of our orders.</summary>
public enum ReplayFillReason : byte
{
    /// <summary>Resting order reached by trades at its price (queue model). Maker.</summary>
    Queue,

    /// <summary>A trade printed at a price strictly through ours, so it must have passed our level. Maker.</summary>
    TradeThrough,

    /// <summary>The recorded opposite side showed size at or through our resting price: that order would have hit us. Maker.</summary>
    BookCross,

    /// <summary>Our new order crossed the recorded book and took displayed depth. Taker.</summary>
    Aggressive,
}

/// <summary>One simulated fill of our order.</summary>
/// <param name="OrderId">Our order's id as given to <see cref="ReplayFillSimulator.Submit"/>.</param>
/// <param name="Side">Our side.</param>
/// <param name="Price">Execution price: our limit for maker fills, the level price for aggressive fills.</param>
/// <param name="Quantity">Filled quantity (a positive multiple of the size step).</param>
/// <param name="Leaves">What remains open after this fill.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Reason">Which rule produced the fill.</param>
/// <param name="TimeTicks">Venue time of the event that caused it (UTC ticks).</param>
public readonly record struct ReplayFill(
    long OrderId, Side Side, Price Price, Quantity Quantity, Quantity Leaves, Liquidity Liquidity, ReplayFillReason Reason, long TimeTicks);

/// <summary>Receives fills from the <see cref="ReplayFillSimulator"/> synchronously, on the simulation thread.</summary>
public interface IReplayFillSink
{
    /// <summary>One fill; the struct is passed by reference and must be copied if kept.</summary>
    void OnFill(in ReplayFill fill);
}

/// <summary>What happened to an order on submission.</summary>
public enum ReplaySubmitResult : byte
{
    /// <summary>All or part of it rests in the simulated queue.</summary>
    Resting,

    /// <summary>Filled completely on entry.</summary>
    Filled,

    /// <summary>FAK remainder or FOK that could not fill completely: the rest is cancelled.</summary>
    Cancelled,

    /// <summary>Refused: duplicate id, non-positive size or size off the step.</summary>
    Rejected,
}
