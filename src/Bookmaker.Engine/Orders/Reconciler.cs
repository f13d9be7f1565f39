using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Compares the venues' account snapshots with our orders and positions and repairs every difference, each as a
/// journaled finding: fills we missed, settlement steps, open orders we do not know (cancelled), pending orders found
/// live, live orders the venue does not have (closed), cash and positions (the venue's adopted). Also when to ask: the
/// periodic and "soon" requests, the trade cursor that tells history from fills of this run, and the exit check.
/// </summary>
/// <remarks>
/// Runs on the event loop only. Reports it derives (a missed fill, a pending order found live, a FAILED trade) go
/// through <see cref="OrderManager.OnExecutionReport"/> like any venue report, so they take the same road to the
/// ledger, the gate, the journal and the strategies.
/// </remarks>
internal sealed class Reconciler
{
    private readonly OrderManager _owner;
    private readonly LiveOrders _live;
    private readonly IReadOnlyDictionary<string, IExecutionClient> _venues;
    private readonly InstrumentRegistry _instruments;
    private readonly PortfolioBook _portfolio;
    private readonly FillBooking _booking;
    private readonly ReconciliationFindings _findings;
    private readonly CancelPacer _cancels;
    private readonly Func<bool> _frozen;
    private readonly IJournal _journal;
    private readonly JournalPayload _payload;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OrderManagerOptions _options;
    private readonly OrderManagerStats _stats;
    private readonly OrderTimers _timers;
    private readonly ExitPositionCheck _exitCheck = new();
    private readonly Dictionary<long, long> _requestedTicks = [];
    private readonly HashSet<string> _historyReported = new(StringComparer.Ordinal);
    // The trade cursor: trades of unknown orders older than this are history (set by a restore, or at start).
    private long _fillCursorTicks;
    private long _lastFillSeenTicks;
    private long _nextRequestId;
    private bool _soonScheduled;

    /// <summary>Creates the reconciler; <paramref name="frozen"/> says whether a freeze is cancelling everything.</summary>
    public Reconciler(OrderManager owner, LiveOrders live, IReadOnlyDictionary<string, IExecutionClient> venues, InstrumentRegistry instruments,
        PortfolioBook portfolio, FillBooking booking, ReconciliationFindings findings, CancelPacer cancels, Func<bool> frozen, IJournal journal,
        JournalPayload payload, AlertCenter alerts, TimeProvider time, OrderManagerOptions options, OrderManagerStats stats, OrderTimers timers)
    {
        _owner = owner;
        _live = live;
        _venues = venues;
        _instruments = instruments;
        _portfolio = portfolio;
        _booking = booking;
        _findings = findings;
        _cancels = cancels;
        _frozen = frozen;
        _journal = journal;
        _payload = payload;
        _alerts = alerts;
        _time = time;
        _options = options;
        _stats = stats;
        _timers = timers;
    }

    /// <summary>Account snapshots received (complete or not).</summary>
    public int SnapshotsReceived { get; private set; }

    /// <summary>Venues whose clients answer account snapshots.</summary>
    public IEnumerable<string> ReconcilingVenues => _venues.Where(v => v.Value.AnswersAccountSnapshots).Select(v => v.Key);

    /// <summary>True once every venue answered the exit check (or none was asked for).</summary>
    public bool ExitCheckDone => _exitCheck.Done;

    /// <summary>Differing positions found by the exit check; null before it completed.</summary>
    public int? PositionMismatchesAtExit => _exitCheck.Mismatches;

