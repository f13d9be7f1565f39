using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.Venues.Simulated.Tests.Adapter;

/// <summary>
/// A taker BUY through a real engine (order manager, risk gate, portfolio) on the simulated venue with Polymarket's
/// crypto fee curve: the venue keeps the fee in shares, and the engine's position is the venue's after reconciliation.
/// </summary>
public sealed class TakerFeeInSharesEngineTests
{
    // 10 × 0.25 × (0.51 × 0.49)² = 0.156125… → 0.15612 USDC, kept as 0.15612 / 0.51 = 0.3061176… → 0.306118 YES.
    private static readonly Quantity FeeShares = Quantity.Parse("0.306118");

    [Fact]
    public async Task Taker_buy_leaves_the_position_at_size_less_fee_shares_matching_the_venue_after_reconciliation()
    {
        var clock = new SimulatedTimeProvider(VenueHarness.Start);
        var market = SyntheticMarketFactory.Binary(new Random(3), "t", "0.01", new PolymarketFeeModel(0.25m, 2), "crypto", null);
        var venue = new SimulatedVenue(clock, [market], new SimulatedVenueOptions { Seed = 11, Latency = LatencyProfile.Zero, StartingCash = Money.FromUnits(10_000) });
        int counterparty = venue.Engine.OpenAccount(Money.FromUnits(1_000_000));
        venue.Engine.Split(counterparty, 0, Quantity.FromUnits(1_000));
        int yesSlot = venue.SlotOf(market.Yes.Id);
        venue.SubmitAgentOrder(SimOrder.Limit(counterparty, ClientOrderId.From(9_999, 1), yesSlot, Side.Buy, Price.Parse("0.49"), Quantity.FromUnits(100)));
        venue.SubmitAgentOrder(SimOrder.Limit(counterparty, ClientOrderId.From(9_999, 2), yesSlot, Side.Sell, Price.Parse("0.51"), Quantity.FromUnits(100)));

        await using var host = EngineHost.Create(clock, [venue], new NullJournal(), new EngineHostOptions { InitialCash = Money.FromUnits(10_000) });
        var driver = new SimulationDriver(host.Loop, clock);
        await host.StartAsync(CancellationToken.None);
        var engine = host.Engine;
        var yes = venue.Instruments[0];
        driver.RunUntil(clock.GetUtcNow() + TimeSpan.FromSeconds(5), () => engine.Book(yes) is { HasBids: true, HasAsks: true } && engine.Orders.SnapshotsReceived > 0);

        var outcome = engine.Orders.Submit(new OrderRequest(default, yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.51"), Quantity.FromUnits(10)));
        Assert.True(outcome.Sent, outcome.Decision.ToString());
        driver.RunUntil(clock.GetUtcNow() + TimeSpan.FromSeconds(5), () => engine.Orders.Find(outcome.Id)?.Status == OrderStatus.Filled);
        Assert.Equal(Quantity.FromUnits(10) - FeeShares, engine.Portfolio.QuantityOf(yes.Id));

        engine.Orders.RequestExitCheck();
        driver.RunUntil(clock.GetUtcNow() + TimeSpan.FromSeconds(5), () => engine.Orders.ExitCheckDone);
        var atVenue = venue.PeekAccount().Positions[yes.Id];
        Assert.Equal((0, Quantity.FromUnits(10) - FeeShares), (engine.Orders.PositionMismatchesAtExit, atVenue));
        Assert.Equal(atVenue, engine.Portfolio.QuantityOf(yes.Id));
    }
}
