using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Tests.Faults;

/// <summary>A strategy whose book callback runs a script; counts every callback it gets.</summary>
internal sealed class ScriptStrategy(string name, Action<IStrategyContext, Instrument>? onBook = null) : IStrategy
{
    public string Name => name;

    public IStrategyContext Context { get; private set; } = null!;

    public int Callbacks { get; private set; }

    public int Books { get; private set; }

    public void Start(IStrategyContext context) => Context = context;

    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        Callbacks++;
        Books++;
        onBook?.Invoke(Context, instrument);
    }

    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks) => Callbacks++;

    public void OnOrderChanged(IOrderView order) => Callbacks++;

    public void OnFill(IOrderView? order, Fill fill) => Callbacks++;

    public void OnTimer(in TimerEvent timer) => Callbacks++;

    public void OnTradingState(TradingState state) => Callbacks++;

    public void Shutdown()
    {
    }

    /// <summary>A resting bid on <paramref name="instrument"/>.</summary>
    public static OrderRequest Bid(Instrument instrument, string price = "0.45") =>
        new(default, instrument.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.FromUnits(10));
}
