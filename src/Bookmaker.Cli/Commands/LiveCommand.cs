using System.CommandLine;
using Bookmaker.Cli.Live;
using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker live --venue polymarket --markets … --confirm-live</c>: validates everything a live run needs
/// (confirmation, markets, credentials, geoblock, close-only status), resolves the markets and hands over to
/// <see cref="LiveRunner"/>. Every refusal happens before a single order could be sent.
/// </summary>
internal static class LiveCommand
{
    /// <summary>Countries where Polymarket accepts closing orders only (reference §6.3).</summary>
    private static readonly HashSet<string> CloseOnlyCountries = new(StringComparer.OrdinalIgnoreCase) { "PL", "SG", "TH", "TW" };

    public static Command Create(CliContext context)
    {
        var command = new Command("live", "Trade live on a venue (real money; every order passes the risk gate).");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        flags.Map(command, new Option<string>("--venue") { Description = "Venue adapter (polymarket or bybit)." }, "Venue:Name");
        flags.Map(command, new Option<string>("--duration") { Description = "Stop gracefully after this long (e.g. 30m, 8h); default: until Ctrl+C.", HelpName = "time" }, "Live:Duration");
        flags.Map(command, new Option<string>("--journal") { Description = "SQLite journal of live sessions.", HelpName = "path" }, "Live:JournalPath");
        flags.Map(command, new Option<string>("--http") { Description = "Control plane address (port 0: a free port), or off.", HelpName = "ip:port|off" }, "Http:Listen");
        flags.Map(command, new Option<string>("--strategies") { Description = "Strategies to run, e.g. mm or mm,arb." }, "Live:Strategies");
        flags.Map(command, new Option<string>("--summary-json") { Description = "Write the session summary as JSON here.", HelpName = "path" }, "Live:SummaryJsonPath");
        flags.Map(command, new Option<string>("--drill")
        {
            Description = "Fire drill of the fail-closed paths against the venue (real orders are cancelled for real), e.g. strategy-throw@500 (docs/fail-closed.md).",
            HelpName = "spec",
        }, "Engine:Drill");
        var confirm = new Option<bool>("--confirm-live") { Description = "Required: confirms that real money will be traded." };
        var markets = new Option<string?>("--markets") { Description = "Comma-separated condition ids (0x…) or Gamma slugs to trade (Bybit: symbols, BTCUSDT,…).", HelpName = "ids|slugs|symbols" };
        command.Options.Add(confirm);
        command.Options.Add(markets);
        command.SetAction(parse =>
        {
            var loaded = flags.LoadValid(parse, context);
            if (loaded is null) return ExitCodes.Usage;

            var options = loaded.Options!;
            if (options.Venue.Name is not (VenueKind.Polymarket or VenueKind.Bybit))
            {
                context.Stderr.WriteLine("live: only --venue polymarket or --venue bybit trade real money (the emulators run under paper)");
                return ExitCodes.Usage;
            }

            if (!parse.GetValue(confirm))
            {
                context.Stderr.WriteLine("live: refusing to trade real money without --confirm-live");
                return ExitCodes.Usage;
            }

            var ids = (parse.GetValue(markets) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length == 0)
            {
                context.Stderr.WriteLine("live: --markets is required (comma-separated condition ids or slugs); a live session never picks markets by itself");
                return ExitCodes.Usage;
            }

            if (options.Venue.Name == VenueKind.Bybit) return RunBybit(options, loaded.Effective!, ids, context);
            return ValidateAndRunAsync(options, loaded.Effective!, ids, context).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Bybit: the symbols and the key pair are checked before anything is sent; the secret is never printed.</summary>
    private static int RunBybit(BookmakerOptions options, EffectiveConfig effective, string[] symbols, CliContext context)
    {
        var b = options.Venue.Bybit;
        if (b.ApiKey is null || b.ApiSecret is null)
        {
            context.Stderr.WriteLine("live: Venue:Bybit:ApiKey and ApiSecret are not set (env BOOKMAKER__Venue__Bybit__ApiKey / BOOKMAKER__Venue__Bybit__ApiSecret, or Venue:Bybit:ApiSecretFile)");
            return ExitCodes.Usage;
        }

        var bad = symbols.FirstOrDefault(s => !s.All(char.IsAsciiLetterOrDigit));
        if (bad is not null)
        {
            context.Stderr.WriteLine($"live: --markets with --venue bybit takes symbols of letters and digits ('{bad}' is not)");
            return ExitCodes.Usage;
        }

        var credentials = new Venues.Bybit.Auth.BybitCredentials(b.ApiKey, b.ApiSecret);
        return BybitLiveRunner.RunAsync(options, effective, [.. symbols.Select(s => s.ToUpperInvariant()).Distinct()], credentials, context).GetAwaiter().GetResult();
    }

    private static async Task<int> ValidateAndRunAsync(BookmakerOptions options, EffectiveConfig effective, string[] marketIds, CliContext context)
    {
        var p = options.Venue.Polymarket;
        if (p.PrivateKey is null)
        {
            context.Stderr.WriteLine("live: Venue:Polymarket:PrivateKey is not set (env BOOKMAKER__Venue__Polymarket__PrivateKey or Venue:Polymarket:PrivateKeyFile)");
            return ExitCodes.Usage;
        }

        if (p.ApiKey is null || p.ApiSecret is null || p.ApiPassphrase is null)
        {
            context.Stderr.WriteLine("live: API credentials are not set; derive them with 'bookmaker polymarket derive-api-key' and set Venue:Polymarket:ApiKey/ApiSecret/ApiPassphrase");
            return ExitCodes.Usage;
        }

        using var key = PolymarketCommand.KeyFrom(p.PrivateKey, context);
        if (key is null) return ExitCodes.Usage;
        var credentials = new ApiCredentials(p.ApiKey, p.ApiSecret, p.ApiPassphrase);
        var time = TimeProvider.System;
        List<PolymarketMarket> markets;
        Core.Values.Money cash;
        using (var publicRest = new PolymarketRestClient(PolymarketHttpSettings.From(p), null, time))
        {
            if (await CheckLocationAsync(publicRest, context).ConfigureAwait(false) is { } refused)
                return refused;

            using var signer = new L2RequestSigner(credentials, key.Address);
            using var rest = new PolymarketRestClient(PolymarketHttpSettings.From(p), signer, time);
            var closed = await rest.GetClosedOnlyAsync().ConfigureAwait(false);
            if (!closed.IsSuccess || closed.Value!.ClosedOnly)
            {
                context.Stderr.WriteLine(closed.IsSuccess
                    ? "live: the account is in close-only mode; refusing"
                    : $"live: account status check failed (HTTP {closed.HttpStatus}: {closed.Error?.Text})");
                return ExitCodes.Failure;
            }

            var (found, errors) = await PolymarketMarket.ResolveAsync(publicRest, marketIds).ConfigureAwait(false);
            foreach (string e in errors) context.Stderr.WriteLine("live: market " + e);
            if (errors.Count > 0 || found.Count == 0)
            {
                return ExitCodes.Failure;
            }

            markets = found.DistinctBy(m => m.ConditionId, StringComparer.OrdinalIgnoreCase).ToList(); // named twice (id and slug) = traded once
            var refusedMarkets = await RefuseUntradableAsync(publicRest, markets, context).ConfigureAwait(false);
            if (markets.Count == 0)
            {
                context.Stderr.WriteLine($"live: no tradable market left ({string.Join(", ", refusedMarkets)} refused); nothing to trade");
                return ExitCodes.Usage;
            }

            var settings = PolymarketAdapterSettings.From(p);
            var wallet = new WalletSelfTest(rest, key.Address, p.Funder, settings.SignatureType, settings.Contracts, markets, context);
            if (await wallet.RunAsync().ConfigureAwait(false) is { } refusedWallet) return refusedWallet;
            cash = wallet.Collateral;
        }

        context.Stdout.WriteLine($"live: checks passed (not geoblocked; account not close-only; signer {key.Address}; wallet ready; {markets.Count} market(s))");
        return await LiveRunner.RunAsync(options, effective, key, credentials, markets, cash, context).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads each market's record (GET <c>/markets/{condition_id}</c>) and removes from <paramref name="markets"/> every one
    /// that is closed, not accepting orders or unreadable (quoting it would only collect rejects), with one line each;
    /// returns the condition ids removed.
    /// </summary>
    private static async Task<List<string>> RefuseUntradableAsync(PolymarketRestClient rest, List<PolymarketMarket> markets, CliContext context)
    {
        var refused = new List<string>();
        foreach (var m in markets.ToArray())
        {
            var r = await rest.GetMarketAsync(m.ConditionId).ConfigureAwait(false);
            string? why = r.IsSuccess ? MarketTradability.WhyNot(r.Value!) : $"its status could not be read (HTTP {r.HttpStatus}: {r.Error?.Text})";
            if (why is null) continue;
            string label = m.Label is { Length: > 0 } l ? $" ({l})" : "";
            context.Stderr.WriteLine($"live: market {m.ConditionId}{label} is not tradable: {why}; refused");
            markets.Remove(m);
            refused.Add(m.ConditionId);
        }

        return refused;
    }

    /// <summary>Geoblock and close-only countries; null when trading from here is allowed.</summary>
    private static async Task<int?> CheckLocationAsync(PolymarketRestClient rest, CliContext context)
    {
        var g = await rest.GetGeoblockAsync().ConfigureAwait(false);
        if (!g.IsSuccess)
        {
            context.Stderr.WriteLine($"live: geoblock check failed (HTTP {g.HttpStatus}: {g.Error?.Text}); refusing to trade blind");
            return ExitCodes.Failure;
        }

        if (g.Value!.Blocked)
        {
            context.Stderr.WriteLine($"live: Polymarket blocks trading from this location ({g.Value.Country}/{g.Value.Region}); refusing");
            return ExitCodes.Failure;
        }

        if (g.Value.Country is string c && CloseOnlyCountries.Contains(c))
        {
            context.Stderr.WriteLine($"live: this location ({c}) is close-only on Polymarket; refusing to make markets");
            return ExitCodes.Failure;
        }

        return null;
    }
}
