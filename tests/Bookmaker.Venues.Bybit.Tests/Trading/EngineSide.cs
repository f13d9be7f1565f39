using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>The engine's order manager over the harness's real client; reports are applied on the test thread in arrival order, as the loop would.</summary>
internal sealed class EngineSide
{
    private readonly TradingHarness _h;
    private int _applied;
    private int _statuses;

    public EngineSide(TradingHarness h)
    {
        _h = h;
        var registry = new InstrumentRegistry();
        foreach (var i in h.Instruments) registry.Add(i);
        var clock = TimeProvider.System;
        var alerts = new AlertCenter(clock);
        Portfolio = new PortfolioBook(registry, Money.FromUnits(100_000));
        Portfolio.SetMark(registry.Get(h.Btc), Price.Parse("59000"));
        var gate = new RiskGate(registry, Portfolio, new RiskLimits { MaxOrderNotional = Money.FromUnits(5_000) }, clock, alerts);
        gate.Initialize(Money.Zero, Money.Zero, Portfolio.Cash, Portfolio.Equity);
        Orders = new OrderManager(registry, new Dictionary<string, IExecutionClient> { [VenueNames.Bybit] = h.Client }, gate, Portfolio, new NullJournal(), alerts, clock,
            new ClientOrderIdGenerator(77));
    }

    public PortfolioBook Portfolio { get; }

    public OrderManager Orders { get; }

    public ClientOrderId Submit(string price, string size)
    {
        var outcome = Orders.Submit(new OrderRequest(default, _h.Btc, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.Parse(size)));
        Assert.True(outcome.Sent);
        return outcome.Id;
    }

    public void ApplyArrived()
    {
        var all = _h.Sink.Reports.ToArray();
        for (; _applied < all.Length; _applied++) Orders.OnExecutionReport(all[_applied]);
        var statuses = _h.Sink.Statuses.ToArray();
        for (; _statuses < statuses.Length; _statuses++) Orders.OnVenueStatus(statuses[_statuses]);
    }
}
