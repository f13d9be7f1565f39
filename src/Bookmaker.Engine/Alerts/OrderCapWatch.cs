using System.Globalization;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Reports an order cap that stops new risk: the WARNING <c>order_cap_reached</c>, keyed by the cap's deny code
/// (<c>max_orders_per_day</c>, <c>max_open_orders</c>), while the count is at the cap — raised at the first denial or
/// the next housekeeping tick, whichever comes first. The daily cap clears when the trading day rolls; the open-order
/// cap when open orders fall to 90 % of it (the margin keeps a market maker that refills to the cap from raising and
/// clearing it every few hundred milliseconds). Caps never deny reducing orders (see <see cref="RiskGate"/>), so the
/// alert means "no new risk", not "stuck". Runs on the event loop.
/// </summary>
public sealed class OrderCapWatch
{
    /// <summary>Alert code.</summary>
    public const string Code = "order_cap_reached";

    private readonly RiskGate _gate;
    private readonly AlertCenter _alerts;
    private bool _dayCap;
    private bool _openCap;

    /// <summary>Creates the watch.</summary>
    public OrderCapWatch(RiskGate gate, AlertCenter alerts)
    {
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
    }

    /// <summary>The gate denied an order (called for every denial: only the first at a cap allocates).</summary>
    public void OnDenied(DenyReason reason)
    {
        if (reason == DenyReason.MaxOrdersPerDay && !_dayCap) RaiseDayCap();
        else if (reason == DenyReason.MaxOpenOrders && !_openCap) RaiseOpenCap();
    }

    /// <summary>Raises or clears each cap from the gate's counters (housekeeping).</summary>
    public void Tick()
    {
        var limits = _gate.Limits;
        if (!_dayCap && _gate.OrdersToday >= limits.MaxOrdersPerDay) RaiseDayCap();
        else if (_dayCap && _gate.OrdersToday <= ClearBelow(limits.MaxOrdersPerDay))
        {
            _dayCap = false;
            _alerts.Clear(Code, DenyReasonCodes.Of(DenyReason.MaxOrdersPerDay));
        }

        if (!_openCap && _gate.OpenOrders >= limits.MaxOpenOrders) RaiseOpenCap();
        else if (_openCap && _gate.OpenOrders <= ClearBelow(limits.MaxOpenOrders))
        {
            _openCap = false;
            _alerts.Clear(Code, DenyReasonCodes.Of(DenyReason.MaxOpenOrders));
        }
    }

    // A basket can be denied a few orders short of the cap, so the alert clears only well below it: for the daily
    // count that is the day roll, for open orders 90 % of the cap.
    private static int ClearBelow(int cap) => cap - Math.Max(1, cap / 10);

    private void RaiseDayCap()
    {
        _dayCap = true;
        _alerts.Raise(Code, AlertSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
            $"{_gate.OrdersToday} orders today reached Risk:MaxOrdersPerDay ({_gate.Limits.MaxOrdersPerDay}): only reducing orders pass until the day rolls"),
            DenyReasonCodes.Of(DenyReason.MaxOrdersPerDay));
    }

    private void RaiseOpenCap()
    {
        _openCap = true;
        _alerts.Raise(Code, AlertSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
            $"{_gate.OpenOrders} open orders reached Risk:MaxOpenOrders ({_gate.Limits.MaxOpenOrders}): only reducing orders pass until some close"),
            DenyReasonCodes.Of(DenyReason.MaxOpenOrders));
    }
}
