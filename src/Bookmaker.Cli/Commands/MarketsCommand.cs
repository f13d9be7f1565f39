using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker markets</c>: list tradable markets from the venue.</summary>
internal static class MarketsCommand
{
    public static Command Create(CliContext context) =>
        NotImplemented.Stub(context, "markets", "List tradable markets (Polymarket Gamma API).", "market discovery (Gamma API)");
}
