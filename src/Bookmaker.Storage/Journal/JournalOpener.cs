using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// Opens a journal file for writing, refusing anything that cannot hold one: path checked, writer lock taken, content
/// and integrity checked, another program's database refused, migrations applied, and the stored sequence and epoch
/// read so numbering continues. Each refusal is a <see cref="JournalPathException"/> (or a lock/schema exception) that
/// names the path and the reason.
/// </summary>
internal static class JournalOpener
{
    /// <summary>What an opened journal file hands to its writer.</summary>
    internal readonly record struct Opened(SqliteConnection Connection, long LastSequence, uint LastEpoch, JournalLock Lock);

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>; on failure nothing stays open or locked.</summary>
    public static Opened Open(string path, SqliteJournalOptions options)
    {
        if (JournalPathCheck.LocationProblem(path) is { } location) throw new JournalPathException(path, location);
        var journalLock = TakeLock(path, options.Writer);
        SqliteConnection? connection = null;
        try
        {
            // Only now that no other writer of this process can have the file open (see ContentProblem).
            if (JournalPathCheck.ContentProblem(path) is { } content) throw new JournalPathException(path, content);
            connection = SqliteConnections.OpenWriter(path, options.BusyTimeout, options.SynchronousFull);
            if (JournalIntegrity.Problem(connection) is { } damage) throw new JournalPathException(path, damage);
            RefuseForeignDatabase(connection, path);
            JournalSchema.Apply(connection, options.Migrations ?? JournalSchema.Migrations);
            long lastSequence = SqliteConnections.ScalarInt64(connection, "SELECT COALESCE(MAX(seq), 0) FROM entries;");
            uint lastEpoch = checked((uint)SqliteConnections.ScalarInt64(connection, "SELECT COALESCE(MAX(epoch), 0) FROM sessions;"));
            return new Opened(connection, lastSequence, lastEpoch, journalLock);
        }
        catch
        {
            connection?.Dispose();
            journalLock.Dispose();
            throw;
        }
    }

    private static JournalLock TakeLock(string path, JournalWriterInfo? writer)
    {
        try
        {
            return JournalLock.Acquire(path, writer);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new JournalPathException(path, $"its folder '{Path.GetDirectoryName(Path.GetFullPath(path))}' does not exist", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new JournalPathException(path, $"its lock file '{JournalLock.LockFileOf(path)}' cannot be created or opened (permission denied)", ex);
        }
        catch (IOException ex)
        {
            throw new JournalPathException(path, $"no lock file can be created beside it ({ex.Message})", ex);
        }
    }

    /// <summary>Another program's SQLite database is refused rather than filled with journal tables.</summary>
    private static void RefuseForeignDatabase(SqliteConnection connection, string path)
    {
        if (JournalSchema.ReadVersion(connection) != 0) return;
        if (SqliteConnections.ScalarInt64(connection, "SELECT count(*) FROM sqlite_master;") == 0) return;
        throw new JournalPathException(path, "it is an SQLite database but not a Bookmaker journal (it has tables and no schema_version)");
    }
}
