using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>Where one leg of a submitted basket ended.</summary>
public enum LegFillState : byte
{
    /// <summary>Filled in full.</summary>
    Filled = 0,

    /// <summary>Part filled, the rest cancelled (FAK) — final.</summary>
    PartiallyFilled = 1,

    /// <summary>Refused by the venue or the risk gate (whatever filled before is in the filled size) — final.</summary>
    Rejected = 2,

    /// <summary>No answer in time; the executor cancelled it and the filled size is what was confirmed — final.</summary>
    TimedOut = 3,

    /// <summary>Still live on the venue: nothing may be decided until it is final.</summary>
    Working = 4,
}

/// <summary>What to do with a basket after its legs came back.</summary>
public enum BasketAction : byte
{
    /// <summary>The basket is a complete set (equal sizes on every leg) or flat: nothing to do.</summary>
    Nothing = 0,

    /// <summary>Trade the missing size of the short legs so every leg holds the same size.</summary>
    Complete = 1,

    /// <summary>Trade the filled legs back so the basket is flat.</summary>
    Unwind = 2,

    /// <summary>A leg is still working; decide when it is final.</summary>
    Wait = 3,

    /// <summary>Neither choice can be made (no price, or a leg below the venue's minimum size): alert a human.</summary>
    Escalate = 4,
}

/// <summary>One leg's state as the executor knows it.</summary>
/// <param name="Instrument">The token.</param>
/// <param name="Filled">Shares filled on this leg (on the size step).</param>
/// <param name="State">Final state of the leg order.</param>
/// <param name="CashFlow">Cash the fills moved incl. fees, as a magnitude: paid for a buy basket, received for a sell basket.</param>
/// <param name="BestBid">Current best bid (zero when there is none).</param>
/// <param name="BestAsk">Current best ask (zero when there is none).</param>
/// <param name="Fee">The leg's taker fee curve.</param>
public readonly record struct BasketLegState(
    Instrument Instrument, Quantity Filled, LegFillState State, Money CashFlow, Price BestBid, Price BestAsk, ILegFeeModel Fee);

/// <summary>Limits of the partial-basket policy.</summary>
/// <param name="LossCap">The most the whole basket may lose if it is completed (paid + completion − payout).</param>
/// <param name="SlippageCap">How far below the best bid (above the best ask, for sell baskets) an unwind order may trade.</param>
/// <param name="FlattenOnly">An emergency (past the unwind deadline): unwind whenever possible, complete only when not,
/// whatever either costs.</param>
public sealed record BasketPolicyOptions(Money LossCap, Price SlippageCap, bool FlattenOnly = false);

/// <summary>The policy's answer with the orders it implies and what each choice is expected to cost.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Orders">The orders to submit (empty unless Complete or Unwind): FOK at the current price to complete,
/// FAK with the slippage cap to unwind.</param>
/// <param name="TargetSets">The common size every leg ends with (0 after an unwind).</param>
/// <param name="CompleteLoss">Expected loss of the whole basket if completed (negative = profit); valid when <paramref name="CompleteFeasible"/>.</param>
/// <param name="UnwindLoss">Expected loss if unwound at the best prices; valid when <paramref name="UnwindFeasible"/>.</param>
/// <param name="UnwindWorstLoss">Loss if the unwind trades at its slippage-capped limits.</param>
/// <param name="CompleteFeasible">Every short leg has a price to complete at.</param>
/// <param name="UnwindFeasible">Every filled leg has a price to unwind at and is at least the minimum size.</param>
/// <param name="Reason">Why, in words (journal, alerts).</param>
public sealed record BasketDecision(
    BasketAction Action,
    IReadOnlyList<ArbLegOrder> Orders,
    Quantity TargetSets,
    Money CompleteLoss,
    Money UnwindLoss,
    Money UnwindWorstLoss,
    bool CompleteFeasible,
    bool UnwindFeasible,
    string Reason);

