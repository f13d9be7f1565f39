using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Venues.Simulated.Tests.QueueModels;

/// <summary>A simulator on instrument 0 with step 1 and a sink that keeps the fills.</summary>
internal sealed class ReplayHarness : IReplayFillSink
{
    public ReplayHarness(string model, long stepRaw = 1_000_000_000) =>
        Sim = new ReplayFillSimulator(0, QueueModelSpec.Parse(model), new Quantity(stepRaw), this);

    public ReplayFillSimulator Sim { get; }

    public List<ReplayFill> Fills { get; } = [];

    public void OnFill(in ReplayFill fill) => Fills.Add(fill);

    public static Price P(string p) => Price.Parse(p);

    public static Quantity Q(string q) => Quantity.Parse(q);

    public decimal Filled(long id) => Fills.Where(f => f.OrderId == id).Sum(f => f.Quantity.ToDecimal());

    public void Level(Side side, string price, string size) =>
        Sim.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, 0, side, P(price), Q(size), 0, 0, 1, 1));

    public void Trade(Side aggressor, string price, string size) =>
        Sim.OnMarketData(new MarketDataEvent(MarketDataKind.Trade, 0, aggressor, P(price), Q(size), 0, 0, 2, 2));

    public ReplaySubmitResult Buy(long id, string price, string size, TimeInForce tif = TimeInForce.Gtc) =>
        Sim.Submit(id, Side.Buy, P(price), Q(size), tif, 0);

    public ReplaySubmitResult Sell(long id, string price, string size, TimeInForce tif = TimeInForce.Gtc) =>
        Sim.Submit(id, Side.Sell, P(price), Q(size), tif, 0);

    public decimal Ahead(long id) => Sim.TryGetOrder(id, out _, out _, out _, out var ahead) ? ahead.ToDecimal() : throw new InvalidOperationException("not resting");
}
