using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// One quoting cycle of one market, in a fixed order: trading state and markout pause, terms, stale and gap guards,
/// markouts (widen or pause), the position guards (hold time, forced exit, stop loss, adverse move), the quotes
/// (<see cref="QuotePlanner"/>), REDUCING, routing to tokens (<see cref="DesiredOrders"/>), reconciliation and placement
/// (<see cref="OrderSlots"/>) and reward scoring. A cycle that changes no order allocates nothing.
/// </summary>
internal sealed class QuoteCycle(
    IStrategyContext ctx, MarketMakerSettings settings, MarketInventory inventory, QuotePlanner planner, DesiredOrders desired,
    OrderSlots slots, ForcedExit exit)
{
    private readonly MarketMakerOptions _options = settings.Options;

    /// <summary>Requotes the market now under <paramref name="state"/>.</summary>
    public void Run(MarketState m, long now, TradingState state)
    {
        m.LastRequoteTicks = now;
        m.Dirty = false;
        var yes = m.Quoted;
        var book = ctx.Book(yes);
        var top = BookTop.Of(book);

        if (state == TradingState.Halted)
        {
            m.Active = ActiveProtections.Halted;
            slots.Pull(m);
            return;
        }

        if (m.PausedUntilTicks != 0)
        {
            if (now < m.PausedUntilTicks)
            {
                m.Active = ActiveProtections.MarkoutPause;
                slots.Pull(m);
                return;
            }

            // Resume with a fresh markout history: the old one would pause the market again at once, and no new fill
            // can improve it while we do not quote.
            m.PausedUntilTicks = 0;
            m.Markouts = new MarkoutTracker(_options.MarkoutOptions);
            ctx.ClearAlert("mm_markout_pause", yes.Id.Symbol);
        }

        // Terms given per instrument are resolved once, at the market's first two-sided book; until then it cannot quote.
        if (m.Terms is null && !planner.TryResolveTerms(m, top))
        {
            m.Active = ActiveProtections.Gap;
            slots.Pull(m);
            return;
        }

        var terms = m.Terms!;

        // Gap and stale: no reliable fair price ⇒ no quotes, resting ones cancelled.
        var stale = StaleGuard.Evaluate(settings.Stale, now, m.LastBookTicks, ctx.IsVenueLive(yes));
        if (!stale.IsClear || book.IsStale)
        {
            m.Active = stale.Reason == ProtectionReason.VenueNotLive ? ActiveProtections.VenueDown : ActiveProtections.Stale;
            slots.Pull(m);
            return;
        }

        if (!GapGuard.Evaluate(terms.Gap, top).IsClear
            || !FairPrice.TryCompute(top, settings.Fair, double.NaN, out double fair))
        {
            m.Active = ActiveProtections.Gap;
            slots.Pull(m);
            return;
        }

        m.Fair = fair;
        var active = ActiveProtections.None;
        if (state == TradingState.Reducing) active |= ActiveProtections.Reducing;

        // Toxic flow: widen, then pause.
        var markout = m.Markouts.Evaluate(now);
        double widen = 1.0;
        if (markout.Action == ProtectionAction.PauseMarket)
        {
            m.PausedUntilTicks = now + _options.PauseCooldown.Ticks;
            m.Active = ActiveProtections.MarkoutPause;
            slots.Pull(m);
            ctx.Alert("mm_markout_pause", Engine.Alerts.AlertSeverity.Warning, $"{yes.Id}: persistent adverse markouts, market paused", yes.Id.Symbol);
            return;
        }

        if (markout.Action == ProtectionAction.WidenSpread)
        {
            active |= ActiveProtections.MarkoutWiden;
            widen = markout.SpreadFactor;
        }

        Quantity q = inventory.NetDelta(m);
        m.QuotedInventoryRaw = q.Raw;
        var mark = new Price((top.BestBid.Raw + top.BestAsk.Raw) / 2);

        // Position guards: hold time (passive, then forced taker exit), stop loss and adverse move (passive), on the
        // ledger's view of the inventory (when the unhedged delta opened, its average entry). A position below the minimum
        // order size (a partial fill's remainder) cannot be reduced by any order — the unwind quote and the taker exit
        // would both be too small — so the guards cannot act on it and must not stop the quotes either: the model's
        // reducing quote trades it out as part of a full-size order.
        bool reducible = q.Abs() >= yes.MinSize;
        long openedTicks = inventory.OpenedTicks(m, now);
        var hold = reducible ? HoldTimeGuard.Evaluate(terms.Hold, now, openedTicks, q, top, yes) : default;
        if (hold.Decision.Action == ProtectionAction.ForcedExit)
        {
            m.Active = active | ActiveProtections.ForcedExit;
            exit.Run(m, hold);
            return;
        }

        int n;
        if (hold.Decision.Action == ProtectionAction.PassiveUnwind)
        {
            active |= ActiveProtections.HoldTimeUnwind;
            n = QuotePlanner.UnwindQuote(m, hold.Side, hold.Price, q);
        }
        else
        {
            var stop = reducible ? StopLossGuard.Evaluate(settings.Stop, q, inventory.AverageEntry(m), mark) : ProtectionDecision.Clear;
            if (!stop.IsClear)
            {
                active |= stop.Reason == ProtectionReason.StopLossDollars ? ActiveProtections.StopLoss : ActiveProtections.AdverseMove;
                Side side = q.Raw > 0 ? Side.Sell : Side.Buy;
                n = QuotePlanner.UnwindQuote(m, side, PassivePrices.Unwind(side, top, yes), q);
            }
            else
            {
                n = planner.ModelQuotes(m, now, fair, q, widen, top, book, ref active);
                if (n < 0)
                {
                    // Edge freeze: no new or amended orders; resting quotes stay.
                    m.Active = active | ActiveProtections.EdgeFreeze;
                    return;
                }
            }
        }

        if (state == TradingState.Reducing) n = QuotePlanner.KeepReducingSide(m, n, q);
        m.Active = active;
        desired.Route(m, n);
        slots.Reconcile(m);
        QuotePlanner.ScoreRewards(m, book);
    }
}
