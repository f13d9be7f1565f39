namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>What a <see cref="SimulatedVenue"/> did; fault counters let tests and the CLI show that faults struck.</summary>
public sealed class SimulatedVenueStats
{
    /// <summary>Requests received from the client (after entry latency).</summary>
    public long Requests { get; internal set; }

    /// <summary>Requests failed by an injected fault or venue mode.</summary>
    public long FailedRequests { get; internal set; }

    /// <summary>Execution reports sent.</summary>
    public long ReportsSent { get; internal set; }

    /// <summary>Execution reports lost to the <c>user_feed</c> faults.</summary>
    public long ReportsDropped { get; internal set; }

    /// <summary>Market-data messages sent.</summary>
    public long FeedMessages { get; internal set; }

    /// <summary>Market-data messages lost (drop fault, disconnect).</summary>
    public long FeedDropped { get; internal set; }

    /// <summary>Snapshots sent (start, resync, reconnect).</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Public trades printed.</summary>
    public long Trades { get; internal set; }
}
