using System.Text;
using Bookmaker.Engine.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// The journal's SQL on the writer thread: writes one batch of entries (and the session rows that start inside it) in
/// one transaction through prepared multi-row inserts. One job — how rows reach the file; when and how much to write
/// is <see cref="SqliteJournal"/>'s.
/// </summary>
internal sealed class JournalBatchInserter : IDisposable
{
    // Rows per multi-row INSERT: one statement step per 32 entries instead of one per entry cuts the per-row cost of
    // the ADO.NET layer (reader creation, parameter checks) that dominates a single-row insert.
    private const int RowsPerInsert = 32;

    // Boxes reused for the few distinct kind values and for "no order", to spare the writer two allocations a row.
    private static readonly object BoxedZero = 0L;
    private static readonly object[] BoxedKinds = [.. Enumerable.Range(0, 100).Select(k => (object)(long)k)];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertOne;
    private readonly SqliteParameter[] _one;
    private readonly SqliteCommand _insertMany;
    private readonly SqliteParameter[] _many;
    private readonly SqliteCommand _insertSession;

    /// <summary>Creates the insert commands on <paramref name="connection"/> (not yet prepared).</summary>
    public JournalBatchInserter(SqliteConnection connection)
    {
        _connection = connection;
        (_insertOne, _one) = CreateInsert(connection, 1);
        (_insertMany, _many) = CreateInsert(connection, RowsPerInsert);
        _insertSession = connection.CreateCommand();
        _insertSession.CommandText = "INSERT INTO sessions(epoch, started_ticks, config_hash, seed, venue, start_seq) VALUES ($epoch, $started, $hash, $seed, $venue, $start);";
        foreach (string name in (string[])["$epoch", "$started", "$hash", "$seed", "$venue", "$start"])
        {
            _insertSession.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    /// <summary>Prepares the entry inserts once the schema exists.</summary>
    public void Prepare()
    {
        _insertOne.Prepare();
        _insertMany.Prepare();
    }

    /// <summary>
    /// Writes <paramref name="rows"/> and the sessions whose first entry is among them, in one transaction; returns
    /// once it is committed.
    /// </summary>
    public void Insert(ReadOnlySpan<JournalPending> rows, List<JournalSession> sessions)
    {
        long first = rows[0].Sequence, last = rows[^1].Sequence;
        using var tx = _connection.BeginTransaction(deferred: false);
        _insertMany.Transaction = tx;
        _insertOne.Transaction = tx;
        int i = 0;
        for (; i + RowsPerInsert <= rows.Length; i += RowsPerInsert)
        {
            for (int row = 0; row < RowsPerInsert; row++) Bind(_many, row, rows[i + row]);
            _insertMany.ExecuteNonQuery();
        }

        for (; i < rows.Length; i++)
        {
            Bind(_one, 0, rows[i]);
            _insertOne.ExecuteNonQuery();
        }

        foreach (var s in sessions)
        {
            if (s.StartSequence < first || s.StartSequence > last) continue;
            _insertSession.Transaction = tx;
            var ps = _insertSession.Parameters;
            ps[0].Value = (long)s.Epoch;
            ps[1].Value = s.StartedTicks;
            ps[2].Value = s.ConfigHash;
            ps[3].Value = s.Seed;
            ps[4].Value = s.Venue;
            ps[5].Value = s.StartSequence;
            _insertSession.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _insertOne.Dispose();
        _insertMany.Dispose();
        _insertSession.Dispose();
    }

    private static (SqliteCommand Command, SqliteParameter[] Parameters) CreateInsert(SqliteConnection connection, int rows)
    {
        var command = connection.CreateCommand();
        var parameters = new SqliteParameter[rows * 6];
        var sql = new StringBuilder("INSERT INTO entries(seq, time_ticks, kind, order_id, instrument, payload) VALUES ");
        for (int row = 0; row < rows; row++)
        {
            if (row > 0) sql.Append(", ");
            sql.Append('(');
            for (int column = 0; column < 6; column++)
            {
                string name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$p{row}_{column}");
                if (column > 0) sql.Append(", ");
                sql.Append(name);
                parameters[row * 6 + column] = command.Parameters.Add(name, column < 4 ? SqliteType.Integer : SqliteType.Text);
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(';').ToString();
        return (command, parameters);
    }

    private static void Bind(SqliteParameter[] parameters, int row, in JournalPending p)
    {
        int b = row * 6;
        parameters[b].Value = p.Sequence;
        parameters[b + 1].Value = p.Entry.TimeTicks;
        parameters[b + 2].Value = BoxedKind(p.Entry.Kind);
        parameters[b + 3].Value = p.Entry.OrderId == 0 ? BoxedZero : unchecked((long)p.Entry.OrderId);
        parameters[b + 4].Value = (object?)p.Entry.Instrument ?? DBNull.Value;
        parameters[b + 5].Value = p.Entry.Payload;
    }

    private static object BoxedKind(JournalKind kind) => (uint)kind < (uint)BoxedKinds.Length ? BoxedKinds[(int)kind] : (long)kind;
}
