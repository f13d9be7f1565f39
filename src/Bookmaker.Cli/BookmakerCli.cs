using System.CommandLine;
using Bookmaker.Cli.Commands;

namespace Bookmaker.Cli;

/// <summary>Entry point of the <c>bookmaker</c> command, callable in-process.</summary>
public static class BookmakerCli
{
    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    /// <param name="args">Arguments without the program name.</param>
    /// <param name="stdout">Normal output.</param>
    /// <param name="stderr">Error output.</param>
    /// <param name="environment">Environment variables; null reads the process environment.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? environment = null) =>
        Run(args, new CliContext(stdout, stderr, environment));

    /// <summary>Runs with an explicit context (also lets tests choose the working directory).</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        var parse = root.Parse(args);

        // System.CommandLine answers parse errors with 1; a usage error is 2 here, like bad configuration.
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) context.Stderr.WriteLine("usage error: " + error.Message);
            context.Stderr.WriteLine("Run 'bookmaker --help' for usage.");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = context.Stdout, Error = context.Stderr });
    }

    /// <summary>The full command tree.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Bookmaker: market making and arbitrage on Polymarket and Bybit, with one risk gate in front of every order.");
        root.Subcommands.Add(VersionCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(PaperCommand.Create(context));
        root.Subcommands.Add(LiveCommand.Create(context));
        root.Subcommands.Add(BacktestCommand.Create(context));
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        root.Subcommands.Add(RecordCommand.Create(context));
        root.Subcommands.Add(MarketsCommand.Create(context));
        root.Subcommands.Add(RiskCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(PolymarketCommand.Create(context));
        root.Subcommands.Add(BybitCommand.Create(context));
        root.Subcommands.Add(EmulatorCommand.Create(context));
        root.Subcommands.Add(LoadtestCommand.Create(context));
        return root;
    }
}
