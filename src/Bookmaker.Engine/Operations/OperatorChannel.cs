using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Kernel;

namespace Bookmaker.Engine.Operations;

/// <summary>
/// The engine's end of the operator mailbox (see <see cref="OperatorMailbox"/>): every <c>period</c> of wall time it
/// takes new requests, drops expired ones (answered <c>expired</c>), posts the rest to the event loop as operator
/// commands — where they are journaled and applied like any command — and writes each answer once the command took
/// effect; it also rewrites the engine's <see cref="EngineStatus"/>. At start it expires every request left from before,
/// so a request nobody answered can never act on a later run. Runs on a timer thread; touches engine state only through
/// the loop (and racy reads for the status).
/// </summary>
public sealed class OperatorChannel : IDisposable
{
    private readonly string _journal;
    private readonly string _directory;
    private readonly TradingEngine _engine;
    private readonly string _mode;
    private readonly string? _killSwitch;
    private readonly TimeProvider _wall;
    private readonly DateTimeOffset _startedAt;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _posted = [];
    private ITimer? _timer;
    private long _lastStatusTicks;
    private bool _disposed;

    /// <summary>Creates the channel for the engine writing <paramref name="journalPath"/>.</summary>
    /// <param name="journalPath">The engine's journal.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="mode">Run mode for the status (paper, live…).</param>
    /// <param name="killSwitch">Absolute kill-switch path the engine watches, or null.</param>
    /// <param name="wall">Wall clock (system time; request expiry and the status stamp are wall-clock facts).</param>
    public OperatorChannel(string journalPath, TradingEngine engine, string mode, string? killSwitch, TimeProvider wall)
    {
        _journal = Path.GetFullPath(journalPath);
        _directory = OperatorMailbox.DirectoryFor(journalPath);
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _mode = mode;
        _killSwitch = killSwitch;
        _wall = wall ?? throw new ArgumentNullException(nameof(wall));
        _startedAt = wall.GetUtcNow();
    }

    /// <summary>The mailbox folder.</summary>
    public string Directory => _directory;

    /// <summary>Expires what was left from before, writes a first status, then polls every <paramref name="period"/>.</summary>
    public void Start(TimeSpan period)
    {
        System.IO.Directory.CreateDirectory(_directory);
        foreach (var stale in OperatorMailbox.PendingRequests(_directory))
        {
            OperatorMailbox.RemoveRequest(_directory, stale.Id);
            Answer(stale.Id, false, "expired: written before this engine started (requests never carry over to a later run)");
        }

        WriteStatus();
        _timer = _wall.CreateTimer(_ => Poll(), null, period, period);
    }

    /// <summary>One polling step (the timer calls it; tests call it directly).</summary>
    public void Poll()
    {
        lock (_gate)
        {
            if (_disposed) return;
            try
            {
                var now = _wall.GetUtcNow();
                foreach (var request in OperatorMailbox.PendingRequests(_directory))
                {
                    if (_posted.Contains(request.Id)) continue;
                    OperatorMailbox.RemoveRequest(_directory, request.Id);
                    if (now > request.Expires)
                    {
                        Answer(request.Id, false, $"expired: written at {request.At:O}, valid until {request.Expires:O}");
                        continue;
                    }

                    if (KindOf(request.Kind) is not { } kind)
                    {
                        Answer(request.Id, false, $"unknown request '{request.Kind}'");
                        continue;
                    }

                    _posted.Add(request.Id);
                    string id = request.Id;
                    _engine.Loop.Post(new OperatorCommand(kind, request.Actor, request.Reason)
                    {
                        Completed = r => OnCompleted(id, r),
                    });
                }

                if (now.UtcTicks - _lastStatusTicks >= TimeSpan.TicksPerSecond) WriteStatus();
                OperatorMailbox.SweepOldResponses(_directory, TimeSpan.FromMinutes(5), now);
            }
#pragma warning disable CA1031 // A file-system hiccup must not stop the channel; it is logged and retried next period.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _engine.FaultLog.Write("operator channel: " + EngineFault.Describe(ex), ex);
            }
        }
    }

    /// <summary>Writes <c>status.json</c> now (also called at the end of a run with the final state).</summary>
    public void WriteStatus()
    {
        var now = _wall.GetUtcNow();
        _lastStatusTicks = now.UtcTicks;
        EngineStatusFile.Write(_journal, new EngineStatus(Environment.ProcessId, _mode, _journal, _killSwitch, _engine.DisplayState,
            _engine.Orders.LiveCount, _engine.Fault?.Message, _startedAt, now));
    }

    private static OperatorCommandKind? KindOf(string kind) => kind switch
    {
        OperatorMailbox.Halt => OperatorCommandKind.Halt,
        OperatorMailbox.Resume => OperatorCommandKind.Resume,
        OperatorMailbox.Reset => OperatorCommandKind.ResetBreach,
        OperatorMailbox.CancelAll => OperatorCommandKind.CancelAll,
        _ => null,
    };

    // On the loop thread: only a small file write.
    private void OnCompleted(string id, OperatorCommandResult result)
    {
        try
        {
            OperatorMailbox.WriteResponse(_directory, new OperatorResponse(id, result.Applied, result.State, result.OpenOrders,
                new DateTimeOffset(result.AtTicks, TimeSpan.Zero), result.Detail, Environment.ProcessId));
        }
#pragma warning disable CA1031 // The operator then hears "not confirmed"; the command itself took effect and is journaled.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _engine.FaultLog.Write("operator channel: answer not written: " + EngineFault.Describe(ex), ex);
        }

        lock (_gate) _posted.Remove(id);
    }

    private void Answer(string id, bool applied, string detail) =>
        OperatorMailbox.WriteResponse(_directory, new OperatorResponse(id, applied, _engine.DisplayState, _engine.Orders.LiveCount, _wall.GetUtcNow(), detail, Environment.ProcessId));

    /// <summary>Stops polling (the final status is written by the host).</summary>
    public void Dispose()
    {
        lock (_gate) _disposed = true;
        _timer?.Dispose();
    }
}
