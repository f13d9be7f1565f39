using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli;

/// <summary>Preparing a journal file for a new session (paper or live).</summary>
internal static class JournalFiles
{
    /// <summary>
    /// Creates the journal's folder and returns the epoch of the new session: one past the last session in the file,
    /// so client order ids never repeat across sessions of one journal (1 for a new file).
    /// </summary>
    public static uint NextEpoch(string journalPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(journalPath)!);
        if (!File.Exists(journalPath)) return 1;
        using var reader = JournalReader.Open(journalPath);
        return reader.NextEpoch();
    }
}
