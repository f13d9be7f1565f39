using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Tests;

public sealed class JournalSchemaTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={_dir.File()};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Fresh_database_is_created_at_the_current_version()
    {
        await using (SqliteJournal.Open(_dir.File()))
        {
        }

        using var connection = Connect();
        Assert.Equal(JournalSchema.CurrentVersion, JournalSchema.ReadVersion(connection));
        Assert.Equal(JournalSchema.Migrations.Count, Scalar(connection, "SELECT count(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Version_one_database_is_upgraded_and_keeps_its_entries()
    {
        var v1 = new SqliteJournalOptions { Migrations = JournalSchema.Migrations.Take(1).ToList() };
        await using (var old = SqliteJournal.Open(_dir.File(), v1))
        {
            old.Append(Entries.Order(1, JournalKind.OrderIntent, 7));
            old.Append(Entries.Note(2));
        }

        using (var connection = Connect())
        {
            Assert.Equal(1, JournalSchema.ReadVersion(connection));
            Assert.Equal(0, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'kv';"));
        }

        await using (var current = SqliteJournal.Open(_dir.File()))
        {
            Assert.Equal(3, current.Append(Entries.Order(3, JournalKind.Fill, 7)));
        }

        using (var connection = Connect())
        {
            Assert.Equal(2, JournalSchema.ReadVersion(connection));
            Assert.Equal(1, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'kv';"));
            Assert.Equal(1, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_entries_order';"));
        }

        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal([1L, 3L], reader.ReadByOrder(7).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Database_from_a_newer_version_is_refused_with_a_clear_message()
    {
        var future = JournalSchema.Migrations.Append(new JournalMigration(3, "from the future", "CREATE TABLE future (x INTEGER);")).ToList();
        await using (SqliteJournal.Open(_dir.File(), new SqliteJournalOptions { Migrations = future }))
        {
        }

        var ex = Assert.Throws<JournalSchemaException>(() => SqliteJournal.Open(_dir.File()));
        Assert.Contains("schema version 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("versions up to 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.File(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_refuses_a_database_from_a_newer_version()
    {
        var future = JournalSchema.Migrations.Append(new JournalMigration(3, "from the future", "CREATE TABLE future (x INTEGER);")).ToList();
        await using (SqliteJournal.Open(_dir.File(), new SqliteJournalOptions { Migrations = future }))
        {
        }

        var ex = Assert.Throws<JournalSchemaException>(() => JournalReader.Open(_dir.File()));
        Assert.Contains("schema version 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_refuses_a_file_that_is_not_a_journal()
    {
        using (var connection = Connect())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated (x INTEGER);";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<JournalSchemaException>(() => JournalReader.Open(_dir.File()));
        Assert.Contains("not a Bookmaker journal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_refuses_a_missing_file()
    {
        Assert.Throws<FileNotFoundException>(() => JournalReader.Open(_dir.File("absent.db")));
    }

    [Fact]
    public void Migration_list_with_a_gap_is_rejected()
    {
        using var connection = Connect();
        var gap = new[] { JournalSchema.Migrations[0], new JournalMigration(3, "gap", "SELECT 1;") };
        Assert.Throws<ArgumentException>(() => JournalSchema.Apply(connection, gap));
    }

    [Fact]
    public void Failed_migration_leaves_the_database_at_its_previous_version()
    {
        using var connection = Connect();
        JournalSchema.Apply(connection, JournalSchema.Migrations.Take(1).ToList());
        var broken = new[] { JournalSchema.Migrations[0], new JournalMigration(2, "broken", "CREATE TABLE ok_table (x INTEGER); THIS IS NOT SQL;") };

        Assert.ThrowsAny<SqliteException>(() => JournalSchema.Apply(connection, broken));
        Assert.Equal(1, JournalSchema.ReadVersion(connection));
        Assert.Equal(0, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'ok_table';"));
    }
}
