using System.Collections.Frozen;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;
using Bookmaker.Operations.Metrics;

namespace Bookmaker.Operations.Snapshots;

/// <summary>
/// Copies the engine into an <see cref="EngineSnapshot"/> on the event loop (at the engine's housekeeping tick) and
/// publishes it with one volatile write; readers on other threads (HTTP, metrics, alert delivery) take
/// <see cref="Latest"/> and never touch the engine. At most one snapshot per <c>minInterval</c> of wall time, so a
/// simulation at full speed (thousands of ticks a second) pays for a copy only a few times a second.
/// </summary>
/// <remarks>Publishing never changes engine state, so a run's journal is the same with or without it.</remarks>
public sealed class SnapshotPublisher
{
    private readonly TradingEngine _engine;
    private readonly FailClosedJournal? _journal;
    private readonly TimeProvider _wall;
    private readonly TimeSpan _minInterval;
    private readonly IReadOnlyList<string> _venues;
    private EngineSnapshot? _latest;
    private long _sequence;
    private long _lastPublishedWallTicks;
    private long _lastTickWall;
    private long _lastTickEngine;
    private double _lagSeconds;
    private long _volumeRaw;
    private readonly MarketViews _markets;
    private readonly RoundTripSla? _roundTrip;

    /// <summary>Subscribes to the engine; call before the loop runs.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="venues">Venue names, in the order shown.</param>
    /// <param name="journal">The engine's guarded journal (health and lag), or null.</param>
    /// <param name="wall">Wall clock (freshness of a snapshot is a wall-clock fact).</param>
    /// <param name="minInterval">Shortest wall time between two snapshots.</param>
    /// <param name="roundTrip">The order round-trip SLA to show, or null.</param>
    public SnapshotPublisher(TradingEngine engine, IReadOnlyList<string> venues, FailClosedJournal? journal, TimeProvider wall, TimeSpan minInterval,
        RoundTripSla? roundTrip = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _venues = venues ?? throw new ArgumentNullException(nameof(venues));
        _journal = journal;
        _wall = wall ?? throw new ArgumentNullException(nameof(wall));
        _minInterval = minInterval;
        _roundTrip = roundTrip;
        _markets = new MarketViews(engine);
        engine.Housekept += OnTick;
        engine.Orders.FillApplied += (_, fill) => _volumeRaw += fill.Notional.Raw;
    }

    /// <summary>The newest snapshot, or null before the first housekeeping tick (readers treat that as unknown).</summary>
    public EngineSnapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>Raised (on the loop) after each publication; subscribers must only enqueue.</summary>
    public event Action<EngineSnapshot>? Published;

    /// <summary>Takes a snapshot now regardless of the interval (on the loop, or after it stopped).</summary>
    public EngineSnapshot PublishNow()
    {
        var snapshot = Build();
        Volatile.Write(ref _latest, snapshot);
        _lastPublishedWallTicks = snapshot.WallTime.UtcTicks;
        Published?.Invoke(snapshot);
        return snapshot;
    }

