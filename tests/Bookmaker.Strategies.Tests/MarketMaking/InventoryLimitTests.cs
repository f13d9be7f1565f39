using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using FsCheck;
using FsCheck.Fluent;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public sealed class InventoryLimitTests
{
    private static readonly BookTop WideBook = Top("0.30", "100", "0.70", "100");

    [Fact]
    public void Room_counts_open_orders_on_each_side_against_the_limit()
    {
        var room = InventoryLimit.Room(Q("500"), Q("100"), Q("250"), Q("40"));
        Assert.Equal(Q("150"), room.Buy);  // 500 − 100 − 250
        Assert.Equal(Q("560"), room.Sell); // 500 + 100 − 40
    }

    [Fact]
    public void Room_is_zero_not_negative_beyond_the_limit()
    {
        var room = InventoryLimit.Room(Q("500"), Q("-520"), Q("0"), Q("0"));
        Assert.Equal(Q("1020"), room.Buy);
        Assert.Equal(Quantity.Zero, room.Sell);
    }

    [Fact]
    public void Fit_trims_to_the_room_on_step_and_drops_below_the_minimum()
    {
        Assert.Equal(Q("7"), InventoryLimit.Fit(Q("10"), Q("7.5"), Q("1"), Q("5")));
        Assert.Equal(Quantity.Zero, InventoryLimit.Fit(Q("10"), Q("4"), Q("1"), Q("5")));
        Assert.Equal(Q("10"), InventoryLimit.Fit(Q("10"), Q("30"), Q("1"), Q("5")));
    }

    [Fact]
    public void Ladder_at_zero_inventory_caps_each_side_at_the_limit()
    {
        var ladder = new QuoteLadder(new QuoteLadderOptions(MaxInventory: Q("25")));
        var buf = new LadderQuote[ladder.MaxQuotes];
        int n = ladder.Build(0.50, 0.01, Quantity.Zero, WideBook, Yes(), buf);
        var quotes = buf[..n];
        Assert.Equal(25m, quotes.Where(x => x.Side == Side.Buy).Sum(x => x.Size.ToDecimal()));
        Assert.Equal(25m, quotes.Where(x => x.Side == Side.Sell).Sum(x => x.Size.ToDecimal()));
    }

    [Fact]
    public void Ladder_leaves_out_the_side_whose_open_orders_already_fill_the_room()
    {
        var ladder = new QuoteLadder(new QuoteLadderOptions());
        var buf = new LadderQuote[ladder.MaxQuotes];
        // q = 450 with 50 more already bid (a cancel in flight): no new bid fits.
        var room = InventoryLimit.Room(Q("500"), Q("450"), Q("50"), Quantity.Zero);
        int n = ladder.Build(0.50, 0.01, Q("450"), room, WideBook, Yes(), buf);
        Assert.True(n > 0);
        Assert.All(buf[..n], x => Assert.Equal(Side.Sell, x.Side));
    }

    /// <summary>
    /// Random quotes on the YES view, routed through the complement router (YES or NO, buys or sells of held tokens),
    /// each leg sent only as far as <see cref="InventoryLimit"/> allows with every open order counted; then random
    /// partial fills on either token and random cancels. Whatever the sequence, |YES − NO| never passes the limit.
    /// </summary>
    [Fact]
    public void Net_delta_stays_within_the_limit_for_any_sequence_of_routed_quotes_fills_and_cancels()
    {
        var steps = Gen.ArrayOf(Gen.Choose(0, 1_000_000), 200);
        Prop.ForAll(steps.ToArbitrary(), Gen.Choose(5, 200).ToArbitrary(), (ops, maxUnits) =>
        {
            var yes = Yes();
            var no = No();
            var max = Quantity.FromUnits(maxUnits);
            long yesHeld = 0, noHeld = 0;
            var open = new List<(int Token, Side Side, long Leaves)>();
            Span<RoutedOrder> legs = stackalloc RoutedOrder[2];
            foreach (int op in ops)
            {
                int kind = op % 3;
                int a = op / 3;
                if (kind == 0)
                {
                    // A new quote: side, price and size from the draw.
                    var side = a % 2 == 0 ? Side.Buy : Side.Sell;
                    var price = new Price((a / 2 % 97 + 2) * 10_000_000L);
                    var size = Quantity.FromUnits(a / 200 % 60 + 1);
                    // Held tokens not already committed to open sells.
                    long yesFree = yesHeld - open.Where(o => o.Token == 0 && o.Side == Side.Sell).Sum(o => o.Leaves);
                    long noFree = noHeld - open.Where(o => o.Token == 1 && o.Side == Side.Sell).Sum(o => o.Leaves);
                    int n = ComplementRouter.Route(new ComplementRouterOptions(), new LadderQuote(side, price, size, 0), yes, no,
                        new Quantity(Math.Max(0, yesFree)), new Quantity(Math.Max(0, noFree)), Money.FromUnits(1_000_000), legs);
                    for (int j = 0; j < n; j++)
                    {
                        var leg = legs[j];
                        int token = leg.Instrument == RoutedInstrument.Quoted ? 0 : 1;
                        bool raises = (token == 0) == (leg.Side == Side.Buy);
                        Assert.Equal(raises, leg.YesEquivalentDelta.Raw > 0);
                        long up = open.Where(o => (o.Token == 0) == (o.Side == Side.Buy)).Sum(o => o.Leaves);
                        long down = open.Where(o => (o.Token == 0) != (o.Side == Side.Buy)).Sum(o => o.Leaves);
                        var room = InventoryLimit.Room(max, new Quantity(yesHeld - noHeld), new Quantity(up), new Quantity(down));
                        var fit = InventoryLimit.Fit(leg.Size, room.For(raises), yes.SizeStep, yes.MinSize);
                        if (fit.Raw > 0) open.Add((token, leg.Side, fit.Raw));
                    }
                }
                else if (open.Count > 0)
                {
                    int i = a % open.Count;
                    var o = open[i];
                    if (kind == 1)
                    {
                        // A fill of part (at least one share) or all of one open order, on whichever token it rests.
                        long fill = Math.Min(o.Leaves, Quantity.FromUnits(a / 7 % 40 + 1).Raw);
                        long signed = o.Side == Side.Buy ? fill : -fill;
                        if (o.Token == 0) yesHeld += signed;
                        else noHeld += signed;
                        if (o.Leaves == fill) open.RemoveAt(i);
                        else open[i] = o with { Leaves = o.Leaves - fill };
                    }
                    else
                    {
                        open.RemoveAt(i);
                    }
                }

                Assert.True(Math.Abs(yesHeld - noHeld) <= max.Raw, $"|q| {new Quantity(Math.Abs(yesHeld - noHeld))} > {max}");
                Assert.True(yesHeld >= 0 && noHeld >= 0, "sold tokens we did not hold");
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
