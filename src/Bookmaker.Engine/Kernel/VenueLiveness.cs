using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// Whether each venue may be quoted on, as strategies see it (<see cref="TradingEngine.IsVenueLive"/>), kept apart
/// from the books: a feed blip gates books one by one until their snapshots, while a lost order session (heartbeat)
/// leaves the books valid but forbids new orders. Two rules make a venue live again only on proof:
/// <list type="bullet">
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
        !_venues.TryGetValue(venue, out var s) || (s.Mode is VenueState.Live or VenueState.PostOnly && !s.SessionLost && s.AwaitingReconciliationSinceTicks == 0);

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
            case VenueState.MarketClosed or VenueState.Blocked:
                // Neither changes the venue's mode: a closed market is one market's matter, and a block is a pause of
                // our own traffic that the gate enforces by time (RiskGate.BlockVenueUntil).
                return false;
            default:
                s.Mode = status.State;
                return false;
        }
    }

    /// <summary>
    /// A reconciliation was applied. A complete snapshot taken at or after the reconnection it waits for makes the venue
    /// live again (true; the caller journals it and clears its alerts); anything else changes nothing.
    /// </summary>
    public bool OnReconciled(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Complete || !_venues.TryGetValue(snapshot.Venue, out var s) || s.AwaitingReconciliationSinceTicks == 0) return false;
        if (snapshot.Timestamp.UtcTicks < s.AwaitingReconciliationSinceTicks) return false;
        s.AwaitingReconciliationSinceTicks = 0;
        if (s.SessionLost) return false;
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
        public long AwaitingReconciliationSinceTicks;
    }
}
