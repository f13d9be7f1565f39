using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// Receives every event the loop processes, on the loop thread, one at a time. The engine kernel implements it and
/// routes to books, order manager, risk gate, portfolio and strategies.
/// </summary>
public interface IEventConsumer
{
    /// <summary>Market data (hot path: must not allocate).</summary>
    void OnMarketData(in MarketDataEvent e);

    /// <summary>An order report from a venue.</summary>
    void OnExecutionReport(ExecutionReport report);

    /// <summary>A failed venue request.</summary>
    void OnRequestFailed(VenueRequestFailed failure);

    /// <summary>A venue state change.</summary>
    void OnVenueStatus(VenueStatusEvent status);

    /// <summary>A reconciliation snapshot.</summary>
    void OnAccountSnapshot(AccountSnapshot snapshot);

    /// <summary>A funding payment of a perpetual position (consumers that keep no ledger ignore it).</summary>
    void OnFunding(FundingPayment payment)
    {
    }

    /// <summary>The venue's per-coin balances (consumers that show none ignore them).</summary>
    void OnBalances(VenueBalances balances)
    {
    }

    /// <summary>A timer fired.</summary>
    void OnTimer(in TimerEvent timer);

    /// <summary>An operator command.</summary>
    void OnCommand(OperatorCommand command);

    /// <summary>
    /// A handler threw <paramref name="exception"/> while processing <paramref name="activity"/>. The consumer must
    /// fail closed (halt, cancel everything) and may keep processing events; if this throws, the loop is dead.
    /// </summary>
    void OnFault(Exception exception, LoopActivity activity);
}
