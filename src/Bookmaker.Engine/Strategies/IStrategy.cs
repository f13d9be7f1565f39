using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Strategies;

/// <summary>
/// A trading strategy: events in, intents out. It sees read-only views of books, its orders and the portfolio
/// (<see cref="IOrderBookView"/>, <see cref="IOrderView"/>, <see cref="Core.Portfolio.IPortfolioView"/>) and acts only
/// through the intents of its <see cref="IStrategyContext"/> (submit, basket, cancel, timers) — never an adapter, never
/// the ledger — so the same strategy runs unchanged in backtest, paper and live. All callbacks run on the event loop,
/// one at a time.
/// </summary>
/// <remarks>
/// The views are the engine's own objects behind read-only interfaces (nothing is copied per event): read them during
/// the callback; an order view keeps changing as the order does.
/// </remarks>
public interface IStrategy
{
    /// <summary>Short name (journal tags, summaries).</summary>
    string Name { get; }

    /// <summary>
    /// True for a strategy meant to keep orders on the book all the time (a market maker): the engine raises
    /// <c>strategy_quiet</c> when it has none for <c>Alerts:QuietStrategyAfter</c> while trading is ACTIVE.
    /// </summary>
    bool QuotesContinuously => false;

    /// <summary>Called once before any event, with the context to act through.</summary>
    void Start(IStrategyContext context);

    /// <summary>A book changed (called once per venue message, after all its levels are applied).</summary>
    void OnBook(Instrument instrument, IOrderBookView book);

    /// <summary>A public trade printed.</summary>
    void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks);

    /// <summary>One of our orders changed (status or fill).</summary>
    void OnOrderChanged(IOrderView order);

    /// <summary>A fill was applied to the portfolio (order is null for a fill of an order we no longer track).</summary>
    void OnFill(IOrderView? order, Fill fill);

    /// <summary>A timer the strategy scheduled fired.</summary>
    void OnTimer(in TimerEvent timer);

    /// <summary>The risk gate's trading state changed.</summary>
    void OnTradingState(TradingState state);

    /// <summary>Called at shutdown, before the engine cancels everything.</summary>
    void Shutdown();
}

/// <summary>
/// What a strategy may see (read-only views) and do (intents). Every submit goes through the order manager and its risk
/// gate; nothing here lets a strategy change a book, an order or the ledger directly.
/// </summary>
public interface IStrategyContext
{
    /// <summary>The engine clock.</summary>
    TimeProvider Time { get; }

    /// <summary>All instruments.</summary>
    InstrumentRegistry Instruments { get; }

    /// <summary>The local book of an instrument, read only.</summary>
    IOrderBookView Book(Instrument instrument);

    /// <summary>Positions, cash, P&amp;L and risk groups, read only.</summary>
    Core.Portfolio.IPortfolioView Portfolio { get; }

    /// <summary>The risk gate's current state.</summary>
    TradingState TradingState { get; }

    /// <summary>
    /// True while the instrument's venue is connected and trading and its market still trades (false for the rest of the
    /// run once the market is resolved, closed or not accepting orders).
    /// </summary>
    bool IsVenueLive(Instrument instrument);

    /// <summary>A fresh client order id.</summary>
    ClientOrderId NextId();

    /// <summary>Submits one order (risk gate first). A request with an empty id gets a fresh one.</summary>
    Orders.SubmitOutcome Submit(OrderRequest request);

    /// <summary>Submits a basket all-or-nothing.</summary>
    RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds);

    /// <summary>
    /// Amends one of our resting orders to a new price and/or total size (null keeps the current one), keeping its id;
    /// the risk gate judges the amended order first. On a venue that cannot amend (see <see cref="SupportsAmend"/>) the
    /// order is cancelled and replaced by a new one (<see cref="Orders.AmendOutcome.ReplacementId"/>).
    /// </summary>
    Orders.AmendOutcome Amend(ClientOrderId id, Core.Values.Price? price, Core.Values.Quantity? size) =>
        new(id, RiskDecision.Allow, default, Amendable: false);

    /// <summary>True when the instrument's venue amends orders in place (Bybit); false where an amend is a cancel and replace.</summary>
    bool SupportsAmend(InstrumentId instrument) => false;

    /// <summary>Cancels an order (always allowed).</summary>
    bool Cancel(ClientOrderId id);

    /// <summary>Cancels every live order of an instrument.</summary>
    int CancelInstrument(InstrumentId instrument);

    /// <summary>Looks up one of our orders (read only).</summary>
    IOrderView? FindOrder(ClientOrderId id);

    /// <summary>Our live orders (read only).</summary>
    IEnumerable<IOrderView> LiveOrders { get; }

    /// <summary>
    /// Our live (non-final) orders on one instrument, in the order they were created; empty when none. A view of the
    /// order manager's index (no allocation: the list is handed out through covariance, not copied): read it at once by
    /// index, do not keep it.
    /// </summary>
    IReadOnlyList<IOrderView> LiveOrdersOn(Instrument instrument);

    /// <summary>Schedules a timer delivered to this strategy's <see cref="IStrategy.OnTimer"/> (purpose 0..999).</summary>
    ScheduledTimer ScheduleTimer(TimeSpan dueIn, TimeSpan period, int purpose, long payload = 0);

    /// <summary>Raises an alert.</summary>
    void Alert(string code, Alerts.AlertSeverity severity, string message, string key = "");

    /// <summary>Clears an alert.</summary>
    void ClearAlert(string code, string key = "");

    /// <summary>Writes a free-form note to the journal.</summary>
    void Note(string text);

    /// <summary>
    /// Asks the risk gate for REDUCING when the strategy can no longer contain a position it opened (only orders that
    /// shrink a position pass until an operator resumes). Never lifts a halt; a no-op when trading is not ACTIVE.
    /// Returns true when it moved the engine to REDUCING.
    /// </summary>
    bool RequestReducing(string reason);
}
