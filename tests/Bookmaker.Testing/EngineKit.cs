using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Testing;

/// <summary>
/// Builds engines the way production does — <see cref="EngineHost.Create"/> with <see cref="EngineHostOptions"/>
/// defaults (cancel-all deadline, slippage warning, fail-closed journal, deferred start-up freeze) — and starts them, so
/// no test or benchmark wires the kernel by hand and each one runs the code `paper` and `live` run.
/// </summary>
public static class EngineKit
{
    /// <summary>
    /// Creates the engine on <paramref name="clock"/> for <paramref name="venues"/>, starts the venues and drains the
    /// loop (the start-up command and the first reconciliation request have run when this returns).
    /// </summary>
    public static EngineHost Start(TimeProvider clock, IReadOnlyList<IVenueAdapter> venues, EngineHostOptions? options = null, IJournal? journal = null)
    {
        var host = Create(clock, venues, options, journal);
        StartVenues(host);
        return host;
    }

    /// <summary>Creates the engine without starting it (strategies can be added first; then call <see cref="StartVenues"/>).</summary>
    public static EngineHost Create(TimeProvider clock, IReadOnlyList<IVenueAdapter> venues, EngineHostOptions? options = null, IJournal? journal = null) =>
        EngineHost.Create(clock, venues, journal ?? new NullJournal(), options ?? new EngineHostOptions());

    /// <summary>Starts the venues of <paramref name="host"/> and drains its loop.</summary>
    public static void StartVenues(EngineHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        // Scripted venues start synchronously; a venue that does real I/O is awaited here.
        host.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        host.Loop.DrainPending();
    }
}
