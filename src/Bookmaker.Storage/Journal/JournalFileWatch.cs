namespace Bookmaker.Storage.Journal;

/// <summary>Whether the journal file is still the one the writer opened.</summary>
public enum JournalFileState
{
    /// <summary>The path still leads to the file that was opened.</summary>
    Present,

    /// <summary>Nothing at the path any more: someone deleted (or moved) the journal.</summary>
    Missing,

    /// <summary>The path now leads to a different file (deleted and recreated, or another file moved over it).</summary>
    Replaced,
}

/// <summary>
/// Notices a journal removed or replaced under a running writer. SQLite keeps writing to the open file even after it
/// is unlinked, so commits keep "succeeding" into a file nobody will ever read again (recovery, <c>risk status</c> and
/// the next start all look at the path): the engine must treat that as a journal failure. One <c>statx</c> per
/// <see cref="Check"/>, cheap enough for once a second.
/// </summary>
public sealed class JournalFileWatch
{
    private readonly (ulong Device, ulong Inode)? _identity;

    /// <summary>Remembers the file now at <paramref name="journalPath"/> (open the journal first).</summary>
    /// <exception cref="FileNotFoundException">There is no file at the path.</exception>
    public JournalFileWatch(string journalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        JournalPath = Path.GetFullPath(journalPath);
        if (!File.Exists(JournalPath)) throw new FileNotFoundException($"Journal '{JournalPath}' does not exist.", JournalPath);
        _identity = JournalFileProbe.IdentityOf(JournalPath);
    }

    /// <summary>The watched path (absolute).</summary>
    public string JournalPath { get; }

    /// <summary>
    /// True when replacement can be told from presence (Linux, where the file's device and inode are read); elsewhere
    /// <see cref="Check"/> can only tell <see cref="JournalFileState.Missing"/>.
    /// </summary>
    public bool KnowsIdentity => _identity is not null;

    /// <summary>Looks at the path now.</summary>
    public JournalFileState Check()
    {
        if (_identity is { } opened)
        {
            var now = JournalFileProbe.IdentityOf(JournalPath);
            if (now is null) return JournalFileState.Missing;
            return now == opened ? JournalFileState.Present : JournalFileState.Replaced;
        }

        return File.Exists(JournalPath) ? JournalFileState.Present : JournalFileState.Missing;
    }
}
