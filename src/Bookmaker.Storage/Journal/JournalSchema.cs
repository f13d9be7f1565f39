using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>One numbered, forward-only schema step.</summary>
/// <param name="Version">Version the database has after this step (1, 2, 3… without gaps).</param>
/// <param name="Description">What the step changes, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">Statements to run; they run inside the migration transaction.</param>
public sealed record JournalMigration(int Version, string Description, string Sql);

/// <summary>
/// The journal's versioned schema. Migrations are applied in order, all pending ones inside one immediate transaction,
/// so a database is never left half-upgraded; <c>schema_version</c> keeps one row per applied step.
/// </summary>
public static class JournalSchema
{
    /// <summary>Every migration this build knows, oldest first. Append new steps; never edit a released one.</summary>
    public static IReadOnlyList<JournalMigration> Migrations { get; } =
    [
        new(1, "entries and sessions",
            """
            CREATE TABLE entries (
                seq         INTEGER PRIMARY KEY,
                time_ticks  INTEGER NOT NULL,
                kind        INTEGER NOT NULL,
                order_id    INTEGER NOT NULL,
                instrument  TEXT NULL,
                payload     TEXT NOT NULL
            );
            CREATE TABLE sessions (
                epoch         INTEGER PRIMARY KEY,
                started_ticks INTEGER NOT NULL,
                config_hash   TEXT NOT NULL,
                seed          INTEGER NOT NULL,
                venue         TEXT NOT NULL,
                start_seq     INTEGER NOT NULL
            );
            """),
        new(2, "recovery indexes and key-value state",
            """
            CREATE INDEX ix_entries_order ON entries(order_id) WHERE order_id <> 0;
            CREATE INDEX ix_entries_kind ON entries(kind, seq);
            CREATE TABLE kv (
                key           TEXT PRIMARY KEY,
                value         TEXT NOT NULL,
                updated_ticks INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
    ];

    /// <summary>The version a database has once <see cref="Migrations"/> are applied.</summary>
    public static int CurrentVersion => Migrations[^1].Version;

    /// <summary>
    /// Brings the database on <paramref name="connection"/> up to the last step of <paramref name="migrations"/> and
    /// returns its version. Throws <see cref="JournalSchemaException"/> when the database is newer than the list.
    /// </summary>
    public static int Apply(SqliteConnection connection, IReadOnlyList<JournalMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        Validate(migrations);
        int known = migrations.Count == 0 ? 0 : migrations[^1].Version;

        // IMMEDIATE: two processes opening the same fresh file serialize here instead of both creating tables.
        using var tx = connection.BeginTransaction(deferred: false);
        Execute(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL);");
        int current = ReadVersion(connection, tx);
        if (current > known)
        {
            throw new JournalSchemaException(
                $"Journal database '{connection.DataSource}' has schema version {current}, but this build of Bookmaker knows " +
                $"versions up to {known}. It was written by a newer Bookmaker: upgrade Bookmaker or use another journal file.")
            {
                FoundVersion = current,
                KnownVersion = known,
            };
        }

        foreach (var step in migrations)
        {
            if (step.Version <= current) continue;
            Execute(connection, tx, step.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version(version, description) VALUES ($v, $d);";
            record.Parameters.AddWithValue("$v", step.Version);
            record.Parameters.AddWithValue("$d", step.Description);
            record.ExecuteNonQuery();
            current = step.Version;
        }

        tx.Commit();
        return current;
    }

    /// <summary>Reads the schema version of an open database (0 when it has never been migrated).</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';";
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return 0;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Validate(IReadOnlyList<JournalMigration> migrations)
    {
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new ArgumentException($"migration at position {i} has version {migrations[i].Version}; versions must run 1, 2, 3… without gaps", nameof(migrations));
            }
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>The journal database's schema cannot be used by this build (newer, or not a journal).</summary>
public sealed class JournalSchemaException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the versions.</summary>
    public JournalSchemaException(string message) : base(message) { }

    /// <summary>Creates the exception with the default message.</summary>
    public JournalSchemaException() { }

    /// <summary>Creates the exception with <paramref name="message"/> and the failure that caused it.</summary>
    public JournalSchemaException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Schema version found in the file (0 when unknown or not a journal).</summary>
    public int FoundVersion { get; init; }

    /// <summary>Highest schema version this build knows (0 when not set).</summary>
    public int KnownVersion { get; init; }
}
