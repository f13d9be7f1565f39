using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;

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

public sealed partial class OrderManager
{
    // Orders re-tracked by Restore: reconciliation judges them at once (no in-flight grace).
    private readonly HashSet<ClientOrderId> _restored = [];

    /// <summary>Journals a note from the host (recovery reports): <paramref name="kind"/> and one line of detail.</summary>
    public void Note(string kind, string detail) =>
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text(kind, ("detail", detail))));

    /// <summary>Journals a note with named fields (e.g. the risk limits a run starts with).</summary>
    public void NoteFields(string kind, IEnumerable<(string Key, string Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text(kind, [.. fields])));
    }

    private bool SameTradingDay(long a, long b)
    {
        long roll = Gate.Limits.DayRollUtc.Ticks;
        return (a - roll) / TimeSpan.TicksPerDay == (b - roll) / TimeSpan.TicksPerDay;
    }

    /// <summary>
    /// After a restart, before any strategy starts: takes over what the journal says the earlier runs left, as far as
    /// <paramref name="scope"/> allows. Full: replays journaled fills into the portfolio (positions and cumulative P&amp;L;
    /// cash stays the venue's opening balance, so nothing is counted twice), re-tracks orders that were live (their late
    /// fills and cancels still apply; the first reconciliation judges them at once) and moves the trade cursor to the
    /// newest journaled fill, so older venue trades are history, never new fills. Both scopes: the day's P&amp;L continues
    /// on the same trading day, and the consecutive-loss breaker's cool-down (then REDUCING) and an operator's REDUCING
    /// carry over. Halts and breaches are applied by the host before this (they hold before the engine is even built).
    /// </summary>
    public RecoverySummary Restore(RecoveredState state, RecoveryScope scope = RecoveryScope.Full)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = _time.GetUtcNow();
        int fills = 0;
        int positions = 0;
        if (scope == RecoveryScope.Full)
        {
            var cash = _portfolio.Cash;
            foreach (var fill in state.Fills)
            {
                if (!_instruments.TryGet(fill.Instrument, out var instrument)) continue;
                // A fill whose trade had not settled when the journal ends stays unsellable until the venue confirms it.
                var settlement = state.Unsettled.GetValueOrDefault((fill.OrderId, fill.TradeId), SettlementState.Confirmed);
                if (!_portfolio.ApplyFill(instrument, fill, settlement)) continue;
                fills++;
            }

            // The venue's balance already holds these fills' cash: keep it.
            _portfolio.AdjustCash(cash);
            if (state.LastFillTicks > _lastFillSeenTicks) _lastFillSeenTicks = state.LastFillTicks;
            _fillCursorTicks = Math.Max(state.LastFillTicks + 1, _fillCursorTicks);
            foreach (var (request, status, orderFills) in state.LiveOrders)
            {
                if (!_instruments.TryGet(request.Instrument, out var instrument) || _live.Contains(request.Id)) continue;
                var order = new Order(request, now);
                if (status != nameof(OrderStatus.PendingNew)) order.ApplyAccepted(null, now);
                foreach (var f in orderFills) order.ApplyFill(f);
                if (status == nameof(OrderStatus.PendingCancel)) order.RequestCancel(now);
                _live.Add(order, instrument);
                _restored.Add(request.Id);
                Gate.OnOrderSent(request, instrument);
                Quantity filled = order.FilledSize;
                if (filled.Raw > 0) Gate.OnCommitmentReleased(request, instrument, filled);
                UpdateOwnQuotes(instrument);
            }

            positions = _portfolio.Positions.Count(p => !p.IsFlat);
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
            var (net, _) = _portfolio.Totals();
            Gate.RestoreDayStart(net - lastDaily);
            daily = lastDaily;
        }

        bool breaker = state.LossBreakerSinceTicks > 0 && Gate.RestoreLossBreaker(new DateTimeOffset(state.LossBreakerSinceTicks, TimeSpan.Zero));
        string? reducing = null;
        if (!breaker && state.ReducingReason is { } why && (why.StartsWith("operator", StringComparison.Ordinal) || why.StartsWith("restored_reducing", StringComparison.Ordinal)))
        {
            reducing = why.StartsWith("restored_reducing:", StringComparison.Ordinal) ? why["restored_reducing:".Length..] : why;
            Gate.SetManualState(TradingState.Reducing, "restored_reducing:" + reducing);
        }

        PushAccount();
        var summary = new RecoverySummary(scope, fills, state.LiveOrders.Count, positions, daily, breaker, reducing);
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("recovered",
            ("scope", scope == RecoveryScope.Full ? "full" : "risk_only"),
            ("fills", fills.ToString(CultureInfo.InvariantCulture)),
            ("live_orders", state.LiveOrders.Count.ToString(CultureInfo.InvariantCulture)),
            ("positions", positions.ToString(CultureInfo.InvariantCulture)),
            ("daily", daily?.ToString() ?? ""),
            ("breached", state.Breached ? "true" : "false"))));
        return summary;
    }
}
