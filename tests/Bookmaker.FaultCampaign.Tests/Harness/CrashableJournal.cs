using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.FaultCampaign.Tests.Harness;

/// <summary>
/// A real <see cref="SqliteJournal"/> behind a hold-back buffer that models what a <c>kill -9</c> can lose: entries
/// appended since the last <see cref="Commit"/> (the harness commits after every clock step, i.e. what the writer
/// thread would have made durable by then) are dropped by <see cref="Crash"/>. Without a crash it is the SQLite journal.
/// </summary>
internal sealed class CrashableJournal(SqliteJournal inner) : IJournal
{
    private readonly List<JournalEntry> _held = [];
    private long _sequence = inner.LastSequence;

    public SqliteJournal Inner { get; } = inner;

    /// <summary>Entries lost by the crash.</summary>
    public int Lost { get; private set; }

    public int Backlog => _held.Count + Inner.Backlog;

    public long Append(in JournalEntry entry)
    {
        _held.Add(entry);
        return ++_sequence;
    }

    /// <summary>Hands everything held to the SQLite writer (it becomes durable).</summary>
    public void Commit()
    {
        foreach (var e in _held) Inner.Append(e);
        _held.Clear();
    }

    /// <summary>The process dies: whatever was not committed is gone; the file is closed with what was.</summary>
    public async Task CrashAsync()
    {
        Lost = _held.Count;
        _held.Clear();
        await Inner.DisposeAsync();
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Commit();
        return Inner.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Commit();
        await Inner.DisposeAsync();
    }
}
