using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bookmaker.Engine.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// The engine's journal in a SQLite file (WAL mode). <see cref="Append"/> only copies the entry into an in-memory
/// buffer under a short lock and returns its sequence number; a dedicated writer thread swaps the buffer out and
/// writes it in transactions of up to <see cref="SqliteJournalOptions.BatchSize"/> entries with one prepared insert.
/// </summary>
/// <remarks>
/// <para>Sequence numbers are assigned at append (1, 2, 3…) and continue from the stored maximum when a file is
/// reopened, so they are contiguous across restarts as long as every acknowledged flush is on disk.</para>
/// <para>If the writer fails, nothing is dropped quietly: <see cref="IsFaulted"/> turns true, <see cref="Faulted"/> is
/// raised once (on the writer thread; handlers must not throw), pending and later <see cref="FlushAsync"/> calls
/// throw <see cref="JournalFaultedException"/>, later <see cref="Append"/> calls throw it too (the engine must not
/// keep deciding things it cannot record), and <see cref="DisposeAsync"/> throws it after closing the file.</para>
/// <para>One writer per file: <see cref="Open"/> takes the journal's <see cref="JournalLock"/> and holds it until
/// <see cref="DisposeAsync"/>; a second writer is refused with <see cref="JournalLockedException"/>.</para>
/// <para>At each trading-day roll the engine may ask for a compaction (<see cref="RequestCompaction"/>): done on the
/// writer thread in short steps between batches, it moves what recovery no longer needs into a dated archive.</para>
/// </remarks>
public sealed class SqliteJournal : IJournal, ICompactingJournal
{
    private readonly object _gate = new();
    private readonly string _path;
    private readonly int _batchSize;
    private readonly SqliteConnection _connection;
    private readonly JournalBatchInserter _inserter;
    private readonly Thread _writer;
    private readonly TaskCompletionSource _writerExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<FlushWaiter> _waiters = [];

