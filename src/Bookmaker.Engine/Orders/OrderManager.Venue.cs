using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Orders;

public sealed partial class OrderManager
{
    private readonly Queue<long> _failureTicks = new();
    private readonly ExitPositionCheck _exitCheck = new();
    private bool _checkPositionsAtFreezeEnd;
    private readonly Dictionary<long, long> _reconcileRequestedTicks = [];
    // The last client order id issued before the current halt began (ulong.MaxValue when not halted): an order with a
    // larger id was created while HALTED. Ids, not times: orders sent in the same engine instant just before a halt
    // (a halt decided while handling a venue answer) are not orders sent while halted.
    private ulong _lastIdBeforeHalt = ulong.MaxValue;

    // The trade cursor: trades of unknown orders older than this are history (set by Restore, or at start).
    private long _fillCursorTicks;
    private readonly HashSet<string> _historyReported = new(StringComparer.Ordinal);

    // When each instrument last had a fill applied (reconciliation spares positions that just changed).
    private long[] _lastFillTicks = [];
    private long _nextReconcileId;
    private long _lastFillSeenTicks;
    private bool _reconcileSoonScheduled;
    private bool _frozen;
    private long _freezeStartedTicks;
    private string _freezeReason = "";

    /// <summary>Failures (429/5xx/timeouts) within <see cref="BreakerWindow"/> that open the submit circuit.</summary>
    public int BreakerThreshold { get; init; } = 5;

    /// <summary>Window for <see cref="BreakerThreshold"/>.</summary>
    public TimeSpan BreakerWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open when the venue gave no Retry-After.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>True while a freeze is cancelling everything.</summary>
    public bool IsFrozen => _frozen;

    private bool _venuesStarted = true;
    private string? _freezeAtStart;

    /// <summary>
    /// Until <see cref="OnVenuesStarted"/>, a freeze is remembered instead of sent (the host calls this before its
    /// venues start, so a kill switch or restored halt at start reaches no adapter too early).
    /// </summary>
    public void DeferFreezeUntilStarted() => _venuesStarted = false;

    /// <summary>
    /// The venues are connected (on the loop): runs a freeze requested before — a start in HALTED cancels whatever a
    /// previous run may have left at the venue — then asks for the first reconciliation.
    /// </summary>
    public void OnVenuesStarted()
    {
        _venuesStarted = true;
        // Without a restored cursor, the account's trades from before this run are history.
        if (_fillCursorTicks == 0) _fillCursorTicks = _time.GetUtcNow().UtcTicks;
        if (_freezeAtStart is { } reason)
        {
            _freezeAtStart = null;
            Freeze(reason);
        }

        RequestReconciliation();
    }

