using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The strategies of one engine and the fault boundary around each: every callback runs inside a guard, and a strategy
/// that throws is stopped on the spot — it gets no more callbacks, its open orders are cancelled and a CRITICAL
/// <c>strategy_fault</c> alert names it — while the other strategies and the engine carry on. An exception that comes
/// from the engine itself while a strategy was calling it (<see cref="EngineCoreFaultException"/>) is not the
/// strategy's fault: it passes through to the event loop, and the engine fails closed.
/// </summary>
/// <remarks>Runs on the event loop only. Dispatch allocates nothing (static lambdas over value-tuple arguments).</remarks>
public sealed class StrategyRoster
{
    private readonly List<Slot> _slots = [];
    private readonly Dictionary<ClientOrderId, int> _owner = [];
    private readonly OrderManager _orders;
    private readonly AlertCenter _alerts;
    private readonly IFaultLog _faultLog;
    private readonly Action<string, string> _note;
    private int _current = -1;

    /// <summary>Creates the roster.</summary>
    /// <param name="orders">Order manager (cancels a faulted strategy's orders).</param>
    /// <param name="alerts">Alerts.</param>
    /// <param name="faultLog">Where stack traces go.</param>
    /// <param name="note">Journals a note: (text, strategy name).</param>
    public StrategyRoster(OrderManager orders, AlertCenter alerts, IFaultLog faultLog, Action<string, string> note)
    {
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _faultLog = faultLog ?? throw new ArgumentNullException(nameof(faultLog));
        _note = note ?? throw new ArgumentNullException(nameof(note));
    }

    /// <summary>Strategies in registration order (a copy).</summary>
    public IReadOnlyList<IStrategy> Strategies => _slots.ConvertAll(s => s.Strategy);

    /// <summary>Strategies in registration order, as a live view: strategies added later appear in it.</summary>
    public IReadOnlyList<IStrategy> Live => _live ??= new LiveView(_slots);

    private LiveView? _live;

    private sealed class LiveView(List<Slot> slots) : IReadOnlyList<IStrategy>
    {
        public IStrategy this[int index] => slots[index].Strategy;

        public int Count => slots.Count;

        public IEnumerator<IStrategy> GetEnumerator()
        {
            foreach (var s in slots) yield return s.Strategy;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Number of strategies.</summary>
    public int Count => _slots.Count;

    /// <summary>Strategies stopped by a fault.</summary>
    public int Faulted => _slots.Count(s => s.Stopped && s.Fault is not null);

    /// <summary>Name of the strategy whose callback runs right now, or null (read by the watchdog from its thread).</summary>
    public string? Current
    {
        get
        {
            int k = Volatile.Read(ref _current);
            var slots = _slots;
            return k >= 0 && k < slots.Count ? slots[k].Strategy.Name : null;
        }
    }

    /// <summary>True when the strategy at <paramref name="slot"/> was stopped (fault or engine failure).</summary>
    public bool IsStopped(int slot) => _slots[slot].Stopped;

    /// <summary>Registers a strategy and starts it (guarded) with the context built for its slot.</summary>
    public void Add(IStrategy strategy, Func<int, IStrategyContext> context)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(context);
        int index = _slots.Count;
        _slots.Add(new Slot(strategy));
        Invoke(index, context(index), static (s, c) => s.Start(c), nameof(IStrategy.Start));
    }

    /// <summary>Records that <paramref name="slot"/> submitted order <paramref name="id"/> (its orders are cancelled if it faults).</summary>
    public void Own(ClientOrderId id, int slot) => _owner[id] = slot;

    /// <summary>Stops every strategy without calling it again (the engine failed closed).</summary>
    public void StopAll()
    {
        foreach (var s in _slots) s.Stopped = true;
    }

    /// <summary>A book changed.</summary>
    public void OnBook(Instrument instrument, OrderBook book) =>
        ForEach((instrument, book), static (s, a) => s.OnBook(a.instrument, a.book), nameof(IStrategy.OnBook));

    /// <summary>A book shown only to the strategies from <paramref name="firstSlot"/> on (strategies added mid-run catch up).</summary>
    public void OnBookFrom(int firstSlot, Instrument instrument, OrderBook book)
    {
        for (int k = Math.Max(0, firstSlot); k < _slots.Count; k++)
        {
            if (_slots[k].Stopped) continue;
            Invoke(k, (instrument, book), static (s, a) => s.OnBook(a.instrument, a.book), nameof(IStrategy.OnBook));
        }
    }

