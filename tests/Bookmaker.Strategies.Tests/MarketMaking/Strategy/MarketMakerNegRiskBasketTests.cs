using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// Complete neg-risk baskets (one YES of every outcome, e.g. bought by the arbitrage strategy) are hedged at $1: the
/// market maker must not treat their legs as inventory, skew on them, or sell them off.
/// </summary>
public sealed class MarketMakerNegRiskBasketTests
{
    private static MmHarness EventWithBaskets(bool everyOutcomeHeld)
    {
        var h = new MmHarness(new MarketMakerOptions(Ladder: new QuoteLadderOptions(MaxInventory: Quantity.FromUnits(500))), markets: 3, negRiskEvent: "event-1");
        for (int i = 0; i < 3; i++) h.Book(i, "0.30", 200, "0.34", 200);
        for (int i = 0; i < 3; i++)
        {
            if (everyOutcomeHeld || i > 0) h.Acquire(h.Yes[i], 100, "0.34");
        }

        h.Advance(TimeSpan.FromSeconds(2));
        return h;
    }

    [Fact]
    public void Complete_basket_legs_are_not_market_maker_inventory()
    {
        using var h = EventWithBaskets(everyOutcomeHeld: true);

        Assert.All(h.Strategy.Report().Markets, m => Assert.Equal(Quantity.Zero, m.Inventory));
    }

    [Fact]
    public void Yes_held_without_a_complete_basket_is_inventory()
    {
        using var h = EventWithBaskets(everyOutcomeHeld: false);

        var inventories = h.Strategy.Report().Markets.Select(m => m.Inventory).ToList();

        Assert.Equal([Quantity.Zero, Quantity.FromUnits(100), Quantity.FromUnits(100)], inventories);
    }
}
