namespace Bookmaker.Storage.Journal;

/// <summary>
/// The journal's writer failed (disk full, database locked past the busy timeout, I/O error). Entries appended after
/// the last committed sequence are not durable; the engine must stop trading until an operator looks.
/// </summary>
public sealed class JournalFaultedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalFaultedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with the default message.</summary>
    public JournalFaultedException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public JournalFaultedException(string message) : base(message) { }

    /// <summary>Highest sequence known to be committed when the writer failed.</summary>
    public long LastCommittedSequence { get; init; }
}

/// <summary>Arguments of <see cref="SqliteJournal.Faulted"/>.</summary>
public sealed class JournalFaultedEventArgs(JournalFaultedException fault) : EventArgs
{
    /// <summary>The failure, with the SQLite error as its inner exception.</summary>
    public JournalFaultedException Fault { get; } = fault;
}
