using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;

namespace Bookmaker.Operations.Metrics;

/// <summary>
/// Judges the <see cref="RoundTripSla"/> once a second of engine time, on the loop (at the housekeeping tick), and
/// raises the WARNING <c>order_round_trip_sla</c> while it is broken — through the loop's command channel, like every
/// alert found outside the engine's own watches — and clears it when the p95 is back under the line.
/// </summary>
public sealed class SlaWatch
{
    private readonly TradingEngine _engine;
    private readonly RoundTripSla _sla;
    private readonly TimeSpan _holdFor;
    private long _nextTicks;

    /// <summary>Subscribes to the engine's housekeeping tick.</summary>
    public SlaWatch(TradingEngine engine, RoundTripSla sla, TimeSpan holdFor)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _sla = sla ?? throw new ArgumentNullException(nameof(sla));
        _holdFor = holdFor;
        engine.Housekept += OnTick;
    }

    private void OnTick()
    {
        long now = _engine.Time.GetUtcNow().UtcTicks;
        if (now < _nextTicks) return;
        _nextTicks = now + TimeSpan.TicksPerSecond;
        if (!_sla.Evaluate(now)) return;
        string text = _sla.IsBreached
            ? $"order round trip p95 {_sla.LastP95 * 1000:0} ms above the SLA of {_sla.Limit.TotalMilliseconds:0} ms for {_holdFor.TotalMinutes:0.#} min"
            : "order round trip back within the SLA";
        _engine.Loop.Post(new OperatorCommand(OperatorCommandKind.Alert, "sla", text)
        {
            AlertCode = RoundTripSla.AlertCode,
            AlertSeverity = _sla.IsBreached ? AlertSeverity.Warning : AlertSeverity.Info,
        });
    }
}
