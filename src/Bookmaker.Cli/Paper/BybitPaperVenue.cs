using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Bybit.Adapter;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// The Bybit market-data adapter for <c>paper --venue bybit</c> (the configured endpoints) and
/// <c>paper --venue bybit-emulator</c> (a loopback emulator started here, its symbols by default). Fills are simulated by
/// the paper venue around it; nothing is ever sent to the venue.
/// </summary>
internal static class BybitPaperVenue
{
    public static async Task<(BybitVenueAdapter? Adapter, BybitEmulatorHost? Emulator, string? Error)> CreateAsync(BookmakerOptions options, TimeProvider clock, int seed, CancellationToken ct)
    {
        var b = options.Venue.Bybit;
        var category = b.Category == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
        Uri rest = b.RestUrl, ws = b.PublicWsUrl;
        IReadOnlyList<string> markets = b.Markets;
        BybitEmulatorHost? emulator = null;
        if (options.Venue.Name == VenueKind.BybitEmulator)
        {
            emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { Seed = seed }, ct).ConfigureAwait(false);
            rest = emulator.RestUrl;
            ws = new Uri($"ws://127.0.0.1:{emulator.Port}/v5/public/");
            if (markets.Count == 0) markets = [.. new BybitEmulatorOptions().Symbols.Where(s => s.Category == category).Select(s => s.Symbol)];
        }

        try
        {
            var adapter = await BybitVenueAdapter.CreateAsync(rest, ws, category, markets, new BybitStreamOptions { Depth = b.Depth, Seed = seed }, clock, null, ct).ConfigureAwait(false);
            return (adapter, emulator, null);
        }
        catch (Exception ex) when (ex is ArgumentException or HttpRequestException or TaskCanceledException or FormatException)
        {
            if (emulator is not null) await emulator.DisposeAsync().ConfigureAwait(false);
            string why = ex is ArgumentException or FormatException ? ex.Message : $"cannot reach Bybit at {rest} ({ex.Message})";
            return (null, null, "paper: " + why);
        }
    }
}
