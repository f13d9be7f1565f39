using System.Globalization;
using System.Text;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// What the journal says about baskets (<see cref="IStrategyContext.Note"/>, one JSON object per line): every attempt,
/// denial, fill, leg timeout, repair decision, reopening and outcome, with the basket's journal id so one basket can be
/// followed from detection to its end.
/// </summary>
internal sealed class BasketJournal(IStrategyContext ctx, TimeInForce legTimeInForce)
{
    /// <summary><c>arb_attempt</c>: the legs sent, with the expected sets, cost, fees and profit.</summary>
    public void Attempt(BasketRun run)
    {
        var o = run.Opportunity;
        var sb = new StringBuilder(256);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"arb_attempt\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"kind\":\"{ArbNames.Of(o.Kind)}\",\"sets\":\"{o.Sets}\",\"cost\":\"{o.ExpectedCost}\",\"fees\":\"{o.Fees}\",\"profit\":\"{o.Profit}\",\"tif\":\"{ArbNames.Of(legTimeInForce)}\",\"legs\":[");
        var legs = o.Legs.Span;
        for (int i = 0; i < legs.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{{\"order\":\"{run.EntryIds[i]}\",\"instrument\":\"{legs[i].Instrument.Id}\",\"side\":\"{ArbNames.Of(legs[i].Side)}\",\"limit\":\"{legs[i].LimitPrice}\",\"size\":\"{legs[i].Size}\"}}");
        }

        sb.Append("]}");
        ctx.Note(sb.ToString());
    }

    /// <summary><c>arb_denied</c>: the risk gate refused the basket (no leg was sent).</summary>
    public void Denied(string basketId, string marketId, ArbKind kind, RiskDecision decision) =>
        ctx.Note($"{{\"event\":\"arb_denied\",\"basket\":\"{basketId}\",\"market\":\"{marketId}\",\"kind\":\"{ArbNames.Of(kind)}\",\"reason\":\"{decision.Code}\",\"leg\":{decision.LegIndex}}}");

    /// <summary><c>arb_fill</c>: one fill of a leg and the leg's net fill after it.</summary>
    public void Fill(BasketRun run, int leg, Fill fill) =>
        ctx.Note($"{{\"event\":\"arb_fill\",\"basket\":\"{run.Id}\",\"leg\":{leg},\"instrument\":\"{fill.Instrument}\",\"side\":\"{ArbNames.Of(fill.Side)}\",\"price\":\"{fill.Price}\",\"size\":\"{fill.Size}\",\"fee\":\"{fill.Fee}\",\"filled\":\"{run.Filled(leg)}\"}}");

    /// <summary><c>arb_leg_timeout</c>: a leg without a final answer was cancelled.</summary>
    public void LegTimeout(BasketRun run, ClientOrderId order, int leg, Quantity filled) =>
        ctx.Note($"{{\"event\":\"arb_leg_timeout\",\"basket\":\"{run.Id}\",\"order\":\"{order}\",\"leg\":{leg},\"filled\":\"{filled}\"}}");

