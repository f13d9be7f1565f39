using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static Bookmaker.Core.Tests.Portfolio.PortfolioFixtures;
using Book = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>
/// The aggregates the portfolio keeps per risk group (the YES and NO tokens of one binary market in YES-equivalent
/// shares; a crypto instrument alone): delta, opening time, exposure at the group mark, round trip — the one source
/// the risk gate, the market maker and the loss breaker read.
/// </summary>
public sealed class RiskGroupLedgerTests
{
    private static readonly InstrumentRegistry Reg = Registry();

    private static int GroupOf(Book book, InstrumentId id) => book.RiskGroupOf(Reg.Get(id)).Index;

    private static Book NewLedger(string cash = "1000") => new(Reg, Money.Parse(cash));

    [Fact]
    public void Yes_and_no_of_one_market_share_a_group_in_which_no_counts_negatively()
    {
        var book = NewLedger();

        Assert.Equal(book.RiskGroupOf(Reg.Get(Yes)).Index, book.RiskGroupOf(Reg.Get(No)).Index);
        Assert.Equal((1, -1), (book.RiskGroupOf(Reg.Get(Yes)).Sign, book.RiskGroupOf(Reg.Get(No)).Sign));
        Assert.NotEqual(GroupOf(book, Yes), GroupOf(book, Btc));
    }

    [Fact]
    public void Group_delta_nets_long_yes_against_long_no()
    {
        var book = NewLedger();
        book.ApplyFill(Buy("30", "0.60", Yes));
        book.ApplyFill(Buy("20", "0.38", No));

        Assert.Equal(Quantity.FromUnits(10), book.GroupDelta(GroupOf(book, Yes)));
        Assert.Equal(1, book.OpenGroups);
    }

    [Fact]
    public void A_no_position_is_exposed_at_the_yes_mark_not_at_its_own()
    {
        var book = NewLedger();
        book.SetMark(Yes, Price.Parse("0.30"));
        book.SetMark(No, Price.Parse("0.70"));

        book.ApplyFill(Buy("100", "0.70", No));

        Assert.Equal(Money.FromUnits(-30), book.GroupExposure(GroupOf(book, No)));
        Assert.Equal(Money.FromUnits(-30), book.NetExposure);
    }

    [Fact]
    public void Without_a_yes_mark_the_group_mark_is_one_minus_the_no_mark()
    {
        var book = NewLedger();
        book.SetMark(No, Price.Parse("0.70"));

        Assert.Equal(Price.Parse("0.30"), book.GroupMark(GroupOf(book, Yes)));
    }

    [Fact]
    public void A_new_mark_revalues_the_exposure_of_a_held_group()
    {
        var book = NewLedger();
        book.SetMark(Yes, Price.Parse("0.40"));
        book.ApplyFill(Buy("100", "0.40", Yes));

        book.SetMark(Yes, Price.Parse("0.55"));

        Assert.Equal(Money.FromUnits(55), book.NetExposure);
    }

    [Fact]
    public void A_position_opening_on_a_marked_instrument_is_valued_at_the_mark_by_its_first_fill()
    {
        var book = NewLedger();
        book.SetMark(Yes, Price.Parse("0.50"));

        book.ApplyFill(Buy("100", "0.52", Yes));

        Assert.Equal(Money.FromUnits(-2), book.UnrealizedPnl);
    }

    [Fact]
    public void A_group_opens_at_the_time_of_the_fill_that_opened_it_and_keeps_it_while_it_grows()
    {
        var book = NewLedger();
        book.ApplyFill(Buy("10", "0.50", Yes, at: 5));
        book.ApplyFill(Buy("10", "0.50", Yes, at: 50));

        Assert.Equal(T0.AddSeconds(5), book.GroupOpenedAt(GroupOf(book, Yes)));
    }

    [Fact]
    public void A_flip_through_the_complement_restarts_the_groups_opening_time()
    {
        var book = NewLedger();
        book.ApplyFill(Buy("10", "0.50", Yes, at: 5));

        book.ApplyFill(Buy("30", "0.50", No, at: 60));

        Assert.Equal(Quantity.FromUnits(-20), book.GroupDelta(GroupOf(book, Yes)));
        Assert.Equal(T0.AddSeconds(60), book.GroupOpenedAt(GroupOf(book, Yes)));
    }

    [Fact]
    public void A_group_brought_back_to_flat_has_no_opening_time()
    {
        var book = NewLedger();
        book.ApplyFill(Buy("10", "0.50", Yes, at: 5));

        book.ApplyFill(Buy("10", "0.50", No, at: 9));

        Assert.Null(book.GroupOpenedAt(GroupOf(book, Yes)));
        Assert.Equal(0, book.OpenGroups);
    }

    [Fact]
    public void A_group_flattened_by_reconciliation_is_closed_and_has_no_opening_time()
    {
        var book = NewLedger();
        book.SetMark(Yes, Price.Parse("0.50"));
        book.ApplyFill(Buy("10", "0.50", Yes, at: 5));

        book.AdjustPosition(Reg.Get(Yes), Quantity.Zero, T0.AddSeconds(30));

        Assert.Null(book.GroupOpenedAt(GroupOf(book, Yes)));
        Assert.Equal((0, Money.Zero, Quantity.Zero), (book.OpenGroups, book.NetExposure, book.GroupDelta(GroupOf(book, Yes))));
    }

