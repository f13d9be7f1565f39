using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class ComplementRouterTests
{
    private static readonly ComplementRouterOptions Split = new();

    private static RoutedOrder[] Route(Side side, string price, string size, string yesHeld, string noHeld, long cash = 1_000, ComplementRouterOptions? o = null)
    {
        var buf = new RoutedOrder[2];
        int n = ComplementRouter.Route(o ?? Split, new LadderQuote(side, P(price), Q(size), 0), Yes(), No(), Q(yesHeld), Q(noHeld), Money.FromUnits(cash), buf);
        return buf[..n];
    }

    [Fact]
    public void Ask_with_enough_yes_sells_the_held_tokens()
    {
        var r = Assert.Single(Route(Side.Sell, "0.60", "100", "150", "0"));
        Assert.Equal(new RoutedOrder(RoutedInstrument.Quoted, Side.Sell, P("0.60"), Q("100"), Q("-100"), Money.Zero, Money.Parse("60")), r);
    }

    [Fact]
    public void Ask_without_yes_becomes_a_no_bid_at_the_complement_price()
    {
        // YES ask 0.60 ⇒ NO bid 0.40, locking 0.40 × 100 = 40 USDC; YES-equivalent effect still −100
        var r = Assert.Single(Route(Side.Sell, "0.60", "100", "0", "0"));
        Assert.Equal(new RoutedOrder(RoutedInstrument.Complement, Side.Buy, P("0.40"), Q("100"), Q("-100"), Money.Parse("40"), Money.Zero), r);
    }

    [Fact]
    public void Ask_partly_covered_sells_what_is_held_and_routes_the_rest()
    {
        var legs = Route(Side.Sell, "0.60", "100", "30", "0");
        Assert.Equal(2, legs.Length);
        Assert.Equal((RoutedInstrument.Quoted, Side.Sell, Q("30")), (legs[0].Instrument, legs[0].Side, legs[0].Size));
        Assert.Equal((RoutedInstrument.Complement, Side.Buy, Q("70")), (legs[1].Instrument, legs[1].Side, legs[1].Size));
        Assert.Equal(Q("-100"), legs[0].YesEquivalentDelta + legs[1].YesEquivalentDelta);
    }

    [Fact]
    public void Without_split_a_partly_covered_ask_routes_entirely_through_the_complement()
    {
        var r = Assert.Single(Route(Side.Sell, "0.60", "100", "30", "0", o: new ComplementRouterOptions(AllowSplit: false)));
        Assert.Equal((RoutedInstrument.Complement, Q("100")), (r.Instrument, r.Size));
    }

    [Fact]
    public void Bid_while_holding_no_sells_the_no_at_the_complement_price()
    {
        // YES bid 0.45 ⇒ NO ask 0.55, freeing 0.55 × 50 = 27.5 USDC; YES-equivalent +50
        var r = Assert.Single(Route(Side.Buy, "0.45", "50", "0", "80"));
        Assert.Equal(new RoutedOrder(RoutedInstrument.Complement, Side.Sell, P("0.55"), Q("50"), Q("50"), Money.Zero, Money.Parse("27.5")), r);
    }

    [Fact]
    public void Bid_without_no_is_a_plain_yes_buy()
    {
        var r = Assert.Single(Route(Side.Buy, "0.45", "50", "0", "0"));
        Assert.Equal(new RoutedOrder(RoutedInstrument.Quoted, Side.Buy, P("0.45"), Q("50"), Q("50"), Money.Parse("22.5"), Money.Zero), r);
    }

    [Fact]
    public void Buys_are_limited_by_available_cash()
    {
        // NO bid at 0.40 with 20 USDC ⇒ 50 shares
        var r = Assert.Single(Route(Side.Sell, "0.60", "100", "0", "0", cash: 20));
        Assert.Equal(Q("50"), r.Size);
    }

    [Fact]
    public void Routes_nothing_when_cash_cannot_buy_the_minimum_size()
    {
        Assert.Empty(Route(Side.Sell, "0.60", "100", "0", "0", cash: 0));
    }
}
