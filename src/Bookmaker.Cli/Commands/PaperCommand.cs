using System.CommandLine;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker paper</c>: a run against the simulated venue. The option list and its mapping onto configuration
/// keys are complete; <see cref="Execute"/> is where the run loop goes.
/// </summary>
internal static class PaperCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("paper", "Paper-trade against the simulated venue (deterministic for a given seed).");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        flags.Map(command, new Option<long>("--seed") { Description = "Seed of every random generator." }, "Paper:Seed");
        flags.Map(command, new Option<int>("--markets") { Description = "Number of simulated markets.", HelpName = "n" }, "Paper:Markets");
        flags.Map(command, new Option<string>("--faults") { Description = "Fault-injection spec for the simulated venue." }, "Paper:Faults");
        flags.Map(command, new Option<string>("--speed") { Description = "Pace: multiple of real time, or max.", HelpName = "x|max" }, "Paper:Speed");
        flags.Map(command, new Option<string>("--duration") { Description = "Simulated duration, e.g. 30s, 10m, 1h, 24h.", HelpName = "time" }, "Paper:Duration");
        flags.Map(command, new Option<string>("--journal") { Description = "SQLite journal file.", HelpName = "path" }, "Paper:JournalPath");
        flags.Map(command, new Option<string>("--summary-json") { Description = "Write the run summary as JSON here.", HelpName = "path" }, "Paper:SummaryJsonPath");
        flags.Map(command, new Option<string>("--strategies") { Description = "Strategies to run, e.g. mm,arb." }, "Paper:Strategies");
        flags.Map(command, new Option<string>("--venue") { Description = "Venue adapter (simulated)." }, "Venue:Name");
        command.SetAction(parse =>
        {
            var loaded = flags.Load(parse, context);
            if (loaded is null) return ExitCodes.Usage;
            if (!loaded.Succeeded)
            {
                ConfigFlags.Report(loaded.Errors, context);
                return ExitCodes.Usage;
            }

            return Execute(loaded.Options!, loaded.Effective!, context);
        });
        return command;
    }

    /// <summary>Runs the paper session with validated options. The run loop arrives with the paper-trading feature.</summary>
    internal static int Execute(BookmakerOptions options, EffectiveConfig effective, CliContext context)
    {
        var p = options.Paper;
        context.Stdout.WriteLine(
            $"paper: seed={p.Seed} markets={p.Markets} speed={p.Speed} duration={DurationParser.Format(p.Duration)} " +
            $"strategies={string.Join(',', p.Strategies)} venue={options.Venue.Name.ToString().ToLowerInvariant()} " +
            $"journal={p.JournalPath} summary-json={p.SummaryJsonPath ?? "-"} faults={(p.Faults.Length == 0 ? "-" : p.Faults)}");
        _ = effective;
        return NotImplemented.Report(context, "the paper-trading run loop (simulated venue, strategies, journal)");
    }
}
