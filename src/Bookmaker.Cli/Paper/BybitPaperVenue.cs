using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Bybit.Adapter;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// The Bybit adapter for <c>paper --venue bybit</c> (the configured endpoints, market data only: fills are simulated by
/// the paper venue around it and nothing is ever sent to the venue) and <c>paper --venue bybit-emulator</c> (a loopback
/// emulator started here, its symbols by default, and the adapter's real trading side against it: signed REST, the
/// trade and private streams, DCP — the Polymarket emulator's pattern).
/// </summary>
internal static class BybitPaperVenue
{
    public static async Task<(BybitVenueAdapter? Adapter, BybitEmulatorHost? Emulator, string? Error)> CreateAsync(BookmakerOptions options, TimeProvider clock, int seed, CancellationToken ct)
    {
        var endpoints = await BybitEndpoints.ResolveAsync(options, options.Venue.Name == VenueKind.BybitEmulator, seed, ct).ConfigureAwait(false);
        IReadOnlyList<string> markets = options.Venue.Bybit.Markets;
        if (endpoints.Emulator is not null && markets.Count == 0)
            markets = [.. new BybitEmulatorOptions().Symbols.Where(s => s.Category == endpoints.Category).Select(s => s.Symbol)];
        try
        {
            var adapter = await BybitVenueAdapter.CreateAsync(endpoints.Rest, endpoints.PublicWsBase, endpoints.Category, markets,
                new BybitStreamOptions { Depth = options.Venue.Bybit.Depth, Seed = seed }, clock, null, ct).ConfigureAwait(false);
            if (endpoints.Emulator is { } host)
            {
                // The emulator's own key: a test tool's credentials, never the operator's.
                var trading = new BybitTradingOptions(host.RestUrl, host.PrivateWsUrl, host.TradeWsUrl, endpoints.Category);
                await adapter.AttachTradingAsync(trading, new BybitCredentials(host.Trading.ApiKey, host.Trading.ApiSecret), ct).ConfigureAwait(false);
            }

            return (adapter, endpoints.Emulator, null);
        }
        catch (Exception ex) when (BybitEndpoints.IsExpected(ex))
        {
            if (endpoints.Emulator is not null) await endpoints.Emulator.DisposeAsync().ConfigureAwait(false);
            return (null, null, "paper: " + endpoints.Describe(ex));
        }
    }
}
