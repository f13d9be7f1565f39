using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Applies one venue report to our orders: the order's state machine takes it (illegal transitions are journaled
/// notes, duplicates ignored), a fill is journaled and booked (<see cref="FillBooking"/>), the new state is journaled,
/// a final order is closed, a repeating reject holds its market, and the change is announced. Settlement steps and
/// FAILED trades concern a fill of the ledger whether or not its order is still known; a fill of an order we never
/// knew is booked all the same (money is money) and left to reconciliation.
/// </summary>
/// <remarks>Runs on the event loop only, called by <see cref="OrderManager.OnExecutionReport"/> inside the gate's hold.</remarks>
internal sealed class ExecutionReports
{
    private readonly OrderManager _owner;
    private readonly InstrumentRegistry _instruments;
    private readonly RiskGate _gate;
    private readonly FillBooking _booking;
    private readonly OrderAmends _amends;
    private readonly ReconciliationFindings _findings;
    private readonly SlippageWatch _slippage;
    private readonly FinishedOrders _finished;
    private readonly IJournal _journal;
    private readonly JournalPayload _payload;
    private readonly TimeProvider _time;
    private readonly OrderManagerOptions _options;
    private readonly OrderManagerStats _stats;

    /// <summary>Creates the report path.</summary>
    public ExecutionReports(OrderManager owner, InstrumentRegistry instruments, RiskGate gate, FillBooking booking, OrderAmends amends, ReconciliationFindings findings,
        SlippageWatch slippage, FinishedOrders finished, IJournal journal, JournalPayload payload, TimeProvider time, OrderManagerOptions options,
        OrderManagerStats stats)
    {
        _owner = owner;
        _instruments = instruments;
        _gate = gate;
        _booking = booking;
        _amends = amends;
        _findings = findings;
        _slippage = slippage;
        _finished = finished;
        _journal = journal;
        _payload = payload;
        _time = time;
        _options = options;
        _stats = stats;
    }

