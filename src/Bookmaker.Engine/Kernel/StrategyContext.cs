using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

#pragma warning disable CA1031 // Engine failures are rethrown wrapped, so the strategy's fault boundary lets them through.

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// What one strategy sees: the engine narrowed to its books, orders, ledger and gate state, with its own timer range
/// (<see cref="TradingEngine.StrategyTimerBase"/> + slot × 1000) and journal tag. Orders go only through the order
/// manager, so through the risk gate. Calls into the order manager that fail inside the engine surface as
/// <see cref="EngineCoreFaultException"/>, so the fault is the engine's (fail closed), not the strategy's.
/// </summary>
/// <remarks>Runs on the loop only.</remarks>
internal sealed class StrategyContext(
    EventLoop loop,
    InstrumentRegistry instruments,
    OrderManager orders,
    MarketBooks books,
    VenueLiveness liveness,
    StrategyRoster roster,
    AlertCenter alerts,
    EngineNotes notes,
    Func<bool> submitsRefused,
    int slot,
    string name) : IStrategyContext
{
    public TimeProvider Time => loop.Time;

    public InstrumentRegistry Instruments => instruments;

    public Core.Portfolio.IPortfolioView Portfolio => orders.Portfolio;

    public TradingState TradingState => orders.Gate.State;

    public IEnumerable<IOrderView> LiveOrders => orders.LiveOrders;

    public IReadOnlyList<IOrderView> LiveOrdersOn(Instrument instrument) => orders.LiveOrdersOn(instrument);

    public IOrderBookView Book(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return books[instrument.Index];
    }

    // A closed market is as good as a dead venue to a strategy: it pulls its quotes and places none.
    public bool IsVenueLive(Instrument instrument) => liveness.IsLive(instrument.Id.Venue) && !orders.Gate.IsMarketClosed(instrument);

    public ClientOrderId NextId() => orders.NextId();

    public SubmitOutcome Submit(OrderRequest request)
    {
        // Shutting down, or a fault on its way to the loop: nothing more is sent in the moment before the halt.
        if (submitsRefused()) return new SubmitOutcome(request.Id, RiskDecision.Deny(DenyReason.Halted));
        SubmitOutcome outcome;
        try
        {
            outcome = orders.Submit(request.Tag is null ? request with { Tag = name } : request);
        }
        catch (Exception ex)
        {
            throw new EngineCoreFaultException(ex);
        }

        if (outcome.Decision.IsAllowed) roster.Own(outcome.Id, slot);
        return outcome;
    }

    public RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds)
    {
        if (submitsRefused()) return RiskDecision.Deny(DenyReason.Halted);
        // Every leg's id is needed to know this strategy's orders, even when the caller asked for fewer.
        Span<ClientOrderId> ids = legs.Count <= 64 ? stackalloc ClientOrderId[legs.Count] : new ClientOrderId[legs.Count];
        RiskDecision decision;
        try
        {
            decision = orders.SubmitBasket(legs, ids);
        }
        catch (Exception ex)
        {
            throw new EngineCoreFaultException(ex);
        }

        ids[..Math.Min(ids.Length, assignedIds.Length)].CopyTo(assignedIds);
        if (decision.IsAllowed)
            foreach (var id in ids) roster.Own(id, slot);
        return decision;
    }

    public AmendOutcome Amend(ClientOrderId id, Price? price, Quantity? size)
    {
        if (submitsRefused()) return new AmendOutcome(id, RiskDecision.Deny(DenyReason.Halted), default);
        AmendOutcome outcome;
        try
        {
            outcome = orders.Amend(id, price, size);
        }
        catch (Exception ex)
        {
            throw new EngineCoreFaultException(ex);
        }

        // On a venue without amend the replacement is a new order of this strategy's.
        if (outcome.Sent && outcome.Replaced) roster.Own(outcome.ReplacementId, slot);
        return outcome;
    }

    public bool SupportsAmend(InstrumentId instrument) => orders.SupportsAmend(instrument);

    public bool Cancel(ClientOrderId id)
    {
        try
        {
            return orders.Cancel(id);
        }
        catch (Exception ex)
        {
            throw new EngineCoreFaultException(ex);
        }
    }

    public int CancelInstrument(InstrumentId instrument)
    {
        try
        {
            return orders.CancelInstrument(instrument);
        }
        catch (Exception ex)
        {
            throw new EngineCoreFaultException(ex);
        }
    }

    public IOrderView? FindOrder(ClientOrderId id) => orders.Find(id);

    public ScheduledTimer ScheduleTimer(TimeSpan dueIn, TimeSpan period, int purpose, long payload = 0)
    {
        if ((uint)purpose > 999) throw new ArgumentOutOfRangeException(nameof(purpose), "strategy timer purposes are 0..999");
        return loop.ScheduleTimer(dueIn, period, TradingEngine.StrategyTimerBase + slot * 1000 + purpose, payload);
    }

    public void Alert(string code, AlertSeverity severity, string message, string key = "") => alerts.Raise(code, severity, message, key);

    public void ClearAlert(string code, string key = "") => alerts.Clear(code, key);

    public bool RequestReducing(string reason) => orders.Gate.RequestReducing(name + ":" + reason);

    public void Note(string text) => notes.Note(text, ("strategy", name));
}