    /// <summary>The venues are connected: without a restored cursor, the account's trades from before now are history.</summary>
    public void StartTradeCursor()
    {
        if (_fillCursorTicks == 0) _fillCursorTicks = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>A restore replayed fills up to <paramref name="lastFillTicks"/>: older venue trades are history.</summary>
    public void RestoreTradeCursor(long lastFillTicks)
    {
        if (lastFillTicks > _lastFillSeenTicks) _lastFillSeenTicks = lastFillTicks;
        _fillCursorTicks = Math.Max(lastFillTicks + 1, _fillCursorTicks);
    }

    /// <summary>Asks every venue for open orders, balances, positions and recent fills.</summary>
    public void Request()
    {
        var now = _time.GetUtcNow();
        long from = _lastFillSeenTicks > 0 ? _lastFillSeenTicks - TimeSpan.FromMinutes(5).Ticks : now.UtcTicks - TimeSpan.FromHours(24).Ticks;
        foreach (var client in _venues.Values)
        {
            long id = ++_nextRequestId;
            _requestedTicks[id] = now.UtcTicks;
            client.RequestAccountSnapshot(id, new DateTimeOffset(Math.Max(0, from), TimeSpan.Zero));
        }
    }

    /// <summary>Asks every venue for an account snapshot in 500 ms (once, however often it is called meanwhile).</summary>
    public void RequestSoon()
    {
        if (_soonScheduled || !_timers.IsAttached) return;
        _soonScheduled = true;
        _timers.Once(TimeSpan.FromMilliseconds(500), OrderManager.TimerReconcileSoon);
    }

    /// <summary>
    /// The "soon" timer fired: the request goes out and the next <see cref="RequestSoon"/> may schedule again. Cleared
    /// here rather than when a snapshot arrives, because a venue that never answers (down, or the query failed) would
    /// otherwise leave every later "soon" a no-op until the periodic reconciliation happened to get an answer.
    /// </summary>
    public void OnSoonTimer()
    {
        _soonScheduled = false;
        Request();
    }

    /// <summary>Asks for one more snapshot per venue and counts the positions that differ from the venues' in it.</summary>
    public void RequestExitCheck()
    {
        var ids = new List<long>();
        long before = _nextRequestId;
        Request();
        for (long id = before + 1; id <= _nextRequestId; id++) ids.Add(id);
        _exitCheck.Expect(ids);
    }

    /// <summary>
    /// Compares a venue snapshot with local state and repairs every difference. An incomplete snapshot repairs nothing
    /// (acting on half a picture could cancel or duplicate good orders). Returns true when the snapshot was complete.
    /// </summary>
    public bool Reconcile(AccountSnapshot snapshot)
    {
        SnapshotsReceived++;
        if (!snapshot.Complete)
        {
            _findings.Add(ReconciliationIssue.IncompleteSnapshot, default, $"{snapshot.Venue} snapshot {snapshot.RequestId} incomplete: nothing repaired");
            _alerts.Raise("reconcile_incomplete", AlertSeverity.Warning, $"{snapshot.Venue} returned an incomplete account snapshot", snapshot.Venue);
            return false;
        }

        _alerts.Clear("reconcile_incomplete", snapshot.Venue);
        long requested = _requestedTicks.Remove(snapshot.RequestId, out long t) ? t : snapshot.Timestamp.UtcTicks;
        var now = _time.GetUtcNow();
        ApplyFills(snapshot, now);
        var venueOpen = MatchOpenOrders(snapshot, now);
        CloseMissingOrders(snapshot, venueOpen, requested, now);
        if (snapshot.Cash != _portfolio.Cash)
        {
            _findings.Add(ReconciliationIssue.CashMismatch, default, $"cash {_portfolio.Cash} locally, {snapshot.Cash} on {snapshot.Venue}: adopted the venue's");
            _portfolio.AdjustCash(snapshot.Cash);
        }

        int mismatches = AdoptPositions(snapshot, requested, now);
        _booking.PushAccount();
        _exitCheck.OnReconciled(snapshot.RequestId, mismatches);
        return true;
    }

    // 1. Fills we have not seen (the order manager and portfolio deduplicate by trade id). A trade of an order we do not
    //    know that is older than the trade cursor is history — the account's, or an earlier run's already in the
    //    journal — never a fill of this run: the position it made is adopted from the venue's balances in step 4.
    // 1b. Settlement steps the streams may have missed: a FAILED trade is reversed (after the finished-order cache
    //     window and after a restart too), the others move their fills along the ladder.
    private void ApplyFills(AccountSnapshot snapshot, DateTimeOffset now)
    {
        int history = 0;
        var states = SettlementsByFill(snapshot);
        foreach (var fill in snapshot.FillsSince)
        {
            if (fill.Timestamp.UtcTicks > _lastFillSeenTicks) _lastFillSeenTicks = fill.Timestamp.UtcTicks;
            var order = _owner.Find(fill.OrderId);
            if (order is not null && order.Fills.Any(f => string.Equals(f.TradeId, fill.TradeId, StringComparison.Ordinal))) continue;
            if (order is null && _portfolio.HasApplied(fill)) continue;
            if (order is null && fill.Timestamp.UtcTicks < _fillCursorTicks)
            {
                history++;
                continue;
            }

            if (_booking.RefuseInvalid(fill.OrderId, fill)) continue; // not "applied from reconciliation": it never is
            // A fill of an unknown order gets its finding where it is applied (the order manager's unknown-order path), once.
            if (order is not null) _findings.Add(ReconciliationIssue.MissedFill, fill.OrderId, $"fill {fill.TradeId} {fill.Side} {fill.Size}@{fill.Price} applied from reconciliation");
            var settlement = states?.GetValueOrDefault(fill.TradeId, SettlementState.Confirmed) ?? SettlementState.Confirmed;
            if (settlement == SettlementState.Failed) continue;
            _owner.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, fill.OrderId, fill.Instrument, null, RejectReason.None, "reconciled", fill, null, now, null, settlement));
        }

