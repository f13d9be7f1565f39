namespace Bookmaker.Storage.Journal;

/// <summary>Tuning for <see cref="SqliteJournal"/>. The defaults suit live trading and simulation alike.</summary>
public sealed record SqliteJournalOptions
{
    /// <summary>Most entries written in one transaction (default 4096); the writer takes whatever is pending up to this.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>
    /// Entries the append buffer holds before it has to grow (default 16384). The buffer only grows, on the caller's
    /// thread, when the writer falls that far behind; size it for the largest burst you expect.
    /// </summary>
    public int InitialCapacity { get; init; } = 16384;

    /// <summary>How long a write waits for another connection's lock before the journal faults (default 5 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>synchronous=FULL</c> instead of <c>NORMAL</c>: every commit is fsynced, so acknowledged entries also survive
    /// power loss, at a cost in throughput. NORMAL already survives a killed process.
    /// </summary>
    public bool SynchronousFull { get; init; }

    /// <summary>Schema steps to apply on open; defaults to <see cref="JournalSchema.Migrations"/> (tools and tests only).</summary>
    public IReadOnlyList<JournalMigration>? Migrations { get; init; }

    /// <summary>
    /// Who this writer is, for the holder file of its <see cref="JournalLock"/> (mode, redacted command line, published
    /// properties such as the kill-switch path). Null: mode empty, the executable's name as command line.
    /// </summary>
    public JournalWriterInfo? Writer { get; init; }

    /// <summary>
    /// Live-file size (bytes) above which a compaction request (at each trading-day roll) archives what recovery no
    /// longer needs (default 256 MiB, like <c>Journal:CompactAbove</c>; 0 = never).
    /// </summary>
    public long CompactAbove { get; init; } = 256L * 1024 * 1024;

    /// <summary>Archives dated more than this many days before the newest are deleted at each roll (default 30; 0 = keep all).</summary>
    public int ArchiveRetentionDays { get; init; } = 30;

    /// <summary>
    /// Sequence numbers one compaction step scans or moves (default 5,000): the bound on how long a batch can wait
    /// behind the compaction — a move step is two commits, one of them fsynced (see <c>docs/journal.md</c> for the
    /// measured step times).
    /// </summary>
    public int CompactionStepRows { get; init; } = 5_000;

    /// <summary>Pages one incremental-vacuum step returns to the file system (default 512, i.e. 2 MiB of 4 KiB pages).</summary>
    public int VacuumStepPages { get; init; } = 512;
}
