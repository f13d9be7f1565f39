using Bookmaker.Core.Orders;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// From a detected opportunity to legs on their way: one limit order per leg at the scanner's per-leg limit, FOK (or
/// FAK with <see cref="BasketExecutorOptions.LegTimeInForce"/>), sent as one basket through the risk gate
/// (<see cref="IStrategyContext.SubmitBasket"/>): one denied leg and no leg is sent, which is journaled. BUY legs are
/// sized up for the taker fee the venue keeps in shares (<see cref="LegBuySize"/>), so the basket ends holding whole sets.
/// </summary>
internal sealed class BasketEntry(IStrategyContext ctx, BasketExecutorOptions options, BasketJournal journal)
{
    private readonly List<OrderRequest> _requests = new(16);

    /// <summary>
    /// Sends the legs of <paramref name="opportunity"/> tagged <paramref name="runId"/>; <paramref name="ids"/> receives
    /// their order ids. False when the gate denied the basket.
    /// </summary>
    public bool Send(ArbBasket basket, in ArbOpportunity opportunity, string runId, Span<ClientOrderId> ids)
    {
        var legs = opportunity.Legs.Span;
        _requests.Clear();
        for (int i = 0; i < legs.Length; i++)
        {
            ref readonly var l = ref legs[i];
            // A BUY leg is sized up so the shares kept after the fee (collected in shares) still make the sets.
            var size = LegBuySize.For(l.Instrument, l.Side, l.LimitPrice, l.Size, basket.Leg(i).Fee, options.BuyFeesInShares);
            _requests.Add(new OrderRequest(default, l.Instrument.Id, l.Side, OrderType.Limit, options.LegTimeInForce, l.LimitPrice, size, Tag: runId));
        }

        var decision = ctx.SubmitBasket(_requests, ids);
        if (decision.IsAllowed) return true;
        journal.Denied(runId, basket.Id, opportunity.Kind, decision);
        return false;
    }
}
