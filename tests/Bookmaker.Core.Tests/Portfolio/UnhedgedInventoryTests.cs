using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Book = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>
/// The unhedged part of a risk group — its delta less the complete baskets of its neg-risk event — with its own opening
/// time and entry: the inventory the market maker judges hold time and stop loss on. A basket (one YES of every outcome)
/// pays $1 whatever resolves, so completing one closes the unhedged position it was made of.
/// </summary>
public sealed class UnhedgedInventoryTests
{
    private static readonly DateTimeOffset T0 = PortfolioFixtures.T0;
    private static readonly string[] Markets = PortfolioFixtures.EventMarkets;
    private readonly InstrumentRegistry _registry = PortfolioFixtures.EventRegistry();
    private readonly Book _book;
    private int _trade;

    public UnhedgedInventoryTests()
    {
        _book = new Book(_registry, Money.FromUnits(10_000));
    }

    private Instrument Yes(int market) => _registry.Get(PortfolioFixtures.EventYes(market));

    private void Buy(int market, long units, string price, int at) =>
        _book.ApplyFill(new Fill($"u{++_trade}", ClientOrderId.From(5, (ulong)_trade), Yes(market).Id, Side.Buy, Price.Parse(price),
            Quantity.FromUnits(units), Money.Zero, Money.Zero, Liquidity.Maker, T0.AddSeconds(at)));

    [Fact]
    public void Outside_a_complete_basket_the_unhedged_delta_is_the_group_delta()
    {
        Buy(0, 30, "0.40", at: 1);
        Buy(1, 20, "0.30", at: 2);

        Assert.Equal(Quantity.FromUnits(30), _book.UnhedgedDelta(Yes(0)));
        Assert.Equal(T0.AddSeconds(1), _book.UnhedgedOpenedAt(Yes(0)));
        Assert.Equal(Price.Parse("0.40"), _book.UnhedgedAverageEntry(Yes(0)));
    }

    [Fact]
    public void Completing_baskets_takes_them_out_of_every_members_unhedged_delta()
    {
        Buy(0, 30, "0.40", at: 1);
        Buy(1, 20, "0.30", at: 2);

        Buy(2, 20, "0.25", at: 3);

        Assert.Equal((Quantity.FromUnits(10), Quantity.Zero, Quantity.Zero), (_book.UnhedgedDelta(Yes(0)), _book.UnhedgedDelta(Yes(1)), _book.UnhedgedDelta(Yes(2))));
        Assert.Equal(Quantity.FromUnits(30), _book.GroupDelta(Yes(0)));
        Assert.Null(_book.UnhedgedOpenedAt(Yes(1)));
    }

    [Fact]
    public void The_residual_left_after_a_basket_keeps_its_entry_and_opening_time()
    {
        Buy(0, 30, "0.40", at: 1);
        Buy(1, 20, "0.30", at: 2);

        Buy(2, 20, "0.25", at: 3);

        Assert.Equal(Price.Parse("0.40"), _book.UnhedgedAverageEntry(Yes(0)));
        Assert.Equal(T0.AddSeconds(1), _book.UnhedgedOpenedAt(Yes(0)));
    }

    [Fact]
    public void A_position_reopened_after_a_basket_closed_it_is_held_from_the_new_fill_at_its_price()
    {
        Buy(0, 20, "0.40", at: 1);
        Buy(1, 20, "0.30", at: 2);
        Buy(2, 20, "0.25", at: 3);

        Buy(1, 10, "0.35", at: 60);

        Assert.Equal(Quantity.FromUnits(10), _book.UnhedgedDelta(Yes(1)));
        Assert.Equal(T0.AddSeconds(60), _book.UnhedgedOpenedAt(Yes(1)));
        Assert.Equal(Price.Parse("0.35"), _book.UnhedgedAverageEntry(Yes(1)));
        Assert.Equal(T0.AddSeconds(2), _book.GroupOpenedAt(Yes(1)));
    }

    [Fact]
    public void The_unhedged_delta_always_equals_the_group_delta_less_the_complete_baskets()
    {
        var step = from market in Gen.Choose(0, 2) from buy in Gen.Elements(true, false) from units in Gen.Choose(1, 30) select (market, buy, units);
        Prop.ForAll(Gen.ListOf(step).ToArbitrary(), steps =>
        {
            var book = new Book(_registry, Money.FromUnits(100_000));
            int n = 0;
            foreach (var (market, buy, units) in steps)
            {
                n++;
                book.ApplyFill(new Fill($"p{n}", ClientOrderId.From(6, (ulong)n), Yes(market).Id, buy ? Side.Buy : Side.Sell, Price.Parse("0.30"),
                    Quantity.FromUnits(units), Money.Zero, Money.Zero, Liquidity.Maker, T0.AddSeconds(n)));
            }

            long baskets = book.CompleteBaskets(Markets).Raw;
            for (int m = 0; m < 3; m++)
            {
                long unhedged = book.UnhedgedDelta(Yes(m)).Raw;
                if (unhedged != book.GroupDelta(Yes(m)).Raw - baskets) return false;
                if ((book.UnhedgedOpenedAt(Yes(m)) is null) != (unhedged == 0)) return false;
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
