namespace Bookmaker.Core.Orders;

/// <summary>
/// The table of status changes an order may ever make. <see cref="Order"/> consults it before every status change, and
/// adds event-specific guards on top (Expired only for GTD, Rejected only before the venue acknowledged or filled).
/// A status staying the same is not a transition and is not in the table.
/// </summary>
/// <remarks>
/// Final states are final, with one exception: a fill reversed on a Filled order (Polymarket trade FAILED on chain)
/// moves it to Cancelled, because "Filled" would then be false and we do not assume the venue put the remainder back
/// on the book. Late fills on Cancelled or Expired orders are applied without changing the status.
/// </remarks>
public static class OrderStateMachine
{
    private const int Count = (int)OrderStatus.Expired + 1;

    /// <summary>Every legal (from, to) pair, the single source the table is built from.</summary>
    public static IReadOnlyList<(OrderStatus From, OrderStatus To)> LegalTransitions { get; } =
    [
        // The request is in flight.
        (OrderStatus.PendingNew, OrderStatus.Open),            // ack
        (OrderStatus.PendingNew, OrderStatus.PartiallyFilled), // fill before the ack
        (OrderStatus.PendingNew, OrderStatus.Filled),          // fill before the ack (complete; FOK/FAK)
        (OrderStatus.PendingNew, OrderStatus.PendingCancel),   // cancel while unacknowledged (cancels are always allowed)
        (OrderStatus.PendingNew, OrderStatus.Cancelled),       // FOK/FAK killed; venue cancel
        (OrderStatus.PendingNew, OrderStatus.Rejected),
        (OrderStatus.PendingNew, OrderStatus.Expired),         // GTD whose ack was lost

        (OrderStatus.Open, OrderStatus.PartiallyFilled),
        (OrderStatus.Open, OrderStatus.Filled),
        (OrderStatus.Open, OrderStatus.PendingCancel),
        (OrderStatus.Open, OrderStatus.Cancelled),             // unsolicited cancel (heartbeat lapse, market resolved)
        (OrderStatus.Open, OrderStatus.Expired),

        (OrderStatus.PartiallyFilled, OrderStatus.Open),       // the only fill was reversed
        (OrderStatus.PartiallyFilled, OrderStatus.Filled),
        (OrderStatus.PartiallyFilled, OrderStatus.PendingCancel),
        (OrderStatus.PartiallyFilled, OrderStatus.Cancelled),
        (OrderStatus.PartiallyFilled, OrderStatus.Expired),

        (OrderStatus.PendingCancel, OrderStatus.PendingNew),   // cancel rejected before any ack or fill
        (OrderStatus.PendingCancel, OrderStatus.Open),         // cancel rejected
        (OrderStatus.PendingCancel, OrderStatus.PartiallyFilled), // cancel rejected after a partial fill
        (OrderStatus.PendingCancel, OrderStatus.Filled),       // the venue matched the rest before the cancel
        (OrderStatus.PendingCancel, OrderStatus.Cancelled),
        (OrderStatus.PendingCancel, OrderStatus.Rejected),     // the placement itself was refused
        (OrderStatus.PendingCancel, OrderStatus.Expired),

        (OrderStatus.Filled, OrderStatus.Cancelled),           // a fill of a Filled order was reversed
    ];

    // Rows: from; columns: to. Built once from the readable list above (declared after it: static fields initialize in order).
    private static readonly bool[,] Table = Build();

    /// <summary>True when an order may move from <paramref name="from"/> to <paramref name="to"/> (false for from == to).</summary>
    public static bool CanTransition(OrderStatus from, OrderStatus to)
    {
        int f = (int)from, t = (int)to;
        return (uint)f < Count && (uint)t < Count && Table[f, t];
    }

    private static bool[,] Build()
    {
        var table = new bool[Count, Count];
        foreach (var (from, to) in LegalTransitions) table[(int)from, (int)to] = true;
        return table;
    }
}