        foreach (var (fill, state) in snapshot.Settlements ?? [])
        {
            if (state == SettlementState.Failed)
            {
                bool booked = _portfolio.HasApplied(fill) || _portfolio.FindFill(fill.Instrument, fill.TradeId) is not null;
                if (!booked) continue;
                _findings.Add(ReconciliationIssue.FailedTrade, fill.OrderId, $"trade {fill.TradeId} on {fill.Instrument} is FAILED on {snapshot.Venue}: its fill reversed");
                _owner.OnExecutionReport(new ExecutionReport(ExecutionReportKind.FillReversed, fill.OrderId, fill.Instrument, null, RejectReason.VenueError, "reconciled: trade FAILED", fill, null, now));
            }
            else
            {
                _owner.OnExecutionReport(new ExecutionReport(ExecutionReportKind.SettlementChanged, fill.OrderId, fill.Instrument, null, RejectReason.None, "reconciled", fill, null, now, null, state));
            }
        }

        if (history > 0 && _historyReported.Add(snapshot.Venue))
            _findings.Add(ReconciliationIssue.HistoryTrades, default, $"{history} {snapshot.Venue} trade(s) of orders this engine does not know, older than the trade cursor: history, not fills of this run");
    }

    // 2. Venue open orders: unknown or closed ones are cancelled at the venue, pending ones acknowledged.
    private HashSet<ClientOrderId> MatchOpenOrders(AccountSnapshot snapshot, DateTimeOffset now)
    {
        var venueOpen = new HashSet<ClientOrderId>();
        foreach (var vo in snapshot.OpenOrders)
        {
            venueOpen.Add(vo.OrderId);
            if (vo.OrderId.IsEmpty || _owner.Find(vo.OrderId) is not { } order)
            {
                _findings.Add(ReconciliationIssue.UnknownVenueOrder, vo.OrderId, $"unknown open order {vo.VenueOrderId} on {vo.Instrument}: cancelling it");
                if (_venues.TryGetValue(snapshot.Venue, out var c)) c.Cancel(vo.OrderId, vo.Instrument, vo.VenueOrderId);
                continue;
            }

            if (order.Status.IsFinal())
            {
                _findings.Add(ReconciliationIssue.ClosedOrderStillOpen, order.Id, $"{order.Id} is {order.Status} locally but open on the venue: cancelling it");
                if (_venues.TryGetValue(snapshot.Venue, out var c)) c.Cancel(order.Id, order.Instrument, vo.VenueOrderId);
                continue;
            }

            if (!order.IsAcknowledged)
            {
                _findings.Add(ReconciliationIssue.PendingFoundLive, order.Id, $"{order.Id} was pending and is live on the venue");
                _owner.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, order.Id, order.Instrument, vo.VenueOrderId, RejectReason.None, "reconciled", null, null, now));
            }

            if (order.Status == OrderStatus.PendingCancel && _frozen()) _cancels.Send(order);
        }

        return venueOpen;
    }

    // 3. Local live orders the venue does not have: closed (or never arrived). Young orders are skipped: their request
    //    may have crossed the snapshot request on the wire.
    private void CloseMissingOrders(AccountSnapshot snapshot, HashSet<ClientOrderId> venueOpen, long requested, DateTimeOffset now)
    {
        foreach (var id in _live.IdsSnapshot())
        {
            if (!_live.TryGet(id, out var order) || venueOpen.Contains(id)) continue;
            if (!order.Instrument.Venue.Equals(snapshot.Venue, StringComparison.Ordinal)) continue;
            // Orders re-tracked from the journal after a restart are never young: their request left before the crash.
            if (!_live.IsRestored(id) && order.CreatedAt.UtcTicks > requested - _options.ReconcileGrace.Ticks) continue;
            var before = order.Status;
            var instrument = _instruments.Get(order.Instrument);
            var result = order.ReachedVenue || order.Status == OrderStatus.PendingCancel
                ? order.ApplyCancelled(now)
                : order.ApplyRejected(RejectReason.Timeout, now);
            if (!result.IsApplied) continue;
            _findings.Add(ReconciliationIssue.LocalOrderMissing, id, $"{id} ({before}) is not open on the venue: now {order.Status}");
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, id.Value, order.Instrument.ToString(),
                _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", "reconciliation"))));
            if (order.Status == OrderStatus.Rejected) _stats.Rejected++;
            _owner.Close(order, instrument);
            _owner.Changed(order, result);
        }
    }

    // 4. Balances and positions: the venue is the source of truth. Returns how many positions differed.
    private int AdoptPositions(AccountSnapshot snapshot, long requested, DateTimeOffset now)
    {
        // The venue's balance moves when a trade settles: it is compared with the ledger's settled view (the position
        // less unsettled buys, plus unsettled sells), and a repair keeps the unsettled fills on top of the venue's figure.
        int mismatches = 0;
        foreach (var (instrumentId, qty) in snapshot.Positions)
        {
            if (!_instruments.TryGet(instrumentId, out var instrument)) continue;
            var settled = _portfolio.SettledQuantity(instrument);
            if (settled == qty) continue;
            if (qty.Raw == 0 && settled.Raw != 0 && _booking.JustChanged(instrument, requested, _options.ReconcileGrace)) continue;
            var local = _portfolio.GetPosition(instrument)?.Quantity ?? Quantity.Zero;
            var corrected = qty + (local - settled);
            // The first snapshot of a run meeting a token this engine never held is the account's opening inventory:
            // adopted and journaled, but no mismatch — nothing the engine believed was wrong.
            if (SnapshotsReceived == 1 && _portfolio.GetPosition(instrument) is null)
            {
                _findings.Add(ReconciliationIssue.PositionMismatch, default, $"{instrumentId}: {qty} on the venue at start: adopted as the opening position");
                _portfolio.AdjustPosition(instrument, corrected, now);
                continue;
            }

            mismatches++;
            _findings.Add(ReconciliationIssue.PositionMismatch, default, $"{instrumentId}: {settled} settled locally, {qty} on the venue: position {local} corrected to {corrected}");
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
            if (settled.Raw == 0 || _booking.JustChanged(instrument, requested, _options.ReconcileGrace)) continue;
            mismatches++;
            var local = position.Quantity;
            _findings.Add(ReconciliationIssue.PositionGone, default, $"{instrument.Id}: {local} locally, none on {snapshot.Venue}: flattened locally");
            _alerts.Raise("position_gone", AlertSeverity.Warning, $"{instrument.Id}: the venue no longer holds the {local} this engine had; flattened locally", instrument.Id.ToString());
            _portfolio.AdjustPosition(instrument, local - settled, now);
        }

        return mismatches;
    }

    private static Dictionary<string, SettlementState>? SettlementsByFill(AccountSnapshot snapshot)
    {
        if (snapshot.Settlements is not { Count: > 0 } list) return null;
        var map = new Dictionary<string, SettlementState>(list.Count, StringComparer.Ordinal);
        foreach (var (fill, state) in list) map[fill.TradeId] = state;
        return map;
    }
}
