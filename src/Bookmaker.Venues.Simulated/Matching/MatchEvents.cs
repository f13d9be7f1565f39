using System.Runtime.CompilerServices;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>The <see cref="MatchEvent"/>s order entry writes about an incoming order (fills and removals of resting orders are written where they happen).</summary>
internal static class MatchEvents
{
    /// <summary>The order was refused; nothing happened.</summary>
    public static MatchEvent Rejected(in SimOrder order, in RejectText rt, long now) =>
        new(MatchEventKind.Rejected, 0, order.ClientOrderId, order.Account, order.Instrument, order.Side,
            order.Price, order.Size, Quantity.Zero, default, default, Liquidity.Taker, MatchKind.None, 0, 0, rt.Reason,
            rt.Code, rt.Text, now);

    /// <summary>A whole batch was refused for its size (order id 0, no instrument).</summary>
    public static MatchEvent BatchRejected(VenueRules rules, int count, long now) =>
        new(MatchEventKind.Rejected, 0, default, -1, -1, Side.Buy, default, default, default,
            default, default, Liquidity.Taker, MatchKind.None, 0, 0, RejectReason.BatchTooLarge, rules.BatchCode,
            rules.BatchTooLarge(count), now);

    /// <summary>The order passed its checks and got engine id <paramref name="orderId"/>; fills (if any) follow.</summary>
    // Inlined: written for every accepted order, straight into the caller's temporary instead of a returned copy.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MatchEvent Accepted(long orderId, in SimOrder order, long limit, bool quoteSized, long now) =>
        new(MatchEventKind.Accepted, orderId, order.ClientOrderId, order.Account, order.Instrument,
            order.Side, new Price(limit), quoteSized ? Quantity.Zero : order.Size, quoteSized ? Quantity.Zero : order.Size,
            default, default, Liquidity.Taker, MatchKind.None, 0, 0, RejectReason.None, 0, null, now);

    /// <summary>The unfilled rest of an order that will not rest (FAK/FOK remainder, or stopped by self-trade prevention).</summary>
    public static MatchEvent Terminal(MatchEventKind kind, long orderId, in SimOrder order, long size, long price, RejectReason reason, long now) =>
        new(kind, orderId, order.ClientOrderId, order.Account, order.Instrument, order.Side, new Price(price), new Quantity(size),
            Quantity.Zero, default, default, Liquidity.Taker, MatchKind.None, 0, 0, reason, 0, null, now);

    /// <summary>A cancel found no live order of the account.</summary>
    public static MatchEvent CancelRejected(VenueRules rules, int account, long orderId, long now)
    {
        RejectText rt = rules.CancelNotFound;
        return new MatchEvent(MatchEventKind.CancelRejected, orderId, default, account, -1, Side.Buy, default, default,
            default, default, default, Liquidity.Maker, MatchKind.None, 0, 0, rt.Reason, rt.Code, rt.Text, now);
    }
}
