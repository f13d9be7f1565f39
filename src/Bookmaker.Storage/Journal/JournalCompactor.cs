using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bookmaker.Engine.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>Sizes and limits of daily compaction (from <see cref="SqliteJournalOptions"/>).</summary>
internal readonly record struct CompactionSettings(long CompactAbove, int RetentionDays, int StepRows, int VacuumPages);

/// <summary>
/// One compaction of a live journal, done in short steps on the writer's connection between its batches: the entries
/// up to the cut that recovery and <c>bookmaker risk status</c> no longer need are copied to the dated archive, then
/// deleted from the live file — a row is deleted only where an identical row is committed in the archive, so a crash
/// or an error at any point loses nothing (at worst a row is in both files) — and the freed pages are returned to the
/// file system.
/// </summary>
/// <remarks>
/// Kept in the live file: every session start/stop, fill, funding payment, trading-state change and operator command; the last P&amp;L
/// snapshot; the last alert of every (code, key) and every CRITICAL alert; every entry of an order that is not final at
/// the cut (final as <see cref="JournalRecovery"/> decides it) or whose state still changes after it; and the last
/// entry before the cut. Everything after the cut is untouched.
/// </remarks>
internal sealed class JournalCompactor : IDisposable
{
    private const string Archive = "compaction_archive";
    private const string EntryColumns = "seq, time_ticks, kind, order_id, instrument, payload";