    /// <summary>Called by the engine when the gate's state changes (tracks when HALTED began).</summary>
    public void OnTradingStateChanged(TradingState old, TradingState now, string reason)
    {
        if (now == TradingState.Halted && old != TradingState.Halted) _lastIdBeforeHalt = ClientOrderId.From(_ids.Epoch, _ids.Issued).Value;
        if (now != TradingState.Halted) _lastIdBeforeHalt = ulong.MaxValue;
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.TradingState, 0, null,
            _payload.Text(now.ToString().ToUpperInvariant(), ("from", old.ToString().ToUpperInvariant()), ("reason", reason))));
    }

    /// <summary>A whole request failed: feed the circuit breaker and reconcile the orders in doubt soon.</summary>
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        long now = _time.GetUtcNow().UtcTicks;
        _journal.Append(new JournalEntry(now, JournalKind.Note, 0, null, _payload.Text("request_failed",
            ("endpoint", failure.Endpoint.ToString()), ("status", failure.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("reason", failure.Reason.ToString()), ("venue_text", failure.Text ?? ""))));

        if (failure.HttpStatus == 429 || failure.Reason == RejectReason.RateLimited)
        {
            Gate.OpenCircuitUntil(_time.GetUtcNow() + (failure.RetryAfter ?? BreakDuration));
            _alerts.Raise("rate_limited", AlertSeverity.Warning, $"{failure.Venue} answered 429 on {failure.Endpoint}; submits paused, cancels continue", failure.Venue);
        }
        else if (failure.HttpStatus == 425 || failure.Reason == RejectReason.VenueRestarting)
        {
            Gate.OpenCircuitUntil(_time.GetUtcNow() + (failure.RetryAfter ?? BreakDuration));
        }

        if (failure.HttpStatus == 429 || failure.HttpStatus >= 500 || failure.HttpStatus == 425 || failure.HttpStatus == 0)
        {
            _failureTicks.Enqueue(now);
            while (_failureTicks.Count > 0 && now - _failureTicks.Peek() > BreakerWindow.Ticks) _failureTicks.Dequeue();
            if (_failureTicks.Count >= BreakerThreshold)
            {
                Gate.OpenCircuitUntil(_time.GetUtcNow() + (failure.RetryAfter ?? BreakDuration));
                _alerts.Raise("circuit_open", AlertSeverity.Warning, $"{_failureTicks.Count} failed requests in {BreakerWindow.TotalSeconds:0}s: submits paused", failure.Venue);
                _failureTicks.Clear();
            }
        }

        // A 429, 425 or 503 on a submit is a definite refusal: nothing was placed, so the orders it names are rejected
        // now (their cash and open-order slots come back) instead of waiting for a reconciliation to prove it.
        if (failure.Endpoint is VenueEndpoint.Submit or VenueEndpoint.SubmitBatch && IsDefiniteRefusal(failure))
            foreach (var id in failure.Orders) RejectRefused(id, failure);

        // Orders named by a failed request are in doubt: they may be live (a timeout) or not (a 5xx).
        if (failure.Orders.Count > 0 || failure.Endpoint is VenueEndpoint.CancelAll or VenueEndpoint.CancelMarket) ReconcileSoon();
        if (_frozen && failure.Endpoint is VenueEndpoint.CancelAll or VenueEndpoint.Cancel or VenueEndpoint.CancelMarket)
            _loop?.ScheduleTimer(TimeSpan.FromMilliseconds(200), TimeSpan.Zero, TimerFreeze);
        RequestFailed?.Invoke(failure);
    }

    private static bool IsDefiniteRefusal(VenueRequestFailed failure) =>
        failure.HttpStatus is 429 or 425 or 503
        || failure.Reason is RejectReason.RateLimited or RejectReason.VenueRestarting or RejectReason.CancelOnly;

    private void RejectRefused(ClientOrderId id, VenueRequestFailed failure)
    {
        if (!_live.TryGet(id, out var order) || order.ReachedVenue) return;
        var now = _time.GetUtcNow();
        var before = order.Status;
        var result = order.ApplyRejected(failure.Reason, now);
        if (!result.IsApplied) return;
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, id.Value, order.Instrument.ToString(),
            _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", failure.Reason.ToString()), ("venue_text", failure.Text ?? ""))));
        Stats.Rejected++;
        Close(order, _instruments.Get(order.Instrument));
        OrderChanged?.Invoke(order, result);
    }

    /// <summary>Venue state changed.</summary>
    public void OnVenueStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        switch (status.State)
        {
            case VenueState.Live:
                Gate.SetVenueMode(false, false);
                break;
            case VenueState.CancelOnly:
                Gate.SetVenueMode(true, false);
                break;
            case VenueState.PostOnly:
                Gate.SetVenueMode(false, true);
                break;
            case VenueState.Restarting:
                Gate.OpenCircuitUntil(status.Timestamp + (status.RetryAfter ?? BreakDuration));
                break;
            case VenueState.Reconnected:
                RequestReconciliation();
                break;
            case VenueState.Disconnected:
                break;
        }

        VenueStatusHandled?.Invoke(status);
    }

    // ───────────────────────────── reconciliation ─────────────────────────────

    /// <summary>Account snapshots received from venues (complete or not): a start-up can wait for the first one.</summary>
    public int SnapshotsReceived { get; private set; }

    /// <summary>Asks every venue for open orders, balances, positions and recent fills.</summary>
    public void RequestReconciliation()
    {
        var now = _time.GetUtcNow();
        long from = _lastFillSeenTicks > 0 ? _lastFillSeenTicks - TimeSpan.FromMinutes(5).Ticks : now.UtcTicks - TimeSpan.FromHours(24).Ticks;
        foreach (var client in _venues.Values)
        {
            long id = ++_nextReconcileId;
            _reconcileRequestedTicks[id] = now.UtcTicks;
            client.RequestAccountSnapshot(id, new DateTimeOffset(Math.Max(0, from), TimeSpan.Zero));
        }
    }

    /// <summary>Venues whose clients answer account snapshots (<see cref="IExecutionClient.AnswersAccountSnapshots"/>).</summary>
    public IEnumerable<string> ReconcilingVenues => _venues.Where(v => v.Value.AnswersAccountSnapshots).Select(v => v.Key);

    /// <summary>Asks every venue for an account snapshot in 500 ms (once, however often it is called meanwhile).</summary>
    public void RequestReconciliationSoon() => ReconcileSoon();

    private void ReconcileSoon()
    {
        if (_reconcileSoonScheduled || _loop is null) return;
        _reconcileSoonScheduled = true;
        _loop.ScheduleTimer(TimeSpan.FromMilliseconds(500), TimeSpan.Zero, TimerReconcile);
    }

    /// <summary>
    /// Compares a venue snapshot with local state and repairs every difference, each as a journaled finding. An incomplete
    /// snapshot repairs nothing (acting on half a picture could cancel or duplicate good orders).
    /// </summary>
    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Reconcile(snapshot);
        SnapshotHandled?.Invoke(snapshot);
    }

    private void Reconcile(AccountSnapshot snapshot)
    {
        _reconcileSoonScheduled = false;
        SnapshotsReceived++;
        if (!snapshot.Complete)
        {
            Finding(ReconciliationIssue.IncompleteSnapshot, default, $"{snapshot.Venue} snapshot {snapshot.RequestId} incomplete: nothing repaired");
            _alerts.Raise("reconcile_incomplete", AlertSeverity.Warning, $"{snapshot.Venue} returned an incomplete account snapshot", snapshot.Venue);
            return;
        }

        _alerts.Clear("reconcile_incomplete", snapshot.Venue);
        long requested = _reconcileRequestedTicks.Remove(snapshot.RequestId, out long t) ? t : snapshot.Timestamp.UtcTicks;
        var now = _time.GetUtcNow();

        // 1. Fills we have not seen (the order manager and portfolio deduplicate by trade id). A trade of an order we do
        //    not know that is older than the trade cursor is history — the account's, or an earlier run's already in the
        //    journal — never a fill of this run: the position it made is adopted from the venue's balances in step 4.
        int history = 0;
        var states = SettlementsByFill(snapshot);
        foreach (var fill in snapshot.FillsSince)
        {
            if (fill.Timestamp.UtcTicks > _lastFillSeenTicks) _lastFillSeenTicks = fill.Timestamp.UtcTicks;
            var order = Find(fill.OrderId);
            if (order is not null && order.Fills.Any(f => string.Equals(f.TradeId, fill.TradeId, StringComparison.Ordinal))) continue;
            if (order is null && _portfolio.HasApplied(fill)) continue;
            if (order is null && fill.Timestamp.UtcTicks < _fillCursorTicks)
            {
                history++;
                continue;
            }

            if (RefuseInvalidFill(fill.OrderId, fill)) continue; // not "applied from reconciliation": it never is
            // A fill of an unknown order gets its finding where it is applied (HandleUnknownOrderReport), once.
            if (order is not null) Finding(ReconciliationIssue.MissedFill, fill.OrderId, $"fill {fill.TradeId} {fill.Side} {fill.Size}@{fill.Price} applied from reconciliation");
            var settlement = states?.GetValueOrDefault(fill.TradeId, SettlementState.Confirmed) ?? SettlementState.Confirmed;
            if (settlement == SettlementState.Failed) continue;
            OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, fill.OrderId, fill.Instrument, null, RejectReason.None, "reconciled", fill, null, now, null, settlement));
        }

        // 1b. Settlement steps the streams may have missed: a FAILED trade is reversed (after the finished-order cache
        //     window and after a restart too), the others move their fills along the ladder.
        foreach (var (fill, state) in snapshot.Settlements ?? [])
        {
            if (state == SettlementState.Failed)
            {
                bool booked = _portfolio.HasApplied(fill) || _portfolio.FindFill(fill.Instrument, fill.TradeId) is not null;
                if (!booked) continue;
                Finding(ReconciliationIssue.FailedTrade, fill.OrderId, $"trade {fill.TradeId} on {fill.Instrument} is FAILED on {snapshot.Venue}: its fill reversed");
                OnExecutionReport(new ExecutionReport(ExecutionReportKind.FillReversed, fill.OrderId, fill.Instrument, null, RejectReason.VenueError, "reconciled: trade FAILED", fill, null, now));
            }
            else
            {
                OnExecutionReport(new ExecutionReport(ExecutionReportKind.SettlementChanged, fill.OrderId, fill.Instrument, null, RejectReason.None, "reconciled", fill, null, now, null, state));
            }
        }

        if (history > 0 && _historyReported.Add(snapshot.Venue))
            Finding(ReconciliationIssue.HistoryTrades, default, $"{history} {snapshot.Venue} trade(s) of orders this engine does not know, older than the trade cursor: history, not fills of this run");

        // 2. Venue open orders.
        var venueOpen = new HashSet<ClientOrderId>();
        foreach (var vo in snapshot.OpenOrders)
        {
            venueOpen.Add(vo.OrderId);
            if (vo.OrderId.IsEmpty || Find(vo.OrderId) is not { } order)
            {
                Finding(ReconciliationIssue.UnknownVenueOrder, vo.OrderId, $"unknown open order {vo.VenueOrderId} on {vo.Instrument}: cancelling it");
                if (_venues.TryGetValue(snapshot.Venue, out var c)) c.Cancel(vo.OrderId, vo.Instrument, vo.VenueOrderId);
                continue;
            }

            if (order.Status.IsFinal())
            {
                Finding(ReconciliationIssue.ClosedOrderStillOpen, order.Id, $"{order.Id} is {order.Status} locally but open on the venue: cancelling it");
                if (_venues.TryGetValue(snapshot.Venue, out var c)) c.Cancel(order.Id, order.Instrument, vo.VenueOrderId);
                continue;
            }

            if (!order.IsAcknowledged)
            {
                Finding(ReconciliationIssue.PendingFoundLive, order.Id, $"{order.Id} was pending and is live on the venue");
                OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, order.Id, order.Instrument, vo.VenueOrderId, RejectReason.None, "reconciled", null, null, now));
            }

            if (order.Status == OrderStatus.PendingCancel && _frozen) _cancels.Send(order);
        }

        // 3. Local live orders the venue does not have: closed (or never arrived). Young orders are skipped: their
        //    request may have crossed the snapshot request on the wire.
        foreach (var id in _live.IdsSnapshot())
        {
            if (!_live.TryGet(id, out var order) || venueOpen.Contains(id)) continue;
            if (!VenueOf(order).Equals(snapshot.Venue, StringComparison.Ordinal)) continue;
            // Orders re-tracked from the journal after a restart are never young: their request left before the crash.
            if (!_restored.Contains(id) && order.CreatedAt.UtcTicks > requested - Options.ReconcileGrace.Ticks) continue;
            var before = order.Status;
            var instrument = _instruments.Get(order.Instrument);
            var result = order.ReachedVenue || order.Status == OrderStatus.PendingCancel
                ? order.ApplyCancelled(now)
                : order.ApplyRejected(RejectReason.Timeout, now);
            if (!result.IsApplied) continue;
            Finding(ReconciliationIssue.LocalOrderMissing, id, $"{id} ({before}) is not open on the venue: now {order.Status}");
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, id.Value, order.Instrument.ToString(),
                _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", "reconciliation"))));
            if (order.Status == OrderStatus.Rejected) Stats.Rejected++;
            Close(order, instrument);
            OrderChanged?.Invoke(order, result);
        }

        // 4. Balances and positions: the venue is the source of truth.
        if (snapshot.Cash != _portfolio.Cash)
        {
            Finding(ReconciliationIssue.CashMismatch, default, $"cash {_portfolio.Cash} locally, {snapshot.Cash} on {snapshot.Venue}: adopted the venue's");
            _portfolio.AdjustCash(snapshot.Cash);
        }

        // The venue's balance moves when a trade settles: it is compared with the ledger's settled view (the position
        // less unsettled buys, plus unsettled sells), and a repair keeps the unsettled fills on top of the venue's figure.
        int mismatches = 0;
        foreach (var (instrumentId, qty) in snapshot.Positions)
        {
            if (!_instruments.TryGet(instrumentId, out var instrument)) continue;
            var settled = _portfolio.SettledQuantity(instrument);
            if (settled == qty) continue;
            if (qty.Raw == 0 && settled.Raw != 0 && JustChanged(instrument, requested)) continue;
            var local = _portfolio.GetPosition(instrument)?.Quantity ?? Quantity.Zero;
            var corrected = qty + (local - settled);
            // The first snapshot of a run meeting a token this engine never held is the account's opening inventory:
            // adopted and journaled, but no mismatch — nothing the engine believed was wrong.
            if (SnapshotsReceived == 1 && _portfolio.GetPosition(instrument) is null)
            {
                Finding(ReconciliationIssue.PositionMismatch, default, $"{instrumentId}: {qty} on the venue at start: adopted as the opening position");
                _portfolio.AdjustPosition(instrument, corrected, now);
                continue;
            }

            mismatches++;
            Finding(ReconciliationIssue.PositionMismatch, default, $"{instrumentId}: {settled} settled locally, {qty} on the venue: position {local} corrected to {corrected}");
            _alerts.Raise("position_mismatch", AlertSeverity.Warning, $"{instrumentId}: the venue holds {qty}, this engine had {settled} settled; corrected to the venue's", instrumentId.ToString());
            _portfolio.AdjustPosition(instrument, corrected, now);
        }

        // Some venues leave zero balances out (Polymarket's snapshot lists every instrument, zeros included), so the
        // venue's side of the union is "absent": a settled local position of this venue that the snapshot does not list
        // is gone. One that just changed is spared (the venue may not show it yet); unsettled fills stay on top.
        foreach (var position in _portfolio.Positions)
        {
            var instrument = position.Instrument;
            if (position.IsFlat || !string.Equals(instrument.Id.Venue, snapshot.Venue, StringComparison.Ordinal) || snapshot.Positions.ContainsKey(instrument.Id)) continue;
            var settled = _portfolio.SettledQuantity(instrument);
            if (settled.Raw == 0 || JustChanged(instrument, requested)) continue;
            mismatches++;
            var local = position.Quantity;
            Finding(ReconciliationIssue.PositionGone, default, $"{instrument.Id}: {local} locally, none on {snapshot.Venue}: flattened locally");
            _alerts.Raise("position_gone", AlertSeverity.Warning, $"{instrument.Id}: the venue no longer holds the {local} this engine had; flattened locally", instrument.Id.ToString());
            _portfolio.AdjustPosition(instrument, local - settled, now);
        }

        PushAccount();
        _exitCheck.OnReconciled(snapshot.RequestId, mismatches);
        if (_frozen && _live.Count == 0) FreezeStep();
    }

    // A position that changed within the grace may not show at the venue yet.
    private bool JustChanged(Instrument instrument, long requestedTicks) =>
        instrument.Index < _lastFillTicks.Length && _lastFillTicks[instrument.Index] > requestedTicks - Options.ReconcileGrace.Ticks;

    private static Dictionary<string, SettlementState>? SettlementsByFill(AccountSnapshot snapshot)
    {
        if (snapshot.Settlements is not { Count: > 0 } list) return null;
        var map = new Dictionary<string, SettlementState>(list.Count, StringComparer.Ordinal);
        foreach (var (fill, state) in list) map[fill.TradeId] = state;
        return map;
    }

    /// <summary>
    /// Asks every venue for one more account snapshot after the last order closed, to count the instruments whose
    /// position differs from the venue's (<see cref="PositionMismatchesAtExit"/>; it must be 0). The differences are
    /// repaired as in any reconciliation.
    /// </summary>
    public void RequestExitCheck()
    {
        var ids = new List<long>();
        long before = _nextReconcileId;
        RequestReconciliation();
        for (long id = before + 1; id <= _nextReconcileId; id++) ids.Add(id);
        _exitCheck.Expect(ids);
    }

    /// <summary>
    /// The run is ending: when the current freeze has closed every order, run the exit check
    /// (<see cref="RequestExitCheck"/>).
    /// </summary>
    public void CheckPositionsWhenFrozen() => _checkPositionsAtFreezeEnd = true;

    /// <summary>True once every venue answered the exit check with a complete snapshot (or no check was asked for).</summary>
    public bool ExitCheckDone => _exitCheck.Done;

    /// <summary>
    /// Instruments whose position differed from the venue's in the exit check's reconciliation (before its repair);
    /// null when no exit check completed.
    /// </summary>
    public int? PositionMismatchesAtExit => _exitCheck.Mismatches;

    private static string VenueOf(Order order) => order.Instrument.Venue;

    // ───────────────────────────── freeze: cancel everything, prove it ─────────────────────────────

    /// <summary>
    /// Cancels everything: a bulk cancel-all first, then per-order cancels with retry for what is left, then
    /// reconciliation; repeats every <see cref="OrderManagerOptions.FreezeRetryInterval"/> until no order is live. An order
    /// still live after <see cref="OrderManagerOptions.CancelAllDeadline"/> raises a CRITICAL alert and HALTS trading.
    /// </summary>
    public void Freeze(string reason)
    {
        if (!_venuesStarted)
        {
            // Halted before the venues connected (kill switch or restored halt at start): nothing of ours can be open
            // yet, and adapters must not be called before they start; the freeze runs when they have.
            _freezeAtStart ??= reason;
            return;
        }

        var now = _time.GetUtcNow();
        bool first = !_frozen;
        if (first)
        {
            _frozen = true;
            _freezeStartedTicks = now.UtcTicks;
            _freezeReason = reason;
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("freeze", ("reason", reason), ("live", _live.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }

        foreach (var client in _venues.Values) client.CancelAll();
        foreach (var id in _live.IdsSnapshot())
        {
            if (!_live.TryGet(id, out var order)) continue;
            var result = order.RequestCancel(now);
            if (result.IsApplied && result.StatusChanged) OrderChanged?.Invoke(order, result);
        }

        // One retry chain per freeze: a second freeze request (say, the halt that a stuck freeze causes) only re-sends the bulk cancel.
        if (first) _loop?.ScheduleTimer(Options.FreezeRetryInterval, TimeSpan.Zero, TimerFreeze);
    }

    private void FreezeStep()
    {
        if (!_frozen) return;
        var now = _time.GetUtcNow();
        if (_live.Count == 0)
        {
            // Asked before the freeze ends: a host waiting for "not frozen" then sees the check outstanding.
            if (_checkPositionsAtFreezeEnd)
            {
                _checkPositionsAtFreezeEnd = false;
                RequestExitCheck();
            }

            _frozen = false;
            _alerts.Clear("cancel_all_stuck");
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("freeze_complete", ("reason", _freezeReason))));
            return;
        }

        foreach (var id in _live.IdsSnapshot())
            if (_live.TryGet(id, out var order))
            {
                order.RequestCancel(now);
                _cancels.Send(order);
            }

        RequestReconciliation();
        if (now.UtcTicks - _freezeStartedTicks > Options.CancelAllDeadline.Ticks)
        {
            _alerts.Raise("cancel_all_stuck", AlertSeverity.Critical,
                $"{_live.Count} order(s) still open {Options.CancelAllDeadline.TotalSeconds:0}s after a freeze ({_freezeReason}); HALTED, still cancelling");
            if (Gate.State != TradingState.Halted) Gate.SetManualState(TradingState.Halted, "cancel_all_stuck");
        }

        _loop?.ScheduleTimer(Options.FreezeRetryInterval, TimeSpan.Zero, TimerFreeze);
    }
}
