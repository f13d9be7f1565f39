using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Orders;

/// <summary>How much of an earlier run a restart takes over.</summary>
public enum RecoveryScope
{
    /// <summary>
    /// The venue keeps the account across runs (live): journaled fills are replayed (positions, cost basis, cumulative
    /// P&amp;L), orders that were live are re-tracked, and reconciliation then settles them with the venue. Cash stays
    /// the venue's.
    /// </summary>
    Full,

    /// <summary>
    /// The venue is new with every run (the simulated venue, paper on real data, the in-process emulator): the earlier
    /// run's orders and positions ended with it; only its risk state carries over (day baseline, breaker).
    /// </summary>
    RiskOnly,
}

/// <summary>What <see cref="OrderManager.Restore"/> took over from the journal.</summary>
/// <param name="Scope">What was restored.</param>
/// <param name="Fills">Fills replayed into the portfolio.</param>
/// <param name="LiveOrders">Orders re-tracked (Full) or left behind with the old venue (RiskOnly).</param>
/// <param name="Positions">Open positions after the replay (Full) or left behind (RiskOnly).</param>
/// <param name="DailyPnl">The day's P&amp;L carried over (same trading day), or null.</param>
/// <param name="LossBreaker">True when the consecutive-loss breaker's cool-down or REDUCING was restored.</param>
/// <param name="Reducing">The reason of a restored REDUCING state, or null.</param>
public sealed record RecoverySummary(RecoveryScope Scope, int Fills, int LiveOrders, int Positions, Money? DailyPnl, bool LossBreaker, string? Reducing)
{
    /// <summary>One line for the operator and the journal.</summary>
    public string Describe() => Scope == RecoveryScope.Full
        ? string.Create(CultureInfo.InvariantCulture, $"{Fills} fill(s) replayed, {LiveOrders} order(s) re-tracked for reconciliation, {Positions} open position(s)")
          + Tail()
        : string.Create(CultureInfo.InvariantCulture, $"the earlier run's venue ended with it ({LiveOrders} open order(s) and {Positions} position(s) gone)") + Tail();

    private string Tail() =>
        (DailyPnl is { } d ? $"; the day's P&L continues from {d}" : "")
        + (LossBreaker ? "; the loss breaker's cool-down continues" : "")
        + (Reducing is not null ? $"; REDUCING ({Reducing}) until resumed" : "");
}

/// <summary>
/// Recovery from the journal at start: takes over what the earlier runs left, as far as the <see cref="RecoveryScope"/>
/// allows — fills replayed into the ledger, live orders re-tracked, the trade cursor moved, the day's P&amp;L, the loss
/// breaker's cool-down and an operator's REDUCING carried over — and journals what it did.
/// </summary>
/// <remarks>Runs once, on the loop (or before it starts), before any strategy.</remarks>
internal sealed class OrderRecovery(OrderManager owner, LiveOrders live, InstrumentRegistry instruments, PortfolioBook portfolio, RiskGate gate,
    Reconciler reconciler, FillBooking booking, IJournal journal, JournalPayload payload, TimeProvider time)
{
    private bool SameTradingDay(long a, long b)
    {
        long roll = gate.Limits.DayRollUtc.Ticks;
        return (a - roll) / TimeSpan.TicksPerDay == (b - roll) / TimeSpan.TicksPerDay;
    }

    /// <summary>Restores from <paramref name="state"/> (see <see cref="OrderManager.Restore"/>).</summary>
    public RecoverySummary Restore(RecoveredState state, RecoveryScope scope)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        int fills = 0;
        int positions = 0;
        if (scope == RecoveryScope.Full)
        {
            var cash = portfolio.Cash;
            foreach (var fill in state.Fills)
            {
                if (!instruments.TryGet(fill.Instrument, out var instrument)) continue;
                // A fill whose trade had not settled when the journal ends stays unsellable until the venue confirms it.
                var settlement = state.Unsettled.GetValueOrDefault((fill.OrderId, fill.TradeId), SettlementState.Confirmed);
                if (!portfolio.ApplyFill(instrument, fill, settlement)) continue;
                fills++;
            }

            // Funding booked in earlier runs keeps its own line (its cash is in the venue's balance too).
            foreach (var payment in state.Funding) portfolio.ApplyFunding(payment);

            // The venue's balance already holds these fills' and payments' cash: keep it.
            portfolio.AdjustCash(cash);
            reconciler.RestoreTradeCursor(state.LastFillTicks);
            foreach (var (request, status, orderFills) in state.LiveOrders)
            {
                if (!instruments.TryGet(request.Instrument, out var instrument) || live.Contains(request.Id)) continue;
                var order = new Order(request, now);
                if (status != nameof(OrderStatus.PendingNew)) order.ApplyAccepted(null, now);
                foreach (var f in orderFills) order.ApplyFill(f);
                if (status == nameof(OrderStatus.PendingCancel)) order.RequestCancel(now);
                live.Add(order, instrument, restored: true);
                gate.OnOrderSent(request, instrument);
                Quantity filled = order.FilledSize;
                if (filled.Raw > 0) gate.OnCommitmentReleased(request, instrument, filled);
                owner.UpdateOwnQuotes(instrument);
            }

            positions = portfolio.Positions.Count(p => !p.IsFlat);
        }
        else
        {
            positions = state.Fills.GroupBy(f => f.Instrument)
                .Count(g => g.Sum(f => f.Side == Side.Buy ? f.Size.Raw : -f.Size.Raw) != 0);
        }

        // Same trading day: the loss limit keeps counting from where the day stood, not from the restart.
        Money? daily = null;
        if (state.LastDailyPnl is { } lastDaily && state.LastSnapshotTicks > 0 && SameTradingDay(state.LastSnapshotTicks, now.UtcTicks))
        {
            var (net, _) = portfolio.Totals();
            gate.RestoreDayStart(net - lastDaily);
            daily = lastDaily;
        }

        bool breaker = state.LossBreakerSinceTicks > 0 && gate.RestoreLossBreaker(new DateTimeOffset(state.LossBreakerSinceTicks, TimeSpan.Zero));
        string? reducing = null;
        if (!breaker && state.ReducingReason is { } why && (why.StartsWith("operator", StringComparison.Ordinal) || why.StartsWith("restored_reducing", StringComparison.Ordinal)))
        {
            reducing = why.StartsWith("restored_reducing:", StringComparison.Ordinal) ? why["restored_reducing:".Length..] : why;
            gate.SetManualState(TradingState.Reducing, "restored_reducing:" + reducing);
        }

        booking.PushAccount();
        var summary = new RecoverySummary(scope, fills, state.LiveOrders.Count, positions, daily, breaker, reducing);
        journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, payload.Text("recovered",
            ("scope", scope == RecoveryScope.Full ? "full" : "risk_only"),
            ("fills", fills.ToString(CultureInfo.InvariantCulture)),
            ("live_orders", state.LiveOrders.Count.ToString(CultureInfo.InvariantCulture)),
            ("positions", positions.ToString(CultureInfo.InvariantCulture)),
            ("daily", daily?.ToString() ?? ""),
            ("breached", state.Breached ? "true" : "false"))));
        return summary;
    }
}
