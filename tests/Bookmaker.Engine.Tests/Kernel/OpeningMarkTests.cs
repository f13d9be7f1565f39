using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Kernel;

/// <summary>
/// A position is marked from the current book the moment it opens — not at the next move of the mid — so the spread
/// crossed to open it counts in the daily loss at once, and an opening taker order's slippage is judged against the mark.
/// </summary>
public sealed class OpeningMarkTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly AlertCenter _alerts;
    private readonly EngineHost _host;
    private readonly TradingEngine _engine;
    private readonly Instrument _yes;
    private int _trade;

    public OpeningMarkTests()
    {
        _yes = TestMarkets.YesToken(VenueNames.Simulated);
        _host = EngineKit.Start(_clock, [new ScriptedVenue(VenueNames.Simulated, [_yes, TestMarkets.NoToken(VenueNames.Simulated)], new RecordingExecutionClient())]);
        _engine = _host.Engine;
        _alerts = _engine.Alerts;
        var snapshot = new BookSnapshot { Sequence = 1 };
        snapshot.Bids.Add(new BookLevel(Price.Parse("0.48"), Quantity.FromUnits(500)));
        snapshot.Asks.Add(new BookLevel(Price.Parse("0.52"), Quantity.FromUnits(500)));
        long now = _clock.GetUtcNow().UtcTicks;
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, _yes.Index, Side.Buy, default, default, 1, 0, now, now, true, snapshot));
    }

    public void Dispose() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Fill(ClientOrderId id, string price, long size) =>
        _engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, _yes.Id, null, RejectReason.None, null,
            new Fill($"t{++_trade}", id, _yes.Id, Side.Buy, Price.Parse(price), Quantity.FromUnits(size), Money.Zero, Money.Zero, Liquidity.Taker, _clock.GetUtcNow()),
            null, _clock.GetUtcNow()));

    [Fact]
    public void The_spread_crossed_to_open_a_position_counts_in_the_daily_pnl_at_once()
    {
        var sent = _engine.Orders.Submit(new OrderRequest(default, _yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.52"), Quantity.FromUnits(100)));

        Fill(sent.Id, "0.52", 100);

        // Bought 100 at the ask 0.52 with the mid at 0.50: worth 2 less than paid, before the mid ever moves.
        Assert.Equal(Money.FromUnits(-2), _engine.Gate.DailyPnl);
        Assert.Equal(Price.Parse("0.50"), _engine.Portfolio.GetPosition(_yes)!.Mark);
    }

    [Fact]
    public void An_opening_taker_order_filled_far_from_the_mark_raises_the_slippage_alert()
    {
        var sent = _engine.Orders.Submit(new OrderRequest(default, _yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Fak, Price.Parse("0.58"), Quantity.FromUnits(10)));
        Assert.True(sent.Sent);

        Fill(sent.Id, "0.56", 10);

        Assert.True(_alerts.IsActive("slippage", _yes.Id.ToString()));
    }
}
