using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker backtest</c>: replay recorded market data through the strategies.</summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var command = NotImplemented.Stub(context, "backtest", "Replay recorded market data through the strategies.", "the backtester (recorded-data replay)");
        command.Options.Add(new Option<string>("--data") { Description = "Recorded data file or directory.", HelpName = "path" });
        return command;
    }
}
