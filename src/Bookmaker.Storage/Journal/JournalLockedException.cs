namespace Bookmaker.Storage.Journal;

/// <summary>
/// Another writer (another process, or another <see cref="SqliteJournal"/> in this one) holds the journal's
/// <see cref="JournalLock"/>. Two writers on one journal would hand out the same sequence numbers; the second is refused.
/// </summary>
public sealed class JournalLockedException : Exception
{
    /// <summary>Creates the exception for <paramref name="journalPath"/> held by <paramref name="holder"/>.</summary>
    public JournalLockedException(string journalPath, JournalLockHolder holder)
        : base($"Journal '{journalPath}' is in use by another writer: {holder?.Describe()}. Stop that engine first, or use another journal file.")
    {
        JournalPath = journalPath;
        Holder = holder ?? JournalLockHolder.Unknown;
    }

    /// <summary>Creates the exception without details (serialization and tooling).</summary>
    public JournalLockedException() { }

    /// <summary>Creates the exception with a message only.</summary>
    public JournalLockedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JournalLockedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The journal that is in use.</summary>
    public string JournalPath { get; } = "";

    /// <summary>The writer holding it (<see cref="JournalLockHolder.Unknown"/> when it left no details).</summary>
    public JournalLockHolder Holder { get; } = JournalLockHolder.Unknown;
}
