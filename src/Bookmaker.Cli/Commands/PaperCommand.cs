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
        flags.MapDependent(command, new Option<string>("--markets")
        {
            Description = "Number of simulated markets; with --venue polymarket, comma-separated condition ids (0x…) or Gamma slugs; with --venue bybit or bybit-emulator, symbols (BTCUSDT,…).",
            HelpName = "n|ids",
        }, "Venue:Name", MarketsKey);
        flags.Map(command, new Option<string>("--faults")
        {
            Description = "Faults the simulated venue injects, e.g. \"cancel_all.error=0.5,order.timeout=0.05,feed.drop=0.01\"; " +
                "syntax <endpoint>.<fault>=<probability>[:<param>].\n" + Venues.Simulated.Faults.FaultSpec.HelpText,
            HelpName = "spec",
        }, "Paper:Faults");
        flags.Map(command, new Option<string>("--scenario")
        {
            Description = "Order flow of the simulated venue from a flow profile: liquid (the default), thin, crypto (built in) or a profile JSON from " +
                "'bookmaker calibrate' (docs/simulation-calibration.md); stress: the first, uncalibrated flow (busy and generous, a test of the machinery only).",
            HelpName = "liquid|thin|crypto|stress|profile.json",
        }, "Paper:Scenario");
        flags.Map(command, new Option<string>("--drill")
        {
            Description = "Fire drill of the fail-closed paths, e.g. strategy-throw@500, strategy-block@300=10s, core-throw@5000, journal-fail@2000, clock-jump@10s=-90s (docs/fail-closed.md).",
            HelpName = "spec",
        }, "Engine:Drill");
        flags.Map(command, new Option<string>("--speed") { Description = "Pace: multiple of real time, or max.", HelpName = "x|max" }, "Paper:Speed");
        flags.Map(command, new Option<string>("--duration") { Description = "Simulated duration, e.g. 30s, 10m, 1h, 24h.", HelpName = "time" }, "Paper:Duration");
        flags.Map(command, new Option<string>("--journal") { Description = "SQLite journal file.", HelpName = "path" }, "Paper:JournalPath");
        flags.Map(command, new Option<string>("--http") { Description = "Control plane address (port 0: a free port), or off.", HelpName = "ip:port|off" }, "Http:Listen");
        flags.Map(command, new Option<string>("--summary-json") { Description = "Write the run summary as JSON here.", HelpName = "path" }, "Paper:SummaryJsonPath");
        flags.Map(command, new Option<string>("--strategies") { Description = "Strategies to run, e.g. mm,arb." }, "Paper:Strategies");
        flags.Map(command, new Option<string>("--venue")
        {
            Description = "Venue: simulated (synthetic markets), polymarket (real market data, simulated fills; no order ever reaches " +
                "the venue), polymarket-emulator (the real adapter against a loopback emulator), bybit (real Bybit market data, simulated fills) " +
                "or bybit-emulator (the Bybit adapter's market data from a loopback emulator).",
        }, "Venue:Name");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the resolved settings and exit without running." };
        command.Options.Add(dryRun);
        command.SetAction(parse =>
        {
            var loaded = flags.LoadValid(parse, context);
            if (loaded is null) return ExitCodes.Usage;

            // A dry run is a check of the settings: it refuses what a run would refuse.
            if (Refusal(loaded.Options!, loaded.Effective!, context) is { } refused) return refused;
            if (parse.GetValue(dryRun))
            {
                var p = loaded.Options!.Paper;
                context.Stdout.WriteLine(
                    $"paper: seed={p.Seed} markets={loaded.Options.Venue.Name switch { VenueKind.Polymarket => string.Join(',', loaded.Options.Venue.Polymarket.Markets), VenueKind.Bybit or VenueKind.BybitEmulator => string.Join(',', loaded.Options.Venue.Bybit.Markets), _ => p.Markets.ToString(System.Globalization.CultureInfo.InvariantCulture) }} speed={p.Speed} duration={DurationParser.Format(p.Duration)} " +
                    $"strategies={string.Join(',', p.Strategies)} venue={loaded.Options.Venue.Name.ToString().ToLowerInvariant()} " +
                    $"journal={p.JournalPath} summary-json={p.SummaryJsonPath ?? "-"} faults={(p.Faults.Length == 0 ? "-" : p.Faults)}" +
                    (p.Scenario.Length == 0 ? "" : $" scenario={p.Scenario}"));
                return ExitCodes.Ok;
            }

            return Execute(loaded.Options!, loaded.Effective!, context);
        });
        return command;
    }

    /// <summary>Where <c>--markets</c> goes: the Polymarket market list on real data, else the synthetic market count.</summary>
    internal static string MarketsKey(string? venueName) => venueName?.Trim().ToLowerInvariant() switch
    {
        "polymarket" => "Venue:Polymarket:Markets",
        "bybit" or "bybit-emulator" => "Venue:Bybit:Markets",
        _ => "Paper:Markets",
    };

    /// <summary>Runs the paper session with validated options (a bad fault spec is a usage error, exit 2).</summary>
    internal static int Execute(BookmakerOptions options, EffectiveConfig effective, CliContext context) =>
        Refusal(options, effective, context) ?? Paper.PaperRunner.Run(options, effective, context, context.Stop);

    /// <summary>
    /// What a paper run refuses beyond the configuration's own rules — markets missing on real data, a clock drill on
    /// the simulated clock, a fault spec the simulated venue cannot parse — as exit code 2; null when it can run.
    /// </summary>
    private static int? Refusal(BookmakerOptions options, EffectiveConfig effective, CliContext context)
    {
        if (options.Venue.Name == VenueKind.Polymarket && options.Venue.Polymarket.Markets.Count == 0)
        {
            var entry = effective.Find("Venue:Polymarket:Markets");
            context.Stderr.WriteLine(new ConfigError("Venue:Polymarket:Markets", entry?.Value ?? string.Empty,
                "is required with Venue:Name=polymarket: name the markets to paper-trade (condition ids or Gamma slugs), e.g. --markets 0xabc…,some-slug",
                entry?.Source ?? "default").ToString());
            return ExitCodes.Usage;
        }

        if (options.Venue.Name == VenueKind.Bybit && options.Venue.Bybit.Markets.Count == 0)
        {
            var entry = effective.Find("Venue:Bybit:Markets");
            context.Stderr.WriteLine(new ConfigError("Venue:Bybit:Markets", entry?.Value ?? string.Empty,
                "is required with Venue:Name=bybit: name the symbols to paper-trade, e.g. --markets BTCUSDT,ETHUSDT",
                entry?.Source ?? "default").ToString());
            return ExitCodes.Usage;
        }

        if (!Paper.PaperComposition.IsRealTime(options.Venue.Name) && options.Engine.DrillSpec.Find(Engine.Faults.DrillKind.ClockJump) is not null)
        {
            var entry = effective.Find("Engine:Drill");
            context.Stderr.WriteLine(new ConfigError("Engine:Drill", options.Engine.Drill,
                "clock-jump needs a run on the system clock (--venue polymarket-emulator, polymarket, bybit or bybit-emulator, or live); the simulated venue's clock is simulated",
                entry?.Source ?? "default").ToString());
            return ExitCodes.Usage;
        }

        if (options.Paper.Scenario.Length > 0)
        {
            var entry = effective.Find("Paper:Scenario");
            string rule = "liquid, thin, crypto, stress or a flow-profile JSON path, optional";
            if (options.Venue.Name != VenueKind.Simulated)
            {
                context.Stderr.WriteLine(new ConfigError("Paper:Scenario", options.Paper.Scenario,
                    $"{rule}: a scenario drives the simulated venue's flow, so it needs Venue:Name=simulated", entry?.Source ?? "default").ToString());
                return ExitCodes.Usage;
            }

            if (options.Paper.Scenario != Paper.PaperComposition.StressScenario && Paper.PaperComposition.LoadScenario(options.Paper.Scenario, context).Error is { } error)
            {
                context.Stderr.WriteLine(new ConfigError("Paper:Scenario", options.Paper.Scenario, $"{rule}: {error}", entry?.Source ?? "default").ToString());
                return ExitCodes.Usage;
            }
        }

        try
        {
            Paper.PaperComposition.ParseFaults(options.Paper.Faults);
        }
        catch (FormatException e)
        {
            context.Stderr.WriteLine($"config error: Paper:Faults = '{options.Paper.Faults}' (from {effective.Find("Paper:Faults")?.Source ?? "cli"}): {e.Message}");
            context.Stderr.WriteLine(Venues.Simulated.Faults.FaultSpec.HelpText);
            return ExitCodes.Usage;
        }

        return null;
    }
}
