using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Books fills into the ledger and tells the gate what they did: the position, cash and P&amp;L move, the account
/// totals go to the gate (loss limits), a risk group back to flat feeds the consecutive-loss breaker with its round-trip
/// P&amp;L, a FAILED trade leaves the ledger again, settlement steps move along the ladder. Also the guard in front of
/// the ledger (a fill that cannot be real never reaches it) and the memory of when each position last changed, which
/// reconciliation reads to spare positions the venue may not show yet.
/// </summary>
/// <remarks>Runs on the event loop only. It changes no order: the order manager applies reports to orders.</remarks>
internal sealed class FillBooking
{
    private readonly InstrumentRegistry _instruments;
    private readonly PortfolioBook _portfolio;
    private readonly RiskGate _gate;
    private readonly IJournal _journal;
    private readonly JournalPayload _payload;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OrderManagerStats _stats;
    private readonly ReconciliationFindings _findings;
    private readonly HashSet<(ClientOrderId, string)> _refusedFills = [];
    // When each instrument's position last changed (fill, reversal, settlement step), by instrument index.
    private long[] _lastChangeTicks = [];

    /// <summary>Creates the booking path.</summary>
    public FillBooking(InstrumentRegistry instruments, PortfolioBook portfolio, RiskGate gate, IJournal journal, JournalPayload payload,
        AlertCenter alerts, TimeProvider time, OrderManagerStats stats, ReconciliationFindings findings)
    {
        _instruments = instruments;
        _portfolio = portfolio;
        _gate = gate;
        _journal = journal;
        _payload = payload;
        _alerts = alerts;
        _time = time;
        _stats = stats;
        _findings = findings;
        Settlement = new SettlementLadder(portfolio, instruments, journal, payload, alerts, time, TouchPosition);
    }

    /// <summary>The settlement ladder of unsettled fills.</summary>
    public SettlementLadder Settlement { get; }

    /// <summary>
    /// Applies <paramref name="fill"/> to the ledger (deduplicated by trade id there), pushes the account to the gate and,
    /// when the fill closed its risk group's round trip, hands the gate the round trip's P&amp;L.
    /// </summary>
    public void Book(Instrument instrument, Fill fill, SettlementState settlement)
    {
        TouchPosition(instrument);
        int group = _portfolio.RiskGroupOf(instrument).Index;
        bool wasOpen = _portfolio.GroupDelta(group).Raw != 0;
        if (!_portfolio.ApplyFill(instrument, fill, settlement)) return;
        PushAccount();
        // A round trip (the group from flat back to flat, wherever it opened — a fill, a restored fill, an adoption)
        // feeds the consecutive-loss breaker with what the ledger says it made, its opening spread included.
        if (wasOpen && _portfolio.GroupDelta(group).Raw == 0) _gate.OnRoundTrip(_portfolio.RoundTripPnl(group));
    }

    /// <summary>
    /// A trade FAILED: its fill leaves the ledger whenever the news arrives — from the user channel or from REST, while
    /// the order is cached, after it was evicted, or after a restart (the fill is found in the ledger by order and trade
    /// id, or by trade id alone when the venue could not name our order). Journaled as a reversed fill, so a replay
    /// after a later restart leaves it out too. Returns the reversed ledger fill, or null when nothing changed (a FAILED
    /// trade the ledger never booked, or a repeat).
    /// </summary>
    public Fill? Reverse(Fill named)
    {
        var applied = _portfolio.HasApplied(named) ? named : _portfolio.FindFill(named.Instrument, named.TradeId);
        Settlement.OnFailed(named);
        if (applied is null || !_instruments.TryGet(applied.Instrument, out var instrument)) return null;
        var now = _time.GetUtcNow();
        TouchPosition(instrument);
        // The venue may say FAILED more than once (user channel, then a reconciliation): only the first reversal counts,
        // is journaled and alerts; a repeat finds the fill already out of the ledger and changes nothing.
        if (!_portfolio.ReverseFill(applied, now)) return null;
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Fill, applied.OrderId.Value, applied.Instrument.ToString(), _payload.Fill(applied, reversed: true)));
        PushAccount();
        _stats.ReversedFills++;
        _alerts.Raise("fill_reversed", AlertSeverity.Warning, $"trade {applied.TradeId} of {applied.OrderId} failed on chain and was reversed", applied.Instrument.ToString());
        return applied;
    }

    /// <summary>Pushes the portfolio's totals to the gate (daily loss, bankroll).</summary>
    public void PushAccount()
    {
        var (net, equity) = _portfolio.Totals();
        _gate.OnAccount(net, _portfolio.Cash, equity);
    }

    /// <summary>
    /// True (and counted, journaled as a finding, alerted) when <paramref name="fill"/> fails <see cref="FillValidity"/>:
    /// it must not reach the portfolio. A fill refused once is refused silently when the venue reports it again.
    /// </summary>
    public bool RefuseInvalid(ClientOrderId orderId, Fill fill)
    {
        string? problem = FillValidity.Problem(fill, _instruments.TryGet(fill.Instrument, out var instrument) ? instrument : null);
        if (problem is null) return false;
        if (!_refusedFills.Add((orderId, fill.TradeId))) return true;
        _stats.RefusedFills++;
        string what = $"fill {fill.TradeId} {fill.Side} {fill.Size}@{fill.Price} of {orderId} on {fill.Instrument}";
        _findings.Add(ReconciliationIssue.InvalidFill, orderId, $"{what} refused, not applied: {problem}");
        _alerts.Raise("invalid_fill", AlertSeverity.Warning, $"{what} refused ({problem}); compare the position with the venue", fill.Instrument.ToString());
        return true;
    }

    /// <summary>
    /// A position changed (fill, reversal, settlement step): reconciliation spares it for a grace period, since the
    /// venue's balance may not show the change yet.
    /// </summary>
    public void TouchPosition(Instrument instrument)
    {
        if (instrument.Index >= _lastChangeTicks.Length) Array.Resize(ref _lastChangeTicks, Math.Max(instrument.Index + 1, _instruments.Count));
        _lastChangeTicks[instrument.Index] = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>True when the position changed within <paramref name="grace"/> before <paramref name="requestedTicks"/>.</summary>
    public bool JustChanged(Instrument instrument, long requestedTicks, TimeSpan grace) =>
        instrument.Index < _lastChangeTicks.Length && _lastChangeTicks[instrument.Index] > requestedTicks - grace.Ticks;
}
