using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>How much more the strategy may put on each side of a market without breaking its inventory limit.</summary>
/// <param name="Buy">Largest total size of new orders that raise q (YES buys, NO sells) that still fits.</param>
/// <param name="Sell">Largest total size of new orders that lower q (YES sells, NO buys) that still fits.</param>
public readonly record struct InventoryRoom(Quantity Buy, Quantity Sell)
{
    /// <summary>Room on the side a new order of YES-equivalent direction <paramref name="raisesQ"/> is on.</summary>
    public Quantity For(bool raisesQ) => raisesQ ? Buy : Sell;
}

/// <summary>
/// The market maker's inventory limit as one rule, counted in YES-equivalent shares so exposure routed through the
/// complement (NO) token is counted once, with the right sign.
/// </summary>
/// <remarks>
/// <para>q is the binary net delta YES − NO (or a crypto position). An order raises q when it is a YES buy or a NO sell
/// and lowers it when it is a YES sell or a NO buy. "Open" orders are every order of ours that can still fill: resting,
/// in flight, awaiting a post-only retry, and cancelled but not yet confirmed (a fill can race a cancel).</para>
/// <para>Rule: a new order that raises q is allowed only while q + open raising + its size ≤ max, and one that lowers q
/// only while −q + open lowering + its size ≤ max. If every order is placed under this rule, then whatever subset of the
/// open orders fills, in whatever order and on whichever token, |q| ≤ max (fills move size from "open" to q, which keeps
/// the sum; cancels and opposite fills only shrink it). Inventory brought in from outside (another strategy, a manual
/// trade) is not under our control: the rule then only lets the reducing side trade.</para>
/// Pure and allocation free.
/// </remarks>
public static class InventoryLimit
{
    /// <summary>Room on both sides.</summary>
    /// <param name="max">The inventory limit (largest |q|).</param>
    /// <param name="netDelta">q now.</param>
    /// <param name="openRaising">Total leaves of open orders that raise q (YES bids, NO asks).</param>
    /// <param name="openLowering">Total leaves of open orders that lower q (YES asks, NO bids).</param>
    public static InventoryRoom Room(Quantity max, Quantity netDelta, Quantity openRaising, Quantity openLowering)
    {
        long buy = max.Raw - netDelta.Raw - openRaising.Raw;
        long sell = max.Raw + netDelta.Raw - openLowering.Raw;
        return new InventoryRoom(new Quantity(Math.Max(0, buy)), new Quantity(Math.Max(0, sell)));
    }

    /// <summary>
    /// The part of a new order of <paramref name="size"/> that fits <paramref name="room"/>, floored to
    /// <paramref name="step"/>; zero when that is below <paramref name="minSize"/>.
    /// </summary>
    public static Quantity Fit(Quantity size, Quantity room, Quantity step, Quantity minSize)
    {
        long fit = Math.Min(size.Raw, room.Raw);
        if (step.Raw > 0) fit -= fit % step.Raw;
        return fit <= 0 || fit < minSize.Raw ? Quantity.Zero : new Quantity(fit);
    }
}
