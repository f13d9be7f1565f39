using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// The simulated venue's side of the connection to its one client: the engine's <see cref="IVenueEventSink"/> (set at
/// start, dropped at stop), whether the venue has started, venue time, and venue-status events.
/// </summary>
internal sealed class ClientLink(string venue, VenueScheduler scheduler)
{
    /// <summary>The client's sink; null before start and after stop (then nothing is delivered).</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <summary>True once the venue has started (it stays true after stop).</summary>
    public bool Started { get; set; }

    /// <summary>The venue name on every event.</summary>
    public string Venue => venue;

    /// <summary>Venue time (UTC ticks).</summary>
    public long Now => scheduler.NowTicks;

    /// <summary>Venue time.</summary>
    public DateTimeOffset NowTime => new(Now, TimeSpan.Zero);

    /// <summary>Tells the client the venue's state changed.</summary>
    public void Status(VenueState state, TimeSpan? retryAfter, string text)
    {
        var status = new VenueStatusEvent(venue, state, NowTime, retryAfter, text);
        Sink?.OnVenueStatus(status);
    }
}
