using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class QuoteReconcilerTests
{
    private static readonly Price Tick = P("0.01");

    private static (ReconcileResult R, ClientOrderId[] Cancels, DesiredQuote[] Places) Run(QuoteReconcilerOptions o, DesiredQuote[] desired, RestingQuote[] resting)
    {
        var cancels = new ClientOrderId[resting.Length];
        var places = new DesiredQuote[desired.Length];
        var r = new QuoteReconciler(o).Reconcile(desired, resting, Tick, cancels, places);
        return (r, cancels[..r.Cancels], places[..r.Places]);
    }

    private static readonly ClientOrderId A = new(1), B = new(2), C = new(3);

    [Fact]
    public void Keeps_a_resting_order_within_tolerance_and_replaces_the_rest()
    {
        DesiredQuote[] desired = [new(Side.Buy, P("0.49"), Q("100")), new(Side.Sell, P("0.52"), Q("100"))];
        RestingQuote[] resting = [new(A, Side.Buy, P("0.48"), Q("95")), new(B, Side.Sell, P("0.55"), Q("100"))];
        var (r, cancels, places) = Run(new QuoteReconcilerOptions(PriceToleranceTicks: 1, SizeTolerancePercent: 10), desired, resting);
        Assert.Equal(new ReconcileResult(1, 1, 1, 2), r);
        Assert.Equal([B], cancels);
        Assert.Equal([desired[1]], places);
    }

    [Fact]
    public void Replaces_when_the_price_moved_beyond_the_tolerance()
    {
        var (r, cancels, _) = Run(new QuoteReconcilerOptions(), [new(Side.Buy, P("0.49"), Q("100"))], [new(A, Side.Buy, P("0.48"), Q("100"))]);
        Assert.Equal(0, r.Kept);
        Assert.Equal([A], cancels);
    }

    [Fact]
    public void Keeps_a_quote_younger_than_the_min_order_age_through_a_move_within_the_young_tolerance()
    {
        var options = new QuoteReconcilerOptions(PriceToleranceTicks: 1, YoungPriceToleranceTicks: 3);
        var (r, cancels, _) = Run(options, [new(Side.Buy, P("0.49"), Q("100"))], [new(A, Side.Buy, P("0.46"), Q("100"), Young: true)]);
        Assert.Equal(1, r.Kept);
        Assert.Empty(cancels);
    }

    [Fact]
    public void Replaces_a_young_quote_when_the_move_exceeds_the_young_tolerance()
    {
        var options = new QuoteReconcilerOptions(PriceToleranceTicks: 1, YoungPriceToleranceTicks: 3);
        var (r, cancels, _) = Run(options, [new(Side.Buy, P("0.49"), Q("100"))], [new(A, Side.Buy, P("0.45"), Q("100"), Young: true)]);
        Assert.Equal(0, r.Kept);
        Assert.Equal([A], cancels);
    }

    [Fact]
    public void Replaces_an_aged_quote_beyond_the_requote_threshold_whatever_the_young_tolerance()
    {
        var options = new QuoteReconcilerOptions(PriceToleranceTicks: 1, YoungPriceToleranceTicks: 3);
        var (r, cancels, _) = Run(options, [new(Side.Buy, P("0.49"), Q("100"))], [new(A, Side.Buy, P("0.47"), Q("100"))]);
        Assert.Equal(0, r.Kept);
        Assert.Equal([A], cancels);
    }

    [Fact]
    public void Replaces_when_the_size_differs_beyond_the_tolerance()
    {
        var (r, _, places) = Run(new QuoteReconcilerOptions(), [new(Side.Buy, P("0.49"), Q("100"))], [new(A, Side.Buy, P("0.49"), Q("80"))]);
        Assert.Equal(0, r.Kept);
        Assert.Single(places);
    }

    [Fact]
    public void Matches_only_the_same_side_and_prefers_the_closest_price()
    {
        DesiredQuote[] desired = [new(Side.Buy, P("0.49"), Q("100"))];
        RestingQuote[] resting = [new(A, Side.Sell, P("0.49"), Q("100")), new(B, Side.Buy, P("0.47"), Q("100")), new(C, Side.Buy, P("0.48"), Q("100"))];
        var (r, cancels, _) = Run(new QuoteReconcilerOptions(PriceToleranceTicks: 2), desired, resting);
        Assert.Equal(1, r.Kept);
        Assert.Equal([A, B], cancels);
    }

    [Fact]
    public void Rejects_a_negative_price_tolerance()
    {
        Assert.Equal("mm.reconcile.priceToleranceTicks", Assert.Single(new QuoteReconcilerOptions(-1).Validate()).Key);
    }
}
