using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.FaultCampaign.Tests.Harness;

/// <summary>
/// A strategy that does what the scenario script says: single orders, bursts paced by its own timer, baskets. It acts
/// only through its <see cref="IStrategyContext"/>, so every order passes the order manager and the risk gate.
/// </summary>
internal sealed class ScriptedStrategy : IStrategy
{
    private const int BurstTimer = 1;
    private IStrategyContext? _context;
    private Func<IStrategyContext, int, OrderRequest>? _burst;
    private int _burstLeft;
    private int _burstIndex;
    private ScheduledTimer _burstTimer;

    public string Name => "scripted";

    public IStrategyContext Context => _context ?? throw new InvalidOperationException("not started");

    public List<SubmitOutcome> Outcomes { get; } = [];

    public int Sent => Outcomes.Count(o => o.Sent);

    public int Denied => Outcomes.Count(o => !o.Sent);

    public List<TradingState> States { get; } = [];

    public void Start(IStrategyContext context) => _context = context;

    /// <summary>A limit order (GTC) for <paramref name="instrument"/>.</summary>
    public OrderRequest Limit(Instrument instrument, Side side, string price, decimal size, TimeInForce tif = TimeInForce.Gtc) =>
        new(default, instrument.Id, side, OrderType.Limit, tif, Price.Parse(price), Quantity.FromDecimal(size));

    public SubmitOutcome Submit(OrderRequest request)
    {
        var outcome = Context.Submit(request);
        Outcomes.Add(outcome);
        return outcome;
    }

    public (RiskDecision Decision, ClientOrderId[] Ids) Basket(IReadOnlyList<OrderRequest> legs)
    {
        var ids = new ClientOrderId[legs.Count];
        var decision = Context.SubmitBasket(legs, ids);
        foreach (var id in ids) Outcomes.Add(new SubmitOutcome(id, decision));
        return (decision, ids);
    }

    /// <summary>Submits <paramref name="count"/> orders, one every <paramref name="every"/>, made by <paramref name="make"/>(context, i).</summary>
    public void Burst(int count, TimeSpan every, Func<IStrategyContext, int, OrderRequest> make)
    {
        _burst = make;
        _burstLeft = count;
        _burstIndex = 0;
        _burstTimer.Dispose();
        _burstTimer = Context.ScheduleTimer(every, every, BurstTimer);
    }

    public bool BurstRunning => _burstLeft > 0;

    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose != BurstTimer || _burst is null) return;
        if (_burstLeft <= 0)
        {
            _burstTimer.Dispose();
            return;
        }

        _burstLeft--;
        Submit(_burst(Context, _burstIndex++));
    }

    public void OnBook(Instrument instrument, IOrderBookView book)
    {
    }

    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    public void OnOrderChanged(IOrderView order)
    {
    }

    public void OnFill(IOrderView? order, Fill fill)
    {
    }

    public void OnTradingState(TradingState state) => States.Add(state);

    public void Shutdown() => _burstLeft = 0;
}
