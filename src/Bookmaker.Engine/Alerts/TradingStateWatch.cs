using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Makes the trading state impossible to miss: the CRITICAL <c>trading_halted</c> for as long as the gate is HALTED
/// and the WARNING <c>trading_reducing</c> for as long as it is REDUCING, each naming the reason of the transition,
/// cleared when the state is left. Every halt is therefore CRITICAL, whatever its cause (operator, breaker, stuck
/// cancels, kill switch), alongside the cause's own alert.
/// </summary>
/// <remarks>
/// Transitions the gate publishes are applied at once; the housekeeping tick also compares the gate's state with the
/// last one seen, because some changes happen with no transition event (the consecutive-loss cool-down simply runs
/// out: HALTED becomes REDUCING when time passes). Runs on the event loop.
/// </remarks>
public sealed class TradingStateWatch
{
    /// <summary>Alert code while HALTED.</summary>
    public const string Halted = "trading_halted";

    /// <summary>Alert code while REDUCING.</summary>
    public const string Reducing = "trading_reducing";

    private readonly RiskGate _gate;
    private readonly AlertCenter _alerts;
    private TradingState _last;
    private string _lastReason = "start";

    /// <summary>Creates the watch (the kernel hands it the gate's transitions: <see cref="OnStateChanged"/>).</summary>
    public TradingStateWatch(RiskGate gate, AlertCenter alerts)
    {
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _last = TradingState.Active;
        if (gate.State != TradingState.Active) Apply(gate.State, "start");
    }

    /// <summary>The gate published a transition to <paramref name="now"/> for <paramref name="reason"/>.</summary>
    public void OnStateChanged(TradingState now, string reason) => Apply(now, reason);

    /// <summary>Catches state changes the gate did not publish (housekeeping).</summary>
    public void Tick()
    {
        var now = _gate.State;
        if (now != _last) Apply(now, $"after {_lastReason}, unannounced");
    }

    private void Apply(TradingState now, string reason)
    {
        _last = now;
        _lastReason = reason;
        switch (now)
        {
            case TradingState.Halted:
                _alerts.Clear(Reducing);
                _alerts.Raise(Halted, AlertSeverity.Critical, $"trading HALTED ({reason}): no new orders, cancels only");
                break;
            case TradingState.Reducing:
                _alerts.Clear(Halted);
                _alerts.Raise(Reducing, AlertSeverity.Warning, $"trading REDUCING ({reason}): only orders that shrink a position pass");
                break;
            default:
                _alerts.Clear(Halted);
                _alerts.Clear(Reducing);
                break;
        }
    }
}
