using System.Globalization;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// The dated archive files beside a journal, <c>&lt;journal&gt;.&lt;yyyyMMdd&gt;.archive.db</c>: what daily compaction
/// moved out of the live file, in the journal's own schema, so <see cref="JournalReader"/> opens them like a journal.
/// The date is the UTC day the archived trading day started.
/// </summary>
public static class JournalArchives
{
    private const string Suffix = ".archive.db";

    /// <summary>The archive of <paramref name="day"/> for the journal at <paramref name="journalPath"/>.</summary>
    public static string PathFor(string journalPath, DateOnly day)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        return Path.GetFullPath(journalPath) + "." + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Suffix;
    }

    /// <summary>
    /// The day a compaction at a roll of <paramref name="rollTicks"/> archives: the UTC date one day before the roll,
    /// i.e. the start of the trading day that just ended (also when the roll is noticed a moment late).
    /// </summary>
    public static DateOnly DayOfRoll(long rollTicks) =>
        DateOnly.FromDateTime(new DateTime(Math.Max(0, rollTicks - TimeSpan.TicksPerDay), DateTimeKind.Utc));

    /// <summary>Every archive of the journal at <paramref name="journalPath"/>, oldest first.</summary>
    public static IReadOnlyList<(DateOnly Day, string Path)> List(string journalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        string full = Path.GetFullPath(journalPath);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) return [];
        string prefix = Path.GetFileName(full) + ".";
        var found = new List<(DateOnly, string)>();
        foreach (string path in Directory.EnumerateFiles(folder, prefix + "*" + Suffix))
        {
            string name = Path.GetFileName(path);
            // Exactly <journal>.<8 digits>.archive.db: another journal's archives never match a longer name.
            if (name.Length != prefix.Length + 8 + Suffix.Length) continue;
            if (DateOnly.TryParseExact(name.AsSpan(prefix.Length, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                found.Add((day, path));
        }

        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>
    /// Deletes the archives dated more than <paramref name="retentionDays"/> days before <paramref name="newest"/>
    /// (0 = keep all) and returns their paths.
    /// </summary>
    public static IReadOnlyList<string> DeleteExpired(string journalPath, DateOnly newest, int retentionDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retentionDays);
        if (retentionDays == 0) return [];
        var oldestKept = newest.AddDays(-retentionDays);
        var deleted = new List<string>();
        foreach (var (day, path) in List(journalPath))
        {
            if (day >= oldestKept) continue;
            File.Delete(path);
            // A rollback journal left by a crash mid-write belongs to the archive and goes with it.
            File.Delete(path + "-journal");
            deleted.Add(path);
        }

        return deleted;
    }
}
