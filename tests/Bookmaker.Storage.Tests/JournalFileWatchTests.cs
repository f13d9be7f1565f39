using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

public sealed class JournalFileWatchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_open_journal_is_present()
    {
        await using var journal = SqliteJournal.Open(_dir.File());

        Assert.Equal(JournalFileState.Present, new JournalFileWatch(_dir.File()).Check());
    }

    [UnixFact]
    public async Task A_journal_deleted_under_its_writer_is_missing_although_sqlite_keeps_committing()
    {
        await using var journal = SqliteJournal.Open(_dir.File());
        var watch = new JournalFileWatch(_dir.File());

        File.Delete(_dir.File());
        journal.Append(Entries.Note(1));
        await journal.FlushAsync();

        Assert.False(journal.IsFaulted, "SQLite writes on into the unlinked file: only the watch can tell");
        Assert.Equal(JournalFileState.Missing, watch.Check());
    }

    [LinuxFact]
    public async Task A_journal_replaced_by_another_file_is_replaced()
    {
        await using var journal = SqliteJournal.Open(_dir.File());
        var watch = new JournalFileWatch(_dir.File());

        File.WriteAllBytes(_dir.File("other.db"), []);
        File.Move(_dir.File("other.db"), _dir.File(), overwrite: true);

        Assert.Equal(JournalFileState.Replaced, watch.Check());
    }
}
