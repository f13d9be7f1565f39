using System.Diagnostics.Metrics;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;
using Bookmaker.Operations.Snapshots;

namespace Bookmaker.Operations.Metrics;

/// <summary>
/// The engine's instruments, on the <see cref="System.Diagnostics.Metrics.Meter"/> named <c>Bookmaker</c>, named by
/// Prometheus conventions (<c>bookmaker_*</c>, base units in the name; the exporter adds <c>_total</c> to counters).
/// Two kinds, so the
/// loop pays nothing it need not: what is counted anyway (orders, fills, P&amp;L, alerts, inventory, staleness, lag) is
/// observed from the loop's published <see cref="EngineSnapshot"/> when a scrape asks; only what exists nowhere else —
/// the order round trip and reconnections — is recorded on the loop as it happens, with one tag whose value is a string
/// the engine already holds (no allocation per sample on our side).
/// </summary>
public sealed class BookmakerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Bookmaker";

    /// <summary>The round-trip histogram's name.</summary>
    public const string RoundTripName = "bookmaker_order_round_trip_seconds";

    /// <summary>Upper bounds of the round-trip histogram in seconds; 0.34 is the SLA line.</summary>
    public static readonly double[] RoundTripBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.34, 0.5, 1, 2, 5, 10];

    private static readonly string[] States = ["ACTIVE", "REDUCING", "HALTED", "STALLED", "DEAD", "STOPPED"];
    private static readonly string[] PnlKinds = ["realized", "unrealized", "fees", "rebates", "funding", "net"];

    private readonly Meter _meter = new(MeterName);
    private readonly TradingEngine _engine;
    private readonly SnapshotPublisher _snapshots;
    private readonly Histogram<double> _roundTrip;
    private readonly Counter<long> _reconnects;
    private readonly RoundTripSla? _sla;

    /// <summary>Creates the instruments and subscribes to the engine (call before the loop runs).</summary>
    /// <param name="engine">The engine (its order and venue events are heard on the loop).</param>
    /// <param name="snapshots">The loop's published snapshots, read by the observable instruments.</param>
    /// <param name="sla">The round-trip SLA tracker fed with the same samples, or null.</param>
    public BookmakerMetrics(TradingEngine engine, SnapshotPublisher snapshots, RoundTripSla? sla = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));
        _sla = sla;
        _roundTrip = _meter.CreateHistogram<double>(RoundTripName, null, "Order round trip from submit to the venue's acknowledgement (engine clock), per venue.");
        _reconnects = _meter.CreateCounter<long>("bookmaker_ws_reconnects", null, "Venue connections re-established (feed reconnected, order session restored), per venue.");
        CreateObservedCounters();
        CreateObservedGauges();
        engine.Orders.OrderChanged += OnOrderChanged;
        engine.Orders.VenueStatusHandled += OnVenueStatus;
    }

    // On the loop. The first status change out of PendingNew is the venue's first answer: its acknowledgement.
    private void OnOrderChanged(Order order, OrderTransitionResult result)
    {
        if (result.From != OrderStatus.PendingNew || !result.StatusChanged || order.AcknowledgedAt is not { } ack) return;
        double seconds = (ack - order.CreatedAt).TotalSeconds;
        if (seconds < 0) return;
        _roundTrip.Record(seconds, new KeyValuePair<string, object?>("venue", order.Instrument.Venue));
        _sla?.Record(ack.UtcTicks, seconds);
    }

    private void OnVenueStatus(VenueStatusEvent status)
    {
        if (status.State is VenueState.Reconnected or VenueState.SessionRestored)
            _reconnects.Add(1, new KeyValuePair<string, object?>("venue", status.Venue));
    }

    private void CreateObservedCounters()
    {
        _meter.CreateObservableCounter("bookmaker_orders_submitted", () => Counter(s => s.Orders.Submitted), null, "Orders sent to a venue.");
        _meter.CreateObservableCounter("bookmaker_orders_cancelled", () => Counter(s => s.Orders.Cancelled), null, "Orders that reached Cancelled.");
        _meter.CreateObservableCounter("bookmaker_orders_rejected", () => Counter(s => s.Orders.Rejected), null, "Orders a venue rejected.");
        _meter.CreateObservableCounter("bookmaker_fills", () => Counter(s => s.Orders.Fills), null, "Fills applied.");
        _meter.CreateObservableCounter("bookmaker_volume_usd", () => _snapshots.Latest is { } s ? [new Measurement<double>((double)s.Orders.Volume)] : Array.Empty<Measurement<double>>(),
            null, "Notional filled, in USD.");
        _meter.CreateObservableCounter("bookmaker_orders_denied", () => _snapshots.Latest is { } s
            ? s.Orders.DeniedByReason.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("reason", kv.Key)))
            : [], null, "Orders the risk gate denied, by reason code.");
        _meter.CreateObservableCounter("bookmaker_alerts", () => _snapshots.Latest is { } s
            ? [new Measurement<long>(s.AlertCounts.Warning, Severity("warning")), new Measurement<long>(s.AlertCounts.Critical, Severity("critical"))]
            : Array.Empty<Measurement<long>>(), null, "Alerts raised, by severity.");
    }

    private void CreateObservedGauges()
    {
        _meter.CreateObservableGauge("bookmaker_risk_state", RiskState, null, "1 for the engine's current state (ACTIVE, REDUCING, HALTED, STALLED, DEAD, STOPPED), 0 for the others.");
        _meter.CreateObservableGauge("bookmaker_kill_switch_engaged", () => Gauge(s => s.KillSwitchEngaged ? 1 : 0), null, "1 while the kill-switch file holds the engine halted.");
        _meter.CreateObservableGauge("bookmaker_daily_loss_used_ratio", () => Gauge(s => s.DailyLossUsedRatio), null, "Share of the daily loss limit used (1 = breached).");
        _meter.CreateObservableGauge("bookmaker_pnl_usd", Pnl, null, "P&L by kind (realized, unrealized, fees, rebates, funding, net), in USD.");
        _meter.CreateObservableGauge("bookmaker_equity_usd", () => Gauge(s => (double)s.Pnl.Equity), null, "Cash plus positions at their marks, in USD.");
        _meter.CreateObservableGauge("bookmaker_inventory_shares", () => _snapshots.Latest is { } s
            ? s.Positions.Select(p => new Measurement<double>((double)p.Quantity, new KeyValuePair<string, object?>("venue", p.Venue), new KeyValuePair<string, object?>("market", p.Market)))
            : [], null, "Position per market (signed shares or base units).");
        _meter.CreateObservableGauge("bookmaker_feed_staleness_seconds", () => _snapshots.Latest is { } s
            ? s.Venues.Select(v => new Measurement<double>(v.Markets.Count == 0 ? double.PositiveInfinity : v.Markets.Max(m => m.AgeSeconds ?? double.PositiveInfinity),
                new KeyValuePair<string, object?>("venue", v.Venue)))
            : [], null, "Age of the oldest market's data per venue (+Inf before any data).");
        _meter.CreateObservableGauge("bookmaker_venue_up", () => _snapshots.Latest is { } s
            ? s.Venues.Select(v => new Measurement<int>(v.Live ? 1 : 0, new KeyValuePair<string, object?>("venue", v.Venue)))
            : [], null, "1 while the venue is live for trading.");
        _meter.CreateObservableGauge("bookmaker_venue_session_lost", () => _snapshots.Latest is { } s
            ? s.Venues.Select(v => new Measurement<int>(v.SessionLost ? 1 : 0, new KeyValuePair<string, object?>("venue", v.Venue)))
            : [], null, "1 while the venue's order session (user stream, heartbeat) is lost.");
        _meter.CreateObservableGauge("bookmaker_journal_backlog_entries", () => Gauge(s => s.Journal.Backlog), null, "Journal entries appended but not yet on disk (journal lag).");
        _meter.CreateObservableGauge("bookmaker_event_loop_lag_seconds", () => Gauge(s => s.LoopLagSeconds), null, "How late the loop's housekeeping timer ran.");
        _meter.CreateObservableGauge("bookmaker_snapshot_age_seconds", () => Gauge(s => Math.Max(0, (DateTimeOffset.UtcNow - s.WallTime).TotalSeconds)), null,
            "Wall time since the loop last published its state (grows when the loop stalls).");
        _meter.CreateObservableGauge("bookmaker_orders_open", () => Gauge(s => s.OpenOrders.Count), null, "Open orders.");
        if (_sla is not null)
            _meter.CreateObservableGauge("bookmaker_order_round_trip_p95_seconds", () => _sla.LastP95 is { } p ? [new Measurement<double>(p)] : Array.Empty<Measurement<double>>(), null,
                "p95 of the order round trip over the SLA tracker's window (absent without samples).");
    }

    private Measurement<long>[] Counter(Func<EngineSnapshot, long> read) => _snapshots.Latest is { } s ? [new Measurement<long>(read(s))] : [];

    private Measurement<double>[] Gauge(Func<EngineSnapshot, double> read) => _snapshots.Latest is { } s ? [new Measurement<double>(read(s))] : [];

    private IEnumerable<Measurement<int>> RiskState()
    {
        // DisplayState, not the snapshot's: a stalled or dead loop must never read as ACTIVE.
        string state = _engine.DisplayState;
        foreach (string s in States) yield return new Measurement<int>(s == state ? 1 : 0, new KeyValuePair<string, object?>("state", s));
    }

    private IEnumerable<Measurement<double>> Pnl()
    {
        if (_snapshots.Latest is not { } s) yield break;
        decimal[] values = [s.Pnl.Realized, s.Pnl.Unrealized, s.Pnl.Fees, s.Pnl.Rebates, s.Pnl.Funding, s.Pnl.Net];
        for (int i = 0; i < PnlKinds.Length; i++) yield return new Measurement<double>((double)values[i], new KeyValuePair<string, object?>("kind", PnlKinds[i]));
    }

    private static KeyValuePair<string, object?> Severity(string value) => new("severity", value);

    /// <summary>Disposes the meter (its instruments stop reporting).</summary>
    public void Dispose() => _meter.Dispose();
}
