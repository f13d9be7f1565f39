using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Xunit;
using static Bookmaker.Core.Tests.Portfolio.PortfolioFixtures;

namespace Bookmaker.Core.Tests.Portfolio;

public class FundingLedgerTests
{
    private static FundingPayment Payment(string id, string amount) => new(id, Btc, Money.Parse(amount), T0);

    [Fact]
    public void Funding_moves_cash_on_its_own_line_and_keeps_the_equity_identity()
    {
        var book = NewBook("1000");
        book.ApplyFill(Buy("0.01", "60000", Btc, fee: "0.12"));
        book.SetMark(Btc, Price.Parse("60100"));

        book.ApplyFunding(Payment("f-1", "-0.06"));
        book.ApplyFunding(Payment("f-2", "0.02"));

        Assert.Equal(Money.Parse("1000") - Money.Parse("600") - Money.Parse("0.12") - Money.Parse("0.04"), book.Cash);
        Assert.Equal((Money.Parse("-0.04"), Money.Parse("0.06"), Money.Parse("0.02")), (book.FundingPnl, book.Funding.Paid, book.Funding.Received));
        Assert.Equal((Money.Parse("0.12"), Money.Zero), (book.FeesPaid, book.RealizedPnl));
        Assert.Equal(book.RealizedPnl + book.UnrealizedPnl - book.FeesPaid + book.RebatesEarned + book.FundingPnl, book.NetPnl);
        Assert.Equal(book.Equity - book.InitialCash, book.NetPnl);
        Assert.Equal(book.Totals(), (book.NetPnl, book.Equity));
    }

    [Fact]
    public void The_same_funding_payment_twice_is_booked_once()
    {
        var book = NewBook();
        Assert.True(book.ApplyFunding(Payment("f-1", "-0.5")));
        Assert.False(book.ApplyFunding(Payment("f-1", "-0.5")));

        Assert.Equal(Money.Parse("99.5"), book.Cash);
        Assert.Equal(1, book.Funding.Count);
        Assert.Equal(Money.Parse("-0.5"), book.Funding.Of(Btc));
    }

    [Fact]
    public void Funding_leaves_the_positions_and_their_round_trip_pnl_alone()
    {
        var book = NewBook("1000");
        book.ApplyFill(Buy("0.01", "60000", Btc));
        book.ApplyFunding(Payment("f-1", "-1"));

        var position = book.GetPosition(Btc)!;
        Assert.Equal((Quantity.Parse("0.01"), Money.Zero, Money.Zero), (position.Quantity, position.RealizedPnl, position.FeesPaid));
        Assert.Equal(Money.Zero, book.GroupNetPnl(book.RiskGroupOf(book.GetPosition(Btc)!.Instrument).Index) - position.NetPnl());
    }
}
