using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// The freeze: cancel everything and prove it. A bulk cancel-all first, then per-order cancels (paced, retried) for
/// what is left and a reconciliation, every <see cref="OrderManagerOptions.FreezeRetryInterval"/> until no order is
/// live; an order still live after <see cref="OrderManagerOptions.CancelAllDeadline"/> raises the CRITICAL
/// <c>cancel_all_stuck</c> and HALTS. A freeze asked for before the venues started waits for them, and the end of a
/// run can ask for the exit position check once the freeze has closed everything.
/// </summary>
/// <remarks>Runs on the event loop only.</remarks>
internal sealed class FreezeController
{
    private readonly OrderManager _owner;
    private readonly LiveOrders _live;
    private readonly IReadOnlyDictionary<string, IExecutionClient> _venues;
    private readonly CancelPacer _cancels;
    private readonly Reconciler _reconciler;
    private readonly RiskGate _gate;
    private readonly IJournal _journal;
    private readonly JournalPayload _payload;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OrderManagerOptions _options;
    private readonly OrderTimers _timers;
    private bool _venuesStarted = true;
    private string? _freezeAtStart;
    private bool _checkPositionsAtEnd;
    private long _startedTicks;
    // When the freeze's one retry chain takes its next step, and which timer is that step's. Timers cannot be withdrawn
    // from the loop, so a step asked for sooner (RetrySoon) moves the step earlier under a new number and the timer it
    // supersedes finds its number stale and does nothing: one chain per freeze, however many cancels fail. A number,
    // not a time: a timer on the real clock may fire a hair before the wall time it was set for.
    private long _nextStepTicks = long.MaxValue;
    private long _stepTimer;
    private string _reason = "";

    /// <summary>Creates the controller.</summary>
    public FreezeController(OrderManager owner, LiveOrders live, IReadOnlyDictionary<string, IExecutionClient> venues, CancelPacer cancels,
        Reconciler reconciler, RiskGate gate, IJournal journal, JournalPayload payload, AlertCenter alerts, TimeProvider time,
        OrderManagerOptions options, OrderTimers timers)
    {
        _owner = owner;
        _live = live;
        _venues = venues;
        _cancels = cancels;
        _reconciler = reconciler;
        _gate = gate;
        _journal = journal;
        _payload = payload;
        _alerts = alerts;
        _time = time;
        _options = options;
        _timers = timers;
    }

    /// <summary>True while a freeze is cancelling everything.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Until <see cref="OnVenuesStarted"/>, a freeze is remembered instead of sent.</summary>
    public void DeferUntilStarted() => _venuesStarted = false;

    /// <summary>The venues are connected: runs a freeze requested before (a start in HALTED cancels leftovers).</summary>
    public void OnVenuesStarted()
    {
        _venuesStarted = true;
        if (_freezeAtStart is { } reason)
        {
            _freezeAtStart = null;
            Freeze(reason);
        }
    }

    /// <summary>The run is ending: when the current freeze has closed every order, run the exit check.</summary>
    public void CheckPositionsWhenFrozen() => _checkPositionsAtEnd = true;

    /// <summary>Cancels everything (see the class summary); a second request only re-sends the bulk cancel.</summary>
    public void Freeze(string reason)
    {
        if (!_venuesStarted)
        {
            // Halted before the venues connected (kill switch or restored halt at start): nothing of ours can be open
            // yet, and adapters must not be called before they start; the freeze runs when they have.
            _freezeAtStart ??= reason;
            return;
        }

        var now = _time.GetUtcNow();
        bool first = !IsFrozen;
        if (first)
        {
            IsFrozen = true;
            _startedTicks = now.UtcTicks;
            _reason = reason;
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("freeze", ("reason", reason), ("live", _live.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            // One retry chain per freeze, armed before any venue is called: a client that throws must not leave the
            // freeze without its retries (a second freeze request, say the halt a stuck freeze causes, only re-sends).
            ArmStep(now.UtcTicks, _options.FreezeRetryInterval);
        }

        foreach (var client in _venues.Values)
        {
            // Every venue gets its cancel-all even when one client throws; the retries and the deadline take it from there.
            try
            {
                client.CancelAll();
            }
#pragma warning disable CA1031 // A freeze cancels everything it can: one client's failure must not keep the others' orders resting.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("cancel_all_threw", ("error", ex.GetType().Name + ": " + ex.Message))));
            }
        }

        foreach (var id in _live.IdsSnapshot())
        {
            if (!_live.TryGet(id, out var order)) continue;
            var result = order.RequestCancel(now);
            if (result.IsApplied && result.StatusChanged) _owner.Changed(order, result);
        }
    }

    /// <summary>A cancel request failed during a freeze: the next step comes sooner than the retry interval.</summary>
    public void RetrySoon()
    {
        if (!IsFrozen) return;
        var soon = TimeSpan.FromMilliseconds(200);
        long now = _time.GetUtcNow().UtcTicks;
        // A step already due sooner covers this failure too; otherwise the chain's next step moves earlier.
        if (now + soon.Ticks < _nextStepTicks) ArmStep(now, soon);
    }

    /// <summary>A freeze timer fired: the chain's current step runs; a superseded timer (an older number) does nothing.</summary>
    public void OnTimer(long timer)
    {
        if (timer != _stepTimer) return;
        Step();
    }

    private void ArmStep(long nowTicks, TimeSpan delay)
    {
        _nextStepTicks = nowTicks + delay.Ticks;
        _timers.Once(delay, OrderManager.TimerFreeze, ++_stepTimer);
    }

    /// <summary>A complete reconciliation ran: when it closed the last live order, the freeze ends now.</summary>
    public void OnReconciled()
    {
        if (IsFrozen && _live.Count == 0) Step();
    }

    /// <summary>
    /// One retry (timer): ends the freeze when nothing is live; otherwise re-sends each live order's cancel, asks for a
    /// reconciliation and, past the deadline, raises <c>cancel_all_stuck</c> and HALTS.
    /// </summary>
    public void Step()
    {
        if (!IsFrozen) return;
        var now = _time.GetUtcNow();
        if (_live.Count == 0)
        {
            // Asked before the freeze ends: a host waiting for "not frozen" then sees the check outstanding.
            if (_checkPositionsAtEnd)
            {
                _checkPositionsAtEnd = false;
                _reconciler.RequestExitCheck();
            }

            IsFrozen = false;
            _nextStepTicks = long.MaxValue;
            _alerts.Clear("cancel_all_stuck");
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.Note, 0, null, _payload.Text("freeze_complete", ("reason", _reason))));
            return;
        }

        foreach (var id in _live.IdsSnapshot())
            if (_live.TryGet(id, out var order))
            {
                order.RequestCancel(now);
                _cancels.Send(order);
            }

        _reconciler.Request();
        if (now.UtcTicks - _startedTicks > _options.CancelAllDeadline.Ticks)
        {
            _alerts.Raise("cancel_all_stuck", AlertSeverity.Critical,
                $"{_live.Count} order(s) still open {_options.CancelAllDeadline.TotalSeconds:0}s after a freeze ({_reason}); HALTED, still cancelling");
            if (_gate.State != TradingState.Halted) _gate.SetManualState(TradingState.Halted, "cancel_all_stuck");
        }

        ArmStep(now.UtcTicks, _options.FreezeRetryInterval);
    }
}
