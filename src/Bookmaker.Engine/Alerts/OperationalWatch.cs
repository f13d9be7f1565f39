using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// "No silent stop": the engine's operational watches in one place, so that every condition that stops or hollows out
/// trading raises an alert for as long as it lasts and clears when it ends — failing cancels
/// (<see cref="CancelFailureWatch"/>), a stale feed (<see cref="FeedStalenessWatch"/>), a venue restarting, cancel-only
/// or rate limiting us (<see cref="VenueAvailabilityWatch"/>), order caps (<see cref="OrderCapWatch"/>), a quiet
/// strategy (<see cref="QuietStrategyWatch"/>) and the trading state itself (<see cref="TradingStateWatch"/>).
/// </summary>
/// <remarks>
/// It listens to the order manager's venue inputs and denials (after the order manager has handled them), is fed
/// market-data times by the kernel, and is ticked by the kernel's housekeeping timer (every 250 ms of engine time).
/// Everything is judged on the injected clock, so a simulated run stays deterministic. Runs on the event loop.
/// </remarks>
public sealed class OperationalWatch
{
    /// <summary>Creates and wires the watches.</summary>
    /// <param name="instruments">Registered instruments (before the engine starts).</param>
    /// <param name="orders">The order manager (and through it the gate).</param>
    /// <param name="strategies">The engine's strategies (a live view).</param>
    /// <param name="alerts">Where alerts go.</param>
    /// <param name="time">The engine clock.</param>
    /// <param name="options">Thresholds.</param>
    public OperationalWatch(InstrumentRegistry instruments, OrderManager orders, IReadOnlyList<IStrategy> strategies, AlertCenter alerts,
        TimeProvider time, OperationalWatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(orders);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var gate = orders.Gate;
        TradingState = new TradingStateWatch(gate, alerts);
        Cancels = new CancelFailureWatch(gate, alerts, time, options);
        Feed = new FeedStalenessWatch(instruments, alerts, time, options, venue => RestingOn(instruments, orders, venue));
        Venues = new VenueAvailabilityWatch(gate, alerts, time, options);
        Caps = new OrderCapWatch(gate, alerts);
        Strategies = new QuietStrategyWatch(strategies, instruments, orders, alerts, time, options);

        orders.RequestFailed += f =>
        {
            Venues.OnRequestFailed(f);
            Cancels.OnRequestFailed(f);
        };
        orders.ReportHandled += (report, before) =>
        {
            Venues.OnReport(report, before);
            Cancels.OnReport(report, before);
        };
        orders.VenueStatusHandled += Venues.OnVenueStatus;
        orders.SnapshotHandled += Venues.OnSnapshot;
        orders.Denied += (_, decision) => Caps.OnDenied(decision.Reason);
    }

    /// <summary>Thresholds in force.</summary>
    public OperationalWatchOptions Options { get; }

    /// <summary>HALTED / REDUCING alerts.</summary>
    public TradingStateWatch TradingState { get; }

    /// <summary>Failing cancels: alert and halt.</summary>
    public CancelFailureWatch Cancels { get; }

    /// <summary>Stale market data per venue (fed from the market-data path).</summary>
    public FeedStalenessWatch Feed { get; }

    /// <summary>Venues restarting, cancel-only, rate limiting, circuit open.</summary>
    public VenueAvailabilityWatch Venues { get; }

    /// <summary>Order caps.</summary>
    public OrderCapWatch Caps { get; }

    /// <summary>Continuously quoting strategies that stopped quoting.</summary>
    public QuietStrategyWatch Strategies { get; }

    /// <summary>The housekeeping pass: judges everything that depends on time passing.</summary>
    public void Tick()
    {
        TradingState.Tick();
        Caps.Tick();
        Feed.Tick();
        Venues.Tick();
        Strategies.Tick();
    }

    private static int RestingOn(InstrumentRegistry instruments, OrderManager orders, string venue)
    {
        int n = 0;
        for (int i = 0; i < instruments.Count; i++)
            if (string.Equals(instruments[i].Id.Venue, venue, StringComparison.Ordinal)) n += orders.LiveOrdersOn(instruments[i]).Count;
        return n;
    }
}
