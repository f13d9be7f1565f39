namespace Bookmaker.Engine.Configuration;

/// <summary>Settings of a paper run against the simulated venue (section <c>Paper</c>).</summary>
public sealed record PaperOptions
{
    /// <summary>Names accepted in <see cref="Strategies"/>.</summary>
    public static readonly IReadOnlyList<string> KnownStrategies = ["mm", "arb"];

    /// <summary>Seed of every random generator in the run: same seed and inputs, same journal.</summary>
    public required long Seed { get; init; }

    /// <summary>Number of simulated markets.</summary>
    public required int Markets { get; init; }

    /// <summary>Pace of simulated time.</summary>
    public required PaperSpeed Speed { get; init; }

    /// <summary>Simulated time the run lasts.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>SQLite journal file.</summary>
    public required string JournalPath { get; init; }

    /// <summary>Where to write the end-of-run summary as JSON; null for none.</summary>
    public required string? SummaryJsonPath { get; init; }

    /// <summary>Strategies to run, from <see cref="KnownStrategies"/>, in the order given.</summary>
    public required IReadOnlyList<string> Strategies { get; init; }

    /// <summary>Fault-injection spec for the simulated venue (parsed by the fault injector); empty for none.</summary>
    public required string Faults { get; init; }

    /// <summary>
    /// The flow of the simulated venue: empty for the default (the built-in <c>liquid</c> profile), a built-in flow
    /// profile (<c>liquid</c>, <c>thin</c>, <c>crypto</c>), the path of a profile JSON written by <c>bookmaker calibrate</c>,
    /// or <c>stress</c> (the first, uncalibrated synthetic flow).
    /// </summary>
    public string Scenario { get; init; } = string.Empty;

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Paper:Seed", "42", "whole number (64-bit)", "Seed of every random generator in the run."),
        new("Paper:Markets", "5", "whole number in 1..1000", "Number of simulated markets."),
        new("Paper:Speed", "1", "positive number (x real time) or 'max'", "Pace of simulated time: 1 = real time, 10 = ten times faster, max = as fast as possible."),
        new("Paper:Duration", "0", "duration ≥ 0 (0 = until Ctrl+C)", "Simulated time the run lasts; 0 runs until Ctrl+C."),
        new("Paper:JournalPath", "./data/journal.db", "non-empty path", "SQLite journal file."),
        new("Paper:SummaryJsonPath", null, "path, optional", "Where to write the end-of-run summary JSON."),
        new("Paper:Strategies", "mm,arb", "comma-separated list of mm, arb; non-empty, no duplicates", "Strategies to run."),
        new("Paper:Faults", "", "fault spec, optional (see the fault injector)", "Faults injected by the simulated venue."),
        new("Paper:Scenario", "", "liquid, thin, crypto, stress or a flow-profile JSON path, optional", "Order flow of the simulated venue: a flow profile (built in or from bookmaker calibrate), or stress, the first uncalibrated flow (busy and generous, a test of the machinery only); empty = liquid."),
    ];

    internal static PaperOptions Bind(ConfigReader r)
    {
        var o = new PaperOptions
        {
            Seed = r.LongWholeNumber("Paper:Seed"),
            Markets = r.WholeNumber("Paper:Markets"),
            Speed = r.Custom<PaperSpeed>("Paper:Speed", PaperSpeed.TryParse, "must be a positive number or 'max'", PaperSpeed.Max),
            Duration = r.Duration("Paper:Duration"),
            JournalPath = r.Text("Paper:JournalPath"),
            SummaryJsonPath = r.OptionalString("Paper:SummaryJsonPath"),
            Strategies = ParseStrategies(r.Raw("Paper:Strategies")),
            Faults = r.OptionalString("Paper:Faults") ?? string.Empty,
            Scenario = r.OptionalString("Paper:Scenario")?.Trim() ?? string.Empty,
        };
        r.Require("Paper:Markets", o.Markets is > 0 and <= 1000, "must be in 1..1000");
        r.Require("Paper:Duration", o.Duration >= TimeSpan.Zero, "must be ≥ 0 (0 = until Ctrl+C)");
        r.Require("Paper:Strategies", o.Strategies.Count > 0, "must name at least one strategy");
        r.Require("Paper:Strategies", o.Strategies.All(s => KnownStrategies.Contains(s)),
            "must be a comma-separated list of " + string.Join(", ", KnownStrategies));
        r.Require("Paper:Strategies", o.Strategies.Distinct().Count() == o.Strategies.Count, "must not repeat a strategy");
        return o;
    }

    private static string[] ParseStrategies(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).ToArray();
}
