using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// What the kernel does about a venue's status change besides liveness: stale books on a disconnect, the gate's lost
/// sessions, 403 blocks and closed markets, and the operator's alerts and journal notes about each — raised, and
/// cleared when the condition ends (a block's end is found by housekeeping). The order manager hears of the status
/// after this (see <see cref="TradingEngine.OnVenueStatus"/>).
/// </summary>
/// <remarks>Runs on the loop only.</remarks>
internal sealed class VenueIncidents(
    InstrumentRegistry instruments,
    OrderManager orders,
    MarketBooks books,
    AlertCenter alerts,
    EngineNotes notes,
    TimeProvider time)
{
    private readonly HashSet<string> _blockedVenues = new(StringComparer.Ordinal);

    private RiskGate Gate => orders.Gate;

    /// <summary>Applies one status change to the books, the gate and the alerts.</summary>
    public void OnStatus(VenueStatusEvent status)
    {
        switch (status.State)
        {
            case VenueState.Disconnected:
                // Every book of a disconnected venue is stale until a fresh snapshot after the reconnect.
                books.InvalidateVenue(status.Venue);
                alerts.Raise("venue_disconnected", AlertSeverity.Warning, $"{status.Venue} disconnected: {status.Text}", status.Venue);
                break;
            case VenueState.Live or VenueState.Reconnected:
                alerts.Clear("venue_disconnected", status.Venue);
                break;
            case VenueState.SessionLost:
                // Not a market-data problem: books stay valid; no new orders until the session is back and reconciled.
                Gate.SetVenueSessionLost(status.Venue, true);
                alerts.Raise("venue_session_lost", AlertSeverity.Warning, $"{status.Venue} order session lost: {status.Text}", status.Venue);
                break;
            case VenueState.SessionExpired:
                Gate.SetVenueSessionLost(status.Venue, true);
                int open = orders.LiveOrders.Count(o => string.Equals(o.Instrument.Venue, status.Venue, StringComparison.Ordinal));
                notes.Note("orders_presumed_cancelled", ("venue", status.Venue), ("open_orders", open.ToString(CultureInfo.InvariantCulture)));
                alerts.Raise("orders_presumed_cancelled", AlertSeverity.Critical,
                    $"{status.Venue}: {open} open order(s) presumed cancelled by the venue (session lapsed): no new orders until a reconciliation confirms", status.Venue);
                break;
            case VenueState.SessionRestored:
                Gate.SetVenueSessionLost(status.Venue, false);
                alerts.Clear("venue_session_lost", status.Venue);
                break;
            case VenueState.MarketClosed when status.Market is { Length: > 0 } market:
                CloseMarket(status.Venue, market, status.Text ?? "closed");
                break;
            case VenueState.Blocked:
                var window = status.RetryAfter ?? TimeSpan.FromSeconds(10);
                Gate.BlockVenueUntil(status.Venue, time.GetUtcNow() + window);
                _blockedVenues.Add(status.Venue);
                alerts.Raise("venue_blocked", AlertSeverity.Critical,
                    $"{status.Venue} refused us (HTTP 403): all requests to it paused for {window.TotalSeconds:0.#} s, cancels included; new orders denied ({status.Text})", status.Venue);
                break;
        }
    }

    /// <summary>Clears the <c>venue_blocked</c> alert of every venue whose 403 window has ended (housekeeping).</summary>
    public void ClearEndedBlocks()
    {
        if (_blockedVenues.Count == 0) return;
        foreach (string venue in _blockedVenues.ToArray())
        {
            if (Gate.IsVenueBlocked(venue)) continue;
            _blockedVenues.Remove(venue);
            alerts.Clear("venue_blocked", venue);
        }
    }

    /// <summary>
    /// A market no longer trades: the gate refuses new orders there for the rest of the run (strategies see it as not
    /// live), our orders there are cancelled, and the operator is told (WARNING <c>market_closed</c>, journal note).
    /// </summary>
    private void CloseMarket(string venue, string market, string reason)
    {
        var members = Gate.ClosedMarkets.Close(market, reason, instruments);
        if (members.Count == 0) return; // already closed, or not a market of this run
        int cancelled = 0;
        foreach (var inst in members) cancelled += orders.CancelInstrument(inst.Id);
        string label = string.Join(", ", members.Select(i => i.Outcome?.Outcome is { } o ? $"{o} {i.Id.Symbol}" : i.Id.Symbol));
        notes.Note("market_closed", ("venue", venue), ("market", market), ("reason", reason),
            ("orders_cancelled", cancelled.ToString(CultureInfo.InvariantCulture)));
        alerts.Raise("market_closed", AlertSeverity.Warning,
            $"{venue} market {market} no longer trades ({reason}): {cancelled} order(s) cancelled, quoting stopped ({label})", market);
    }
}
