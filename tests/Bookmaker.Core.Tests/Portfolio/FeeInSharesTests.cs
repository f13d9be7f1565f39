using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using static Bookmaker.Core.Tests.Portfolio.PortfolioFixtures;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>The ledger books a BUY whose fee the venue kept in shares as the venue does.</summary>
public class FeeInSharesTests
{
    private static Fill TakerBuy(string size, string price, string feeUsdc, int n = 1)
    {
        var p = Price.Parse(price);
        var q = Quantity.Parse(size);
        var charge = ShareFee.BuyCharge(Money.Parse(feeUsdc), p, q);
        return new Fill($"s{n}", ClientOrderId.From(9, (ulong)n), Yes, Side.Buy, p, q, charge.Fee, Money.Zero, Liquidity.Taker, T0, charge.FeeShares);
    }

    [Fact]
    public void Taker_buy_position_is_the_size_less_the_fee_shares()
    {
        var book = NewBook();
        book.ApplyFill(TakerBuy("100", "0.50", "1.5625"));
        Assert.Equal(Quantity.Parse("96.875"), book.QuantityOf(Yes));
    }

    [Fact]
    public void Taker_buy_with_fee_shares_pays_only_the_notional_in_cash()
    {
        var book = NewBook();
        book.ApplyFill(TakerBuy("100", "0.50", "1.5625"));
        Assert.Equal(Money.Parse("50"), book.Cash);
    }

    [Fact]
    public void Fee_shares_count_in_fees_paid_at_their_value_and_the_entry_stays_the_fill_price()
    {
        var book = NewBook();
        book.ApplyFill(TakerBuy("100", "0.50", "1.5625"));
        var position = book.GetPosition(Yes)!;
        Assert.Equal((Money.Parse("1.5625"), Quantity.Parse("3.125"), Price.Parse("0.50")), (position.FeesPaid, position.FeeShares, position.AverageCost));
    }

    [Fact]
    public void Reversing_a_fee_share_fill_restores_cash_position_and_fees()
    {
        var book = NewBook();
        var fill = TakerBuy("100", "0.50", "1.5625");
        book.ApplyFill(fill);
        book.ReverseFill(fill);
        var position = book.GetPosition(Yes)!;
        Assert.Equal((Money.Parse("100"), Quantity.Zero, Money.Zero, Quantity.Zero), (book.Cash, position.Quantity, position.FeesPaid, position.FeeShares));
    }

    [Fact]
    public void Equity_minus_initial_cash_equals_net_pnl_when_buy_fees_are_kept_in_shares()
    {
        var model = new PolymarketFeeModel(0.25m, 2, 0.20m);
        var fillGen =
            from yes in Gen.Elements(true, false)
            from buy in Gen.Elements(true, false)
            from taker in Gen.Elements(true, false)
            from ticks in Gen.Choose(1, 99)
            from lots in Gen.Choose(1, 5000)
            select (yes, buy, taker, ticks, lots);
        var scenario =
            from fills in Gen.ListOf(fillGen)
            from marks in Gen.ArrayOf(Gen.Choose(1, 99), 2)
            select (fills, marks);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var book = NewBook("100000");
            long[] qty = new long[2];
            int n = 0;
            foreach (var (yes, buy, taker, ticks, lots) in s.fills)
            {
                var price = new Price(ticks * 10_000_000L);
                var size = new Quantity(lots * 10_000_000L);
                var side = buy ? Side.Buy : Side.Sell;
                var charge = model.ForFill(price, size, taker ? Liquidity.Taker : Liquidity.Maker, side);
                var fill = new Fill($"q{n++}", ClientOrderId.From(4, (ulong)n), yes ? Yes : No, side, price, size, charge.Fee, charge.Rebate,
                    taker ? Liquidity.Taker : Liquidity.Maker, T0.AddSeconds(n), charge.FeeShares);
                book.ApplyFill(fill);
                qty[yes ? 0 : 1] += buy ? size.Raw - charge.FeeShares.Raw : -size.Raw;
            }

            if (book.GetPosition(Yes) is not null) book.SetMark(Yes, new Price(s.marks[0] * 10_000_000L));
            if (book.GetPosition(No) is not null) book.SetMark(No, new Price(s.marks[1] * 10_000_000L));
            return book.Equity - book.InitialCash == book.NetPnl && book.QuantityOf(Yes).Raw == qty[0] && book.QuantityOf(No).Raw == qty[1];
        }).QuickCheckThrowOnFailure();
    }
}