    /// <summary>Applies <paramref name="report"/> (see the class summary).</summary>
    public void Apply(ExecutionReport report)
    {
        // Settlement steps and reversals concern a fill of the ledger, whether or not its order is still cached.
        if (report.Kind == ExecutionReportKind.SettlementChanged && report.Fill is { } stepped)
        {
            if (report.Settlement == SettlementState.Failed) ReverseFailedTrade(report with { Kind = ExecutionReportKind.FillReversed });
            else _booking.Settlement.OnStep(stepped, report.Settlement);
            return;
        }

        if (report.Kind == ExecutionReportKind.FillReversed && report.Fill is not null)
        {
            ReverseFailedTrade(report);
            return;
        }

        var order = _owner.Find(report.OrderId);
        if (order is null)
        {
            HandleUnknownOrderReport(report);
            return;
        }

        if (report.Kind == ExecutionReportKind.Filled && report.Fill is { } reported && _booking.RefuseInvalid(order.Id, reported)) return;

        var before = order.Status;
        var amendBefore = OrderAmends.Before(order);
        bool acceptedNow = report.Kind == ExecutionReportKind.Accepted && !order.IsAcknowledged;
        var result = order.Apply(report);
        if (result.IsIllegal)
        {
            _stats.IllegalTransitions++;
            _journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.Note, order.Id.Value, order.Instrument.ToString(),
                _payload.Text("illegal_transition", ("report", report.Kind.ToString()), ("status", before.ToString()), ("reason", result.Reason.ToString()))));
            return;
        }

        if (result.IsIgnored) return;
        if (acceptedNow && _gate.State == TradingState.Halted && order.Id.Value > _owner.LastIdBeforeHalt) _stats.AcceptedWhileHalted++;

        var instrument = _instruments.Get(order.Instrument);
        switch (report.Kind)
        {
            case ExecutionReportKind.Filled when report.Fill is not null:
                OnFill(order, instrument, report.Fill, result, report.Settlement, amendBefore);
                break;
            case ExecutionReportKind.Amended:
                _amends.OnAmended(order, amendBefore, instrument, report);
                break;
            case ExecutionReportKind.AmendRejected:
                _amends.OnAmendRejected(order, amendBefore, instrument, report);
                break;
            case ExecutionReportKind.NotFound when order.NotFoundCount >= _options.NotFoundThreshold && order.Status.IsLive():
                GiveUp(order, instrument, $"venue did not know the order {order.NotFoundCount} times");
                return;
        }

        if (result.StatusChanged)
        {
            _journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.OrderState, order.Id.Value, order.Instrument.ToString(),
                _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", report.Reason == RejectReason.None ? "" : report.Reason.ToString()), ("venue_text", report.Text ?? ""))));
            if (order.Status == OrderStatus.Rejected) _stats.Rejected++;
            if (order.Status.IsFinal()) _owner.Close(order, instrument);
        }

        if (acceptedNow) _gate.OnOrderAccepted(instrument);
        else if (report.Kind == ExecutionReportKind.Rejected && result.StatusChanged && order.Status == OrderStatus.Rejected && RepeatsIfResent(report.Reason))
            HoldMarket(order, instrument, report);
        _owner.Changed(order, result);
    }

    /// <summary>
    /// Rejects the venue would give again to the same order: a wrong tick (until the tick is re-read), a balance the
    /// venue does not see yet, a refusal of our credentials or address (403 included), a market that no longer takes
    /// orders. Re-sending them at every requote only burns the rate limit (and invites a ban).
    /// </summary>
    private static bool RepeatsIfResent(RejectReason reason) =>
        reason is RejectReason.InvalidTick or RejectReason.InsufficientBalance or RejectReason.Unauthorized or RejectReason.MarketUnavailable;

    private void HoldMarket(Order order, Instrument instrument, ExecutionReport report)
    {
        var hold = _gate.OnRepeatingReject(instrument, order.CreatedAt);
        _journal.Append(new JournalEntry(report.Timestamp.UtcTicks, JournalKind.Note, order.Id.Value, order.Instrument.ToString(),
            _payload.Text("reject_backoff", ("market", ClosedMarkets.MarketOf(instrument)), ("reason", report.Reason.ToString()),
                ("hold_ms", ((long)hold.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("venue_text", report.Text ?? ""))));
    }

    private void OnFill(Order order, Instrument instrument, Fill fill, OrderTransitionResult result, SettlementState settlement, in AmendSnapshot amendBefore)
    {
        _stats.Fills++;
        if (result.IsLateFill) _stats.LateFills++;
        _journal.Append(new JournalEntry(fill.Timestamp.UtcTicks, JournalKind.Fill, order.Id.Value, order.Instrument.ToString(), _payload.Fill(fill, settlement)));
        // Live orders release the filled part of their commitment (both terms while an amend is in flight); finished
        // ones released everything at close.
        if (!_finished.Contains(order.Id) && !_amends.OnFill(amendBefore, instrument, fill)) _gate.OnCommitmentReleased(order.Request, instrument, fill.Size);
        _booking.Book(instrument, fill, settlement);
        _slippage.Check(order, fill);
        _owner.FilledApplied(order, fill);
    }

    /// <summary>
    /// A trade FAILED: its fill leaves the ledger (<see cref="FillBooking.Reverse"/>), then the order that made it, if
    /// still known, takes the reversal back (its filled size and commitment), journaled and announced.
    /// </summary>
    private void ReverseFailedTrade(ExecutionReport report)
    {
        var applied = _booking.Reverse(report.Fill!);
        if (applied is null) return;
        var instrument = _instruments.Get(applied.Instrument);
        var order = _owner.Find(applied.OrderId);
        if (order is null) return;
        var before = order.Status;
        var filledBefore = order.FilledSize;
        var result = order.ApplyFillReversed(applied.TradeId, report.Timestamp);
        if (result.IsIllegal) _stats.IllegalTransitions++;
        if (!result.IsApplied) return;
        if (order.Status.IsLive() && order.FilledSize < filledBefore)
            _gate.OnCommitmentReleased(order.Request, instrument, order.FilledSize - filledBefore);
        if (result.StatusChanged)
        {
            _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.OrderState, order.Id.Value, order.Instrument.ToString(),
                _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", "trade_failed"), ("venue_text", report.Text ?? ""))));
        }

        _owner.Changed(order, result);
    }

    private void GiveUp(Order order, Instrument instrument, string why)
    {
        var now = _time.GetUtcNow();
        var before = order.Status;
        // The venue keeps saying it does not know the order: it never rested (or is long gone). Treat as cancelled.
        var result = order.ApplyCancelled(now);
        if (!result.IsApplied) return;
        _findings.Add(ReconciliationIssue.NotFoundThreshold, order.Id, why);
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderState, order.Id.Value, order.Instrument.ToString(),
            _payload.Text(order.Status.ToString(), ("from", before.ToString()), ("reason", "not_found_threshold"))));
        _owner.Close(order, instrument);
        _owner.Changed(order, result);
    }

    private void HandleUnknownOrderReport(ExecutionReport report)
    {
        // An order we never tracked (or evicted long ago). Money is money: apply its fill — once it passes the checks a
        // known order's fill passes — and let reconciliation cancel the order.
        if (report.Kind == ExecutionReportKind.Filled && report.Fill is { } fill && !_booking.RefuseInvalid(report.OrderId, fill)
            && _instruments.TryGet(fill.Instrument, out var instrument))
        {
            _stats.Fills++;
            _journal.Append(new JournalEntry(fill.Timestamp.UtcTicks, JournalKind.Fill, report.OrderId.Value, fill.Instrument.ToString(), _payload.Fill(fill, report.Settlement)));
            _booking.Book(instrument, fill, report.Settlement);
            _findings.Add(ReconciliationIssue.FillForUnknownOrder, report.OrderId, $"fill {fill.TradeId} for unknown order {report.OrderId}");
            _owner.FilledApplied(null, fill);
        }
    }
}
