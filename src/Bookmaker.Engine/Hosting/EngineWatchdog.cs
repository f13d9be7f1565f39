using System.Globalization;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Hosting;

/// <summary>What the watchdog saw when it declared a stall.</summary>
/// <param name="Duration">How long the loop had made no progress.</param>
/// <param name="Activity">What the loop was processing.</param>
/// <param name="Strategy">The strategy whose callback was running, or null.</param>
/// <param name="CancelAllSent">Venues a cancel-all was sent to straight through their adapters.</param>
public sealed record StallReport(TimeSpan Duration, LoopActivity Activity, string? Strategy, IReadOnlyList<string> CancelAllSent)
{
    /// <summary>One line for the operator.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"the event loop made no progress for {Duration.TotalSeconds:0.0} s") +
        (Strategy is not null ? $" inside strategy '{Strategy}' ({Activity})" : Activity == LoopActivity.None ? "" : $" while processing {Activity}");
}

/// <summary>
/// The engine's liveness check, on its own thread (never the thread pool, which a runaway loop can starve). Every
/// <c>period</c> it looks at the event loop: a loop that is busy (not idling on purpose) and whose progress counter has
/// not moved for <c>StallTimeout</c> is stalled. Then, once: the loop is marked stalled (so adapters stop the venue
/// heartbeat and the venue's own dead-man switch cancels), a cancel-all goes straight through every adapter that
/// allows it from any thread, the fault is logged, the engine is told to fail closed (it acts as soon as the loop comes
/// back) and <c>onStall</c> runs. If the loop never comes back within <c>hardExitAfter</c>, <c>onStuck</c> runs
/// (the CLI exits the process). In real-time modes it also compares the engine's wall clock with the monotonic clock: a
/// jump larger than <c>MaxClockJump</c> fails the engine closed.
/// </summary>
public sealed class EngineWatchdog : IDisposable
{
    private readonly EventLoop _loop;
    private readonly TradingEngine _engine;
    private readonly IReadOnlyList<IVenueAdapter> _venues;
    private readonly TimeProvider _monotonic;
    private readonly TimeProvider? _wallToCheck;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeSpan _maxClockJump;
    private readonly TimeSpan _hardExitAfter;
    private readonly List<(TimeSpan Every, Action Check, long NextDue)> _checks = [];
    private readonly ManualResetEventSlim _stop = new();
    private Thread? _thread;
    private long _lastProgress = -1;
    private long _progressSince;
    private long _stalledAt;
    private long _lastMono;
    private DateTimeOffset _lastWall;
    private bool _clockFaulted;
    private bool _stuckReported;
    private StallReport? _stall;

