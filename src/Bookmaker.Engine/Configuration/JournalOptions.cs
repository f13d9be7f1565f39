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

    /// <summary>
    /// Live-file size (bytes) above which the trading-day roll moves what recovery no longer needs into a dated archive
    /// beside the journal; 0 = never.
    /// </summary>
    public required long CompactAbove { get; init; }

    /// <summary>Archives dated more than this many days before the newest are deleted at each roll; 0 = keep all.</summary>
    public required int ArchiveRetentionDays { get; init; }

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Journal:MinFreeBytes", "268435456", "whole number of bytes ≥ 0 (0 = off)", "Free space on the journal's volume at which the engine fails closed (WARNING under twice it)."),
        new("Journal:CompactAbove", "268435456", "whole number of bytes ≥ 0 (0 = never)", "At each trading-day roll, a live journal larger than this moves finished orders and old entries into <journal>.<yyyyMMdd>.archive.db."),
        new("Journal:ArchiveRetentionDays", "30", "whole number of days ≥ 0 (0 = keep all)", "Journal archives older than this many days are deleted at each trading-day roll."),
    ];

    internal static JournalOptions Bind(ConfigReader r)
    {
        var o = new JournalOptions
        {
            MinFreeBytes = r.LongWholeNumber("Journal:MinFreeBytes"),
            CompactAbove = r.LongWholeNumber("Journal:CompactAbove"),
            ArchiveRetentionDays = r.WholeNumber("Journal:ArchiveRetentionDays"),
        };
        r.Require("Journal:MinFreeBytes", o.MinFreeBytes >= 0, "must be ≥ 0");
        r.Require("Journal:CompactAbove", o.CompactAbove >= 0, "must be ≥ 0");
        r.Require("Journal:ArchiveRetentionDays", o.ArchiveRetentionDays >= 0, "must be ≥ 0");
        return o;
    }
}
