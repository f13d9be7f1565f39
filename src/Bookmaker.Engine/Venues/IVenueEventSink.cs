using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;

namespace Bookmaker.Engine.Venues;

/// <summary>
/// Where a venue adapter delivers everything it learns. The engine's implementation only enqueues into the event
/// loop's channels (it is safe from any thread); state changes happen later, on the loop.
/// </summary>
public interface IVenueEventSink
{
    /// <summary>A market-data event.</summary>
    void OnMarketData(in MarketDataEvent e);

    /// <summary>A report about one of our orders.</summary>
    void OnExecutionReport(ExecutionReport report);

    /// <summary>A whole request failed (timeout, HTTP error): the named orders are in doubt.</summary>
    void OnRequestFailed(VenueRequestFailed failure);

    /// <summary>Venue connectivity or trading mode changed.</summary>
    void OnVenueStatus(VenueStatusEvent status);

    /// <summary>Answer to <see cref="IExecutionClient.RequestAccountSnapshot"/>.</summary>
    void OnAccountSnapshot(AccountSnapshot snapshot);

    /// <summary>
    /// A funding payment of a perpetual position (venues with perpetuals; deduplicated by the ledger). Sinks that only
    /// watch orders or books may leave it out; the engine's loop books it.
    /// </summary>
    void OnFunding(FundingPayment payment)
    {
    }

    /// <summary>The venue's per-coin balances changed (a spot order locked or freed a coin, a fill moved it); display only.</summary>
    void OnBalances(VenueBalances balances)
    {
    }

    /// <summary>
    /// True while the engine behind this sink is alive: its loop runs and makes progress. Adapters keep a venue's
    /// dead-man switch (heartbeat) alive only while this is true, so a dead or stalled engine lets the venue cancel
    /// everything on its own.
    /// </summary>
    bool IsAlive => true;
}

/// <summary>
/// An execution client whose <see cref="IExecutionClient.CancelAll"/> may be called from any thread. The engine's
/// watchdog uses it to cancel everything straight through the adapter when the event loop has stalled and can no longer
/// do it the normal way. Live adapters implement it; a simulated venue does not need to (it only moves when the loop
/// does, so a stalled loop leaves nothing exposed there).
/// </summary>
public interface IThreadSafeCancelAll
{
    /// <summary>
    /// Sends a cancel-all for the whole account now, from any thread, and completes with true when the venue confirmed
    /// it (false when the request failed). Answers also arrive through the sink as usual.
    /// </summary>
    Task<bool> CancelAllFromAnyThread();
}
