using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>Opens SQLite connections with the settings every journal connection shares.</summary>
internal static class SqliteConnections
{
    /// <summary>Opens a read-write connection in WAL mode and applies the pragmas the writer relies on.</summary>
    public static SqliteConnection OpenWriter(string path, TimeSpan busyTimeout, bool synchronousFull)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate, busyTimeout);
        try
        {
            // Takes effect only in a new file (before its first table): daily compaction can then return freed pages
            // to the file system a few at a time (PRAGMA incremental_vacuum) instead of rewriting the whole file.
            Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
            // WAL: readers never block the writer and a killed process leaves a database that recovers on next open.
            string mode = Scalar(connection, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Journal database '{path}' could not switch to WAL mode (got '{mode}'); is it on a filesystem without shared memory support?");
            }

            Execute(connection, synchronousFull ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection with pooling off (so closing really releases the file) and a busy timeout.</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds};"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    public static long ScalarInt64(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
