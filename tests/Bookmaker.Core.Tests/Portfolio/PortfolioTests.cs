using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static Bookmaker.Core.Tests.Portfolio.PortfolioFixtures;

namespace Bookmaker.Core.Tests.Portfolio;

public class PortfolioTests
{
    [Fact]
    public void Buy_pays_notional_and_fee_and_receives_rebate()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40", fee: "0.02", rebate: "0.005"));
        Assert.Equal(Money.Parse("95.985"), book.Cash);
    }

    [Fact]
    public void Sell_receives_notional_pays_fee_and_receives_rebate()
    {
        var book = NewBook();
        book.ApplyFill(Sell("10", "0.40", Btc, fee: "0.02", rebate: "0.005"));
        Assert.Equal(Money.Parse("103.985"), book.Cash);
    }

    [Fact]
    public void Same_fill_twice_is_applied_once()
    {
        var book = NewBook();
        var fill = Buy("10", "0.40");
        Assert.True(book.ApplyFill(fill));
        Assert.False(book.ApplyFill(fill));
        Assert.Equal(Quantity.Parse("10"), book.QuantityOf(Yes));
        Assert.Equal(Money.Parse("96"), book.Cash);
    }

    [Fact]
    public void Same_trade_id_on_two_of_our_orders_counts_twice()
    {
        // A self-cross on Polymarket puts our maker and taker orders into one trade id.
        var book = NewBook();
        book.ApplyFill(Fill(Yes, Side.Buy, "5", "0.40", tradeId: "shared", orderId: ClientOrderId.From(1, 900)));
        book.ApplyFill(Fill(Yes, Side.Sell, "5", "0.40", tradeId: "shared", orderId: ClientOrderId.From(1, 901)));
        Assert.Equal(Quantity.Zero, book.QuantityOf(Yes));
        Assert.Equal(Money.Parse("100"), book.Cash);
    }

    [Fact]
    public void Totals_sum_the_positions_and_equity_marks_them()
    {
        var book = NewBook();
        book.ApplyFill(Buy("10", "0.40", fee: "0.01"));
        book.ApplyFill(Sell("4", "0.50", rebate: "0.002"));
        book.ApplyFill(Sell("2", "100", Btc, fee: "0.1"));
        book.SetMark(Yes, Price.Parse("0.45"));
        book.SetMark(Btc, Price.Parse("99"));
        Assert.Equal(Money.Parse("0.4"), book.RealizedPnl);            // 4 × (0.50 − 0.40)
        Assert.Equal(Money.Parse("2.3"), book.UnrealizedPnl);          // 6 × 0.05 + 2 × 1
        Assert.Equal(Money.Parse("0.11"), book.FeesPaid);
        Assert.Equal(Money.Parse("0.002"), book.RebatesEarned);
        // cash 100 − 4 − 0.01 + 2 + 0.002 + 200 − 0.1 = 297.892; positions 6 × 0.45 − 2 × 99 = −195.3
        Assert.Equal(Money.Parse("297.892"), book.Cash);
        Assert.Equal(Money.Parse("102.592"), book.Equity);
        Assert.Equal(book.Equity - book.InitialCash, book.NetPnl);
    }

    [Fact]
    public void Reversed_fill_is_taken_out_of_cash_and_position_exactly()
    {
        var book = NewBook();
        var buy = Buy("10", "0.40", fee: "0.01");
        book.ApplyFill(buy);
        book.ApplyFill(Sell("10", "0.60", Btc));
        book.ApplyFill(Sell("10", "0.60"));
        Assert.True(book.ReverseFill(buy));
        var p = book.GetPosition(Yes)!;
        Assert.Equal(Quantity.Parse("-10"), p.Quantity);
        Assert.Equal(Price.Parse("0.6"), p.AverageCost);
        Assert.Equal(Money.Zero, p.RealizedPnl);
        Assert.Equal(Money.Zero, p.FeesPaid);
        Assert.Equal(Money.Parse("112"), book.Cash);
    }

    [Fact]
    public void Reversed_fill_keeps_a_balance_adopted_from_the_venue_before_it()
    {
        // Adopted at start from the venue (100 shares at the mark 0.50), then a buy whose trade FAILED.
        var registry = Registry();
        var book = new Bookmaker.Core.Portfolio.Portfolio(registry, Money.Parse("100"));
        book.SetMark(Yes, Price.Parse("0.50"));
        book.AdjustPosition(registry.Get(Yes), Quantity.Parse("100"), T0);
        var buy = Buy("10", "0.60", at: 1);
        book.ApplyFill(buy);
        book.ReverseFill(buy, T0.AddSeconds(2));
        var p = book.GetPosition(Yes)!;
        Assert.Equal(Quantity.Parse("100"), p.Quantity);
        Assert.Equal(Money.Parse("50"), p.CostBasis);
        Assert.Equal(Money.Parse("100"), book.Cash);
    }

    [Fact]
    public void Reversed_fill_keeps_a_balance_adopted_from_the_venue_after_it()
    {
        // The buy was booked, then reconciliation found 100 more shares at the venue, then the buy's trade FAILED.
        var registry = Registry();
        var book = new Bookmaker.Core.Portfolio.Portfolio(registry, Money.Parse("100"));
        book.SetMark(Yes, Price.Parse("0.50"));
        var buy = Buy("10", "0.50");
        book.ApplyFill(buy);
        book.AdjustPosition(registry.Get(Yes), Quantity.Parse("110"), T0.AddSeconds(1));
        book.ReverseFill(buy, T0.AddSeconds(2));
        Assert.Equal(Quantity.Parse("100"), book.QuantityOf(Yes));
    }

    [Fact]
    public void Reversed_fill_is_not_applied_again()
    {
        var book = NewBook();
        var buy = Buy("10", "0.40");
        book.ApplyFill(buy);
        book.ReverseFill(buy);
        Assert.False(book.ApplyFill(buy));
        Assert.False(book.ReverseFill(buy));
        Assert.Equal(Money.Parse("100"), book.Cash);
    }

    [Fact]
    public void Long_yes_and_long_no_offset_in_net_delta()
    {
        var book = NewBook();
        book.ApplyFill(Buy("30", "0.60", Yes));
        book.ApplyFill(Buy("20", "0.38", No));
        Assert.Equal(Quantity.Parse("10"), book.NetDelta(Market));
        Assert.Equal(Quantity.Parse("20"), book.CompleteSets(Market));
    }

    [Fact]
    public void Net_delta_of_only_no_is_negative_and_there_are_no_sets()
    {
        var book = NewBook();
        book.ApplyFill(Buy("7", "0.30", No));
        Assert.Equal(Quantity.Parse("-7"), book.NetDelta(Market));
        Assert.Equal(Quantity.Zero, book.CompleteSets(Market));
    }

    [Fact]
    public void Unknown_market_has_zero_delta_and_no_sets()
    {
        var book = NewBook();
        Assert.Equal(Quantity.Zero, book.NetDelta("0xother"));
        Assert.Equal(Quantity.Zero, book.CompleteSets("0xother"));
    }

    [Fact]
    public void Complete_sets_are_worth_one_and_only_the_residual_is_marked()
    {
        var book = NewBook();
        book.ApplyFill(Buy("30", "0.60", Yes));
        book.ApplyFill(Buy("20", "0.38", No));
        // 20 sets × 1 + 10 YES × 0.55; the NO mark does not matter (no residual NO)
        Assert.Equal(Money.Parse("25.5"), book.BinaryMarketValue(Market, Price.Parse("0.55"), Price.Parse("0.20")));
        Assert.Equal(Money.Parse("25.5"), book.BinaryMarketValue(Market, Price.Parse("0.55"), Price.Parse("0.90")));
    }

    [Fact]
    public void Equity_minus_initial_cash_equals_net_pnl_for_random_fills()
    {
        var fillGen =
            from instrument in Gen.Elements(Yes, No, Btc)
            from buy in Gen.Elements(true, false)
            from ticks in Gen.Choose(1, 99)
            from lots in Gen.Choose(1, 5000)
            from feeMicros in Gen.Choose(0, 50_000)
            from rebateMicros in Gen.Choose(0, 5_000)
            select (instrument, buy, ticks, lots, feeMicros, rebateMicros);
        var scenario =
            from fills in Gen.ListOf(fillGen)
            from marks in Gen.ArrayOf(Gen.Choose(1, 99), 3)
            select (fills, marks);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var book = NewBook("1000");
            Money expectedCash = Money.Parse("1000");
            long[] qty = new long[3];
            int n = 0;
            foreach (var (instrument, buy, ticks, lots, feeMicros, rebateMicros) in s.fills)
            {
                var price = new Price(ticks * 10_000_000L);
                var size = new Quantity(lots * 10_000_000L);
                var fee = Money.FromMicros(feeMicros);
                var rebate = Money.FromMicros(rebateMicros);
                var side = buy ? Side.Buy : Side.Sell;
                book.ApplyFill(new Fill($"p{n++}", ClientOrderId.From(2, (ulong)n), instrument, side, price, size, fee, rebate,
                    Liquidity.Taker, T0.AddSeconds(n)));
                var notional = Money.Notional(price, size);
                expectedCash += (buy ? -notional : notional) - fee + rebate;
                qty[instrument == Yes ? 0 : instrument == No ? 1 : 2] += buy ? size.Raw : -size.Raw;
            }

            var ids = new[] { Yes, No, Btc };
            for (int i = 0; i < 3; i++)
                if (book.GetPosition(ids[i]) is not null) book.SetMark(ids[i], new Price(s.marks[i] * 10_000_000L));

            return book.Cash == expectedCash
                && book.Equity - book.InitialCash == book.NetPnl
                && book.QuantityOf(Yes).Raw == qty[0] && book.QuantityOf(No).Raw == qty[1] && book.QuantityOf(Btc).Raw == qty[2]
                && book.NetDelta(Market).Raw == qty[0] - qty[1];
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Realized_pnl_of_a_round_trip_to_flat_equals_proceeds_minus_cost()
    {
        var lotsGen = Gen.ListOf(from ticks in Gen.Choose(1, 99) from lots in Gen.Choose(1, 999) select (ticks, lots));
        Prop.ForAll(lotsGen.ToArbitrary(), buys =>
        {
            var book = NewBook("100000");
            Money cost = Money.Zero;
            long total = 0;
            int n = 0;
            foreach (var (ticks, lots) in buys)
            {
                var f = new Fill($"b{n++}", ClientOrderId.From(3, (ulong)n), Yes, Side.Buy, new Price(ticks * 10_000_000L),
                    new Quantity(lots * 10_000_000L), Money.Zero, Money.Zero, Liquidity.Maker, T0);
                book.ApplyFill(f);
                cost += f.Notional;
                total += f.Size.Raw;
            }

            // Sell it all back in three uneven pieces at 0.50.
            long first = total / 3, second = total / 7;
            Money proceeds = Money.Zero;
            foreach (long piece in new[] { first, second, total - first - second })
            {
                if (piece == 0) continue;
                var f = new Fill($"s{n++}", ClientOrderId.From(3, (ulong)n), Yes, Side.Sell, Price.Parse("0.5"),
                    new Quantity(piece), Money.Zero, Money.Zero, Liquidity.Maker, T0);
                book.ApplyFill(f);
                proceeds += f.Notional;
            }

            var p = book.GetPosition(Yes);
            return total == 0 || (p!.IsFlat && p.RealizedPnl == proceeds - cost && p.CostBasis == Money.Zero);
        }).QuickCheckThrowOnFailure();
    }
}
