using System.Globalization;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>Maps the metrics' health onto the engine's alerts: <c>arb_success_rate</c> and <c>arb_unwind_rate</c>, raised and cleared as the rates cross their thresholds.</summary>
internal sealed class ArbHealthAlerts(IStrategyContext ctx, ArbMetrics metrics)
{
    private readonly HashSet<string> _alerted = new(StringComparer.Ordinal);

    /// <summary>Publishes both rates' current severity.</summary>
    public void Publish()
    {
        var h = metrics.Health();
        Publish(BasketExecutor.AlertSuccessRate, h.Success, "success rate", metrics.SuccessRate);
        Publish(BasketExecutor.AlertUnwindRate, h.Unwind, "emergency unwind rate", metrics.UnwindRate);
    }

    private void Publish(string code, ArbAlertSeverity severity, string what, double rate)
    {
        if (severity == ArbAlertSeverity.None)
        {
            if (_alerted.Remove(code)) ctx.ClearAlert(code);
            return;
        }

        _alerted.Add(code);
        ctx.Alert(code, severity == ArbAlertSeverity.Critical ? AlertSeverity.Critical : AlertSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"arbitrage {what} {rate:P0} over {metrics.Attempts} attempts"));
    }
}