    private void OnTick()
    {
        long wall = _wall.GetUtcNow().UtcTicks;
        long engine = _engine.Time.GetUtcNow().UtcTicks;
        // Lag: wall time between two housekeeping ticks beyond the engine time between them. Live both clocks agree, so
        // this is how late the timer ran; a simulation ahead of real time shows none.
        if (_lastTickWall != 0) _lagSeconds = Math.Max(0, TimeSpan.FromTicks((wall - _lastTickWall) - (engine - _lastTickEngine)).TotalSeconds);
        _lastTickWall = wall;
        _lastTickEngine = engine;
        if (wall - _lastPublishedWallTicks < _minInterval.Ticks) return;
        try
        {
            PublishNow();
        }
#pragma warning disable CA1031 // A snapshot that cannot be built must not fail the engine closed; the control plane shows it as stale.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _engine.FaultLog.Write("snapshot publisher: " + EngineFault.Describe(ex), ex);
        }
    }

    private EngineSnapshot Build()
    {
        var e = _engine;
        var now = e.Time.GetUtcNow();
        var pf = e.Portfolio;
        var stats = e.Orders.Stats;
        var denied = stats.DeniedByReason.ToFrozenDictionary(kv => kv.Key, kv => (long)kv.Value, StringComparer.Ordinal);
        var counters = new OrderCounters(stats.Submitted, stats.Cancelled, stats.Rejected, stats.Fills, new Money(_volumeRaw).ToDecimal(), denied);
        var pnl = new PnlSnapshot(pf.RealizedPnl.ToDecimal(), pf.UnrealizedPnl.ToDecimal(), pf.FeesPaid.ToDecimal(), pf.RebatesEarned.ToDecimal(),
            pf.NetPnl.ToDecimal(), pf.Equity.ToDecimal()) { Funding = pf.FundingPnl.ToDecimal() };
        var journal = _journal is null
            ? new JournalHealth(true, 0, null)
            : new JournalHealth(_journal.Fault is null, _journal.Backlog, _journal.Fault?.Message);
        var positions = pf.Positions.Where(p => !p.IsFlat)
            .Select(p => new PositionRow(p.Instrument.Id.Symbol, p.Instrument.Id.Venue, p.Quantity.ToDecimal(), pf.MarkOf(p.Instrument).ToDecimal(), p.RealizedPnl.ToDecimal()))
            .ToArray();
        var orders = e.Orders.LiveOrders
            .Select(o => new OrderRow(o.Id.ToString(), o.Instrument.Symbol, o.Side.ToString(), o.Request.Price.ToDecimal(), o.Request.Size.ToDecimal(),
                o.FilledSize.ToDecimal(), o.Status.ToString(), o.CreatedAt))
            .ToArray();
        var alerts = e.Alerts.Active
            .Select(a => new AlertRow(a.Code, a.Severity.ToString().ToUpperInvariant(), a.Key, a.Message, a.RaisedAt) { AcknowledgedBy = a.AcknowledgedBy })
            .ToArray();
        return new EngineSnapshot(++_sequence, now, _wall.GetUtcNow(), e.Gate.State.ToString().ToUpperInvariant(), e.Gate.KillSwitchEngaged, e.Gate.IsBreached,
            e.Gate.DailyPnl.ToDecimal(), e.Gate.Limits.DailyLossLimit.ToDecimal(), pnl, counters, journal, Venues(now), positions, orders, alerts,
            new AlertCounts(e.Alerts.WarningCount, e.Alerts.CriticalCount), _lagSeconds)
        {
            Markets = _markets.Markets(),
            Fills = _markets.Fills(),
            Balances = [.. e.Balances.Rows().Select(r => new BalanceRow(r.Venue, r.Balance.Coin, r.Balance.Total.ToDecimal(), r.Balance.Locked.ToDecimal(), r.Balance.Free.ToDecimal()))],
            RoundTrip = _roundTrip is null ? null : new RoundTripRow(_roundTrip.LastP95, _roundTrip.Limit.TotalSeconds, _roundTrip.IsBreached),
        };
    }

    private VenueHealth[] Venues(DateTimeOffset now)
    {
        var e = _engine;
        var result = new VenueHealth[_venues.Count];
        for (int v = 0; v < _venues.Count; v++)
        {
            string venue = _venues[v];
            var markets = new List<MarketData>();
            foreach (var instrument in e.Instruments.All)
            {
                if (!string.Equals(instrument.Id.Venue, venue, StringComparison.Ordinal)) continue;
                var book = e.Book(instrument.Index);
                double? age = book.LastUpdateTicks <= 0 ? null : Math.Max(0, TimeSpan.FromTicks(now.UtcTicks - book.LastUpdateTicks).TotalSeconds);
                markets.Add(new MarketData(instrument.Id.Symbol, age, book.IsStale));
            }

            var mode = e.Liveness.ModeOf(venue);
            result[v] = new VenueHealth(venue, e.IsVenueLive(venue), mode.ToString(), e.Liveness.IsSessionLost(venue), markets);
        }

        return result;
    }
}
