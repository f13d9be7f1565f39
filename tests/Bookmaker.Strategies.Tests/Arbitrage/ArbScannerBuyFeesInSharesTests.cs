using Bookmaker.Core.Fees;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using FsCheck;
using FsCheck.Fluent;
using static Bookmaker.Strategies.Tests.Arbitrage.ArbTestData;

namespace Bookmaker.Strategies.Tests.Arbitrage;

/// <summary>The scanner with BUY fees kept in shares: each BUY leg is priced at the size the executor sends.</summary>
public sealed class ArbScannerBuyFeesInSharesTests
{
    private static ArbScannerOptions InShares(long maxSets = 1000, long maxNotional = 500) =>
        Options(maxSets: maxSets, maxNotional: maxNotional) with { BuyFeesInShares = true };

    private static ArbBasket BinaryWithAsks(string[] yes, string[] no)
    {
        var b = Binary(Fee2Pct);
        b.UpdateAsks(0, L(yes));
        b.UpdateAsks(1, L(no));
        return b;
    }

    private static Quantity Sent(ArbLegPlan leg) =>
        ShareFee.GrossUpForBuy(new PolymarketFeeModel(0.02m, 1), leg.LimitPrice, leg.Size, leg.Instrument.SizeStep, leg.Instrument.MinSize);

    [Fact]
    public void Prices_the_extra_shares_a_sized_up_buy_leg_buys()
    {
        // 100 sets: YES sent at 101.22 (keeps 100.005375 after 1.214625 fee shares) = 40.488; NO at 100.91 (keeps
        // 100.001818) = 55.5005. Paid 95.9885: notional of the sets 95, the extra shares 0.9885 (fees 0.975 in USDC).
        var b = BinaryWithAsks(["0.40", "200"], ["0.55", "200"]);

        Assert.Equal(ArbScanResult.Found, new ArbScanner(InShares(maxSets: 100)).Evaluate(b, Money.FromUnits(1_000), 0, out var o));

        Assert.Equal((Q("100"), M("95"), M("0.9885"), M("4.0115")), (o.Sets, o.GrossNotional, o.Fees, o.Profit));
    }

    [Fact]
    public void A_sized_up_buy_leg_stays_on_the_levels_the_walk_priced()
    {
        // YES 0.40×50 then 0.46: fifty sets need ~50.6 YES shares with the fee kept in shares, which would spill onto
        // 0.46 — a limit with which 0.46 + 0.55 > 1. The sets are cut so the YES leg fits the 0.40 level instead.
        var b = BinaryWithAsks(["0.40", "50", "0.46", "50"], ["0.55", "100"]);

        Assert.Equal(ArbScanResult.Found, new ArbScanner(InShares()).Evaluate(b, Money.FromUnits(1_000), 0, out var o));

        Assert.Equal(P("0.40"), o.Legs.Span[0].LimitPrice);
        Assert.True(Sent(o.Legs.Span[0]) <= Q("50"), $"YES sent {Sent(o.Legs.Span[0])} beyond the 0.40 level");
        Assert.True(o.Sets > Q("49"), $"only {o.Sets} sets");
    }

    [Fact]
    public void Sets_are_cut_until_every_sized_up_buy_leg_fits_the_visible_depth()
    {
        // YES shows 100 shares: 100 sets would need 101.22 of them and the FOK leg would be killed.
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "300"]);

        Assert.Equal(ArbScanResult.Found, new ArbScanner(InShares()).Evaluate(b, Money.FromUnits(1_000), 0, out var o));

        var yes = o.Legs.Span[0];
        Assert.True(Sent(yes) <= Q("100"), $"YES leg sent at {Sent(yes)} for {o.Sets} sets");
        Assert.InRange(o.Sets.Raw, Q("98.7").Raw, Q("98.8").Raw);
    }

    [Fact]
    public void Without_fees_in_shares_the_same_book_fills_the_full_depth()
    {
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "300"]);

        Assert.Equal(ArbScanResult.Found, new ArbScanner(Options()).Evaluate(b, Money.FromUnits(1_000), 0, out var o));

        Assert.Equal(Q("100"), o.Sets);
    }

    [Fact]
    public void A_sized_up_basket_costs_no_more_than_the_basket_notional_cap()
    {
        Prop.ForAll(Gen.Choose(10, 300).ToArbitrary(), Gen.Choose(30, 45).ToArbitrary(), (cap, yesCents) =>
        {
            var b = BinaryWithAsks([$"0.{yesCents}", "1000"], ["0.50", "1000"]);
            var result = new ArbScanner(InShares(maxNotional: cap)).Evaluate(b, Money.FromUnits(10_000), 0, out var o);
            return result == ArbScanResult.NoEdge || (o.ExpectedCost <= Money.FromUnits(cap) && o.Legs.ToArray().All(l => Sent(l) <= Q("1000")));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Legs_sent_at_the_planned_limit_keep_at_least_the_sets_after_the_fee()
    {
        var model = new PolymarketFeeModel(0.02m, 1);
        Prop.ForAll(Gen.Choose(5, 400).ToArbitrary(), Gen.Choose(20, 48).ToArbitrary(), (depth, yesCents) =>
        {
            var b = BinaryWithAsks([$"0.{yesCents}", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "0.49", "500"], ["0.50", "1000"]);
            var result = new ArbScanner(InShares()).Evaluate(b, Money.FromUnits(10_000), 0, out var o);
            if (result == ArbScanResult.NoEdge) return true;
            return o.Legs.ToArray().All(l =>
            {
                var sent = Sent(l);
                return sent - model.ForFill(l.LimitPrice, sent, Core.Orders.Liquidity.Taker, Side.Buy).FeeShares >= l.Size;
            });
        }).QuickCheckThrowOnFailure();
    }
}
