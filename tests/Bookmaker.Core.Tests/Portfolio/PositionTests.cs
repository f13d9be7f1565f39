using Bookmaker.Core.Values;
using Xunit;
using static Bookmaker.Core.Tests.Portfolio.PortfolioFixtures;

namespace Bookmaker.Core.Tests.Portfolio;

public class PositionTests
{
    [Fact]
    public void Average_cost_is_the_notional_weighted_entry_price()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40"));
        book.ApplyFill(Buy("30", "0.48"));
        var p = book.GetPosition(Yes)!;
        Assert.Equal(Quantity.Parse("40"), p.Quantity);
        Assert.Equal(Money.Parse("18.4"), p.CostBasis);
        Assert.Equal(Price.Parse("0.46"), p.AverageCost);
    }

    [Fact]
    public void Partial_close_realizes_against_the_average_cost_and_keeps_it()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40"));
        book.ApplyFill(Buy("30", "0.48"));
        book.ApplyFill(Sell("15", "0.50"));
        var p = book.GetPosition(Yes)!;
        // 15 × (0.50 − 0.46) = 0.6
        Assert.Equal(Money.Parse("0.6"), p.RealizedPnl);
        Assert.Equal(Quantity.Parse("25"), p.Quantity);
        Assert.Equal(Money.Parse("11.5"), p.CostBasis);
        Assert.Equal(Price.Parse("0.46"), p.AverageCost);
    }

    [Fact]
    public void Closing_a_short_realizes_entry_minus_exit()
    {
        var book = NewBook();
        book.ApplyFill(Sell("10", "0.60", Btc));
        book.ApplyFill(Buy("4", "0.50", Btc));
        var p = book.GetPosition(Btc)!;
        Assert.Equal(Money.Parse("0.4"), p.RealizedPnl);
        Assert.Equal(Quantity.Parse("-6"), p.Quantity);
        Assert.Equal(Price.Parse("0.6"), p.AverageCost);
    }

    [Fact]
    public void Flip_realizes_the_closed_part_and_opens_the_rest_at_the_fill_price()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40", Btc, at: 1));
        book.ApplyFill(Sell("25", "0.50", Btc, at: 9));
        var p = book.GetPosition(Btc)!;
        Assert.Equal(Money.Parse("1"), p.RealizedPnl);
        Assert.Equal(Quantity.Parse("-15"), p.Quantity);
        Assert.Equal(Money.Parse("7.5"), p.CostBasis);
        Assert.Equal(Price.Parse("0.5"), p.AverageCost);
        Assert.Equal(T0.AddSeconds(9), p.OpenedAt);
    }

    [Fact]
    public void Fees_and_rebates_are_kept_out_of_realized()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40", fee: "0.02"));
        book.ApplyFill(Sell("10", "0.50", rebate: "0.01"));
        var p = book.GetPosition(Yes)!;
        Assert.Equal(Money.Parse("1"), p.RealizedPnl);
        Assert.Equal(Money.Parse("0.02"), p.FeesPaid);
        Assert.Equal(Money.Parse("0.01"), p.RebatesEarned);
        Assert.Equal(Money.Parse("0.99"), p.NetPnl());
    }

    [Fact]
    public void Unrealized_of_a_long_is_mark_minus_cost()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40"));
        Assert.Equal(Money.Parse("1.5"), book.GetPosition(Yes)!.UnrealizedPnl(Price.Parse("0.55")));
    }

    [Fact]
    public void Unrealized_of_a_short_is_cost_minus_mark()
    {
        var book = NewBook();
        book.ApplyFill(Sell("10", "0.60", Btc));
        Assert.Equal(Money.Parse("-1"), book.GetPosition(Btc)!.UnrealizedPnl(Price.Parse("0.70")));
    }

    [Fact]
    public void Unmarked_position_has_no_unrealized_pnl()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40"));
        Assert.Equal(Money.Zero, book.GetPosition(Yes)!.UnrealizedPnl());
    }

    [Fact]
    public void Repeating_cost_ratio_is_attributed_so_total_realized_is_exact_when_flat()
    {
        var book = NewBook();
        book.ApplyFill(Buy("1", "0.40"));
        book.ApplyFill(Buy("1", "0.40"));
        book.ApplyFill(Buy("1", "0.41"));
        book.ApplyFill(Sell("1", "0.50"));
        var p = book.GetPosition(Yes)!;
        // 1.21 / 3 = 0.4033333333… → removed 0.403333333 (half-even at 1e-9)
        Assert.Equal(Money.Parse("0.096666667"), p.RealizedPnl);
        Assert.Equal(Money.Parse("0.806666667"), p.CostBasis);
        book.ApplyFill(Sell("2", "0.50"));
        Assert.Equal(Money.Parse("0.29"), p.RealizedPnl); // 1.50 − 1.21
        Assert.Equal(Money.Zero, p.CostBasis);
    }

    [Fact]
    public void Opened_at_is_set_from_flat_and_cleared_when_flat_again()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40", at: 5));
        book.ApplyFill(Buy("10", "0.40", at: 7));
        var p = book.GetPosition(Yes)!;
        Assert.Equal(T0.AddSeconds(5), p.OpenedAt);
        book.ApplyFill(Sell("20", "0.40", at: 9));
        Assert.Null(p.OpenedAt);
        Assert.True(p.IsFlat);
        Assert.Null(p.AverageCost);
    }

    [Fact]
    public void Crypto_quantities_and_prices_multiply_exactly()
    {
        var book = NewBook("1000");
        book.ApplyFill(Buy("0.005", "60000.1", Btc));
        Assert.Equal(Money.Parse("300.0005"), book.GetPosition(Btc)!.CostBasis);
        Assert.Equal(Money.Parse("699.9995"), book.Cash);
    }
}