    /// <summary><c>arb_decision</c>: what the outcome policy chose for the excess, with each leg's fill and the orders.</summary>
    public void Decision(BasketRun run, BasketDecision d)
    {
        var sb = new StringBuilder(256);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"arb_decision\",\"basket\":\"{run.Id}\",\"action\":\"{d.Action}\",\"deadline_passed\":{(run.DeadlinePassed ? "true" : "false")},\"complete_loss\":\"{d.CompleteLoss}\",\"unwind_loss\":\"{d.UnwindLoss}\",\"reason\":\"{d.Reason.Replace("\"", "'", StringComparison.Ordinal)}\",\"fills\":[");
        for (int i = 0; i < run.Legs.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"\"{run.Filled(i)}\"");
        }

        sb.Append("],\"orders\":[");
        for (int i = 0; i < d.Orders.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var o = d.Orders[i];
            sb.Append(CultureInfo.InvariantCulture, $"{{\"instrument\":\"{o.Instrument.Id}\",\"side\":\"{ArbNames.Of(o.Side)}\",\"limit\":\"{o.LimitPrice}\",\"size\":\"{o.Size}\"}}");
        }

        sb.Append("]}");
        ctx.Note(sb.ToString());
    }

    /// <summary>
    /// <c>arb_repair_wait</c>: completing now would keep less than the patience's share of the expected edge, so the
    /// basket waits (at most the rest of the window) for a book in which it does.
    /// </summary>
    public void RepairWait(BasketRun run, BasketDecision d, CompletionPatience patience, TimeSpan waited) =>
        ctx.Note(string.Create(CultureInfo.InvariantCulture, $"{{\"event\":\"arb_repair_wait\",\"basket\":\"{run.Id}\",\"complete_loss\":\"{d.CompleteLoss}\",\"unwind_loss\":\"{d.UnwindLoss}\",\"target_sets\":\"{d.TargetSets}\",\"expected\":\"{run.Opportunity.Profit}\",\"min_edge_share\":{patience.MinEdgeShare:0.###},\"wait_ms\":{(long)(patience.Window - waited).TotalMilliseconds}}}"));

    /// <summary><c>arb_repair_denied</c> of the completing basket.</summary>
    public void CompleteDenied(BasketRun run, RiskDecision gate) =>
        ctx.Note($"{{\"event\":\"arb_repair_denied\",\"basket\":\"{run.Id}\",\"action\":\"complete\",\"reason\":\"{gate.Code}\",\"leg\":{gate.LegIndex}}}");

    /// <summary><c>arb_repair_denied</c> of one unwind order.</summary>
    public void UnwindDenied(BasketRun run, Instrument instrument, RiskDecision decision) =>
        ctx.Note($"{{\"event\":\"arb_repair_denied\",\"basket\":\"{run.Id}\",\"action\":\"unwind\",\"instrument\":\"{instrument}\",\"reason\":\"{decision.Code}\"}}");

    /// <summary>
    /// <c>arb_leg_handed_over</c>: a leg's excess left the basket for the portfolio, because selling it back would open
    /// the opposite position in its market (the portfolio holds the complement).
    /// </summary>
    public void HandedOver(BasketRun run, Instrument instrument, Quantity size, Money cash) =>
        ctx.Note($"{{\"event\":\"arb_leg_handed_over\",\"basket\":\"{run.Id}\",\"instrument\":\"{instrument}\",\"size\":\"{size}\",\"cash\":\"{cash}\",\"reason\":\"reduce_only_would_increase\"}}");

    /// <summary><c>arb_dust</c>: only dust below the minimum size is left; the basket is closed.</summary>
    public void Dust(BasketRun run) => ctx.Note($"{{\"event\":\"arb_dust\",\"basket\":\"{run.Id}\",\"dust_legs\":{run.DustLegs}}}");

    /// <summary><c>arb_give_up</c>: repairs within limits failed; REDUCING was asked for.</summary>
    public void GiveUp(BasketRun run, bool reducing) =>
        ctx.Note($"{{\"event\":\"arb_give_up\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"unhedged_legs\":{run.UnhedgedLegs},\"reducing\":{(reducing ? "true" : "false")}}}");

    /// <summary><c>arb_reopened_alongside</c>: a late fill reopened a basket while another of its market is in flight.</summary>
    public void ReopenedAlongside(BasketRun run, BasketRun other) =>
        ctx.Note($"{{\"event\":\"arb_reopened_alongside\",\"basket\":\"{run.Id}\",\"other\":\"{other.Id}\"}}");

    /// <summary><c>arb_reopened</c>: a late fill reopened a closed basket.</summary>
    public void Reopened(BasketRun run) => ctx.Note($"{{\"event\":\"arb_reopened\",\"basket\":\"{run.Id}\",\"reason\":\"late fill\"}}");

    /// <summary><c>arb_outcome</c>: how the basket ended, its sets, cash, P&amp;L against the expected profit, repairs and latency.</summary>
    public void Outcome(BasketRun run, long sets, long cash, Money pnl, long latencyTicks) =>
        ctx.Note($"{{\"event\":\"arb_outcome\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"outcome\":\"{run.Outcome}\",\"sets\":\"{new Quantity(sets)}\",\"cash\":\"{new Money(cash)}\",\"pnl\":\"{pnl}\",\"expected\":\"{run.Opportunity.Profit}\",\"repairs\":{run.Repairs},\"latency_us\":{latencyTicks / 10}}}");

    /// <summary><c>arb_hedged_again</c>: the market's unhedged episode ended; it is quarantined.</summary>
    public void HedgedAgain(BasketRun run, TimeSpan quarantine) =>
        ctx.Note($"{{\"event\":\"arb_hedged_again\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"quarantine_s\":{(long)quarantine.TotalSeconds}}}");
}
