using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Bookmaker.Cli.Paper;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Emulator;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker emulator polymarket</c>: the loopback Polymarket emulator as a process of its own, with markets, house
/// liquidity and flow — so <c>bookmaker live</c> can be rehearsed end to end on this machine, and killed, restarted and
/// halted from another shell while the "venue" keeps its state (orders, heartbeats, balances). A fresh test key and API
/// credentials are written to an environment file readable only by its owner (never printed); sourcing it points every
/// <c>Venue:Polymarket</c> setting of <c>live</c> at the emulator. Listens on 127.0.0.1 only.
/// </summary>
internal static class EmulatorCommand
{
    public static Command Create(CliContext context)
    {
        var emulator = new Command("emulator", "Run a loopback venue emulator to rehearse live trading on this machine.");
        var polymarket = new Command("polymarket", "The Polymarket CLOB V2 emulator on 127.0.0.1, with markets, liquidity and flow.");
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 0 };
        var seed = new Option<long>("--seed") { Description = "Seed of the test key and the flow.", DefaultValueFactory = _ => 1 };
        var envFile = new Option<string>("--env-file") { Description = "Where to write the environment for 'bookmaker live' (mode 600).", DefaultValueFactory = _ => "emulator.env", HelpName = "path" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (default: until Ctrl+C).", HelpName = "time" };
        var faults = new Option<string?>("--faults") { Description = "Settlement faults drawn per trade from the seed: trade.failed=P,trade.retrying=P.", HelpName = "spec" };
        polymarket.Options.Add(port);
        polymarket.Options.Add(faults);
        polymarket.Options.Add(seed);
        polymarket.Options.Add(envFile);
        polymarket.Options.Add(duration);
        polymarket.SetAction(parse =>
        {
            var run = TimeSpan.Zero;
            if (parse.GetValue(duration) is { } text && (!Engine.Configuration.DurationParser.TryParse(text, out run) || run <= TimeSpan.Zero))
            {
                context.Stderr.WriteLine($"usage error: --duration = '{text}': must be a duration > 0, e.g. 10m");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(port) is < 0 or > 65535)
            {
                context.Stderr.WriteLine($"usage error: --port = '{parse.GetValue(port)}': must be 0..65535");
                return ExitCodes.Usage;
            }

            if (!SettlementFaults.TryParse(parse.GetValue(faults), out var settlementFaults, out string? faultError))
            {
                context.Stderr.WriteLine($"usage error: --faults = '{parse.GetValue(faults)}': {faultError}");
                return ExitCodes.Usage;
            }

            return RunAsync(context, parse.GetValue(port), parse.GetValue(seed), context.ResolvePath(parse.GetValue(envFile)!), run, settlementFaults).GetAwaiter().GetResult();
        });
        emulator.Subcommands.Add(polymarket);
        return emulator;
    }

    private static async Task<int> RunAsync(CliContext context, int port, long seed, string envFile, TimeSpan duration, SettlementFaults faults)
    {
        var rng = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var (emu, handle) = await PolymarketEmulatorVenue.StartAsync(TimeProvider.System, rng, port, CancellationToken.None, faults, unchecked((int)seed)).ConfigureAwait(false);
        await using (handle)
        {
            string keyHex = PolymarketEmulatorVenue.NewKeyHex(rng);
            using var key = OwnedSigner.FromHex(keyHex);
            var credentials = emu.CreateApiKey(key.Address);
            WriteEnvFile(envFile, emu, keyHex, credentials);
            string markets = string.Join(",", emu.Markets.Select(m => m.ConditionId));
            context.Stdout.WriteLine($"polymarket emulator on {emu.BaseUrl} ({emu.Markets.Count} markets, house liquidity and flow)");
            context.Stdout.WriteLine($"a test key and API credentials for it are in {envFile} (mode 600); to trade against it:");
            context.Stdout.WriteLine($"  set -a; . {envFile}; set +a; bookmaker live --venue polymarket --confirm-live --markets {markets}");
            context.Stdout.WriteLine("Ctrl+C or SIGTERM stops it.");

            using var stop = duration > TimeSpan.Zero ? new CancellationTokenSource(duration) : new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, s => { s.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => { s.Cancel = true; stop.Cancel(); });
            long lastPosted = -1, lastBeats = -1;
            int lastResting = -1;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                int resting = emu.RestingOrderCount(credentials.ApiKey);
                if (resting == lastResting && emu.OrdersPosted == lastPosted && emu.HeartbeatsReceived == lastBeats) continue;
                (lastResting, lastPosted, lastBeats) = (resting, emu.OrdersPosted, emu.HeartbeatsReceived);
                context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{DateTimeOffset.UtcNow:HH:mm:ss}] test key: {resting} order(s) resting, {emu.OrdersPosted} posted, {emu.HeartbeatsReceived} heartbeat(s) received"));
            }

            context.Stdout.WriteLine("polymarket emulator stopped");
        }

        return ExitCodes.Ok;
    }

    private static void WriteEnvFile(string path, Venues.Polymarket.Emulator.PolymarketEmulatorHost emu, string keyHex, Venues.Polymarket.Emulator.EmulatorCredentials credentials)
    {
        var lines = new[]
        {
            "# Written by 'bookmaker emulator polymarket': a throwaway key for the loopback emulator only.",
            $"BOOKMAKER__Venue__Polymarket__ClobUrl={emu.BaseUrl}",
            $"BOOKMAKER__Venue__Polymarket__GammaUrl={emu.GammaUrl}",
            $"BOOKMAKER__Venue__Polymarket__WsUrl={emu.WsUrl}",
            $"BOOKMAKER__Venue__Polymarket__GeoblockUrl={emu.GeoblockUrl}",
            $"BOOKMAKER__Venue__Polymarket__PrivateKey=0x{keyHex}",
            $"BOOKMAKER__Venue__Polymarket__ApiKey={credentials.ApiKey}",
            $"BOOKMAKER__Venue__Polymarket__ApiSecret={credentials.Secret}",
            $"BOOKMAKER__Venue__Polymarket__ApiPassphrase={credentials.Passphrase}",
        };
        if (Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        // Created private before anything is written to it.
        using (File.Create(path))
        {
        }

        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllLines(path, lines);
    }
}
