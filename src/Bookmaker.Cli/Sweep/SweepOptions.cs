using System.CommandLine;
using Bookmaker.Cli.Backtest;
using Bookmaker.Cli.Commands;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// The flags of <c>bookmaker sweep</c>: its own (<c>--grid</c>, <c>--parallel</c>, <c>--shard</c>) and every flag of
/// <c>bookmaker backtest</c>, which it passes on to each run unchanged (<c>--out</c> is the sweep's directory instead).
/// </summary>
internal sealed class SweepOptions
{
    public SweepOptions()
    {
        // Checked by the planner instead, so that 'sweep report' (a subcommand) is not held to them and a missing one
        // exits 2 like every other usage error here.
        Backtest.Data.Required = false;
        Backtest.Out.Required = false;
        Backtest.Out.Description = "The sweep's directory: sweep-plan.json, runs/<run-id>/ (result.json, report.html, journal.db) per run.";
    }

    public ConfigFlags Flags { get; } = new();

    public BacktestArguments Backtest { get; } = BacktestArguments.Create();

    public Option<long> Seed { get; } = BacktestArguments.SeedOption();

    public Option<string[]> Grid { get; } = new("--grid")
    {
        Description = "A configuration key and its values, e.g. MarketMaker:Gamma=5,10,20 (repeatable; the runs are every combination).",
        HelpName = "Section:Key=v1,v2",
    };

    public Option<int> Parallel { get; } = new("--parallel") { Description = "Runs at a time on this machine (each its own process).", DefaultValueFactory = _ => 1 };

    public Option<string> Shard { get; } = new("--shard")
    {
        Description = "Take only the runs whose grid index mod N is i; i is 0-based (0 … N-1), as Kubernetes' JOB_COMPLETION_INDEX.",
        HelpName = "i/N",
    };

    /// <summary>The flags each run gets as given.</summary>
    public IReadOnlyList<Option> PassedOn => [Flags.Profile, Flags.ConfigFile, Flags.Set, Seed, .. Backtest.All.Where(o => o != Backtest.Out)];

    public void AddTo(Command command)
    {
        Flags.AddTo(command);
        Backtest.AddTo(command);
        foreach (Option o in new Option[] { Seed, Grid, Parallel, Shard }) command.Options.Add(o);
    }
}
