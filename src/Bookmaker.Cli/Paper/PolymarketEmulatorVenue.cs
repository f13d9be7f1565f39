using Bookmaker.Engine.Venues;

namespace Bookmaker.Cli.Paper;

/// <summary>Starts the Polymarket loopback emulator and an adapter pointed at it (filled in by the emulator integration).</summary>
internal static partial class PolymarketEmulatorVenue
{
    public static Task<(IVenueAdapter Venue, IAsyncDisposable Emulator)> CreateAsync(TimeProvider clock, long seed, CancellationToken cancellation) =>
        throw new NotSupportedException("the polymarket-emulator venue arrives with the emulator integration");
}
