using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Book = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>One YES of every outcome of a neg-risk event pays exactly $1: a complete basket.</summary>
public sealed class CompleteBasketTests
{
    private static readonly string[] Markets = PortfolioFixtures.EventMarkets;

    private static (Book Book, InstrumentRegistry Registry) Event()
    {
        var registry = PortfolioFixtures.EventRegistry();
        return (new Book(registry, Money.FromUnits(1_000)), registry);
    }

    private static void Hold(Book book, InstrumentRegistry registry, string symbol, long units) =>
        book.AdjustPosition(registry.Get(new InstrumentId(VenueNames.Polymarket, symbol)), Quantity.FromUnits(units), PortfolioFixtures.T0);

    [Fact]
    public void Baskets_are_the_smallest_yes_holding_across_the_event()
    {
        var (book, registry) = Event();
        Hold(book, registry, "m0-yes", 100);
        Hold(book, registry, "m1-yes", 70);
        Hold(book, registry, "m2-yes", 90);

        Assert.Equal(Quantity.FromUnits(70), book.CompleteBaskets(Markets));
    }

    [Fact]
    public void No_basket_while_one_outcome_is_missing()
    {
        var (book, registry) = Event();
        Hold(book, registry, "m0-yes", 100);
        Hold(book, registry, "m1-yes", 100);

        Assert.Equal(Quantity.Zero, book.CompleteBaskets(Markets));
    }

    [Fact]
    public void No_held_against_yes_nets_before_baskets_are_counted()
    {
        var (book, registry) = Event();
        Hold(book, registry, "m0-yes", 100);
        Hold(book, registry, "m1-yes", 100);
        Hold(book, registry, "m2-yes", 100);
        Hold(book, registry, "m2-no", 40);

        Assert.Equal(Quantity.FromUnits(60), book.CompleteBaskets(Markets));
    }
}
