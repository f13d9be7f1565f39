namespace Bookmaker.Engine.Journal;

/// <summary>What a journal entry records.</summary>
public enum JournalKind : short
{
    /// <summary>Run started: session epoch, config hash, seed, venue.</summary>
    SessionStarted = 1,

    /// <summary>Run stopped cleanly.</summary>
    SessionStopped = 2,

    /// <summary>Effective configuration hash (and redacted config).</summary>
    ConfigHash = 3,

    /// <summary>An order intent, recorded before the request leaves.</summary>
    OrderIntent = 10,

    /// <summary>An order changed state.</summary>
    OrderState = 11,

    /// <summary>A fill (or a reversed fill).</summary>
    Fill = 12,

    /// <summary>A cancel was requested.</summary>
    CancelRequested = 13,

    /// <summary>
    /// A fill's trade moved on its settlement ladder (MINED, RETRYING, CONFIRMED): recovery restores which fills were
    /// still unsettled, so their shares stay unsellable after a restart.
    /// </summary>
    Settlement = 14,

    /// <summary>
    /// A funding payment of a perpetual position (cash on the funding line, never a fill): recovery books it again, so
    /// the funding P&amp;L survives a restart, deduplicated by its venue id.
    /// </summary>
    Funding = 15,

    /// <summary>An amend of a resting order was sent (the payload is the amended order, like an intent's).</summary>
    AmendRequested = 16,

    /// <summary>The venue acknowledged an amend: the payload is the order's terms now in force (recovery takes them).</summary>
    OrderAmended = 17,

    /// <summary>The venue refused an amend: the order keeps its old terms (reason and the venue's words).</summary>
    AmendRejected = 18,

    /// <summary>The risk gate denied an intent.</summary>
    RiskDenied = 20,

    /// <summary>Trading state changed (ACTIVE / REDUCING / HALTED) with the reason.</summary>
    TradingState = 21,

    /// <summary>An alert was raised or cleared.</summary>
    Alert = 22,

    /// <summary>An operator command (halt, resume, reset) with who and when.</summary>
    OperatorCommand = 23,

    /// <summary>A reconciliation difference and its repair.</summary>
    Reconciliation = 24,

    /// <summary>Periodic P&amp;L / equity snapshot.</summary>
    PnlSnapshot = 30,

    /// <summary>Arbitrage basket attempt and outcome.</summary>
    Basket = 40,

    /// <summary>Anything else (free-form).</summary>
    Note = 99,
}

/// <summary>
/// One journal record. Times come from the engine clock (never the wall clock) so a simulated run's journal is a pure
/// function of its seed and inputs. <see cref="Payload"/> is compact JSON written by the producer; secrets never go in.
/// </summary>
/// <param name="TimeTicks">Engine clock time, UTC ticks.</param>
/// <param name="Kind">Record kind.</param>
/// <param name="OrderId">Client order id value, 0 when none.</param>
/// <param name="Instrument">Instrument id text (<c>venue:symbol</c>), or null.</param>
/// <param name="Payload">JSON payload.</param>
public readonly record struct JournalEntry(long TimeTicks, JournalKind Kind, ulong OrderId, string? Instrument, string Payload);

/// <summary>
/// Append-only, crash-safe record of everything the engine decided and learned. <see cref="Append"/> is called on the
/// event loop and must never block it: implementations queue and write in batches on their own thread.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>Queues an entry; assigns and returns its sequence number (1, 2, 3… in append order).</summary>
    long Append(in JournalEntry entry);

    /// <summary>Waits until everything appended so far is durable in the store.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Entries appended but not yet written.</summary>
    int Backlog { get; }
}

/// <summary>A journal that keeps nothing (benchmarks, pure unit tests).</summary>
public sealed class NullJournal : IJournal
{
    private long _sequence;

    /// <inheritdoc />
    public int Backlog => 0;

    /// <inheritdoc />
    public long Append(in JournalEntry entry) => ++_sequence;

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