    // Guarded by _gate: the producer side of the swap buffer.
    private JournalPending[] _buffer;
    private int _count;
    private JournalPending[]? _spare;
    private List<JournalSession> _sessions = [];
    private List<JournalSession>? _spareSessions = [];
    private long _lastSequence;
    private long _committed;
    private uint _lastEpoch;
    private bool _writerIdle;
    private const int LingerBatch = 2048;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);
    private bool _stopRequested;
    private bool _disposed;
    private JournalFaultedException? _fault;

    // Compaction: the request is guarded by _gate; the compactor itself lives on the writer thread only.
    private readonly JournalLock _lock;
    private readonly string _fullPath;
    private readonly CompactionSettings _compaction;
    private (long RollTicks, long Cut)? _compactionRequest;
    private JournalCompactor? _compactor;
    private JournalCompaction? _lastCompaction;
    private long _lastCompactionStep;
    private static readonly TimeSpan CompactionStepEvery = TimeSpan.FromSeconds(1);

    private SqliteJournal(string path, SqliteJournalOptions options, SqliteConnection connection, long lastSequence, uint lastEpoch, JournalLock journalLock)
    {
        _path = path;
        _lock = journalLock;
        // Resolved now: the archives go beside the journal even if the working directory changes later.
        _fullPath = System.IO.Path.GetFullPath(path);
        _compaction = new CompactionSettings(options.CompactAbove, options.ArchiveRetentionDays, options.CompactionStepRows, options.VacuumStepPages);
        _batchSize = options.BatchSize;
        _connection = connection;
        _lastSequence = lastSequence;
        _committed = lastSequence;
        _lastEpoch = lastEpoch;
        _buffer = new JournalPending[Math.Max(64, options.InitialCapacity)];

        _inserter = new JournalBatchInserter(connection);
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "bookmaker-journal-writer" };
    }

    /// <summary>
    /// Opens (or creates) the journal at <paramref name="path"/>: path checked, writer lock taken, WAL mode, migrations
    /// applied, sequence and epoch continued from what the file holds, writer thread started.
    /// </summary>
    /// <exception cref="JournalPathException">The path cannot hold a journal (a directory, a device, a file that is not
    /// an SQLite database or another program's database, a folder where no lock file can be created).</exception>
    /// <exception cref="JournalLockedException">Another writer holds the journal; the message names it.</exception>
    /// <exception cref="JournalSchemaException">The file was written by a newer schema than this build knows.</exception>
    public static SqliteJournal Open(string path, SqliteJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteJournalOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1");
        var opened = JournalOpener.Open(path, options);
        try
        {
            var journal = new SqliteJournal(path, options, opened.Connection, opened.LastSequence, opened.LastEpoch, opened.Lock);
            journal._inserter.Prepare();
            journal._writer.Start();
            return journal;
        }
        catch
        {
            opened.Connection.Dispose();
            opened.Lock.Dispose();
            throw;
        }
    }

    /// <summary>Path of the database file.</summary>
    public string Path => _path;

    /// <inheritdoc />
    public int Backlog => (int)Math.Min(int.MaxValue, Volatile.Read(ref _lastSequence) - Volatile.Read(ref _committed));

    /// <summary>Highest sequence committed to the database so far.</summary>
    public long CommittedSequence => Volatile.Read(ref _committed);

    /// <summary>Highest sequence handed out by <see cref="Append"/> so far.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>True once the writer has failed; see <see cref="Fault"/>.</summary>
    public bool IsFaulted => Volatile.Read(ref _fault) is not null;

    /// <summary>The writer's failure, or null.</summary>
    public JournalFaultedException? Fault => Volatile.Read(ref _fault);

    /// <summary>The session started by <see cref="StartSession"/> on this instance, or null.</summary>
    public JournalSession? Session { get; private set; }

    /// <summary>The epoch the next <see cref="StartSession"/> takes: stored maximum + 1 (1 for a new journal).</summary>
    public uint NextEpoch
    {
        get
        {
            lock (_gate) return _lastEpoch + 1;
        }
    }

    /// <summary>This writer, as the holder file of its lock names it to other processes.</summary>
    public JournalLockHolder Holder => _lock.Holder;

    /// <summary>The last finished compaction request (performed, skipped under the threshold, or failed), or null.</summary>
    public JournalCompaction? LastCompaction => Volatile.Read(ref _lastCompaction);

    /// <summary>
    /// Raised on the writer thread when a compaction request has been dealt with (also when it was skipped or failed).
    /// Handlers must not throw.
    /// </summary>
    public event EventHandler<JournalCompactedEventArgs>? Compacted;

    /// <summary>Raised once, on the writer thread, when the writer fails. Handlers must not throw.</summary>
    public event EventHandler<JournalFaultedEventArgs>? Faulted;

    /// <inheritdoc />
    /// <exception cref="JournalFaultedException">The writer has failed; nothing more can be made durable.</exception>
    public long Append(in JournalEntry entry)
    {
        if (entry.Payload is null) throw new ArgumentException("journal entries need a payload (use \"{}\" for none)", nameof(entry));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopRequested, this);
            if (_fault is not null) throw _fault;
            if (_count == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            long sequence = ++_lastSequence;
            _buffer[_count++] = new JournalPending(sequence, entry);
            if (_writerIdle)
            {
                _writerIdle = false;
                Monitor.Pulse(_gate);
            }

            return sequence;
        }
    }

    /// <summary>
    /// Starts a session: takes the next epoch (stored maximum + 1), appends a <see cref="JournalKind.SessionStarted"/>
    /// entry and writes the <c>sessions</c> row in the same transaction as that entry.
    /// </summary>
    /// <param name="configHash">Hash of the effective configuration.</param>
    /// <param name="seed">Seed of the run's random number generators.</param>
    /// <param name="venue">Venue name(s).</param>
    /// <param name="timeTicks">Engine clock time (UTC ticks), never the wall clock in simulation.</param>
    public JournalSession StartSession(string configHash, long seed, string venue, long timeTicks)
    {
        ArgumentNullException.ThrowIfNull(configHash);
        ArgumentNullException.ThrowIfNull(venue);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopRequested, this);
            if (_fault is not null) throw _fault;
            uint epoch = _lastEpoch + 1;
            if (epoch >= 1U << (64 - Core.Orders.ClientOrderId.SequenceBits)) throw new InvalidOperationException("session epochs exhausted for this journal");
            string payload = SessionPayload(epoch, configHash, seed, venue);
            long sequence = Append(new JournalEntry(timeTicks, JournalKind.SessionStarted, 0, null, payload));
            _lastEpoch = epoch;
            var session = new JournalSession(epoch, timeTicks, configHash, seed, venue, sequence);
            _sessions.Add(session);
            Session = session;
            return session;
        }
    }

    /// <summary>
    /// Asks for a compaction of everything appended before this call (see <see cref="ICompactingJournal"/>). Nothing
    /// happens while the live file is at or under <see cref="SqliteJournalOptions.CompactAbove"/>, except that archives
    /// older than the retention are deleted. Once done, a <see cref="JournalKind.Note"/> entry records what moved, and
    /// <see cref="Compacted"/> is raised. A request made while one runs is taken up after it; ignored once closing.
    /// </summary>
    /// <param name="rollTicks">Engine-clock time of the day roll (UTC ticks): dates the archive and the note.</param>
    public void RequestCompaction(long rollTicks)
    {
        lock (_gate)
        {
            if (_stopRequested || _fault is not null) return;
            _compactionRequest = (rollTicks, _lastSequence);
            if (_writerIdle)
            {
                _writerIdle = false;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Completes when every entry appended before the call is committed; throws if the writer failed.</summary>
    /// <exception cref="JournalFaultedException">The writer failed before (or while) writing those entries.</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        FlushWaiter waiter;
        lock (_gate)
        {
            if (_fault is not null) return Task.FromException(_fault);
            long target = _lastSequence;
            if (_committed >= target) return Task.CompletedTask;
            waiter = new FlushWaiter(target);
            _waiters.Add(waiter);
            // A flush must not wait out the writer's linger.
            Monitor.Pulse(_gate);
        }

        return cancellationToken.CanBeCanceled ? waiter.Completion.Task.WaitAsync(cancellationToken) : waiter.Completion.Task;
    }

    /// <summary>Writes everything pending, stops the writer and closes the file.</summary>
    /// <exception cref="JournalFaultedException">The writer had failed, so some entries were never written.</exception>
    public async ValueTask DisposeAsync()
    {
        bool first;
        lock (_gate)
        {
            first = !_disposed;
            _disposed = true;
            _stopRequested = true;
            Monitor.Pulse(_gate);
        }

        await _writerExited.Task.ConfigureAwait(false);
        // Released only once the file is closed: the next writer must not open it while this one still could write.
        _lock.Dispose();
        if (first && _fault is { } fault) throw fault;
    }

    private void WriterLoop()
    {
        try
        {
            while (true)
            {
                JournalPending[]? batch = null;
                int count = 0;
                List<JournalSession>? sessions = null;
                bool stopping;
                lock (_gate)
                {
                    while (_count == 0 && !_stopRequested && _compactionRequest is null && _compactor is null)
                    {
                        _writerIdle = true;
                        Monitor.Wait(_gate);
                    }

                    _writerIdle = false;
                    // Linger briefly so a burst becomes one transaction and the event loop stops paying for a
                    // wake-up per entry (on two cores those context switches cost more than the write). A flush or
                    // dispose pulses and ends the linger at once; the crash-safety promise is about flushed entries.
                    if (_count > 0 && _count < LingerBatch && !_stopRequested && _waiters.Count == 0) Monitor.Wait(_gate, Linger);
                    if (_count > 0)
                    {
                        batch = _buffer;
                        count = _count;
                        _buffer = _spare ?? new JournalPending[batch.Length];
                        _spare = null;
                        _count = 0;
                        sessions = _sessions;
                        _sessions = _spareSessions ?? [];
                        _spareSessions = null;
                    }
                    else if (_stopRequested)
                    {
                        break;
                    }

                    stopping = _stopRequested;
                    // A compaction starts once everything up to its cut is committed.
                    if (!stopping && _compactor is null && _compactionRequest is { } request && request.Cut <= _committed)
                    {
                        _compactor = new JournalCompactor(_connection, _fullPath, request.Cut, request.RollTicks, _compaction);
                        _compactionRequest = null;
                    }
                }

                if (batch is not null)
                {
                    Write(batch, count, sessions!);

                    // Drop references to payload strings before the array goes back to the producer.
                    Array.Clear(batch, 0, count);
                    sessions!.Clear();
                    lock (_gate)
                    {
                        _spare = batch;
                        _spareSessions = sessions;
                    }
                }

                // Batches come first: compaction steps run whenever there is nothing to write, and at least once a
                // second when there always is (a saturated writer gives it a few per cent of its time, and it ends).
                if (_compactor is not null && !stopping && (batch is null || Stopwatch.GetElapsedTime(_lastCompactionStep) >= CompactionStepEvery))
                {
                    CompactionStep();
                }
            }
        }
#pragma warning disable CA1031 // Any failure of the writer must become a fault the engine sees, whatever its type.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex);
        }
        finally
        {
            // An unfinished compaction is abandoned: every finished step left both files consistent.
            _compactor?.Dispose();
            _inserter.Dispose();
            _connection.Dispose();
            _writerExited.TrySetResult();
        }
    }

    /// <summary>One bounded piece of the running compaction, on the writer thread; finishes it when it is done.</summary>
    private void CompactionStep()
    {
        var compactor = _compactor!;
        try
        {
            bool more = compactor.Step();
            _lastCompactionStep = Stopwatch.GetTimestamp();
            if (more) return;
        }
#pragma warning disable CA1031 // Housekeeping must not stop the journal: the live file stays consistent, the failure is recorded.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            compactor.Fail(ex);
        }

        _compactor = null;
        var result = compactor.Result!;
        Volatile.Write(ref _lastCompaction, result);
        if (result.Performed || result.ArchivesDeleted.Count > 0 || !result.Succeeded)
        {
            lock (_gate)
            {
                // Journaled like any entry, unless the journal is closing or failed (then the event still tells).
                if (!_stopRequested && _fault is null) Append(new JournalEntry(result.RollTicks, JournalKind.Note, 0, null, result.ToNotePayload()));
            }
        }

        Compacted?.Invoke(this, new JournalCompactedEventArgs(result));
    }

    private void Write(JournalPending[] batch, int count, List<JournalSession> sessions)
    {
        // One transaction per BatchSize entries, and waiters released after each, so a long backlog is not one giant
        // transaction that holds every flush until its end.
        for (int start = 0; start < count; start += _batchSize)
        {
            int end = Math.Min(count, start + _batchSize);
            _inserter.Insert(batch.AsSpan(start, end - start), sessions);
            MarkCommitted(batch[end - 1].Sequence);
        }
    }

    private void MarkCommitted(long sequence)
    {
        lock (_gate)
        {
            Volatile.Write(ref _committed, sequence);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target > sequence) continue;
                _waiters[i].Completion.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private void Fail(Exception ex)
    {
        JournalFaultedException fault;
        lock (_gate)
        {
            long committed = _committed;
            fault = new JournalFaultedException(
                $"Journal writer for '{_path}' failed after committing sequence {committed}; {_lastSequence - committed} appended entries are not durable. {ex.Message}", ex)
            {
                LastCommittedSequence = committed,
            };
            Volatile.Write(ref _fault, fault);
            foreach (var waiter in _waiters) waiter.Completion.TrySetException(fault);
            _waiters.Clear();
        }

        Faulted?.Invoke(this, new JournalFaultedEventArgs(fault));
    }

    private static string SessionPayload(uint epoch, string configHash, long seed, string venue)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", epoch);
            json.WriteString("configHash", configHash);
            json.WriteNumber("seed", seed);
            json.WriteString("venue", venue);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class FlushWaiter(long target)
    {
        public long Target { get; } = target;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
