namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Journal housekeeping (section <c>Journal</c>): the free-space floor below which the engine fails closed before
/// SQLite would fail, and the size bound kept by daily compaction.
/// </summary>
public sealed record JournalOptions
{
    /// <summary>
    /// Free bytes on the journal's volume below which the engine fails closed (checked at start and watched); under twice
    /// this a WARNING is raised.
    /// </summary>
    public required long MinFreeBytes { get; init; }

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Journal:MinFreeBytes", "268435456", "whole number of bytes ≥ 0 (0 = off)", "Free space on the journal's volume at which the engine fails closed (WARNING under twice it)."),
    ];

    internal static JournalOptions Bind(ConfigReader r)
    {
        var o = new JournalOptions
        {
            MinFreeBytes = r.LongWholeNumber("Journal:MinFreeBytes"),
        };
        r.Require("Journal:MinFreeBytes", o.MinFreeBytes >= 0, "must be ≥ 0");
        return o;
    }
}
