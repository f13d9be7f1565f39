using System.Net.Sockets;
using Bookmaker.Engine.Configuration;
using Bookmaker.Operations.ControlPlane;
using Bookmaker.Operations.Metrics;
using Bookmaker.Operations.Snapshots;

namespace Bookmaker.Cli.Running;

/// <summary>
/// Starts the control plane of a trading session when <c>Http:Listen</c> is not off: the loop's snapshot publisher
/// and the Kestrel server reading it. The bound address is printed (port 0 picks a free one); a port that cannot be
/// bound is a usage error before any venue starts, because an operator who counts on the endpoint must not find it
/// missing hours later.
/// </summary>
internal static class ControlPlaneStart
{
    /// <summary>The server, or null when off; <c>Error</c> says why it could not start.</summary>
    public static async Task<(ControlPlaneServer? Server, SnapshotPublisher? Snapshots, string? Error)> StartAsync(TradingSession session, BookmakerOptions options,
        EffectiveConfig effective, bool simulatedClock, CancellationToken cancellation)
    {
        if (options.Http.Listen is not { } listen) return (null, null, null);
        var host = session.Host;
        // The SLA and the metrics hear the loop's events from here on; the export reads them when /metrics is scraped.
        var sla = new RoundTripSla(options.Alerts.RoundTripP95Limit, options.Alerts.RoundTripSlaFor, TimeSpan.FromMinutes(1));
        _ = new SlaWatch(host.Engine, sla, options.Alerts.RoundTripSlaFor);
        var snapshots = new SnapshotPublisher(host.Engine, host.Venues.Select(v => v.Venue).ToArray(), host.Journal, TimeProvider.System, TimeSpan.FromMilliseconds(200), sla);
        var cp = new ControlPlaneOptions
        {
            Listen = listen,
            Token = options.Http.Token,
            Mode = session.Mode,
            StreamInterval = options.Http.StreamInterval,
            // A loop that publishes nothing for longer than the watchdog's own limit is not alive, whatever its flags say.
            StaleAfter = options.Engine.StallTimeout + TimeSpan.FromSeconds(1),
            FeedStaleAfter = options.Alerts.FeedStaleAfter,
            MaxClockSkew = options.Engine.MaxClockJump,
            SimulatedClock = simulatedClock,
        };
        var metrics = new BookmakerMetrics(host.Engine, snapshots, sla);
        try
        {
            var server = await ControlPlaneServer.StartAsync(cp, host.Engine, snapshots, effective, exportMetrics: true, cancellation).ConfigureAwait(false);
            server.Owns(metrics);
            return (server, snapshots, null);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            metrics.Dispose();
            return (null, null, $"{session.Mode}: cannot listen on Http:Listen = {listen}: {e.Message} (choose another port, or --http off)");
        }
    }
}
