using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Emulator;

namespace Bookmaker.Cli.Tests.Live;

/// <summary>
/// A loopback Polymarket emulator with two markets and resting house liquidity, a fresh key with API credentials, and
/// a <see cref="CliRunner"/> whose environment points every <c>Venue:Polymarket</c> URL and secret at it.
/// </summary>
internal sealed class LiveEmulatorFixture : IAsyncDisposable
{
    public const string PrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private LiveEmulatorFixture(PolymarketEmulatorHost emulator, CliRunner cli, EmulatorCredentials credentials)
    {
        Emulator = emulator;
        Cli = cli;
        Credentials = credentials;
    }

    public PolymarketEmulatorHost Emulator { get; }

    public CliRunner Cli { get; }

    public EmulatorCredentials Credentials { get; }

    /// <summary>Condition id of the first market and the Gamma slug of the second (both ways of naming a market).</summary>
    public string MarketsArgument => Emulator.Markets[0].ConditionId + "," + Emulator.Markets[1].Slug;

    public static async Task<LiveEmulatorFixture> StartAsync(EmulatorOptions? options = null)
    {
        var emulator = await PolymarketEmulatorHost.StartAsync(options ?? new EmulatorOptions());
        foreach (var m in emulator.Markets)
        {
            for (int k = 1; k <= 4; k++)
            {
                emulator.PlaceLiquidity(m.YesTokenId, Side.Buy, Cents(50 - 2 * k), Quantity.FromUnits(100));
                emulator.PlaceLiquidity(m.YesTokenId, Side.Sell, Cents(50 + 2 * k), Quantity.FromUnits(100));
            }
        }

        using var key = OwnedSigner.FromHex(PrivateKey);
        var credentials = emulator.CreateApiKey(key.Address);
        var cli = new CliRunner();
        var env = cli.Environment;
        env["BOOKMAKER__Venue__Polymarket__ClobUrl"] = emulator.BaseUrl.ToString();
        env["BOOKMAKER__Venue__Polymarket__GammaUrl"] = emulator.GammaUrl.ToString();
        env["BOOKMAKER__Venue__Polymarket__WsUrl"] = emulator.WsUrl.ToString();
        env["BOOKMAKER__Venue__Polymarket__GeoblockUrl"] = emulator.GeoblockUrl.ToString();
        env["BOOKMAKER__Venue__Polymarket__PrivateKey"] = PrivateKey;
        env["BOOKMAKER__Venue__Polymarket__ApiKey"] = credentials.ApiKey;
        env["BOOKMAKER__Venue__Polymarket__ApiSecret"] = credentials.Secret;
        env["BOOKMAKER__Venue__Polymarket__ApiPassphrase"] = credentials.Passphrase;
        return new LiveEmulatorFixture(emulator, cli, credentials);
    }

    public CliResult RunLive(params string[] extra) =>
        Cli.Run(["live", "--venue", "polymarket", "--confirm-live", "--markets", MarketsArgument, .. extra]);

    private static Price Cents(int cents) => Price.Parse((cents / 100m).ToString("0.00", CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await Emulator.DisposeAsync();
    }
}
