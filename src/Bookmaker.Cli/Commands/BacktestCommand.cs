using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker backtest</c>: replays recordings through the engine on the simulated clock (the same strategies, order
/// manager, risk gate, portfolio and journal as paper and live) and writes <c>result.json</c>, <c>report.html</c> and
/// <c>journal.db</c> to <c>--out</c>. See docs/backtest.md.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("backtest", "Replay recorded market data through the strategies (docs/backtest.md).");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var options = Backtest.BacktestArguments.Create();
        options.AddTo(command);
        flags.Map(command, Backtest.BacktestArguments.SeedOption(), "Paper:Seed");
        command.SetAction(parse =>
        {
            var loaded = flags.LoadValid(parse, context);
            if (loaded is null) return ExitCodes.Usage;
            return Backtest.BacktestRunner.Run(options.Read(parse), loaded.Options!, loaded.Effective!, context, context.Stop);
        });
        return command;
    }
}
