using Bookmaker.Engine.Journal;

namespace Bookmaker.Engine.Faults;

/// <summary>A fire drill around the real journal: its Nth append, and every one after, fails like a dead disk would.</summary>
public sealed class DrillJournal(IJournal inner, long failAt) : IJournal
{
    private long _appends;

    /// <inheritdoc />
    public int Backlog => inner.Backlog;

    /// <inheritdoc />
    public long Append(in JournalEntry entry)
    {
        if (++_appends >= failAt) throw new IOException($"drill: journal append #{_appends} failed (journal-fail@{failAt})");
        return inner.Append(entry);
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    /// <summary>The inner journal is disposed by its owner.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
