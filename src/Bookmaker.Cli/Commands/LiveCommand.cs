using System.CommandLine;
using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker live --venue polymarket --confirm-live</c>: validates everything a live run needs (confirmation,
/// credentials, geoblock, close-only status) and then hands over to <see cref="LiveRunner"/>.
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
        flags.Map(command, new Option<string>("--venue") { Description = "Venue adapter (polymarket)." }, "Venue:Name");
        var confirm = new Option<bool>("--confirm-live") { Description = "Required: confirms that real money will be traded." };
        var markets = new Option<string?>("--markets") { Description = "Comma-separated condition ids or slugs to trade.", HelpName = "ids|slugs" };
        command.Options.Add(confirm);
        command.Options.Add(markets);
        command.SetAction(parse =>
        {
            var options = PolymarketCommand.LoadOptions(flags, parse, context);
            if (options is null) return ExitCodes.Usage;
            if (options.Venue.Name != VenueKind.Polymarket)
            {
                context.Stderr.WriteLine("live: only --venue polymarket is supported so far");
                return ExitCodes.Usage;
            }

            if (!parse.GetValue(confirm))
            {
                context.Stderr.WriteLine("live: refusing to trade real money without --confirm-live");
                return ExitCodes.Usage;
            }

            return Validate(options.Venue.Polymarket, parse.GetValue(markets), context);
        });
        return command;
    }

    private static int Validate(PolymarketOptions p, string? markets, CliContext context)
    {
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
        var time = TimeProvider.System;
        using var geo = new PolymarketRestClient(PolymarketHttpSettings.From(p), null, time);
        var g = geo.GetGeoblockAsync().GetAwaiter().GetResult();
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

        using var signer = new L2RequestSigner(new ApiCredentials(p.ApiKey, p.ApiSecret, p.ApiPassphrase), key.Address);
        using var rest = new PolymarketRestClient(PolymarketHttpSettings.From(p), signer, time);
        var closed = rest.GetClosedOnlyAsync().GetAwaiter().GetResult();
        if (!closed.IsSuccess)
        {
            context.Stderr.WriteLine($"live: account status check failed (HTTP {closed.HttpStatus}: {closed.Error?.Text})");
            return ExitCodes.Failure;
        }

        if (closed.Value!.ClosedOnly)
        {
            context.Stderr.WriteLine("live: the account is in close-only mode; refusing");
            return ExitCodes.Failure;
        }

        context.Stdout.WriteLine($"live: checks passed (geoblock: not blocked, country {g.Value.Country ?? "?"}; account not close-only; signer {key.Address})");
        return LiveRunner.Run(p, markets, context);
    }
}

/// <summary>The hook the live run loop plugs into once the engine wiring lands (the lead wires it with the market maker).</summary>
internal static class LiveRunner
{
    /// <summary>Replaceable run function; the default reports that the wiring is pending.</summary>
    public static Func<PolymarketOptions, string?, CliContext, int> Run { get; set; } = (_, _, context) =>
    {
        context.Stderr.WriteLine("live engine wiring arrives with the market maker");
        return ExitCodes.Failure;
    };
}
