using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker record</c>: record live market data for later replay.</summary>
internal static class RecordCommand
{
    public static Command Create(CliContext context)
    {
        var command = NotImplemented.Stub(context, "record", "Record live market data for backtests.", "the market-data recorder");
        command.Options.Add(new Option<string>("--out") { Description = "Output file.", HelpName = "path" });
        return command;
    }
}