    /// <summary>A public trade printed.</summary>
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks) =>
        ForEach((instrument, aggressor, price, size, timeTicks), static (s, a) => s.OnTrade(a.instrument, a.aggressor, a.price, a.size, a.timeTicks), nameof(IStrategy.OnTrade));

    /// <summary>
    /// One of our orders changed. A final order is no longer its strategy's to cancel: it leaves the owner map before
    /// the strategies hear of it, so a strategy that faults on this very callback does not try to cancel it.
    /// </summary>
    public void OnOrderChanged(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status.IsFinal()) _owner.Remove(order.Id);
        ForEach(order, static (s, o) => s.OnOrderChanged(o), nameof(IStrategy.OnOrderChanged));
    }

    /// <summary>A fill was applied.</summary>
    public void OnFill(Order? order, Fill fill) => ForEach((order, fill), static (s, a) => s.OnFill(a.order, a.fill), nameof(IStrategy.OnFill));

    /// <summary>The trading state changed.</summary>
    public void OnTradingState(TradingState state) => ForEach(state, static (s, st) => s.OnTradingState(st), nameof(IStrategy.OnTradingState));

    /// <summary>Shutdown: every running strategy's <see cref="IStrategy.Shutdown"/>, guarded.</summary>
    public void Shutdown() => ForEach(0, static (s, _) => s.Shutdown(), nameof(IStrategy.Shutdown));

    /// <summary>A strategy's timer fired (slot and purpose already decoded).</summary>
    public void OnTimer(int slot, in TimerEvent timer)
    {
        if ((uint)slot >= (uint)_slots.Count || _slots[slot].Stopped) return;
        Invoke(slot, timer, static (s, t) => s.OnTimer(t), nameof(IStrategy.OnTimer));
    }

    private void ForEach<TArg>(TArg arg, Action<IStrategy, TArg> call, string callback)
    {
        for (int k = 0; k < _slots.Count; k++)
        {
            if (_slots[k].Stopped) continue;
            Invoke(k, arg, call, callback);
        }
    }

    private void Invoke<TArg>(int k, TArg arg, Action<IStrategy, TArg> call, string callback)
    {
        var slot = _slots[k];
        Volatile.Write(ref _current, k);
        try
        {
            call(slot.Strategy, arg);
        }
#pragma warning disable CA1031 // The fault boundary of one strategy: whatever it throws stops it, not the engine.
        catch (Exception ex) when (ex is not EngineCoreFaultException)
#pragma warning restore CA1031
        {
            StopFaulted(k, callback, ex);
        }
        finally
        {
            Volatile.Write(ref _current, -1);
        }
    }

    private void StopFaulted(int k, string callback, Exception ex)
    {
        var slot = _slots[k];
        if (slot.Stopped) return;
        slot.Stopped = true;
        slot.Fault = ex;
        string name = slot.Strategy.Name;
        var mine = new List<ClientOrderId>();
        foreach (var (id, owner) in _owner)
            if (owner == k) mine.Add(id);
        mine.Sort();
        int cancelled = 0;
        foreach (var id in mine)
            if (_orders.Cancel(id)) cancelled++;
        string line = $"strategy '{name}' threw {EngineFault.Describe(ex)} in {callback}; stopped, {cancelled} open order(s) cancelled";
        _faultLog.Write("STRATEGY FAULT: " + line, ex);
        _note("strategy_fault: " + line, name);
        _alerts.Raise("strategy_fault", AlertSeverity.Critical, line, name);
    }

    private sealed class Slot(IStrategy strategy)
    {
        public IStrategy Strategy { get; } = strategy;

        public bool Stopped { get; set; }

        public Exception? Fault { get; set; }
    }
}

/// <summary>
/// An engine call made by a strategy failed inside the engine (order manager, risk gate, journal): the engine's fault,
/// not the strategy's. It passes the strategy's fault boundary and reaches the event loop, and the engine fails closed.
/// </summary>
public sealed class EngineCoreFaultException : Exception
{
    /// <summary>Wraps the engine's exception.</summary>
    public EngineCoreFaultException(Exception inner)
        : base("the engine failed while serving a strategy: " + inner?.Message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EngineCoreFaultException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineCoreFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public EngineCoreFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
