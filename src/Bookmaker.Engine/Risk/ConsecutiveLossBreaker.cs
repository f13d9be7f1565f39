using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The consecutive-loss breaker: <see cref="RiskLimits.ConsecutiveLossLimit"/> losing round trips in a row halt new
/// risk for <see cref="RiskLimits.LossCooldown"/> (the gate shows HALTED), after which only reducing orders pass (REDUCING)
/// until an operator resumes. One job: count, trip, cool down and say when its alert may clear; the gate publishes the
/// state changes it causes.
/// </summary>
internal sealed class ConsecutiveLossBreaker(RiskLimits limits, TimeProvider time, AlertCenter alerts)
{
    private long _cooldownUntilTicks;
    private bool _alerted;

    /// <summary>Losing round trips in a row since the last win or trip.</summary>
    public int Losses { get; private set; }

    /// <summary>True after a trip until an operator resumes to ACTIVE: only reducing orders pass.</summary>
    public bool Reducing { get; private set; }

    /// <summary>True while the cool-down after a trip runs.</summary>
    public bool InCooldown => _cooldownUntilTicks > time.GetUtcNow().UtcTicks;

    /// <summary>A round trip closed with <paramref name="pnl"/>; true when this one tripped the breaker.</summary>
    public bool OnRoundTrip(Money pnl)
    {
        if (pnl.Raw >= 0)
        {
            Losses = 0;
            return false;
        }

        Losses++;
        if (limits.ConsecutiveLossLimit <= 0 || Losses < limits.ConsecutiveLossLimit || InCooldown) return false;
        _cooldownUntilTicks = (time.GetUtcNow() + limits.LossCooldown).UtcTicks;
        Reducing = true;
        Losses = 0;
        _alerted = true;
        alerts.Raise("loss_breaker", AlertSeverity.Critical, $"{limits.ConsecutiveLossLimit} losing round trips in a row: HALTED for {limits.LossCooldown}, then REDUCING until resumed");
        return true;
    }

    /// <summary>
    /// After a restart: the breaker tripped at <paramref name="since"/>. Its cool-down runs on only if it has not ended
    /// (a trip "in the future" — a simulated clock restarting at the same instant — has none left). False when disabled.
    /// </summary>
    public bool Restore(DateTimeOffset since)
    {
        if (limits.ConsecutiveLossLimit <= 0) return false;
        Reducing = true;
        long until = (since + limits.LossCooldown).UtcTicks;
        long now = time.GetUtcNow().UtcTicks;
        if (since.UtcTicks <= now && until > now) _cooldownUntilTicks = until;
        return true;
    }

    /// <summary>The operator resumed to ACTIVE: the breaker no longer restricts.</summary>
    public void Resume() => Reducing = false;

    /// <summary>True once when a cool-down has just ended by the clock (the gate then publishes HALTED → REDUCING).</summary>
    public bool CooldownJustEnded()
    {
        if (_cooldownUntilTicks == 0 || InCooldown) return false;
        _cooldownUntilTicks = 0;
        return true;
    }

    /// <summary>Clears the breaker's alert once it no longer restricts trading.</summary>
    public void ClearAlertWhenDone()
    {
        if (!_alerted || Reducing || InCooldown) return;
        _alerted = false;
        alerts.Clear("loss_breaker");
    }
}
