using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Faults;

/// <summary>
/// A fire drill around a real strategy: it behaves exactly like the strategy it wraps until its Nth callback, which
/// throws (<see cref="DrillKind.StrategyThrow"/>) or blocks the loop (<see cref="DrillKind.StrategyBlock"/>) — the two
/// faults a strategy can do to an engine.
/// </summary>
public sealed class DrillStrategy(IStrategy inner, DrillItem drill) : IStrategy
{
    private long _calls;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public bool QuotesContinuously => inner.QuotesContinuously;

    /// <summary>The strategy wrapped.</summary>
    public IStrategy Inner => inner;

    private void Tick()
    {
        if (++_calls != drill.Count) return;
        if (drill.Kind == DrillKind.StrategyBlock)
        {
            Thread.Sleep(drill.Amount);
            return;
        }

        throw new InvalidOperationException($"drill: strategy '{inner.Name}' throws on its callback #{drill.Count} (strategy-throw)");
    }

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        Tick();
        inner.Start(context);
    }

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        Tick();
        inner.OnBook(instrument, book);
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
        Tick();
        inner.OnTrade(instrument, aggressor, price, size, timeTicks);
    }

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order)
    {
        Tick();
        inner.OnOrderChanged(order);
    }

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
        Tick();
        inner.OnFill(order, fill);
    }

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        Tick();
        inner.OnTimer(timer);
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
        Tick();
        inner.OnTradingState(state);
    }

    /// <inheritdoc />
    public void Shutdown() => inner.Shutdown();
}