/// <summary>
/// Decides, by cost, what to do with a basket whose legs did not all fill (the executor's answer to "legging in"):
/// COMPLETE — trade the short legs at the current price when the whole basket's loss stays within the cap and is not
/// worse than unwinding, or when both ways breach the cap and completing loses less — or UNWIND — trade the filled legs back at the best price with a slippage cap — or NOTHING
/// when every leg already holds the same size. Pure: the executor submits the orders (through the risk gate) and calls
/// again with the new fills.
/// </summary>
public static class BasketOutcomePolicy
{
    /// <summary>Decides for a basket of <paramref name="basketSide"/> (Buy for buy-set/buy-all, Sell for sell-set).</summary>
    public static BasketDecision Decide(Side basketSide, ReadOnlySpan<BasketLegState> legs, BasketPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (legs.IsEmpty) return Done(BasketAction.Nothing, Quantity.Zero, "empty basket");
        bool buy = basketSide == Side.Buy;

        long maxFilled = 0, minFilled = long.MaxValue;
        long flow = 0; // cash so far: −paid for a buy basket, +received for a sell basket
        foreach (var l in legs)
        {
            if (l.State == LegFillState.Working)
                return Done(BasketAction.Wait, Quantity.Zero, $"{l.Instrument} is still working");
            maxFilled = Math.Max(maxFilled, l.Filled.Raw);
            minFilled = Math.Min(minFilled, l.Filled.Raw);
            flow += buy ? -l.CashFlow.Raw : l.CashFlow.Raw;
        }

        if (maxFilled == minFilled)
            return Done(BasketAction.Nothing, new Quantity(maxFilled), maxFilled == 0 ? "flat" : "complete set");

        // COMPLETE: bring every leg up to a common target. The target starts at the largest fill and rises when a
        // short leg's missing size would be under the venue's minimum order size (a complete set, slightly larger,
        // beats a basket that cannot be finished).
        long target = CompletionTarget(legs, maxFilled);
        Side completeSide = basketSide;
        Side unwindSide = basketSide.Opposite();
        bool completeOk = true;
        long completeFlow = flow + (buy ? target : -target); // +$1 per set received (buy) or given up (sell)
        foreach (var l in legs)
        {
            long missing = target - l.Filled.Raw;
            if (missing == 0) continue;
            Price px = buy ? l.BestAsk : l.BestBid;
            if (px.Raw <= 0 || missing < l.Instrument.MinSize.Raw) { completeOk = false; break; }
            completeFlow += Flow(completeSide, px, missing, l.Fee);
        }

        // UNWIND: trade every filled leg back.
        bool unwindOk = true;
        long unwindFlow = flow, unwindWorstFlow = flow;
        foreach (var l in legs)
        {
            long f = l.Filled.Raw;
            if (f == 0) continue;
            Price px = buy ? l.BestBid : l.BestAsk;
            if (px.Raw <= 0 || f < l.Instrument.MinSize.Raw) { unwindOk = false; break; }
            unwindFlow += Flow(unwindSide, px, f, l.Fee);
            unwindWorstFlow += Flow(unwindSide, UnwindLimit(buy, px, l.Instrument, options.SlippageCap), f, l.Fee);
        }

        var completeLoss = new Money(-completeFlow);
        var unwindLoss = new Money(-unwindFlow);
        var unwindWorst = new Money(-unwindWorstFlow);

        BasketAction action;
        string reason;
        if (completeOk && !options.FlattenOnly && completeLoss <= options.LossCap && (!unwindOk || completeLoss <= unwindLoss))
        {
            action = BasketAction.Complete;
            reason = $"completing to {FixedPoint.Format(target)} sets loses {completeLoss} (cap {options.LossCap}), unwinding {(unwindOk ? unwindLoss.ToString() : "impossible")}";
        }
        else if (completeOk && unwindOk && !options.FlattenOnly && unwindLoss > options.LossCap && completeLoss < unwindLoss)
        {
            // Both breach the cap: the cap cannot be kept either way, so the cheaper way out is the one that loses less.
            action = BasketAction.Complete;
            reason = $"both breach the cap {options.LossCap}: completing loses {completeLoss}, unwinding {unwindLoss}; completing";
        }
        else if (unwindOk)
        {
            action = BasketAction.Unwind;
            reason = completeOk
                ? $"unwinding loses {unwindLoss}, completing {completeLoss} (cap {options.LossCap})"
                : "cannot complete (no price or under minimum size); unwinding";
        }
        else if (completeOk)
        {
            action = BasketAction.Complete;
            reason = $"cannot unwind (no price or under minimum size); completing loses {completeLoss} (cap {options.LossCap})";
        }
        else
        {
            return new BasketDecision(BasketAction.Escalate, [], Quantity.Zero, completeLoss, unwindLoss, unwindWorst, false, false,
                "neither completing nor unwinding is possible");
        }

        var orders = new List<ArbLegOrder>(legs.Length);
        foreach (var l in legs)
        {
            if (action == BasketAction.Complete)
            {
                long missing = target - l.Filled.Raw;
                if (missing > 0)
                    orders.Add(new ArbLegOrder(l.Instrument, completeSide, OrderType.Limit, TimeInForce.Fok, buy ? l.BestAsk : l.BestBid, new Quantity(missing)));
            }
            else if (l.Filled.Raw > 0)
            {
                Price px = buy ? l.BestBid : l.BestAsk;
                orders.Add(new ArbLegOrder(l.Instrument, unwindSide, OrderType.Limit, TimeInForce.Fak,
                    UnwindLimit(buy, px, l.Instrument, options.SlippageCap), l.Filled));
            }
        }

        return new BasketDecision(action, orders, new Quantity(action == BasketAction.Complete ? target : 0),
            completeLoss, unwindLoss, unwindWorst, completeOk, unwindOk, reason);
    }

