using Bookmaker.Core.Orders;

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
}
