using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// A basket's books: each fill moves its leg's net size (in the basket's direction) and cash (notional, fee and
/// rebate apart, signed); at the end the P&amp;L is $1 per complete set held (bought) or given up (sold) plus the net
/// cash, the outcome is Success (sets, no unwind), Unwound or Missed, and the metrics record it with the
/// detection-to-last-ack latency.
/// </summary>
internal sealed class BasketAccounting(ArbMetrics metrics)
{
    /// <summary>
    /// Applies one fill of leg <paramref name="leg"/>: the shares the leg actually holds move (a BUY whose fee the venue
    /// kept in shares adds size − fee shares), and the cash that actually moved (no cash fee for such a BUY).
    /// </summary>
    public static void ApplyFill(BasketRun run, int leg, Fill fill)
    {
        int sign = fill.Side == run.Side ? 1 : -1;
        run.FilledRaw[leg] = checked(run.FilledRaw[leg] + sign * fill.PositionSize.Raw);
        long notional = fill.Notional.Raw;
        long cash = (fill.Side == Side.Buy ? -notional : notional) - fill.CashFee.Raw + fill.Rebate.Raw;
        run.CashRaw[leg] = checked(run.CashRaw[leg] + cash);
        run.FillCount++;
    }

    /// <summary>Settles a basket that ended at <paramref name="now"/>: P&amp;L, outcome and metrics.</summary>
    public (long Sets, long Cash, Money Pnl, long LatencyTicks) Close(BasketRun run, long now)
    {
        long sets = run.CompleteSets.Raw;
        long cash = run.NetCash.Raw;
        var pnl = new Money(run.Side == Side.Buy ? sets + cash : cash - sets);
        run.Pnl = pnl;
        long latency = (run.LastAckTicks != 0 ? run.LastAckTicks : now) - run.DetectedTicks;
        if (run.UnwindSent)
        {
            run.Outcome = BasketOutcome.Unwound;
            metrics.RecordUnwind(-pnl, latency);
        }
        else if (sets > 0)
        {
            run.Outcome = BasketOutcome.Success;
            metrics.RecordSuccess(pnl, latency);
        }
        else
        {
            run.Outcome = BasketOutcome.Missed;
            metrics.RecordMiss(-pnl, latency);
        }

        metrics.RecordExpected(run.Outcome, run.Opportunity.Profit, pnl);
        return (sets, cash, pnl, latency);
    }
}
