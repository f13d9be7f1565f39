using Bookmaker.Engine.Journal;

namespace Bookmaker.Storage.Journal;

/// <summary>An appended entry with the sequence number <see cref="SqliteJournal.Append"/> gave it, waiting for the writer.</summary>
internal readonly record struct JournalPending(long Sequence, JournalEntry Entry);
