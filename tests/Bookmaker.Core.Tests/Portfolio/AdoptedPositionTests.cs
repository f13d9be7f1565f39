using Bookmaker.Core.Values;
using static Bookmaker.Core.Tests.Portfolio.PortfolioFixtures;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>Positions adopted from the venue by reconciliation must not show the adoption itself as profit or loss.</summary>
public sealed class AdoptedPositionTests
{
    [Fact]
    public void Position_adopted_before_any_mark_takes_its_basis_from_the_first_mark()
    {
        var book = NewBook();
        var yes = Registry().Get(Yes);
        book.AdjustPosition(yes, Quantity.FromUnits(100), T0);

        book.SetMark(Yes, Price.Parse("0.62"));

        Assert.Equal(Money.Zero, book.UnrealizedPnl);
        Assert.Equal(Money.Parse("62"), book.GetPosition(Yes)!.CostBasis);
    }

    [Fact]
    public void Later_marks_move_unrealized_pnl_of_an_adopted_position()
    {
        var book = NewBook();
        book.AdjustPosition(Registry().Get(Yes), Quantity.FromUnits(100), T0);
        book.SetMark(Yes, Price.Parse("0.62"));

        book.SetMark(Yes, Price.Parse("0.50"));

        Assert.Equal(Money.Parse("-12"), book.UnrealizedPnl);
    }

    [Fact]
    public void Position_adopted_while_marked_is_carried_at_the_mark()
    {
        var book = NewBook();
        var yes = Registry().Get(Yes);
        book.SetMark(Yes, Price.Parse("0.40"));

        book.AdjustPosition(yes, Quantity.FromUnits(50), T0);

        Assert.False(book.GetPosition(Yes)!.BasisAwaitsMark);
        Assert.Equal(Money.Parse("20"), book.GetPosition(Yes)!.CostBasis);
        Assert.Equal(Money.Zero, book.UnrealizedPnl);
    }

    [Fact]
    public void Fill_before_any_mark_prices_the_adopted_holding_at_the_fill()
    {
        var book = NewBook();
        book.AdjustPosition(Registry().Get(Yes), Quantity.FromUnits(100), T0);

        book.ApplyFill(Sell("40", "0.55"));

        Assert.Equal(Money.Zero, book.RealizedPnl);
        Assert.Equal(Money.Parse("33"), book.GetPosition(Yes)!.CostBasis);
    }

    [Fact]
    public void Adopted_position_counts_nothing_before_its_first_mark()
    {
        var book = NewBook();
        book.AdjustPosition(Registry().Get(Yes), Quantity.FromUnits(100), T0);

        Assert.True(book.GetPosition(Yes)!.BasisAwaitsMark);
        Assert.Equal(Money.Zero, book.UnrealizedPnl);
        Assert.Equal(Money.Zero, book.NetPnl);
    }
}
