using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Venues.Simulated.Tests.QueueModels;

public class AggressiveFillTests
{
    private static ReplayHarness WithAsks()
    {
        var h = new ReplayHarness("risk_averse");
        h.Level(Side.Buy, "0.48", "100");
        h.Level(Side.Sell, "0.50", "30");
        h.Level(Side.Sell, "0.51", "40");
        h.Level(Side.Sell, "0.53", "100");
        return h;
    }

    [Fact]
    public void Crossing_buy_takes_displayed_depth_level_by_level_at_level_prices()
    {
        var h = WithAsks();
        Assert.Equal(ReplaySubmitResult.Filled, h.Buy(1, "0.52", "50"));
        Assert.Equal(2, h.Fills.Count);
        Assert.All(h.Fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.Equal((Price.Parse("0.50"), 30m), (h.Fills[0].Price, h.Fills[0].Quantity.ToDecimal()));
        Assert.Equal((Price.Parse("0.51"), 20m), (h.Fills[1].Price, h.Fills[1].Quantity.ToDecimal()));
    }

    [Fact]
    public void Consumed_depth_cannot_be_taken_twice_and_the_recorded_book_is_unchanged()
    {
        var h = WithAsks();
        h.Buy(1, "0.50", "30");
        Assert.Equal(Quantity.Parse("30"), h.Sim.DisplayedSize(Side.Sell, Price.Parse("0.50")));
        Assert.Equal(Quantity.Zero, h.Sim.AvailableSize(Side.Sell, Price.Parse("0.50")));
        Assert.Equal(ReplaySubmitResult.Cancelled, h.Buy(2, "0.50", "10", TimeInForce.Fak));
        Assert.Single(h.Fills);
    }

    [Fact]
    public void Consumption_wears_off_as_the_recording_shrinks_the_level()
    {
        var h = WithAsks();
        h.Buy(1, "0.50", "30");
        h.Level(Side.Sell, "0.50", "10");   // 20 of the 30 we took have gone in the recording
        Assert.Equal(Quantity.Parse("0"), h.Sim.AvailableSize(Side.Sell, Price.Parse("0.50")));
        h.Level(Side.Sell, "0.50", "25");   // 15 new arrived
        Assert.Equal(Quantity.Parse("15"), h.Sim.AvailableSize(Side.Sell, Price.Parse("0.50")));
    }

    [Fact]
    public void Fok_that_cannot_fill_completely_fills_nothing()
    {
        var h = WithAsks();
        Assert.Equal(ReplaySubmitResult.Cancelled, h.Buy(1, "0.51", "71", TimeInForce.Fok));
        Assert.Empty(h.Fills);
        Assert.Equal(ReplaySubmitResult.Filled, h.Buy(2, "0.51", "70", TimeInForce.Fok));
    }

    [Fact]
    public void Gtc_remainder_rests_and_joins_the_queue_at_its_price()
    {
        var h = WithAsks();
        Assert.Equal(ReplaySubmitResult.Resting, h.Buy(1, "0.50", "50"));
        Assert.True(h.Sim.TryGetOrder(1, out _, out _, out var leaves, out var ahead));
        Assert.Equal(20m, leaves.ToDecimal());
        Assert.Equal(0m, ahead.ToDecimal());
    }

    [Fact]
    public void Recorded_ask_arriving_at_our_bid_fills_us_as_maker()
    {
        var h = WithAsks();
        h.Buy(1, "0.49", "50");
        h.Level(Side.Sell, "0.49", "20");
        var fill = Assert.Single(h.Fills);
        Assert.Equal((ReplayFillReason.BookCross, Liquidity.Maker, 20m), (fill.Reason, fill.Liquidity, fill.Quantity.ToDecimal()));
        Assert.Equal(Price.Parse("0.49"), fill.Price);
        h.Level(Side.Sell, "0.49", "20"); // unchanged level: nothing new to take
        Assert.Single(h.Fills);
    }

    [Fact]
    public void Snapshot_resets_the_book_and_crosses_resting_orders()
    {
        var h = WithAsks();
        h.Buy(1, "0.49", "50");
        var snap = new BookSnapshot();
        snap.Bids.Add(new BookLevel(Price.Parse("0.47"), Quantity.Parse("10")));
        snap.Asks.Add(new BookLevel(Price.Parse("0.48"), Quantity.Parse("15")));
        snap.Asks.Add(new BookLevel(Price.Parse("0.52"), Quantity.Parse("15")));
        h.Sim.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, 0, Side.Buy, default, default, 1, 0, 5, 5, Snapshot: snap));
        Assert.Equal(Quantity.Zero, h.Sim.DisplayedSize(Side.Sell, Price.Parse("0.50")));
        Assert.Equal(15m, h.Filled(1));
        Assert.Equal(Price.Parse("0.49"), h.Fills[0].Price);
    }

    [Fact]
    public void Rejects_duplicate_ids_and_sizes_off_the_step()
    {
        var h = WithAsks();
        Assert.Equal(ReplaySubmitResult.Resting, h.Buy(1, "0.40", "10"));
        Assert.Equal(ReplaySubmitResult.Rejected, h.Buy(1, "0.40", "10"));
        Assert.Equal(ReplaySubmitResult.Rejected, h.Buy(2, "0.40", "10.5"));
        Assert.Equal(ReplaySubmitResult.Rejected, h.Buy(3, "0.40", "0"));
    }

    [Fact]
    public void Events_for_other_instruments_are_ignored()
    {
        var h = WithAsks();
        h.Sim.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, 7, Side.Sell, Price.Parse("0.50"), Quantity.Parse("999"), 0, 0, 0, 0));
        Assert.Equal(Quantity.Parse("30"), h.Sim.DisplayedSize(Side.Sell, Price.Parse("0.50")));
    }

    [Fact]
    public void Steady_state_event_processing_allocates_nothing()
    {
        var h = WithAsks();
        h.Buy(1, "0.48", "1000000");
        h.Sell(2, "0.53", "1000000");
        var up = new MarketDataEvent(MarketDataKind.LevelUpdate, 0, Side.Buy, Price.Parse("0.48"), Quantity.Parse("120"), 0, 0, 0, 0);
        var down = up with { Size = Quantity.Parse("90") };
        h.Sim.OnMarketData(up);
        h.Sim.OnMarketData(down);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            h.Sim.OnMarketData(up);
            h.Sim.OnMarketData(down);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
