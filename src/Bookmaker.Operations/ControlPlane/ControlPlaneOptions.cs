using System.Net;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>How the control plane runs.</summary>
public sealed record ControlPlaneOptions
{
    /// <summary>Where to listen (port 0: a free port, see <see cref="ControlPlaneServer.Address"/>).</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Bearer token of the POST endpoints; null refuses every write (401).</summary>
    public string? Token { get; init; }

    /// <summary>paper, live…: how the status names the run.</summary>
    public string Mode { get; init; } = "paper";

    /// <summary>How often the event stream sends.</summary>
    public TimeSpan StreamInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A snapshot older than this (wall clock) means the loop no longer publishes: not healthy.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Market data older than this (engine time) is stale for <c>/readyz</c>.</summary>
    public TimeSpan FeedStaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest tolerated gap between the engine clock and the wall clock in real-time modes.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>True when the engine runs on simulated time (the clock check does not apply).</summary>
    public bool SimulatedClock { get; init; }

    /// <summary>A journal backlog above this many entries is a lagging journal for <c>/readyz</c>.</summary>
    public int MaxJournalBacklog { get; init; } = 10_000;

    /// <summary>Event-stream clients served at once (more are refused with 503: the stream's cost stays bounded).</summary>
    public int MaxStreamClients { get; init; } = 8;

    /// <summary>How long a POST waits for the loop to confirm the command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
