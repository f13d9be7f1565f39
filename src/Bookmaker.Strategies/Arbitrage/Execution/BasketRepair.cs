using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>What a repair round did.</summary>
internal enum RepairStep : byte
{
    /// <summary>Orders went out (or a retry is scheduled); the basket stays in flight.</summary>
    Working,

    /// <summary>Only dust below the venue's minimum size is left and every leg is settled: the basket can close.</summary>
    OnlyDust,

    /// <summary>Nothing was sent: the completion waits for a price that keeps its share of the edge (<see cref="CompletionPatience"/>).</summary>
    AwaitingPrice,
}

/// <summary>
/// Repairs a basket whose legs hold different sizes: asks <see cref="BasketOutcomePolicy.Decide"/> about the
/// <em>excess</em> over the smallest leg (the complete sets are worth $1 and kept; the cash of the excess is taken pro
/// rata) with each leg's best bid/ask, and sends what it chose — completing the short legs as one FAK basket at the
/// touch, or unwinding each excess leg FAK and reduce-only within the slippage cap. Past the unwind deadline the policy
/// is asked with the aggressive slippage cap and a loss cap that rules out completing, so it flattens whenever it can.
/// A denied or impossible repair is retried after <see cref="BasketExecutorOptions.RetryInterval"/>.
/// </summary>
internal sealed class BasketRepair(IStrategyContext ctx, BasketExecutorOptions options, BasketRegistry registry, BasketTimers timers,
    BasketJournal journal)
{
    private readonly List<OrderRequest> _requests = new(16);

    /// <summary>One repair round of <paramref name="run"/>.</summary>
    public RepairStep Repair(BasketRun run)
    {
        int n = run.Legs.Length;
        long min = long.MaxValue;
        for (int i = 0; i < n; i++) min = Math.Min(min, run.FilledRaw[i]);
        min = Math.Max(0, min);
        bool buy = run.Side == Side.Buy;
        for (int i = 0; i < n; i++)
        {
            long filled = run.FilledRaw[i];
            long excess = Math.Max(0, filled - min);
            // The cash of the excess, pro rata: the sets already complete are kept and are not part of the choice.
            long cash = filled <= 0 ? 0 : (long)((Int128)(buy ? -run.CashRaw[i] : run.CashRaw[i]) * excess / filled);
            var book = ctx.Book(run.Legs[i]);
            bool live = !book.IsStale && ctx.IsVenueLive(run.Legs[i]);
            var bid = live && book.HasBids ? book.BestBid.Price : Price.Zero;
            var ask = live && book.HasAsks ? book.BestAsk.Price : Price.Zero;
            run.PolicyLegs[i] = new BasketLegState(run.Legs[i], new Quantity(excess), LegState(run, i), new Money(Math.Max(0, cash)), bid, ask, run.Fees[i]);
        }

        // Past the deadline the basket is an emergency: flatten (unwind whenever it is possible at all, completing only
        // when it is not) with the aggressive slippage cap.
        var policy = run.DeadlinePassed
            ? options.Policy with { SlippageCap = options.AggressiveSlippageCap, FlattenOnly = true }
            : options.Policy;
        var decision = BasketOutcomePolicy.Decide(run.Side, run.PolicyLegs, policy);
        if (AwaitsPrice(run, decision)) return RepairStep.AwaitingPrice;
        journal.Decision(run, decision);
        switch (decision.Action)
        {
            case BasketAction.Complete:
                SendComplete(run, decision);
                break;
            case BasketAction.Unwind:
                SendUnwind(run, decision);
                break;
            case BasketAction.Escalate when run.UnhedgedLegs == 0 && run.DustLegs > 0 && AllLegsSettled(run):
                // Only dust below the venue's minimum size is left: it can be neither sold nor matched without creating
                // new dust. The basket closes and says so; the dust stays visible in the report and the journal.
                journal.Dust(run);
                return RepairStep.OnlyDust;
            default:
                // Neither completing nor unwinding is possible now (no price, dust): retried. Before the deadline this
                // is routine (the next book usually has a price) and only journaled; after it the alert is already up.
                timers.ScheduleRetry(run);
                break;
        }

        return RepairStep.Working;
    }

    /// <summary>
    /// True when the completion <paramref name="decision"/> would keep too little of the expected edge and the basket
    /// may still wait for a better price (<see cref="BasketExecutorOptions.Patience"/>). The first such decision is
    /// journaled (<c>arb_repair_wait</c>) and starts the window's timer; later ones (every book change of a leg) are not.
    /// </summary>
    private bool AwaitsPrice(BasketRun run, BasketDecision decision)
    {
        var patience = options.Patience;
        if (!patience.Enabled || run.DeadlinePassed || decision.Action == BasketAction.Wait) return false;
        long now = ctx.Time.GetUtcNow().UtcTicks;
        if (run.FirstDecisionTicks == 0) run.FirstDecisionTicks = now;
        var waited = TimeSpan.FromTicks(now - run.FirstDecisionTicks);
        if (!patience.ShouldWait(decision, run.Opportunity.Profit, run.Opportunity.Sets, waited))
        {
            run.AwaitingPrice = false;
            return false;
        }

        if (!run.AwaitingPrice)
        {
            run.AwaitingPrice = true;
            journal.RepairWait(run, decision, patience, waited);
            timers.SchedulePatienceOver(run, patience.Window - waited);
        }

        return true;
    }

    private bool AllLegsSettled(BasketRun run)
    {
        for (int i = 0; i < run.Legs.Length; i++)
            if (LegState(run, i) == LegFillState.Working) return false;
        return true;
    }

    private LegFillState LegState(BasketRun run, int leg)
    {
        var o = ctx.FindOrder(run.EntryIds[leg]);
        if (o is null) return LegFillState.TimedOut;
        if (run.TimedOut.Contains(o.Id)) return LegFillState.TimedOut;
        return o.Status switch
        {
            OrderStatus.Filled => LegFillState.Filled,
            OrderStatus.Rejected => LegFillState.Rejected,
            _ when o.FilledSize.Raw > 0 => LegFillState.PartiallyFilled,
            _ => LegFillState.Rejected,
        };
    }

    private static ILegFeeModel FeeOf(BasketRun run, Core.Instruments.Instrument instrument)
    {
        for (int i = 0; i < run.Legs.Length; i++)
            if (run.Legs[i].Id == instrument.Id) return run.Fees[i];
        return NoLegFee.Instance;
    }

    private void SendComplete(BasketRun run, BasketDecision decision)
    {
        _requests.Clear();
        foreach (var o in decision.Orders)
        {
            // FAK, not FOK: take what the best level offers now; whatever is still missing is decided again.
            // A completing BUY is sized up for the fee kept in shares, or it would arrive short again.
            var size = LegBuySize.For(o.Instrument, o.Side, o.LimitPrice, o.Size, FeeOf(run, o.Instrument), options.BuyFeesInShares);
            _requests.Add(new OrderRequest(default, o.Instrument.Id, o.Side, OrderType.Limit, TimeInForce.Fak, o.LimitPrice, size, Tag: run.Id + ":complete"));
        }

        Span<ClientOrderId> ids = stackalloc ClientOrderId[_requests.Count];
        var gate = ctx.SubmitBasket(_requests, ids);
        if (!gate.IsAllowed)
        {
            journal.CompleteDenied(run, gate);
            timers.ScheduleRetry(run);
            return;
        }

        run.CompleteSent = true;
        run.Repairs++;
        run.FillCountAtRepair = run.FillCount;
        for (int i = 0; i < ids.Length; i++) registry.Track(run, ids[i], _requests[i].Instrument);
        timers.ScheduleLegTimeout(run);
    }

    /// <summary>
    /// The gate refused to unwind a leg as reduce-only: in the portfolio's view of its market (YES and NO netted) selling
    /// it would <em>open</em> a position, because the portfolio already holds the opposite exposure (the market maker's
    /// complement inventory, say). The excess is then no unhedged position of ours — it offsets one — and retrying the
    /// unwind forever would only leave the basket "unhedged" at exit. The excess and its cash (pro rata) leave the
    /// basket's accounts and stay in the portfolio, which the market maker manages; the hand-over is journaled.
    /// </summary>
    private void HandOver(BasketRun run, Core.Instruments.Instrument instrument)
    {
        int leg = Array.FindIndex(run.Legs, l => l.Id == instrument.Id);
        if (leg < 0) return;
        long excess = run.FilledRaw[leg] - run.CompleteSets.Raw;
        long filled = run.FilledRaw[leg];
        if (excess <= 0 || filled <= 0) return;
        long cash = (long)((Int128)run.CashRaw[leg] * excess / filled);
        run.FilledRaw[leg] -= excess;
        run.CashRaw[leg] -= cash;
        journal.HandedOver(run, instrument, new Quantity(excess), new Money(cash));
    }

    private void SendUnwind(BasketRun run, BasketDecision decision)
    {
        int sent = 0;
        foreach (var o in decision.Orders)
        {
            // Reduce-only: an unwind may only shrink a position, so the gate passes it even while REDUCING.
            var request = new OrderRequest(default, o.Instrument.Id, o.Side, OrderType.Limit, TimeInForce.Fak, o.LimitPrice, o.Size,
                ReduceOnly: true, Tag: run.Id + ":unwind");
            var outcome = ctx.Submit(request);
            if (!outcome.Sent)
            {
                journal.UnwindDenied(run, o.Instrument, outcome.Decision);
                if (outcome.Decision.Reason == DenyReason.ReduceOnlyWouldIncrease) HandOver(run, o.Instrument);
                continue;
            }

            registry.Track(run, outcome.Id, o.Instrument.Id);
            sent++;
        }

        if (sent > 0)
        {
            run.UnwindSent = true;
            run.Repairs++;
            run.FillCountAtRepair = run.FillCount;
            timers.ScheduleLegTimeout(run);
        }

        if (sent < decision.Orders.Count) timers.ScheduleRetry(run);
    }
}
