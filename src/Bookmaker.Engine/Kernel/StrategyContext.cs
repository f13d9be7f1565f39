using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Kernel;

public sealed partial class TradingEngine
{
    /// <summary>What one strategy sees: the engine, narrowed, with its own timer range and journal tag.</summary>
    private sealed class StrategyContext(TradingEngine engine, int slot, string name) : IStrategyContext
    {
        public TimeProvider Time => engine.Time;

        public InstrumentRegistry Instruments => engine.Instruments;

        public Core.Portfolio.Portfolio Portfolio => engine.Portfolio;

        public TradingState TradingState => engine.Gate.State;

        public IEnumerable<Order> LiveOrders => engine.Orders.LiveOrders;

        public IReadOnlyList<Order> LiveOrdersOn(Instrument instrument) => engine.Orders.LiveOrdersOn(instrument);

        public OrderBook Book(Instrument instrument) => engine.Book(instrument);

        public bool IsVenueLive(Instrument instrument) => engine.IsVenueLive(instrument.Id.Venue);

        public ClientOrderId NextId() => engine.Orders.NextId();

        public SubmitOutcome Submit(OrderRequest request)
        {
            if (engine._shuttingDown) return new SubmitOutcome(request.Id, RiskDecision.Deny(DenyReason.Halted));
            return engine.Orders.Submit(request.Tag is null ? request with { Tag = name } : request);
        }

        public RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds) =>
            engine._shuttingDown ? RiskDecision.Deny(DenyReason.Halted) : engine.Orders.SubmitBasket(legs, assignedIds);

        public bool Cancel(ClientOrderId id) => engine.Orders.Cancel(id);

        public int CancelInstrument(InstrumentId instrument) => engine.Orders.CancelInstrument(instrument);

        public Order? FindOrder(ClientOrderId id) => engine.Orders.Find(id);

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