    private static long CompletionTarget(ReadOnlySpan<BasketLegState> legs, long target)
    {
        // Each pass fixes at least one leg whose shortfall is positive but under its minimum size; n passes suffice.
        for (int pass = 0; pass <= legs.Length; pass++)
        {
            long raised = target;
            foreach (var l in legs)
            {
                long missing = target - l.Filled.Raw;
                if (missing > 0 && missing < l.Instrument.MinSize.Raw)
                    raised = Math.Max(raised, CeilToStep(l.Filled.Raw + l.Instrument.MinSize.Raw, l.Instrument.SizeStep.Raw));
            }

            if (raised == target) return target;
            target = raised;
        }

        return target;
    }

    private static long CeilToStep(long raw, long step) => FixedPoint.CeilTo(raw, step);

    /// <summary>Unwind limit: the best bid less the slippage cap (buy baskets sell), or the best ask plus it, within bounds and on tick.</summary>
    private static Price UnwindLimit(bool buyBasket, Price best, Instrument instrument, Price slippage) =>
        buyBasket
            ? Price.Max(instrument.MinPrice, (best - slippage).CeilTo(instrument.TickSize))
            : Price.Min(instrument.MaxPrice, (best + slippage).FloorTo(instrument.TickSize));

    /// <summary>Signed cash of a taker trade incl. its fee: −(notional + fee) for a buy, notional − fee for a sell.</summary>
    private static long Flow(Side side, Price price, long size, ILegFeeModel fee)
    {
        var q = new Quantity(size);
        long feeRaw = fee.TakerFee(price, q).Raw;
        return side == Side.Buy
            ? -(FixedPoint.MultiplyScaled(price.Raw, size, MidpointRounding.ToPositiveInfinity) + feeRaw)
            : FixedPoint.MultiplyScaled(price.Raw, size, MidpointRounding.ToNegativeInfinity) - feeRaw;
    }

    private static BasketDecision Done(BasketAction action, Quantity sets, string reason) =>
        new(action, [], sets, Money.Zero, Money.Zero, Money.Zero, action == BasketAction.Nothing, action == BasketAction.Nothing, reason);
}