    private static readonly string KeptKinds = string.Join(", ", new[]
    {
        JournalKind.SessionStarted, JournalKind.SessionStopped, JournalKind.Fill, JournalKind.Funding, JournalKind.TradingState, JournalKind.OperatorCommand,
    }.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)));

    private static readonly string Removable =
        $"m.seq > $lo AND m.seq <= $hi AND m.kind NOT IN ({KeptKinds}) AND m.seq NOT IN (SELECT seq FROM temp.compaction_keep) " +
        "AND (m.order_id = 0 OR m.order_id NOT IN (SELECT order_id FROM temp.compaction_open))";

    private readonly SqliteConnection _connection;
    private readonly string _journalPath;
    private readonly long _cut;
    private readonly long _rollTicks;
    private readonly CompactionSettings _settings;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    // What the scan learns about the entries up to the cut.
    private readonly Dictionary<ulong, (bool HasIntent, bool Final)> _orders = [];
    private readonly Dictionary<(string Code, string Key), long> _lastAlert = [];
    private readonly List<long> _criticalAlerts = [];
    private long _lastSnapshot;

    private Phase _phase = Phase.Start;
    private long _position;
    private long _first;
    private long _moved;
    private long _bytesBefore;
    private string? _archivePath;
    private IReadOnlyList<string> _deleted = [];
    private bool _attached;
    private int _steps;
    private TimeSpan _longest;

    public JournalCompactor(SqliteConnection connection, string journalPath, long cutSequence, long rollTicks, CompactionSettings settings)
    {
        _connection = connection;
        _journalPath = journalPath;
        _cut = cutSequence;
        _rollTicks = rollTicks;
        _settings = settings;
    }

    private enum Phase
    {
        Start,
        Scan,
        Mark,
        Move,
        Reclaim,
        Finish,
    }

    private JournalCompaction? _result;

    /// <summary>The outcome, once <see cref="Step"/> has returned false (or after <see cref="Fail"/>).</summary>
    public JournalCompaction? Result
    {
        get => _result is null ? null : _result with { Steps = _steps, LongestStep = _longest };
        private set => _result = value;
    }

    /// <summary>Does one bounded piece of the work; false once finished (<see cref="Result"/> is set).</summary>
    public bool Step()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            switch (_phase)
            {
                case Phase.Start: Start(); break;
                case Phase.Scan: Scan(); break;
                case Phase.Mark: Mark(); break;
                case Phase.Move: Move(); break;
                case Phase.Reclaim: Reclaim(); break;
                case Phase.Finish: Finish(); break;
            }
        }
        finally
        {
            _steps++;
            if (watch.Elapsed > _longest) _longest = watch.Elapsed;
        }

        return _result is null;
    }

    /// <summary>Stops after a failed step: undoes the attachment and temporary tables, records the error.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        CleanUp();
        Result = Outcome(performed: _phase > Phase.Start, bytesAfter: TryDatabaseBytes(), error.Message);
    }

    /// <summary>Abandons an unfinished compaction (the journal is closing); every finished step stays valid.</summary>
    public void Dispose()
    {
        if (_result is null) CleanUp();
    }

    private void Start()
    {
        _deleted = JournalArchives.DeleteExpired(_journalPath, JournalArchives.DayOfRoll(_rollTicks), _settings.RetentionDays);
        _bytesBefore = DatabaseBytes();
        if (_settings.CompactAbove <= 0 || _bytesBefore <= _settings.CompactAbove)
        {
            Result = Outcome(performed: false, _bytesBefore, null);
            return;
        }

        _first = Scalar("SELECT COALESCE(MIN(seq), 1) - 1 FROM entries;");
        _position = _first;
        _phase = Phase.Scan;
    }

    private void Scan()
    {
        long hi = Math.Min(_cut, _position + _settings.StepRows);
        using var command = Command(
            $"SELECT seq, kind, order_id, payload FROM entries WHERE seq > $lo AND seq <= $hi AND kind IN ({(int)JournalKind.OrderIntent}, " +
            $"{(int)JournalKind.OrderState}, {(int)JournalKind.Alert}, {(int)JournalKind.PnlSnapshot});", _position, hi);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long seq = reader.GetInt64(0);
            ulong order = unchecked((ulong)reader.GetInt64(2));
            switch ((JournalKind)reader.GetInt64(1))
            {
                case JournalKind.OrderIntent:
                    _orders[order] = (true, false);
                    break;
                case JournalKind.OrderState:
                    // The same rule as recovery: a state without text leaves the previous status in force.
                    var known = _orders.GetValueOrDefault(order);
                    string? text = JournalRecovery.StateText(reader.GetString(3));
                    _orders[order] = (known.HasIntent, text is null ? known.Final : JournalRecovery.IsFinalStatus(text));
                    break;
                case JournalKind.Alert:
                    string payload = reader.GetString(3);
                    _lastAlert[(StatusField(payload, "code"), StatusField(payload, "key"))] = seq;
                    if (StatusField(payload, "severity") == "CRITICAL") _criticalAlerts.Add(seq);
                    break;
                case JournalKind.PnlSnapshot:
                    _lastSnapshot = seq;
                    break;
            }
        }

        _position = hi;
        if (hi >= _cut) _phase = Phase.Mark;
    }

    private void Mark()
    {
        using (var tx = _connection.BeginTransaction(deferred: false))
        {
            Execute(tx, "CREATE TEMP TABLE IF NOT EXISTS compaction_keep(seq INTEGER PRIMARY KEY); DELETE FROM temp.compaction_keep;" +
                        "CREATE TEMP TABLE IF NOT EXISTS compaction_open(order_id INTEGER PRIMARY KEY); DELETE FROM temp.compaction_open;");
            using (var keep = Command("INSERT OR IGNORE INTO temp.compaction_keep(seq) VALUES ($v);", tx))
            {
                var value = keep.Parameters.Add("$v", SqliteType.Integer);
                foreach (long seq in _lastAlert.Values.Concat(_criticalAlerts).Append(_lastSnapshot).Append(_cut))
                {
                    value.Value = seq;
                    keep.ExecuteNonQuery();
                }
            }

            using (var open = Command("INSERT OR IGNORE INTO temp.compaction_open(order_id) VALUES ($v);", tx))
            {
                var value = open.Parameters.Add("$v", SqliteType.Integer);
                foreach (var (order, mark) in _orders)
                {
                    if (!mark.HasIntent || mark.Final) continue;
                    value.Value = unchecked((long)order);
                    open.ExecuteNonQuery();
                }
            }

            // An order whose state still changes after the cut stays whole, whatever the scan concluded.
            using (var later = Command($"INSERT OR IGNORE INTO temp.compaction_open(order_id) SELECT DISTINCT order_id FROM entries WHERE kind = {(int)JournalKind.OrderState} AND seq > $lo AND order_id <> 0;", _cut, 0, tx))
            {
                later.ExecuteNonQuery();
            }

            tx.Commit();
        }

        _orders.Clear();
        _archivePath = JournalArchives.PathFor(_journalPath, JournalArchives.DayOfRoll(_rollTicks));
        CreateArchive(_archivePath);
        using (var attach = _connection.CreateCommand())
        {
            attach.CommandText = $"ATTACH DATABASE $path AS {Archive};";
            attach.Parameters.AddWithValue("$path", _archivePath);
            attach.ExecuteNonQuery();
        }

        _attached = true;
        // The archive is fsynced on every commit: a row is deleted from the live file only after its copy is durable.
        Execute(null, $"PRAGMA {Archive}.synchronous = FULL;");
        using (var tx = _connection.BeginTransaction(deferred: false))
        {
            Execute(tx, $"INSERT OR IGNORE INTO {Archive}.sessions(epoch, started_ticks, config_hash, seed, venue, start_seq) " +
                        "SELECT epoch, started_ticks, config_hash, seed, venue, start_seq FROM main.sessions;");
            tx.Commit();
        }

        _position = _first;
        _phase = Phase.Move;
    }

    private void Move()
    {
        long hi = Math.Min(_cut, _position + _settings.StepRows);
        using (var tx = _connection.BeginTransaction(deferred: false))
        using (var copy = Command($"INSERT OR IGNORE INTO {Archive}.entries({EntryColumns}) SELECT {EntryColumns} FROM main.entries m WHERE {Removable};", _position, hi, tx))
        {
            copy.ExecuteNonQuery();
            tx.Commit();
        }

        using (var tx = _connection.BeginTransaction(deferred: false))
        using (var delete = Command(
                   $"DELETE FROM main.entries WHERE seq IN (SELECT m.seq FROM main.entries m JOIN {Archive}.entries a ON a.seq = m.seq WHERE {Removable} " +
                   "AND a.time_ticks = m.time_ticks AND a.kind = m.kind AND a.order_id = m.order_id AND a.instrument IS m.instrument AND a.payload = m.payload);",
                   _position, hi, tx))
        {
            _moved += delete.ExecuteNonQuery();
            tx.Commit();
        }

        _position = hi;
        if (hi < _cut) return;
        Detach();
        _phase = Phase.Reclaim;
    }

    private void Reclaim()
    {
        switch (Scalar("PRAGMA main.auto_vacuum;"))
        {
            case 2 when Scalar("PRAGMA main.freelist_count;") > 0:
                // Incremental: a bounded number of pages per step, so a batch never waits long behind it.
                using (var command = Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA main.incremental_vacuum({_settings.VacuumPages});")))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                    }
                }

                return;
            case 0:
                // A journal created before incremental vacuum: one VACUUM converts it, now that it is small.
                Execute(null, "PRAGMA main.auto_vacuum = INCREMENTAL;");
                Execute(null, "VACUUM main;");
                break;
        }

        _phase = Phase.Finish;
    }

    private void Finish()
    {
        DropTemporaryTables();
        // Shrinks the -wal file the moves grew; a reader that holds an old snapshot just makes this a no-op.
        using (var checkpoint = Command("PRAGMA wal_checkpoint(TRUNCATE);"))
        using (var reader = checkpoint.ExecuteReader())
        {
            while (reader.Read())
            {
            }
        }

        Result = Outcome(performed: true, DatabaseBytes(), null);
    }

    private JournalCompaction Outcome(bool performed, long bytesAfter, string? error) => new(
        _rollTicks, _cut, performed, _moved, _bytesBefore, bytesAfter, performed ? _archivePath : null, _deleted, 0, _elapsed.Elapsed, TimeSpan.Zero, error);

    private static void CreateArchive(string path)
    {
        // Same schema as the journal (so JournalReader opens it), in rollback-journal mode: one self-contained file.
        using var archive = SqliteConnections.Open(path, SqliteOpenMode.ReadWriteCreate, TimeSpan.FromSeconds(5));
        SqliteConnections.Execute(archive, "PRAGMA journal_mode = DELETE;");
        JournalSchema.Apply(archive, JournalSchema.Migrations);
    }

    private void CleanUp()
    {
        try
        {
            Detach();
            DropTemporaryTables();
        }
        catch (SqliteException)
        {
            // Best effort: the connection is closing or broken; the temporary tables and the attachment die with it.
        }
    }

    private void Detach()
    {
        if (!_attached) return;
        Execute(null, $"DETACH DATABASE {Archive};");
        _attached = false;
    }

    private void DropTemporaryTables() => Execute(null, "DROP TABLE IF EXISTS temp.compaction_keep; DROP TABLE IF EXISTS temp.compaction_open;");

    private long DatabaseBytes() => Scalar("PRAGMA main.page_count;") * Scalar("PRAGMA main.page_size;");

    private long TryDatabaseBytes()
    {
        try
        {
            return DatabaseBytes();
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    /// <summary>A payload field as <c>bookmaker risk status</c> reads it: the value's text, "" when absent or not JSON.</summary>
    private static string StatusField(string payload, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) ? v.ToString() : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    private SqliteCommand Command(string sql, long lo, long hi, SqliteTransaction? tx = null)
    {
        var command = Command(sql, tx);
        command.Parameters.AddWithValue("$lo", lo);
        if (sql.Contains("$hi", StringComparison.Ordinal)) command.Parameters.AddWithValue("$hi", hi);
        return command;
    }

    private void Execute(SqliteTransaction? tx, string sql)
    {
        using var command = Command(sql, tx);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = Command(sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
