using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Reports a venue that is not taking our orders, for as long as it lasts: restarting (HTTP 425 or a Restarting
/// status: <c>venue_restarting</c>), cancel-only (HTTP 503 or a CancelOnly status: <c>venue_cancel_only</c>), rate
/// limiting us (HTTP 429: <c>rate_limited</c>) or its adapter's submit circuit breaker open after a storm of failed
/// submits (a <see cref="VenueState.CircuitOpen"/> status: <c>circuit_open</c>). Each is a WARNING keyed by venue that escalates to CRITICAL once the episode has lasted
/// <see cref="OperationalWatchOptions.VenueDownCriticalAfter"/>, and clears when requests succeed again.
/// </summary>
/// <remarks>
/// <para>"Requests succeed again" means a normal answer from the venue: an order accepted, a cancel confirmed or
/// refused, a per-order reject for a reason of its own, or a complete account snapshot. Cancel-only ends with an
/// accepted order or the venue's Live status (queries and cancels work during cancel-only, so they prove nothing).
/// Rate limiting and the open circuit end only after a minute without a 429 (without the circuit open, as the gate
/// mirrors the adapter's breaker):
/// 429s scattered among good answers are one episode, not an alert raised and cleared every second.</para>
/// <para>CRITICAL means the engine has acted: every submit to the venue is already refused at the gate (circuit open,
/// cancel-only) while cancels and reconciliation keep being retried; past the threshold the resting orders may be
/// beyond reach and a human should look. Runs on the event loop.</para>
/// </remarks>
public sealed class VenueAvailabilityWatch
{
    /// <summary>The venue's matching engine is restarting.</summary>
    public const string Restarting = "venue_restarting";

    /// <summary>The venue accepts cancels only.</summary>
    public const string CancelOnly = "venue_cancel_only";

    /// <summary>The venue is rate limiting us (the order manager raises it on each 429; this watch escalates and clears it).</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The adapter's submit circuit breaker opened (raised, escalated and cleared here from the adapter's status).</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>How long 429s (or the open circuit) must stay away before the episode can end.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(1);

    private readonly RiskGate _gate;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OperationalWatchOptions _options;
    private readonly List<Episode> _episodes = [];

    /// <summary>Creates the watch.</summary>
    public VenueAvailabilityWatch(RiskGate gate, AlertCenter alerts, TimeProvider time, OperationalWatchOptions options)
    {
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>One episode of one condition on one venue.</summary>
    private sealed class Episode(string venue, string code, long since)
    {
        public readonly string Venue = venue;
        public readonly string Code = code;
        public readonly long Since = since;
        public long HoldUntil = since;
        public bool Critical;
        public string What = "";
    }

    /// <summary>True while an episode of <paramref name="code"/> is open on <paramref name="venue"/>.</summary>
    public bool IsOpen(string code, string venue) => Find(code, venue) is not null;

    /// <summary>A request failed as a whole (called after the order manager handled it).</summary>
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        long now = _time.GetUtcNow().UtcTicks;
        string venue = failure.Venue;
        if (failure.HttpStatus == 425 || failure.Reason == RejectReason.VenueRestarting)
            Begin(Restarting, venue, now, 0, "its matching engine is restarting (425): submits paused, cancels retried");
        else if (failure.HttpStatus == 503 || failure.Reason == RejectReason.CancelOnly)
            Begin(CancelOnly, venue, now, 0, "it accepts cancels only (503): submits refused");
        else if (failure.HttpStatus == 429 || failure.Reason == RejectReason.RateLimited)
            Begin(RateLimited, venue, now, Math.Max(QuietPeriod.Ticks, (failure.RetryAfter ?? TimeSpan.Zero).Ticks), "it is rate limiting us (429): submits paused");
    }

    /// <summary>A venue state change.</summary>
    public void OnVenueStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        long now = _time.GetUtcNow().UtcTicks;
        switch (status.State)
        {
            case VenueState.Restarting:
                Begin(Restarting, status.Venue, now, 0, "its matching engine is restarting: submits paused, cancels retried");
                break;
            case VenueState.CancelOnly:
                Begin(CancelOnly, status.Venue, now, 0, "it accepts cancels only: submits refused");
                break;
            case VenueState.Live:
                End(CancelOnly, status.Venue, now);
                break;
            case VenueState.CircuitOpen:
                Begin(CircuitOpen, status.Venue, now, QuietPeriod.Ticks, "its submit circuit breaker opened after a storm of failed submits: submits refused");
                break;
        }
    }

    /// <summary>A venue report (called after the order manager applied it) with the order's status before it.</summary>
    public void OnReport(ExecutionReport report, OrderStatus? before)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool answered = report.Kind switch
        {
            ExecutionReportKind.Accepted => true,
            ExecutionReportKind.Rejected => report.Reason is not (RejectReason.VenueRestarting or RejectReason.CancelOnly or RejectReason.RateLimited
                or RejectReason.Timeout or RejectReason.VenueError),
            ExecutionReportKind.Cancelled => before == OrderStatus.PendingCancel,
            ExecutionReportKind.CancelRejected or ExecutionReportKind.NotFound => true,
            _ => false,
        };
        if (answered) Answered(report.Instrument.Venue, submitWorked: report.Kind == ExecutionReportKind.Accepted);
    }

    /// <summary>A reconciliation snapshot: a complete one is a query the venue answered.</summary>
    public void OnSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Complete) Answered(snapshot.Venue, submitWorked: false);
    }

    /// <summary>Escalates long episodes; keeps a circuit episode alive while the circuit is open (housekeeping).</summary>
    public void Tick()
    {
        long now = _time.GetUtcNow().UtcTicks;
        foreach (var e in _episodes)
        {
            if (e.Code == CircuitOpen && _gate.IsCircuitOpen(e.Venue)) e.HoldUntil = Math.Max(e.HoldUntil, now + QuietPeriod.Ticks);
            if (e.Critical || now - e.Since < _options.VenueDownCriticalAfter.Ticks) continue;
            e.Critical = true;
            _alerts.Raise(e.Code, AlertSeverity.Critical, Message(e, now), e.Venue);
        }
    }

    private void Answered(string venue, bool submitWorked)
    {
        if (_episodes.Count == 0) return;
        long now = _time.GetUtcNow().UtcTicks;
        End(Restarting, venue, now);
        if (submitWorked) End(CancelOnly, venue, now);
        End(RateLimited, venue, now);
        if (!_gate.IsCircuitOpen(venue)) End(CircuitOpen, venue, now);
    }

    private void Begin(string code, string venue, long now, long hold, string what)
    {
        var e = Find(code, venue);
        if (e is null)
        {
            e = new Episode(venue, code, now) { What = what };
            _episodes.Add(e);
            _alerts.Raise(code, AlertSeverity.Warning, Message(e, now), venue);
        }

        e.HoldUntil = Math.Max(e.HoldUntil, now + hold);
    }

    private void End(string code, string venue, long now)
    {
        var e = Find(code, venue);
        if (e is null || now < e.HoldUntil) return;
        _episodes.Remove(e);
        _alerts.Clear(code, venue);
    }

    private Episode? Find(string code, string venue)
    {
        foreach (var e in _episodes)
            if (e.Code == code && string.Equals(e.Venue, venue, StringComparison.Ordinal)) return e;
        return null;
    }

    private static string Message(Episode e, long now) => now == e.Since
        ? $"{e.Venue}: {e.What}"
        : string.Create(CultureInfo.InvariantCulture, $"{e.Venue}: {e.What}, for {TimeSpan.FromTicks(now - e.Since).TotalMinutes:0.#} min");
}
