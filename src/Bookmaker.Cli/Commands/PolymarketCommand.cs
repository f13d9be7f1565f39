using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker polymarket sign-order|derive-api-key</c>: Polymarket credential and signing tools.</summary>
internal static class PolymarketCommand
{
    public static Command Create(CliContext context)
    {
        var polymarket = new Command("polymarket", "Polymarket tools: sign an order, derive API credentials.");
        polymarket.Subcommands.Add(NotImplemented.Stub(context, "sign-order", "Sign an order (EIP-712) and print the JSON body.", "Polymarket order signing"));
        polymarket.Subcommands.Add(NotImplemented.Stub(context, "derive-api-key", "Derive L2 API credentials from the private key (L1 auth).", "Polymarket L1/L2 authentication"));
        return polymarket;
    }
}