    [Fact]
    public void A_position_adopted_by_reconciliation_opens_its_group_at_the_adoption()
    {
        var book = NewLedger();
        book.SetMark(No, Price.Parse("0.60"));

        book.AdjustPosition(Reg.Get(No), Quantity.FromUnits(50), T0.AddSeconds(7));

        Assert.Equal(T0.AddSeconds(7), book.GroupOpenedAt(GroupOf(book, Yes)));
        Assert.Equal((1, Money.FromUnits(-20)), (book.OpenGroups, book.NetExposure));
    }

    [Fact]
    public void A_round_trip_counts_the_spread_crossed_to_open_it()
    {
        var book = NewLedger();
        book.SetMark(Yes, Price.Parse("0.50"));
        book.ApplyFill(Buy("100", "0.52", Yes, fee: "0.1"));

        book.ApplyFill(Sell("100", "0.48", Yes, fee: "0.1"));

        Assert.Equal(Money.Parse("-4.2"), book.RoundTripPnl(GroupOf(book, Yes)));
    }

    [Fact]
    public void A_round_trip_starts_from_the_groups_pnl_before_it_opened()
    {
        var book = NewLedger();
        book.ApplyFill(Buy("10", "0.40", Yes));
        book.ApplyFill(Sell("10", "0.50", Yes));
        book.ApplyFill(Buy("10", "0.50", Yes));

        book.ApplyFill(Sell("10", "0.45", Yes));

        Assert.Equal(Money.Parse("-0.5"), book.RoundTripPnl(GroupOf(book, Yes)));
    }

    [Theory]
    [InlineData(true, "0.40")]
    [InlineData(false, "0.35")]
    public void Average_entry_of_a_group_is_in_yes_terms(bool longYes, string expected)
    {
        var book = NewLedger();
        if (longYes)
        {
            book.ApplyFill(Buy("10", "0.30", Yes));
            book.ApplyFill(Buy("10", "0.50", Yes));
        }
        else
        {
            book.ApplyFill(Buy("20", "0.65", No));
        }

        Assert.Equal(Price.Parse(expected), book.UnhedgedAverageEntry(Reg.Get(Yes)));
    }

    [Fact]
    public void Complete_sets_do_not_move_the_average_entry_of_the_residual()
    {
        var book = NewLedger();
        book.ApplyFill(Buy("100", "0.40", Yes));

        book.ApplyFill(Buy("50", "0.55", No));

        Assert.Equal(Price.Parse("0.40"), book.UnhedgedAverageEntry(Reg.Get(Yes)));
    }

    /// <summary>
    /// Whatever happens — fills on either token and the perpetual, reversals, reconciliation adjustments (flattening
    /// included), marks set and cleared — every aggregate equals what recomputing it from the positions and marks gives.
    /// </summary>
    [Fact]
    public void Aggregates_always_equal_a_recomputation_from_the_positions()
    {
        var stepGen =
            from kind in Gen.Choose(0, 9)
            from instrument in Gen.Elements(Yes, No, Btc)
            from buy in Gen.Elements(true, false)
            from ticks in Gen.Choose(0, 99)
            from lots in Gen.Choose(-3, 40)
            select (kind, instrument, buy, ticks, lots);
        Prop.ForAll(Gen.ListOf(stepGen).ToArbitrary(), steps =>
        {
            var book = NewLedger("100000");
            var applied = new List<Fill>();
            int n = 0;
            foreach (var (kind, instrument, buy, ticks, lots) in steps)
            {
                n++;
                var at = T0.AddSeconds(n);
                if (kind <= 5 && lots > 0 && ticks > 0)
                {
                    var fill = new Fill($"g{n}", ClientOrderId.From(4, (ulong)n), instrument, buy ? Side.Buy : Side.Sell,
                        new Price(ticks * 10_000_000L), Quantity.FromUnits(lots), Money.Zero, Money.Zero, Liquidity.Maker, at);
                    book.ApplyFill(fill);
                    applied.Add(fill);
                }
                else if (kind == 6 && applied.Count > 0)
                {
                    book.ReverseFill(applied[Math.Abs(ticks * 7 + lots) % applied.Count], at);
                }
                else if (kind == 7)
                {
                    book.AdjustPosition(Reg.Get(instrument), Quantity.FromUnits(Math.Max(0, lots) * (buy ? 1 : 0)), at);
                }
                else
                {
                    book.SetMark(instrument, new Price(ticks * 10_000_000L));
                }
            }

            return Consistent(book);
        }).QuickCheckThrowOnFailure();
    }

    private static bool Consistent(Book book)
    {
        long q(InstrumentId id) => book.QuantityOf(id).Raw;
        long binaryDelta = q(Yes) - q(No);
        long btcDelta = q(Btc);
        int binary = GroupOf(book, Yes), btc = GroupOf(book, Btc);
        long yesMark = book.MarkOf(Reg.Get(Yes)).Raw, noMark = book.MarkOf(Reg.Get(No)).Raw;
        long groupMark = yesMark > 0 ? yesMark : noMark > 0 ? FixedPoint.Scale - noMark : 0;
        long exposure = FixedPoint.MultiplyScaled(binaryDelta, groupMark, MidpointRounding.AwayFromZero)
            + FixedPoint.MultiplyScaled(btcDelta, book.MarkOf(Reg.Get(Btc)).Raw, MidpointRounding.AwayFromZero);
        int open = (binaryDelta != 0 ? 1 : 0) + (btcDelta != 0 ? 1 : 0);
        return book.GroupDelta(binary).Raw == binaryDelta
            && book.GroupDelta(btc).Raw == btcDelta
            && book.NetExposure.Raw == exposure
            && book.OpenGroups == open
            && (book.GroupOpenedAt(binary) is null) == (binaryDelta == 0)
            && (book.GroupOpenedAt(btc) is null) == (btcDelta == 0);
    }
}