    /// <summary>Creates the watchdog (call <see cref="Start"/>).</summary>
    /// <param name="loop">The loop watched.</param>
    /// <param name="engine">The engine (strategy name for the message; fail-closed target).</param>
    /// <param name="venues">Venues; those whose execution client is <see cref="IThreadSafeCancelAll"/> get a direct cancel-all on a stall.</param>
    /// <param name="stallTimeout">No progress this long while busy is a stall.</param>
    /// <param name="maxClockJump">Largest tolerated jump of <paramref name="wallToCheck"/> against the monotonic clock.</param>
    /// <param name="monotonic">Source of monotonic timestamps (<see cref="TimeProvider.System"/> in production).</param>
    /// <param name="wallToCheck">The engine's wall clock to check for jumps; null in simulation (simulated time jumps by design).</param>
    /// <param name="hardExitAfter">After a stall, how long the loop may stay stuck before <see cref="Stuck"/> is raised.</param>
    public EngineWatchdog(EventLoop loop, TradingEngine engine, IReadOnlyList<IVenueAdapter> venues, TimeSpan stallTimeout, TimeSpan maxClockJump,
        TimeProvider monotonic, TimeProvider? wallToCheck, TimeSpan hardExitAfter)
    {
        _loop = loop ?? throw new ArgumentNullException(nameof(loop));
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _venues = venues ?? throw new ArgumentNullException(nameof(venues));
        _monotonic = monotonic ?? throw new ArgumentNullException(nameof(monotonic));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallTimeout, TimeSpan.Zero);
        _stallTimeout = stallTimeout;
        _maxClockJump = maxClockJump;
        _wallToCheck = wallToCheck;
        _hardExitAfter = hardExitAfter;
        _lastMono = monotonic.GetTimestamp();
        _lastWall = wallToCheck?.GetUtcNow() ?? default;
    }

    /// <summary>Raised once, on the watchdog thread, when the loop is declared stalled (after the direct cancel-all).</summary>
    public event Action<StallReport>? Stalled;

    /// <summary>Raised once, on the watchdog thread, when a stalled loop has not come back within the hard-exit delay.</summary>
    public event Action<StallReport>? Stuck;

    /// <summary>The stall, once declared.</summary>
    public StallReport? Stall => Volatile.Read(ref _stall);

    /// <summary>Tasks of the direct cancel-alls sent at the stall (true = the venue confirmed).</summary>
    public IReadOnlyList<Task<bool>> EmergencyCancels { get; private set; } = [];

    /// <summary>Adds a check run on the watchdog thread every <paramref name="every"/> (disk space, journal file).</summary>
    public void AddCheck(TimeSpan every, Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (_checks) _checks.Add((every, check, 0));
    }

    /// <summary>Starts the watchdog thread.</summary>
    public void Start()
    {
        if (_thread is not null) return;
        _thread = new Thread(Run) { IsBackground = true, Name = "bookmaker-watchdog" };
        _thread.Start();
    }

    private void Run()
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(_stallTimeout.TotalMilliseconds / 20, 20, 250));
        while (!_stop.Wait(period))
        {
            try
            {
                Check();
            }
#pragma warning disable CA1031 // The watchdog must outlive any single failed check; the failure is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _engine.FaultLog.Write("watchdog check failed: " + EngineFault.Describe(ex), ex);
            }
        }
    }

    /// <summary>One watchdog step (the thread calls it every period; tests call it directly on fake time).</summary>
    public void Check()
    {
        long now = _monotonic.GetTimestamp();
        CheckStall(now);
        CheckClock(now);
        RunChecks(now);
    }

    private void CheckStall(long now)
    {
        if (_loop.IsStopped) return;
        if (_stall is not null)
        {
            if (!_stuckReported && _loop.Progress == _lastProgress && !_loop.IsWaiting && _monotonic.GetElapsedTime(_stalledAt, now) >= _hardExitAfter)
            {
                _stuckReported = true;
                Stuck?.Invoke(_stall);
            }

            return;
        }

        long progress = _loop.Progress;
        if (_loop.IsWaiting || progress != _lastProgress)
        {
            _lastProgress = progress;
            _progressSince = now;
            return;
        }

        var quiet = _monotonic.GetElapsedTime(_progressSince, now);
        if (quiet < _stallTimeout) return;
        DeclareStall(quiet, now);
    }

    private void DeclareStall(TimeSpan quiet, long now)
    {
        _loop.MarkStalled();
        _stalledAt = now;
        var sent = new List<string>();
        var tasks = new List<Task<bool>>();
        foreach (var v in _venues)
        {
            if (v.Execution is not IThreadSafeCancelAll direct) continue;
            try
            {
                tasks.Add(direct.CancelAllFromAnyThread());
                sent.Add(v.Venue);
            }
#pragma warning disable CA1031 // One venue failing its emergency cancel must not stop the others'.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _engine.FaultLog.Write($"emergency cancel-all on {v.Venue} failed: {EngineFault.Describe(ex)}", ex);
            }
        }

        EmergencyCancels = tasks;
        var report = new StallReport(quiet, _loop.Activity, _engine.Roster.Current, sent);
        Volatile.Write(ref _stall, report);
        string line = report.Describe();
        _engine.FaultLog.Write("STALL: " + line + (sent.Count > 0 ? "; cancel-all sent to " + string.Join(", ", sent) : ""));
        // The engine acts on it as soon as the loop comes back: HALT, cancel everything, confirm, exit.
        _loop.Post(new OperatorCommand(OperatorCommandKind.FailClosed, "watchdog") { Fault = new EngineFault(EngineFaultKind.Stall, line) });
        Stalled?.Invoke(report);
    }

    private void CheckClock(long now)
    {
        if (_wallToCheck is null || _clockFaulted) return;
        var wall = _wallToCheck.GetUtcNow();
        var expected = _lastWall + _monotonic.GetElapsedTime(_lastMono, now);
        var jump = wall - expected;
        _lastWall = wall;
        _lastMono = now;
        if (jump.Duration() <= _maxClockJump) return;
        _clockFaulted = true;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"the system clock jumped {(jump > TimeSpan.Zero ? "forward" : "back")} {jump.Duration().TotalSeconds:0.0} s (limit {_maxClockJump.TotalSeconds:0.0} s): timers, day rolls and request signatures cannot be trusted");
        _loop.Post(new OperatorCommand(OperatorCommandKind.FailClosed, "watchdog") { Fault = new EngineFault(EngineFaultKind.Clock, line) });
    }

    private void RunChecks(long now)
    {
        lock (_checks)
        {
            for (int i = 0; i < _checks.Count; i++)
            {
                var (every, check, due) = _checks[i];
                if (due != 0 && now < due) continue;
                _checks[i] = (every, check, now + (long)(every.TotalSeconds * _monotonic.TimestampFrequency));
                check();
            }
        }
    }

    /// <summary>Stops the thread.</summary>
    public void Dispose()
    {
        _stop.Set();
        if (_thread is not null && _thread != Thread.CurrentThread) _thread.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
