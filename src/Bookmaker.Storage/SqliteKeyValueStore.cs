using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage;

/// <summary>
/// Small durable key-value state beside the journal (same file, <c>kv</c> table): risk breach flags, the last
/// operator halt reason and similar facts that are cheaper to look up than to rebuild. The journal stays the source of
/// truth; this is a cache of conclusions drawn from it. Calls are synchronous, so keep them off the event loop.
/// </summary>
public sealed class SqliteKeyValueStore : IDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteKeyValueStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (or creates) the store in the journal file at <paramref name="path"/>, applying migrations.</summary>
    public static SqliteKeyValueStore Open(string path, TimeSpan? busyTimeout = null)
    {
        var connection = SqliteConnections.OpenWriter(path, busyTimeout ?? TimeSpan.FromSeconds(5), synchronousFull: false);
        try
        {
            JournalSchema.Apply(connection, JournalSchema.Migrations);
            return new SqliteKeyValueStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM kv WHERE key = $k;";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (committed on return).</summary>
    /// <param name="key">Key.</param>
    /// <param name="value">Value.</param>
    /// <param name="timeTicks">Engine clock time of the change, UTC ticks.</param>
    public void Set(string key, string value, long timeTicks)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO kv(key, value, updated_ticks) VALUES ($k, $v, $t) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_ticks = excluded.updated_ticks;";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.Parameters.AddWithValue("$t", timeTicks);
        command.ExecuteNonQuery();
    }

    /// <summary>Removes <paramref name="key"/>; true when it existed.</summary>
    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM kv WHERE key = $k;";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteNonQuery() > 0;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
