using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// Where one of our resting orders stands in the queue at its price level, as a queue model estimates it. A mutable
/// struct kept inside the fill simulator's order slot (no allocation per order or event).
/// </summary>
public struct QueuePosition
{
    /// <summary>
    /// Quantity ahead of us. Trades at our price lower it; once it goes below zero, its magnitude is how much of the
    /// printed volume reached our order (the cumulative queue fill, before capping by our size).
    /// </summary>
    public Quantity Front { get; set; }

    /// <summary>Traded quantity at our price since the last depth change (the probabilistic model subtracts it to avoid counting a trade twice).</summary>
    public Quantity TradedSinceDepthChange { get; set; }

    /// <summary>
    /// The cumulative quantity the queue has delivered to an order of <paramref name="orderSize"/>: <c>−Front</c> when
    /// Front is below zero, rounded DOWN to <paramref name="sizeStep"/> and capped at the order size — never an overfill.
    /// </summary>
    public readonly Quantity CumulativeFill(Quantity orderSize, Quantity sizeStep)
    {
        if (Front.Raw >= 0) return Quantity.Zero;
        long reached = -Front.Raw;
        if (sizeStep.Raw > 0) reached -= reached % sizeStep.Raw;
        return new Quantity(Math.Min(reached, orderSize.Raw));
    }
}
