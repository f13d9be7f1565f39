using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Halts trading when cancels stop working: <see cref="OperationalWatchOptions.CancelFailuresToHalt"/> failed cancels on
/// one venue within <see cref="OperationalWatchOptions.CancelFailureWindow"/>, with no cancel confirmed in between, raise
/// the CRITICAL <c>cancels_failing</c> (key = venue) and HALT (reason <c>cancels_failing</c>; the halt freezes, so the
/// engine keeps cancelling). A failure is a cancel, cancel-all or cancel-market request that failed as a whole (any
/// status, timeouts included) or the venue refusing the cancel of an order we hold PendingCancel for a venue-side reason
/// (error, restarting, rate limit, timeout, market unavailable, unauthorized). A refusal because the order is gone —
/// "not found or already canceled", which is how venues answer a cancel that crossed a fill — is a race, not a
/// failure. The first cancel the venue confirms clears the alert and the count; the halt stays until an operator
/// resumes, like every halt.
/// </summary>
/// <remarks>
/// Quoting into a venue that cannot take our quotes back is how a market maker loses money without noticing: without
/// this watch, 3,150 failed cancels in 30 simulated minutes left the engine ACTIVE and quoting. A confirmed cancel
/// resets the count so an occasional 500 among thousands of good cancels does not halt. Runs on the event loop.
/// </remarks>
public sealed class CancelFailureWatch
{
    /// <summary>Alert code and halt reason.</summary>
    public const string Code = "cancels_failing";

    private readonly RiskGate _gate;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OperationalWatchOptions _options;
    private readonly Dictionary<string, Queue<long>> _failures = new(StringComparer.Ordinal);

    /// <summary>Creates the watch.</summary>
    public CancelFailureWatch(RiskGate gate, AlertCenter alerts, TimeProvider time, OperationalWatchOptions options)
    {
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Cancel failures of <paramref name="venue"/> counted in the current window.</summary>
    public int FailuresInWindow(string venue) => _failures.TryGetValue(venue, out var q) ? q.Count : 0;

    /// <summary>A request failed as a whole: counts it when it was a cancel of any kind.</summary>
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Endpoint is not (VenueEndpoint.Cancel or VenueEndpoint.CancelAll or VenueEndpoint.CancelMarket)) return;
        string what = string.Create(CultureInfo.InvariantCulture,
            $"{failure.Endpoint} answered {(failure.HttpStatus == 0 ? "nothing (timeout)" : failure.HttpStatus.ToString(CultureInfo.InvariantCulture))}");
        Fail(failure.Venue, what);
    }

    /// <summary>
    /// A venue report about an order whose status was <paramref name="before"/>: a refused cancel of a live order is a
    /// failure; a cancel the venue confirmed (the order was PendingCancel and the venue cancelled it) is a success.
    /// </summary>
    public void OnReport(ExecutionReport report, OrderStatus? before)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Only cancels we asked for: a refused cancel of an order that already filled is a race, not a failure.
        if (before != OrderStatus.PendingCancel) return;
        string venue = report.Instrument.Venue;
        if (report.Kind == ExecutionReportKind.CancelRejected && IsVenueSide(report.Reason))
            Fail(venue, "cancel refused: " + (string.IsNullOrEmpty(report.Text) ? report.Reason.ToString() : report.Text));
        else if (report.Kind == ExecutionReportKind.Cancelled && report.Reason == RejectReason.None)
            Confirmed(venue);
    }

    // Reasons that say the venue could not do it; anything else (RejectReason.Other on every venue we know: "order not
    // found or already canceled") means the order had already filled or gone when the cancel arrived.
    private static bool IsVenueSide(RejectReason reason) => reason is RejectReason.VenueError or RejectReason.VenueRestarting
        or RejectReason.RateLimited or RejectReason.Timeout or RejectReason.MarketUnavailable or RejectReason.Unauthorized;

    private void Fail(string venue, string what)
    {
        long now = _time.GetUtcNow().UtcTicks;
        if (!_failures.TryGetValue(venue, out var q)) _failures[venue] = q = new Queue<long>();
        q.Enqueue(now);
        while (q.Count > 0 && now - q.Peek() > _options.CancelFailureWindow.Ticks) q.Dequeue();
        if (q.Count < _options.CancelFailuresToHalt) return;

        bool halt = _gate.State != TradingState.Halted;
        if (!_alerts.IsActive(Code, venue) || halt)
        {
            _alerts.Raise(Code, AlertSeverity.Critical, string.Create(CultureInfo.InvariantCulture,
                $"{q.Count} cancel failures on {venue} within {_options.CancelFailureWindow.TotalSeconds:0}s and none confirmed (last: {what}): HALTED, still cancelling"), venue);
        }

        if (halt) _gate.SetManualState(TradingState.Halted, Code);
    }

    private void Confirmed(string venue)
    {
        if (_failures.TryGetValue(venue, out var q)) q.Clear();
        _alerts.Clear(Code, venue);
    }
}
