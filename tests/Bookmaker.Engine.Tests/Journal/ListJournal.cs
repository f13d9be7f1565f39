using Bookmaker.Engine.Journal;

namespace Bookmaker.Engine.Tests.Journal;

/// <summary>A journal that keeps every entry in memory, in append order.</summary>
internal sealed class ListJournal : IJournal
{
    public List<JournalEntry> Entries { get; } = [];

    public int Backlog => 0;

    public long Append(in JournalEntry entry)
    {
        Entries.Add(entry);
        return Entries.Count;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
