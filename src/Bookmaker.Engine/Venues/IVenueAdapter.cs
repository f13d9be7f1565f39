using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Venues;

/// <summary>
/// The market-data half of a venue adapter. Normalizes venue messages into <see cref="MarketDataEvent"/>s.
/// </summary>
public interface IMarketDataClient
{
    /// <summary>Subscribes to books and trades of these instruments (before or after start).</summary>
    void Subscribe(IReadOnlyList<Instrument> instruments);
}

/// <summary>
/// The execution half of a venue adapter. Every method only sends: answers come back as events through the
/// <see cref="IVenueEventSink"/>, so backtest, paper and live run the same code on the same event loop. Nothing but
/// the engine's order manager calls these, and it calls submit methods only after the risk gate said yes.
/// </summary>
public interface IExecutionClient
{
    /// <summary>Largest batch <see cref="SubmitBatch"/> accepts (Polymarket: 15); 1 where the venue has no batch.</summary>
    int MaxBatchSize { get; }

    /// <summary>Sends one order.</summary>
    void Submit(OrderRequest request);

    /// <summary>Sends several orders in one request (≤ <see cref="MaxBatchSize"/>); each gets its own report.</summary>
    void SubmitBatch(IReadOnlyList<OrderRequest> requests);

    /// <summary>Cancels one order.</summary>
    void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId);

    /// <summary>
    /// True when the venue amends a resting order in place (Bybit <c>order.amend</c>): same client order id, new price
    /// and/or size. False (the default) for venues that cannot (Polymarket, the simulated venue): the order manager then
    /// cancels and replaces instead.
    /// </summary>
    bool SupportsAmend => false;

    /// <summary>
    /// Amends a resting order to <paramref name="price"/> and <paramref name="size"/> (the new total size). Only called
    /// when <see cref="SupportsAmend"/> is true and the risk gate allowed the amended order; the venue's answer comes
    /// back as an <see cref="ExecutionReportKind.Amended"/> or <see cref="ExecutionReportKind.AmendRejected"/> report.
    /// </summary>
    void Amend(ClientOrderId id, InstrumentId instrument, string? venueOrderId, Price price, Quantity size) =>
        throw new NotSupportedException("this venue does not amend orders");

    /// <summary>Cancels every open order of the account.</summary>
    void CancelAll();

    /// <summary>Cancels every open order in one market (Polymarket condition id, or a symbol).</summary>
    void CancelMarket(string marketId);

    /// <summary>Asks for open orders, balances, positions and fills since <paramref name="fillsSince"/>.</summary>
    void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince);

    /// <summary>
    /// True (the default) when the venue answers <see cref="RequestAccountSnapshot"/>: at start the engine then keeps the
    /// venue not-live for strategies until its first complete snapshot has been applied. A client that never answers
    /// (a test double) says false and is live at once.
    /// </summary>
    bool AnswersAccountSnapshots => true;
}

/// <summary>
/// A venue: the single substitution boundary between the engine and the outside world. The simulated venue, the
/// Polymarket adapter and the Bybit adapter implement it; strategy, risk, order management and portfolio code never
/// know which one they talk to.
/// </summary>
public interface IVenueAdapter : IAsyncDisposable
{
    /// <summary>Venue name (see <c>Bookmaker.Core.Instruments.Venues</c>).</summary>
    string Venue { get; }

    /// <summary>Instruments the venue offers to this run, registered into the engine's registry at start.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Market data.</summary>
    IMarketDataClient MarketData { get; }

    /// <summary>Execution.</summary>
    IExecutionClient Execution { get; }

    /// <summary>Connects and starts delivering events to <paramref name="sink"/>.</summary>
    Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken);

    /// <summary>Stops delivering events and closes connections.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
