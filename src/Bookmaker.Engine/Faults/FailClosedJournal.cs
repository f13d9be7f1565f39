using Bookmaker.Engine.Journal;

namespace Bookmaker.Engine.Faults;

/// <summary>
/// The engine's view of its journal: an <see cref="IJournal"/> whose <see cref="Append"/> never throws. The first
/// failure is reported once through the callback (the engine then fails closed: halts and cancels everything); every
/// later entry is dropped and counted, so the shutdown path — which must still cancel orders at the venue — cannot be
/// stopped by the journal that caused it.
/// </summary>
public sealed class FailClosedJournal : IJournal
{
    private readonly IJournal _inner;
    private Action<EngineFault>? _onFault;
    private EngineFault? _fault;
    private long _lost;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public FailClosedJournal(IJournal inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The journal behind this one.</summary>
    public IJournal Inner => _inner;

    /// <summary>The failure, once there was one.</summary>
    public EngineFault? Fault => Volatile.Read(ref _fault);

    /// <summary>Entries dropped because the journal had failed.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <inheritdoc />
    public int Backlog => _inner.Backlog;

    /// <summary>Sets who is told about the first failure (the engine).</summary>
    public void OnFault(Action<EngineFault> handler) => _onFault = handler;

    /// <summary>Reports a failure found elsewhere (the writer thread, a removed file): later appends are dropped.</summary>
    public void Fail(EngineFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Interlocked.CompareExchange(ref _fault, fault, null) is null) _onFault?.Invoke(fault);
    }

    /// <inheritdoc />
    public long Append(in JournalEntry entry)
    {
        if (Volatile.Read(ref _fault) is not null)
        {
            Interlocked.Increment(ref _lost);
            return 0;
        }

        try
        {
            return _inner.Append(entry);
        }
#pragma warning disable CA1031 // Any append failure means the journal is gone; the engine fails closed on it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _lost);
            Fail(new EngineFault(EngineFaultKind.Journal, "the journal cannot write: " + EngineFault.Describe(ex), ex));
            return 0;
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    /// <summary>The wrapper owns nothing: the caller disposes the inner journal.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
