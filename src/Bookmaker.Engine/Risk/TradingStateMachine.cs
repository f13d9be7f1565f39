using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The gate's trading state: ACTIVE, REDUCING or HALTED, the most restrictive of the operator's (manual) state, the
/// kill switch, a daily-loss breach, the minimum bankroll and the consecutive-loss breaker. One job — decide the state,
/// say why, and publish each change once (<see cref="GateNotices"/> holds the announcement while a venue report is
/// being delivered; the state itself changes at once, so the next check is denied).
/// </summary>
/// <remarks>
/// A breach halt is lifted only by <see cref="ResetBreach"/>; a day roll never lifts it. The kill switch, once it was
/// present, leaves the manual state HALTED: trading resumes only by an operator action. Runs on the loop only.
/// </remarks>
internal sealed class TradingStateMachine(RiskLimits limits, TimeProvider time, AlertCenter alerts, GateNotices notices)
{
    private readonly ConsecutiveLossBreaker _breaker = new(limits, time, alerts);
    private TradingState _manualState = TradingState.Active;
    private bool _killSwitch;
    private bool _breached;
    private bool _belowBankroll;

    /// <summary>The effective trading state.</summary>
    public TradingState State
    {
        get
        {
            if (_killSwitch || _breached || _belowBankroll || _manualState == TradingState.Halted || _breaker.InCooldown) return TradingState.Halted;
            if (_manualState == TradingState.Reducing || _breaker.Reducing) return TradingState.Reducing;
            return TradingState.Active;
        }
    }

    /// <summary>True while a daily-loss breach holds the engine halted.</summary>
    public bool IsBreached => _breached;

    /// <summary>True while the kill-switch file is present.</summary>
    public bool KillSwitchEngaged => _killSwitch;

    /// <summary>Losing round trips in a row.</summary>
    public int ConsecutiveLosses => _breaker.Losses;

    /// <summary>
    /// Why no order may pass in this state (checks 1–5 of the gate, most serious reason first), or
    /// <see cref="DenyReason.None"/>. REDUCING is judged per order, by the exposure checks.
    /// </summary>
    public DenyReason Denial()
    {
        if (_killSwitch) return DenyReason.KillSwitch;
        if (_breached) return DenyReason.DailyLossBreached;
        if (_belowBankroll) return DenyReason.BelowMinBankroll;
        if (_breaker.InCooldown) return DenyReason.LossCooldown;
        if (_manualState == TradingState.Halted) return DenyReason.Halted;
        return DenyReason.None;
    }

    /// <summary>
    /// The account moved: enforces the daily loss limit (<paramref name="daily"/> against it), its warning and the
    /// minimum bankroll (<paramref name="equity"/>) at once, so the loss never runs past the limit by more than the
    /// change that crossed it.
    /// </summary>
    public void OnAccount(Money daily, Money equity)
    {
        Money limit = limits.DailyLossLimit;
        if (!_breached && -daily.Raw >= limit.Raw)
        {
            var old = State;
            _breached = true;
            alerts.Raise("daily_loss_breach", AlertSeverity.Critical, $"daily P&L {daily} breached the limit of -{limit}; HALTED until 'bookmaker risk reset --confirm'");
            Publish(old, "daily_loss_breached");
            notices.Freeze("daily_loss_breached");
        }
        else if (!_breached && (decimal)(-daily.Raw) >= limits.DailyLossWarnFraction * limit.Raw)
        {
            alerts.Raise("daily_loss_warning", AlertSeverity.Warning, $"daily P&L {daily} is past {limits.DailyLossWarnFraction:P0} of the -{limit} limit");
        }

        bool below = equity < limits.MinBankroll;
        if (below == _belowBankroll) return;
        var before = State;
        _belowBankroll = below;
        if (below)
        {
            alerts.Raise("min_bankroll", AlertSeverity.Critical, $"equity {equity} is below the minimum bankroll {limits.MinBankroll}");
            Publish(before, "below_min_bankroll");
            notices.Freeze("below_min_bankroll");
        }
        else
        {
            alerts.Clear("min_bankroll");
            Publish(before, "bankroll_restored");
        }
    }

    /// <summary>A round trip finished with this net P&amp;L: feeds the consecutive-loss breaker.</summary>
    public void OnRoundTrip(Money pnl)
    {
        var old = State;
        if (_breaker.OnRoundTrip(pnl)) Publish(old, "consecutive_loss_breaker");
    }

    /// <summary>Operator halt (or resume to ACTIVE / REDUCING). Never lifts a breach, the kill switch or the bankroll halt.</summary>
    public void SetManualState(TradingState state, string reason)
    {
        var old = State;
        _manualState = state;
        if (state == TradingState.Active) _breaker.Resume();
        Publish(old, reason);
        if (state == TradingState.Halted) notices.Freeze(reason);
    }

    /// <summary>REDUCING asked by a component; applied only while the manual state is ACTIVE. True when it changed it.</summary>
    public bool RequestReducing(string reason)
    {
        if (_manualState != TradingState.Active) return false;
        var old = State;
        _manualState = TradingState.Reducing;
        Publish(old, reason);
        return true;
    }

    /// <summary>The kill-switch file appeared or disappeared. Disappearing does not resume by itself.</summary>
    public void SetKillSwitch(bool engaged)
    {
        if (engaged == _killSwitch) return;
        var old = State;
        _killSwitch = engaged;
        if (engaged)
        {
            // Whatever happens next, trading resumes only by an explicit operator action.
            _manualState = TradingState.Halted;
            alerts.Raise("kill_switch", AlertSeverity.Critical, "kill-switch file present: HALTED");
            Publish(old, "kill_switch");
            notices.Freeze("kill_switch");
        }
        else
        {
            alerts.Clear("kill_switch");
            Publish(old, "kill_switch_removed");
        }
    }

    /// <summary>After a restart: the loss breaker tripped at <paramref name="since"/>. True when it restricts trading now.</summary>
    public bool RestoreLossBreaker(DateTimeOffset since)
    {
        var old = State;
        if (!_breaker.Restore(since)) return false;
        Publish(old, "restored_loss_breaker");
        return true;
    }

    /// <summary>After a restart: a breach the journal recorded and nobody reset is still a breach.</summary>
    public void RestoreBreach()
    {
        if (_breached) return;
        var old = State;
        _breached = true;
        alerts.Raise("daily_loss_breach", AlertSeverity.Critical, "daily-loss breach restored from the journal; HALTED until 'bookmaker risk reset --confirm'");
        Publish(old, "daily_loss_breached");
    }

    /// <summary>Clears a daily-loss breach (the caller restarts the day's baseline first). False when there was none.</summary>
    public bool ResetBreach()
    {
        if (!_breached) return false;
        var old = State;
        _breached = false;
        alerts.Clear("daily_loss_breach");
        alerts.Clear("daily_loss_warning");
        Publish(old, "breach_reset");
        return true;
    }

    /// <summary>
    /// Publishes the end of a loss cool-down — it ends by the clock alone, and without this the journal, the order
    /// manager and every strategy would keep seeing HALTED while the gate is REDUCING — and clears the loss-breaker
    /// alert once the breaker no longer restricts trading.
    /// </summary>
    public void Tick()
    {
        if (_breaker.CooldownJustEnded()) Publish(TradingState.Halted, "loss_cooldown_over");
        _breaker.ClearAlertWhenDone();
    }

    private void Publish(TradingState old, string reason)
    {
        var now = State;
        if (now != old) notices.StateChanged(old, now, reason);
    }
}
