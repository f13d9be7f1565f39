using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// A market's tick changing at run time (a <c>tick_size_change</c>, or a tick re-read after an off-tick reject): the
/// market maker's resting quotes off the new grid are cancelled and replaced on it at the next requote.
/// </summary>
public sealed class MarketMakerTickChangeTests
{
    private static readonly Price Coarse = Price.Parse("0.1");

    private static void ChangeTick(MmHarness h, int market, Price tick)
    {
        foreach (var i in new[] { h.Yes[market], h.No[market] })
            h.Engine.OnMarketData(new MarketDataEvent(MarketDataKind.TickSizeChange, i.Index, Side.Buy, tick, default, 0, 0, h.NowTicks, h.NowTicks));
    }

    [Fact]
    public void Resting_quotes_off_a_coarser_tick_are_replaced_on_the_new_grid_at_the_next_requote()
    {
        // A 0.1 tick makes every spread at least 0.1: the gap guard must allow it for the market to be quoted at all.
        using var h = new MmHarness(new MarketMakerOptions(
            Ladder: new QuoteLadderOptions(LevelOffsetsTicks: [0], LevelSizes: [Quantity.FromUnits(10)]),
            Gap: new GapGuardOptions(Price.Parse("0.3"))));
        h.Book(0, "0.47", 100, "0.53", 100);
        var before = h.Orders.LiveOrders.ToList();
        Assert.Contains(before, o => !o.Request.Price.IsOnTick(Coarse));

        ChangeTick(h, 0, Coarse);
        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.4", 100, "0.6", 100);
        h.Advance(TimeSpan.FromMilliseconds(150));

        var after = h.Orders.LiveOrders.ToList();
        Assert.NotEmpty(after);
        Assert.All(after, o => Assert.True(o.Request.Price.IsOnTick(Coarse), $"{o.Request.Price} is off the 0.1 grid"));
        Assert.All(before.Where(o => !o.Request.Price.IsOnTick(Coarse)), o => Assert.Contains(h.Client.Cancels, c => c == o.Id));
    }
}
