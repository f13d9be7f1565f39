using System.Diagnostics;
using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Tests;

/// <summary>Paths that cannot hold a journal are refused before SQLite sees them, with the reason in words.</summary>
public sealed class JournalPathCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Refuses_a_journal_path_that_is_a_directory()
    {
        Assert.Equal("it is a directory, not a file", JournalPathCheck.Problem(_dir.Path));
    }

    [LinuxFact]
    public void Refuses_a_device()
    {
        Assert.Equal("it is a device, not a regular file", JournalPathCheck.Problem("/dev/null"));
    }

    [LinuxFact]
    public void Refuses_a_named_pipe()
    {
        string fifo = _dir.File("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();

        Assert.Equal("it is a named pipe (FIFO), not a regular file", JournalPathCheck.Problem(fifo));
    }

    [Fact]
    public void Refuses_a_text_file()
    {
        File.WriteAllText(_dir.File("notes.txt"), "shopping list: eggs, milk, an SQLite journal\n");

        Assert.Equal("it is not an SQLite database (the file exists and holds something else)", JournalPathCheck.Problem(_dir.File("notes.txt")));
    }

    [Fact]
    public void Refuses_a_file_shorter_than_the_sqlite_header()
    {
        File.WriteAllBytes(_dir.File("short.db"), "SQLite"u8.ToArray());

        Assert.NotNull(JournalPathCheck.Problem(_dir.File("short.db")));
    }

    [Fact]
    public void Accepts_an_empty_file_as_a_new_journal()
    {
        File.WriteAllBytes(_dir.File(), []);

        Assert.Null(JournalPathCheck.Problem(_dir.File()));
    }

    [Fact]
    public void Accepts_a_path_whose_folders_do_not_exist_yet()
    {
        Assert.Null(JournalPathCheck.Problem(Path.Combine(_dir.Path, "a", "b", "journal.db")));
    }

    [Fact]
    public void Refuses_a_path_below_a_file()
    {
        File.WriteAllText(_dir.File("data"), "x");

        Assert.Equal($"its folder '{_dir.File("data")}' is a file, not a directory", JournalPathCheck.Problem(Path.Combine(_dir.File("data"), "journal.db")));
    }

    [Fact]
    public async Task Accepts_an_existing_journal()
    {
        await using (SqliteJournal.Open(_dir.File()))
        {
        }

        Assert.Null(JournalPathCheck.Problem(_dir.File()));
    }

    [LinuxFact]
    public void Open_refuses_a_device_with_a_path_exception_instead_of_writing_nowhere()
    {
        var ex = Assert.Throws<JournalPathException>(() => SqliteJournal.Open("/dev/null"));

        Assert.Equal("it is a device, not a regular file", ex.Reason);
    }

    [Fact]
    public void Open_refuses_a_directory_with_a_path_exception()
    {
        var ex = Assert.Throws<JournalPathException>(() => SqliteJournal.Open(_dir.Path));

        Assert.Equal("it is a directory, not a file", ex.Reason);
    }

    [Fact]
    public void Open_refuses_a_text_file_and_leaves_it_as_it_was()
    {
        File.WriteAllText(_dir.File("notes.txt"), "keep me\n");

        Assert.Throws<JournalPathException>(() => SqliteJournal.Open(_dir.File("notes.txt")));

        Assert.Equal("keep me\n", File.ReadAllText(_dir.File("notes.txt")));
    }

    [Fact]
    public void Open_refuses_another_programs_sqlite_database_instead_of_adding_journal_tables_to_it()
    {
        using (var other = new SqliteConnection($"Data Source={_dir.File("app.db")};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT);";
            create.ExecuteNonQuery();
        }

        var ex = Assert.Throws<JournalPathException>(() => SqliteJournal.Open(_dir.File("app.db")));

        Assert.Contains("not a Bookmaker journal", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_refuses_a_missing_folder_with_a_path_exception()
    {
        var ex = Assert.Throws<JournalPathException>(() => SqliteJournal.Open(Path.Combine(_dir.Path, "absent", "journal.db")));

        Assert.Contains("does not exist", ex.Reason, StringComparison.Ordinal);
    }

    [TmpfsFact]
    public void Open_refuses_a_read_only_folder_with_a_path_exception()
    {
        using var readOnly = new Tmpfs(1024 * 1024, "ro");

        var ex = Assert.Throws<JournalPathException>(() => SqliteJournal.Open(readOnly.File()));

        Assert.Contains("lock file", ex.Reason, StringComparison.Ordinal);
    }
}
