using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// Whether each venue may be quoted on, as strategies see it (<see cref="TradingEngine.IsVenueLive"/>), kept apart
/// from the books: a feed blip gates books one by one until their snapshots, while a lost order session (heartbeat)
/// leaves the books valid but forbids new orders. Three rules make a venue live only on proof:
/// <list type="bullet">
/// <item>at start (<see cref="AwaitFirstReconciliation"/>) a venue that answers account snapshots is not live until its
/// first <b>complete</b> snapshot has been applied — the account's positions and open orders are known before a
/// strategy quotes on them (a venue nobody has heard of, or one that cannot reconcile, is live);</item>
/// <item>after any reconnection or restored session the venue stays not-live until a <b>complete</b> account snapshot
/// taken after it has been applied — orders the venue cancelled meanwhile are closed by that reconciliation before a
/// strategy can quote on top of them;</item>
/// <item>a lost session holds until it is restored, whatever the feed does in between (a market channel reconnecting
/// during a heartbeat outage does not make the venue live).</item>
/// </list>
/// Lives on the loop; no locking.
/// </summary>
public sealed class VenueLiveness
{
    private readonly Dictionary<string, State> _venues = new(StringComparer.Ordinal);

    /// <summary>True when strategies may place orders on the venue (a venue never heard of is live).</summary>
    public bool IsLive(string venue) =>
        !_venues.TryGetValue(venue, out var s)
        || (s.Mode is VenueState.Live or VenueState.PostOnly && !s.SessionLost && !s.Starting && s.AwaitingReconciliationSinceTicks == 0);

    /// <summary>True while the venue waits for the first complete account snapshot of the run.</summary>
    public bool IsStarting(string venue) => _venues.TryGetValue(venue, out var s) && s.Starting;

    /// <summary>
    /// The run has started the venue and asked for its first reconciliation: it is not live for strategies until a
    /// complete snapshot has been applied (<see cref="OnReconciled"/>). Any complete snapshot applied from now on counts,
    /// whatever the venue's clock says: it was asked for at or after this call.
    /// </summary>
    public void AwaitFirstReconciliation(string venue)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        Get(venue).Starting = true;
    }

    /// <summary>The venue's last trading mode or connection state (<see cref="VenueState.Live"/> when unknown).</summary>
    public VenueState ModeOf(string venue) => _venues.TryGetValue(venue, out var s) ? s.Mode : VenueState.Live;

    /// <summary>True while the venue's order session is lost (heartbeat failing).</summary>
    public bool IsSessionLost(string venue) => _venues.TryGetValue(venue, out var s) && s.SessionLost;

    /// <summary>True while the venue's open orders are presumed cancelled (the session lapsed past the venue's window).</summary>
    public bool ArePresumedCancelled(string venue) => _venues.TryGetValue(venue, out var s) && s.PresumedCancelled;

    /// <summary>True while a reconnection or restored session waits for its confirming reconciliation.</summary>
    public bool IsAwaitingReconciliation(string venue) => _venues.TryGetValue(venue, out var s) && s.AwaitingReconciliationSinceTicks != 0;

    /// <summary>Applies a status event; true when it asks for a reconciliation.</summary>
    public bool OnStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var s = Get(status.Venue);
        switch (status.State)
        {
            case VenueState.SessionLost:
                s.SessionLost = true;
                return false;
            case VenueState.SessionExpired:
                s.SessionLost = true;
                s.PresumedCancelled = true;
                return false;
            case VenueState.SessionRestored:
                s.SessionLost = false;
                s.AwaitingReconciliationSinceTicks = status.Timestamp.UtcTicks;
                return true;
            case VenueState.Reconnected:
                // A reconnection restores the feed; quoting waits for the reconciliation it triggers.
                s.Mode = VenueState.Live;
                s.AwaitingReconciliationSinceTicks = status.Timestamp.UtcTicks;
                return true;
            case VenueState.MarketClosed or VenueState.Blocked or VenueState.CircuitOpen or VenueState.CircuitHalfOpen or VenueState.CircuitClosed:
                // None changes the venue's mode: a closed market is one market's matter, a block is a pause of our own
                // traffic that the gate enforces by time (RiskGate.BlockVenueUntil), and the adapter's submit circuit
                // is mirrored by the gate (RiskGate.SetSubmitCircuit) while the venue itself stays as it was.
                return false;
            default:
                s.Mode = status.State;
                return false;
        }
    }

    /// <summary>
    /// A reconciliation was applied. The first complete snapshot of the run ends the start-up wait; a complete snapshot
    /// taken at or after the reconnection (or restored session) it waits for ends that wait. True when a wait ended by it
    /// and none remains, nor a lost session (the caller journals it and clears its alerts; strategies may requote when
    /// <see cref="IsLive"/> now holds); anything else changes nothing.
    /// </summary>
    public bool OnReconciled(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Complete || !_venues.TryGetValue(snapshot.Venue, out var s)) return false;
        bool ended = false;
        if (s.Starting)
        {
            s.Starting = false;
            ended = true;
        }

        if (s.AwaitingReconciliationSinceTicks != 0 && snapshot.Timestamp.UtcTicks >= s.AwaitingReconciliationSinceTicks)
        {
            s.AwaitingReconciliationSinceTicks = 0;
            ended = true;
        }

        if (!ended || s.SessionLost || s.AwaitingReconciliationSinceTicks != 0) return false;
        s.PresumedCancelled = false;
        return true;
    }

    private State Get(string venue)
    {
        if (!_venues.TryGetValue(venue, out var s)) _venues[venue] = s = new State();
        return s;
    }

    private sealed class State
    {
        public VenueState Mode = VenueState.Live;
        public bool SessionLost;
        public bool PresumedCancelled;
        public bool Starting;
        public long AwaitingReconciliationSinceTicks;
    }
}
