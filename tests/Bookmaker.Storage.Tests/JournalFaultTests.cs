using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Tests;

/// <summary>
/// Writer failures are provoked for real: a second connection installs a trigger that makes SQLite abort every insert
/// (what a full disk or an I/O error looks like to the writer: a failed statement inside its transaction).
/// </summary>
public sealed class JournalFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void BreakInserts()
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON entries BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END;";
        command.ExecuteNonQuery();
    }

    private static async Task<SqliteJournal> FaultedJournal(string path, Action breakInserts)
    {
        var journal = SqliteJournal.Open(path);
        journal.Append(Entries.Note(1));
        await journal.FlushAsync();
        breakInserts();
        journal.Append(Entries.Note(2));
        return journal;
    }

    [Fact]
    public async Task Flush_throws_when_the_writer_fails()
    {
        var journal = await FaultedJournal(_dir.File(), BreakInserts);
        var ex = await Assert.ThrowsAsync<JournalFaultedException>(() => journal.FlushAsync());
        Assert.Contains("simulated disk full", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.LastCommittedSequence);
        Assert.True(journal.IsFaulted);
        Assert.Equal(1, journal.Backlog);
        await Assert.ThrowsAsync<JournalFaultedException>(() => journal.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task Faulted_event_is_raised_when_the_writer_fails()
    {
        var raised = new TaskCompletionSource<JournalFaultedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = SqliteJournal.Open(_dir.File());
        journal.Faulted += (_, e) => raised.TrySetResult(e.Fault);
        BreakInserts();
        journal.Append(Entries.Note(1));

        var fault = await raised.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsType<SqliteException>(fault.InnerException);
        await Assert.ThrowsAsync<JournalFaultedException>(() => journal.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task Append_throws_once_the_writer_has_failed()
    {
        var journal = await FaultedJournal(_dir.File(), BreakInserts);
        await Assert.ThrowsAsync<JournalFaultedException>(() => journal.FlushAsync());
        Assert.Throws<JournalFaultedException>(() => journal.Append(Entries.Note(3)));
        await Assert.ThrowsAsync<JournalFaultedException>(() => journal.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task Entries_committed_before_the_failure_stay_and_reopen_continues_after_them()
    {
        var journal = await FaultedJournal(_dir.File(), BreakInserts);
        await Assert.ThrowsAsync<JournalFaultedException>(() => journal.DisposeAsync().AsTask());

        using (var connection = new SqliteConnection($"Data Source={_dir.File()};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TRIGGER refuse;";
            drop.ExecuteNonQuery();
        }

        await using (var reopened = SqliteJournal.Open(_dir.File()))
        {
            Assert.Equal(2, reopened.Append(Entries.Note(2)));
        }

        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal([1L, 2L], reader.ReadAll().Select(r => r.Sequence));
    }
}
