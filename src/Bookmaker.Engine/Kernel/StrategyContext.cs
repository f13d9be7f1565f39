using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

#pragma warning disable CA1031 // Engine failures are rethrown wrapped, so the strategy's fault boundary lets them through.

namespace Bookmaker.Engine.Kernel;

public sealed partial class TradingEngine
{
    /// <summary>
    /// What one strategy sees: the engine, narrowed, with its own timer range and journal tag. Calls into the order
    /// manager that fail inside the engine surface as <see cref="EngineCoreFaultException"/>, so the fault is the
    /// engine's (fail closed), not the strategy's.
    /// </summary>
    private sealed class StrategyContext(TradingEngine engine, int slot, string name) : IStrategyContext
    {
        public TimeProvider Time => engine.Time;

        public InstrumentRegistry Instruments => engine.Instruments;

        public Core.Portfolio.IPortfolioView Portfolio => engine.Portfolio;

        public TradingState TradingState => engine.Gate.State;

        public IEnumerable<IOrderView> LiveOrders => engine.Orders.LiveOrders;

        public IReadOnlyList<IOrderView> LiveOrdersOn(Instrument instrument) => engine.Orders.LiveOrdersOn(instrument);

        public IOrderBookView Book(Instrument instrument) => engine.Book(instrument);

        // A closed market is as good as a dead venue to a strategy: it pulls its quotes and places none.
        public bool IsVenueLive(Instrument instrument) => engine.IsVenueLive(instrument.Id.Venue) && !engine.Gate.IsMarketClosed(instrument);

        public ClientOrderId NextId() => engine.Orders.NextId();

        public SubmitOutcome Submit(OrderRequest request)
        {
            if (engine._shuttingDown || engine._faultPending) return new SubmitOutcome(request.Id, RiskDecision.Deny(DenyReason.Halted));
            SubmitOutcome outcome;
            try
            {
                outcome = engine.Orders.Submit(request.Tag is null ? request with { Tag = name } : request);
            }
            catch (Exception ex)
            {
                throw new EngineCoreFaultException(ex);
            }

            if (outcome.Decision.IsAllowed) engine._strategies.Own(outcome.Id, slot);
            return outcome;
        }

        public RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds)
        {
            if (engine._shuttingDown || engine._faultPending) return RiskDecision.Deny(DenyReason.Halted);
            // Every leg's id is needed to know this strategy's orders, even when the caller asked for fewer.
            Span<ClientOrderId> ids = legs.Count <= 64 ? stackalloc ClientOrderId[legs.Count] : new ClientOrderId[legs.Count];
            RiskDecision decision;
            try
            {
                decision = engine.Orders.SubmitBasket(legs, ids);
            }
            catch (Exception ex)
            {
                throw new EngineCoreFaultException(ex);
            }

            ids[..Math.Min(ids.Length, assignedIds.Length)].CopyTo(assignedIds);
            if (decision.IsAllowed)
                foreach (var id in ids) engine._strategies.Own(id, slot);
            return decision;
        }

        public bool Cancel(ClientOrderId id)
        {
            try
            {
                return engine.Orders.Cancel(id);
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
                return engine.Orders.CancelInstrument(instrument);
            }
            catch (Exception ex)
            {
                throw new EngineCoreFaultException(ex);
            }
        }

        public IOrderView? FindOrder(ClientOrderId id) => engine.Orders.Find(id);

        public Kernel.ScheduledTimer ScheduleTimer(TimeSpan dueIn, TimeSpan period, int purpose, long payload = 0)
        {
            if ((uint)purpose > 999) throw new ArgumentOutOfRangeException(nameof(purpose), "strategy timer purposes are 0..999");
            return engine.Loop.ScheduleTimer(dueIn, period, StrategyTimerBase + slot * 1000 + purpose, payload);
        }

        public void Alert(string code, AlertSeverity severity, string message, string key = "") => engine.Alerts.Raise(code, severity, message, key);

        public void ClearAlert(string code, string key = "") => engine.Alerts.Clear(code, key);

        public bool RequestReducing(string reason) => engine.Gate.RequestReducing(name + ":" + reason);

        public void Note(string text) =>
            engine.Journal.Append(new JournalEntry(engine.Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, engine._payload.Text(text, ("strategy", name))));
    }
}
