using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Orders;

public sealed partial class OrderManager
{
    // Orders re-tracked by Restore: reconciliation judges them at once (no in-flight grace).
    private readonly HashSet<ClientOrderId> _restored = [];

    private bool SameTradingDay(long a, long b)
    {
        long roll = Gate.Limits.DayRollUtc.Ticks;
        return (a - roll) / TimeSpan.TicksPerDay == (b - roll) / TimeSpan.TicksPerDay;
    }

    /// <summary>
    /// After a restart: replays journaled fills into the portfolio, re-tracks orders that were live (so their late fills
    /// and cancels still apply), restores a breach or operator halt, and asks the venues to reconcile. Must run before
    /// any strategy submits.
    /// </summary>
    public void Restore(RecoveredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = _time.GetUtcNow();
        var liveIds = new HashSet<ClientOrderId>(state.LiveOrders.Select(o => o.Request.Id));
        foreach (var fill in state.Fills)
        {
            if (!_instruments.TryGet(fill.Instrument, out var instrument)) continue;
            _portfolio.ApplyFill(instrument, fill);
            if (fill.Timestamp.UtcTicks > _lastFillSeenTicks) _lastFillSeenTicks = fill.Timestamp.UtcTicks;
        }

        foreach (var (request, status, fills) in state.LiveOrders)
        {
            if (!_instruments.TryGet(request.Instrument, out var instrument) || _live.ContainsKey(request.Id)) continue;
            var order = new Order(request, now);
            if (status != nameof(OrderStatus.PendingNew)) order.ApplyAccepted(null, now);
            foreach (var f in fills) order.ApplyFill(f);
            if (status == nameof(OrderStatus.PendingCancel)) order.RequestCancel(now);
            AddLive(order, instrument);
            _restored.Add(request.Id);
            Gate.OnOrderSent(request, instrument);
            Quantity filled = order.FilledSize;
            if (filled.Raw > 0) Gate.OnCommitmentReleased(request, instrument, filled);
            UpdateOwnQuotes(instrument);
        }

        // Same trading day: the loss limit keeps counting from where the day started, not from the restart.
        if (state.LastSnapshotNetPnl is { } snapNet && state.LastDailyPnl is { } daily && SameTradingDay(state.LastSnapshotTicks, now.UtcTicks))
            Gate.RestoreDayStart(snapNet - daily);
        if (state.Breached) Gate.RestoreBreach();
        PushAccount();
        if (state.ManuallyHalted) Gate.SetManualState(TradingState.Halted, "restored_halt");
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("recovered",
            ("fills", state.Fills.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("live_orders", liveIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("breached", state.Breached ? "true" : "false"))));
        RequestReconciliation();
    }
}
