using System.CommandLine;
using Bookmaker.Cli.Sweep;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker sweep</c>: runs <c>bookmaker backtest</c> over the cartesian grid of <c>--grid</c> values (each run its
/// own process and directory, resumable, splittable with <c>--shard i/N</c>), and <c>bookmaker sweep report</c>, which
/// merges sweep directories into <c>sweep.json</c> and <c>sweep.html</c>. See docs/backtest.md#sweeps.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sweep", "Backtest every combination of --grid values, resumably, one shard of N per machine (docs/backtest.md#sweeps).");
        var options = new SweepOptions();
        options.AddTo(command);
        command.SetAction(parse => SweepPlanner.Plan(options, parse, context) is { } job ? SweepRunner.Run(job, context) : ExitCodes.Usage);
        command.Subcommands.Add(Report(context));
        return command;
    }

    private static Command Report(CliContext context)
    {
        var report = new Command("report", "Merge sweep directories (one or several shards) into sweep.json and sweep.html: ranked runs, heatmap, deflated Sharpe.");
        var dirs = new Argument<string[]>("dir") { Arity = ArgumentArity.OneOrMore, Description = "Sweep output directories (each with runs/)." };
        var x = new Option<string>("--x") { Description = "Heatmap column: a grid key (default: the first).", HelpName = "key" };
        var y = new Option<string>("--y") { Description = "Heatmap row: a grid key (default: the second).", HelpName = "key" };
        var outDir = new Option<string>("--out") { Description = "Where sweep.json and sweep.html go (default: the first directory).", HelpName = "dir" };
        report.Arguments.Add(dirs);
        foreach (Option o in new Option[] { x, y, outDir }) report.Options.Add(o);
        report.SetAction(parse => SweepReportRunner.Run(parse.GetValue(dirs) ?? [], parse.GetValue(x), parse.GetValue(y), parse.GetValue(outDir), context));
        return report;
    }
}
