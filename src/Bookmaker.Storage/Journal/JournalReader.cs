using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// Reads a journal file in sequence order: crash recovery at start-up, <c>bookmaker risk status</c>, and the
/// canonical export that lets two simulated runs be compared byte for byte. It opens its own read-only connection,
/// so it can run while a <see cref="SqliteJournal"/> writes the same file (WAL readers see the last commit).
/// </summary>
/// <remarks>One reader is used by one thread at a time; enumerate each result before starting the next query.</remarks>
public sealed class JournalReader : IDisposable
{
    private const string Columns = "SELECT seq, time_ticks, kind, order_id, instrument, payload FROM entries";
    private readonly SqliteConnection _connection;

    private JournalReader(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens an existing journal read-only.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="JournalSchemaException">The file is not a journal, or was written by a newer schema.</exception>
    public static JournalReader Open(string path, TimeSpan? busyTimeout = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Journal database '{path}' does not exist.", path);
        var connection = SqliteConnections.Open(path, SqliteOpenMode.ReadOnly, busyTimeout ?? TimeSpan.FromSeconds(5));
        try
        {
            if (JournalIntegrity.Problem(connection) is { } damage) throw new JournalPathException(path, damage);
            int version = JournalSchema.ReadVersion(connection);
            if (version == 0) throw new JournalSchemaException($"'{path}' is not a Bookmaker journal (it has no schema_version table).");
            if (version > JournalSchema.CurrentVersion)
            {
                throw new JournalSchemaException(
                    $"Journal database '{path}' has schema version {version}, but this build of Bookmaker knows versions up to " +
                    $"{JournalSchema.CurrentVersion}. It was written by a newer Bookmaker: upgrade Bookmaker to read it.");
            }

            return new JournalReader(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Every entry, in sequence order.</summary>
    public IEnumerable<JournalRecord> ReadAll() => Query($"{Columns} ORDER BY seq;");

    /// <summary>Entries with a sequence greater than <paramref name="afterSequence"/>, in sequence order.</summary>
    public IEnumerable<JournalRecord> ReadSince(long afterSequence) => Query($"{Columns} WHERE seq > $a ORDER BY seq;", afterSequence);

    /// <summary>Entries of one kind, in sequence order.</summary>
    public IEnumerable<JournalRecord> ReadByKind(JournalKind kind) => Query($"{Columns} WHERE kind = $a ORDER BY seq;", (long)kind);

    /// <summary>Entries about one order (intent, states, fills, cancels), in sequence order.</summary>
    public IEnumerable<JournalRecord> ReadByOrder(ulong orderId) =>
        Query($"{Columns} WHERE order_id = $a AND order_id <> 0 ORDER BY seq;", unchecked((long)orderId));

    /// <summary>Highest stored sequence (0 for an empty journal).</summary>
    public long LastSequence() => SqliteConnections.ScalarInt64(_connection, "SELECT COALESCE(MAX(seq), 0) FROM entries;");

    /// <summary>Number of stored entries.</summary>
    public long Count() => SqliteConnections.ScalarInt64(_connection, "SELECT count(*) FROM entries;");

    /// <summary>Every session, oldest first.</summary>
    public IReadOnlyList<JournalSession> Sessions() => ReadSessions("ORDER BY epoch");

    /// <summary>The most recent session, or null when none was started.</summary>
    public JournalSession? LatestSession() => ReadSessions("ORDER BY epoch DESC LIMIT 1") is [var s] ? s : null;

    /// <summary>The epoch the next session will take: highest stored epoch + 1 (1 for a fresh journal).</summary>
    public uint NextEpoch() => checked((uint)SqliteConnections.ScalarInt64(_connection, "SELECT COALESCE(MAX(epoch), 0) FROM sessions;") + 1);

    /// <summary>
    /// Writes every entry as one line <c>seq time kind order instrument payload</c> ending in <c>\n</c>: time as ISO-8601
    /// UTC with 7 fractional digits (exact ticks), kind by name, order as <c>bm-epoch-seq</c>, <c>-</c> for no order or
    /// no instrument, payload as stored with any raw CR/LF written as <c>\r</c>/<c>\n</c> so one entry is one line.
    /// </summary>
    public void ExportCanonical(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var record in ReadAll())
        {
            writer.Write(CanonicalLine(record));
            writer.Write('\n');
        }
    }

    /// <summary>The canonical text of one record, without the line end (see <see cref="ExportCanonical"/>).</summary>
    public static string CanonicalLine(in JournalRecord record)
    {
        var e = record.Entry;
        string time = new DateTime(e.TimeTicks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        string order = e.OrderId == 0 ? "-" : new ClientOrderId(e.OrderId).ToString();
        string instrument = string.IsNullOrEmpty(e.Instrument) ? "-" : e.Instrument;
        string payload = e.Payload.Contains('\n', StringComparison.Ordinal) || e.Payload.Contains('\r', StringComparison.Ordinal)
            ? e.Payload.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            : e.Payload;
        return string.Create(CultureInfo.InvariantCulture, $"{record.Sequence} {time} {e.Kind} {order} {instrument} {payload}");
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private IEnumerable<JournalRecord> Query(string sql, long? argument = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (argument is { } a) command.Parameters.AddWithValue("$a", a);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var entry = new JournalEntry(
                reader.GetInt64(1),
                (JournalKind)reader.GetInt64(2),
                unchecked((ulong)reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5));
            yield return new JournalRecord(reader.GetInt64(0), entry);
        }
    }

    private List<JournalSession> ReadSessions(string tail)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT epoch, started_ticks, config_hash, seed, venue, start_seq FROM sessions {tail};";
        using var reader = command.ExecuteReader();
        var sessions = new List<JournalSession>();
        while (reader.Read())
        {
            sessions.Add(new JournalSession(checked((uint)reader.GetInt64(0)), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return sessions;
    }
}
