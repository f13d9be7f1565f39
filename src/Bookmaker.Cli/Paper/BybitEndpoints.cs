using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// Where a Bybit command talks to: the configured endpoints (<c>Venue:Bybit:RestUrl</c>, <c>PublicWsUrl</c>) or, for the
/// <c>bybit-emulator</c> venue, a loopback emulator started here (owned by the caller: dispose it).
/// </summary>
internal sealed record BybitEndpoints(Uri Rest, Uri PublicWsBase, BybitCategory Category, BybitEmulatorHost? Emulator)
{
    /// <summary>The public WebSocket of the category.</summary>
    public Uri PublicWs => new(PublicWsBase, Category == BybitCategory.Spot ? "spot" : "linear");

    /// <summary>Resolves the endpoints; starts the emulator when <paramref name="emulator"/>.</summary>
    public static async Task<BybitEndpoints> ResolveAsync(BookmakerOptions options, bool emulator, int seed, CancellationToken ct)
    {
        var b = options.Venue.Bybit;
        var category = b.Category == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
        if (!emulator) return new BybitEndpoints(b.RestUrl, b.PublicWsUrl, category, null);
        // The emulator's account starts with paper's cash and charges the configured rates, so the two books agree.
        var host = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions
        {
            Seed = seed, StartingCash = Core.Values.Money.FromUnits(1_000), MakerFeeRate = b.MakerFee, TakerFeeRate = b.TakerFee,
            FundingInterval = b.EmulatorFundingInterval, FundingRate = b.EmulatorFundingRate,
        }, ct).ConfigureAwait(false);
        return new BybitEndpoints(host.RestUrl, new Uri($"ws://127.0.0.1:{host.Port}/v5/public/"), category, host);
    }

    /// <summary>One line for a failure to reach the venue or to accept the symbols.</summary>
    public string Describe(Exception ex) =>
        ex is ArgumentException or FormatException ? ex.Message : $"cannot reach Bybit at {Rest} ({ex.Message})";

    /// <summary>True for the failures <see cref="Describe"/> explains (everything else is a bug and propagates).</summary>
    public static bool IsExpected(Exception ex) => ex is ArgumentException or HttpRequestException or TaskCanceledException or FormatException;
}
