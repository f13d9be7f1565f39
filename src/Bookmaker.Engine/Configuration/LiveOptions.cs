namespace Bookmaker.Engine.Configuration;

/// <summary>Settings of a live run (section <c>Live</c>). Venue endpoints and credentials live under <c>Venue</c>.</summary>
public sealed record LiveOptions
{
    /// <summary>SQLite journal of live sessions (kept apart from paper journals so they never mix).</summary>
    public required string JournalPath { get; init; }

    /// <summary>Strategies to run, from <see cref="PaperOptions.KnownStrategies"/>, in the order given.</summary>
    public required IReadOnlyList<string> Strategies { get; init; }

    /// <summary>Stop (gracefully: cancel all, flush) after this long; zero runs until Ctrl+C.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Where to write the end-of-session summary as JSON; null for none.</summary>
    public required string? SummaryJsonPath { get; init; }

    /// <summary>
    /// When true, <c>live</c> places one tiny post-only BUY at the first market's minimum price through the order manager
    /// and risk gate after the wallet self-test, waits for the venue to acknowledge it, cancels it and waits for the
    /// cancel before any strategy starts; any failure exits 1 without trading.
    /// </summary>
    public bool SelfTestOrder { get; init; }

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Live:JournalPath", "./data/live-journal.db", "non-empty path", "SQLite journal of live sessions (separate from paper)."),
        new("Live:Strategies", "mm", "comma-separated list of mm, arb; non-empty, no duplicates", "Strategies a live session runs."),
        new("Live:Duration", "0", "duration ≥ 0 (0 = until Ctrl+C)", "Stop gracefully after this long; 0 runs until Ctrl+C."),
        new("Live:SummaryJsonPath", null, "path, optional", "Where to write the end-of-session summary JSON."),
        new("Live:SelfTestOrder", "false", "true or false", "At start, place and cancel one tiny post-only order (through the risk gate) before any strategy trades; exit 1 if it fails."),
    ];

    internal static LiveOptions Bind(ConfigReader r)
    {
        var o = new LiveOptions
        {
            JournalPath = r.Text("Live:JournalPath"),
            Strategies = (r.Raw("Live:Strategies") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => s.ToLowerInvariant()).ToArray(),
            Duration = r.Duration("Live:Duration"),
            SummaryJsonPath = r.OptionalString("Live:SummaryJsonPath"),
            SelfTestOrder = r.Boolean("Live:SelfTestOrder"),
        };
        r.Require("Live:Duration", o.Duration >= TimeSpan.Zero, "must be ≥ 0 (0 = until Ctrl+C)");
        r.Require("Live:Strategies", o.Strategies.Count > 0, "must name at least one strategy");
        r.Require("Live:Strategies", o.Strategies.All(s => PaperOptions.KnownStrategies.Contains(s)),
            "must be a comma-separated list of " + string.Join(", ", PaperOptions.KnownStrategies));
        r.Require("Live:Strategies", o.Strategies.Distinct().Count() == o.Strategies.Count, "must not repeat a strategy");
        return o;
    }
}
