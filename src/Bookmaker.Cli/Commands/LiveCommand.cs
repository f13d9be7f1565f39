using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker live</c>: trade with real money on a venue.</summary>
internal static class LiveCommand
{
    public static Command Create(CliContext context)
    {
        var command = NotImplemented.Stub(context, "live", "Trade live on a venue (real money; every order passes the risk gate).",
            "live trading (Polymarket adapter and order manager)");
        command.Options.Add(new Option<string>("--venue") { Description = "Venue adapter (polymarket, bybit)." });
        return command;
    }
}
