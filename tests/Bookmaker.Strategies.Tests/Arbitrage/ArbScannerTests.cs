using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using static Bookmaker.Strategies.Tests.Arbitrage.ArbTestData;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class ArbScannerTests
{
    private static ArbScanResult Scan(ArbBasket basket, out ArbOpportunity o, ArbScannerOptions? options = null, long cash = 1_000, long now = 0) =>
        new ArbScanner(options ?? Options()).Evaluate(basket, Money.FromUnits(cash), now, out o);

    private static ArbBasket BinaryWithAsks(string[] yes, string[] no, ILegFeeModel? fee = null, string? sizeStep = null)
    {
        var b = Binary(fee ?? Fee2Pct, sizeStep);
        b.UpdateAsks(0, L(yes));
        b.UpdateAsks(1, L(no));
        return b;
    }

    [Fact]
    public void Buys_a_complete_set_when_asks_plus_fees_are_under_one_dollar()
    {
        // per set: 0.40 + 0.55 + fees (0.02·0.4·0.6 = 0.0048, 0.02·0.55·0.45 = 0.00495) = 0.95975 < 0.995
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o));
        Assert.Equal(ArbKind.BuySet, o.Kind);
        Assert.Equal(ArbActionability.Actionable, o.Actionability);
        Assert.Equal(Q("100"), o.Sets);
        Assert.Equal(M("95"), o.GrossNotional);
        Assert.Equal(M("0.975"), o.Fees);
        Assert.Equal(M("100"), o.Payout);
        Assert.Equal(M("4.025"), o.Profit);
        Assert.Equal(M("95.975"), o.ExpectedCost);
        Assert.Equal(402.5, o.EdgeBps, 6);
        Assert.Equal(4.025 / 95.975, o.ProfitPerDollar, 12);
    }

    [Fact]
    public void Reports_no_edge_when_asks_plus_fees_reach_one_minus_min_profit()
    {
        // 0.44 + 0.55 + 0.00493 + 0.00495 = 0.99988 ≥ 0.995
        var b = BinaryWithAsks(["0.44", "100"], ["0.55", "100"]);
        Assert.Equal(ArbScanResult.NoEdge, Scan(b, out _));
    }

    [Fact]
    public void Fees_alone_can_remove_the_edge()
    {
        // 0.45 + 0.54 = 0.99 < 0.995 without fees; + 0.00495 + 0.004968 = 0.999918 with the 2 % curve
        var b = BinaryWithAsks(["0.45", "100"], ["0.54", "100"], NoLegFee.Instance);
        Assert.Equal(ArbScanResult.Found, Scan(b, out _));
        var withFees = BinaryWithAsks(["0.45", "100"], ["0.54", "100"]);
        Assert.Equal(ArbScanResult.NoEdge, Scan(withFees, out _));
    }

    [Fact]
    public void Walks_deeper_levels_while_each_level_clears_the_minimum_profit()
    {
        // Min profit 0.01/set, 2 % curve (fee 0.02·p·(1 − p) per share):
        //   0..50    YES 0.40 + NO 0.55 + 0.0048 + 0.00495   = 0.95975
        //   50..80   YES 0.41 + NO 0.55 + 0.004838 + 0.00495 = 0.969788
        //   80..150  YES 0.41 + NO 0.56 + 0.004838 + 0.004928 = 0.979766 < 0.99: taken until YES's depth ends
        var b = BinaryWithAsks(["0.40", "50", "0.41", "100"], ["0.55", "80", "0.56", "100"]);
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o, Options(minProfit: "0.01")));
        Assert.Equal(Q("150"), o.Sets);
        // YES 50×0.40 + 100×0.41, NO 80×0.55 + 70×0.56
        Assert.Equal(M("144.2"), o.GrossNotional);
        var legs = o.Legs.Span;
        Assert.Equal((P("0.41"), Q("150"), Side.Buy), (legs[0].LimitPrice, legs[0].Size, legs[0].Side));
        Assert.Equal((P("0.56"), Q("150")), (legs[1].LimitPrice, legs[1].Size));
    }

    [Fact]
    public void Stops_before_a_level_whose_limit_would_leave_less_than_the_minimum_profit()
    {
        // 50..80 costs YES 0.45 + NO 0.55 + fees > 1 per set. Averaged with the first 50 the basket would still clear
        // 0.01 a set up to 98.37 sets, but then the legs go out with limits 0.45 and 0.58: if the book moves and each
        // fills at its limit, a "success" pays 1.03 + fees for a dollar (issue 15). Only the first level is taken.
        var b = BinaryWithAsks(["0.40", "50", "0.45", "100"], ["0.55", "80", "0.58", "100"]);
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o, Options(minProfit: "0.01")));
        Assert.Equal(Q("50"), o.Sets);
        Assert.Equal(M("47.5"), o.GrossNotional);
        Assert.Equal(M("0.4875"), o.Fees); // 50 × (0.0048 + 0.00495)
        Assert.Equal(M("2.0125"), o.Profit);
        Assert.Equal((P("0.40"), P("0.55")), (o.Legs.Span[0].LimitPrice, o.Legs.Span[1].LimitPrice));
    }

    [Fact]
    public void Leg_limits_plus_fees_never_exceed_the_payout_less_the_minimum_profit()
    {
        // Property over seeded random two-level books: whatever the scanner finds, every leg filling entirely at its
        // limit (the worst the FOK allows) still leaves the minimum profit per set.
        var rng = new Random(15);
        int found = 0;
        for (int trial = 0; trial < 500; trial++)
        {
            string Px(int lo, int hi) => (rng.Next(lo, hi) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string Sz() => rng.Next(5, 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var y1 = Px(30, 50);
            var n1 = Px(40, 60);
            var b = BinaryWithAsks([y1, Sz(), (decimal.Parse(y1, System.Globalization.CultureInfo.InvariantCulture) + rng.Next(1, 8) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture), Sz()],
                [n1, Sz(), (decimal.Parse(n1, System.Globalization.CultureInfo.InvariantCulture) + rng.Next(1, 8) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture), Sz()]);
            if (Scan(b, out var o, Options(minProfit: "0.01")) != ArbScanResult.Found) continue;
            found++;
            Int128 worst = 0;
            foreach (var leg in o.Legs.Span) worst += (Int128)leg.LimitPrice.Raw * FixedPoint.Scale + Fee2Pct.FeePerShareBound(leg.LimitPrice);
            Int128 payoutLessProfit = (Int128)FixedPoint.Scale * FixedPoint.Scale - (Int128)M("0.01").Raw * FixedPoint.Scale;
            Assert.True(worst <= payoutLessProfit, $"trial {trial}: limits {o.Legs.Span[0].LimitPrice} + {o.Legs.Span[1].LimitPrice} plus fees exceed 0.99");
        }

        Assert.True(found > 50, $"only {found} books had an edge: the property was barely exercised");
    }

    [Fact]
    public void An_edge_smaller_than_the_expected_unwind_cost_is_not_taken()
    {
        // Edge 1 − 0.95975 = 0.04025 a set beats the 0.005 minimum; but with half the legs killed and 0.10 + 0.10 of
        // spread to cross back, an unwind is expected to cost 0.10 a set, required on top of the minimum.
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "100"]);
        b.UpdateBids(0, L(["0.30", "100"]));
        b.UpdateBids(1, L(["0.45", "100"]));
        var scanner = new ArbScanner(Options()) { LegKillProbability = 0.5 };

        Assert.Equal(ArbScanResult.NoEdge, scanner.Evaluate(b, Money.FromUnits(1_000), 0, out _));
        Assert.Equal(M("0.105"), scanner.LastRequiredProfitPerSet);
        scanner.LegKillProbability = 0.1;
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1_000), 1, out _));
    }

    [Fact]
    public void The_expected_cost_of_a_lost_leg_is_required_on_top_of_the_minimum_profit()
    {
        // A one-tick edge (0.01 a set) on a one-tick market. A leg lost 30 % of the time costs 0.3 × (0.01 + 0.01) =
        // 0.006 a set: the larger of that and the 0.005 minimum would let the basket through, yet it would keep only
        // 0.004 a set on average — under the minimum. The minimum is the margin left after the expected cost.
        var b = BinaryWithAsks(["0.49", "100"], ["0.50", "100"], NoLegFee.Instance);
        b.UpdateBids(0, L(["0.48", "100"]));
        b.UpdateBids(1, L(["0.49", "100"]));
        var scanner = new ArbScanner(Options()) { LegKillProbability = 0.3 };

        Assert.Equal(ArbScanResult.NoEdge, scanner.Evaluate(b, Money.FromUnits(1_000), 0, out _));
        Assert.Equal(M("0.011"), scanner.LastRequiredProfitPerSet);
        scanner.LegKillProbability = 0.2; // 0.004 expected: 0.009 required, the edge clears it
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1_000), 1, out _));
    }

    [Fact]
    public void Size_rounds_down_to_the_legs_size_step()
    {
        var b = BinaryWithAsks(["0.40", "50.5", "0.45", "100"], ["0.55", "80", "0.58", "100"], sizeStep: "1");
        Scan(b, out var o, Options(minProfit: "0.01"));
        Assert.Equal(Q("50"), o.Sets);
    }

    [Fact]
    public void Depth_under_the_minimum_size_is_no_edge()
    {
        var b = BinaryWithAsks(["0.40", "4.99"], ["0.55", "200"]);
        Assert.Equal(ArbScanResult.NoEdge, Scan(b, out _));
    }

    [Fact]
    public void An_empty_side_is_no_edge()
    {
        var b = Binary(Fee2Pct);
        b.UpdateAsks(0, L("0.40", "100"));
        Assert.Equal(ArbScanResult.NoEdge, Scan(b, out _));
    }

    [Fact]
    public void Risk_cap_on_sets_limits_the_size()
    {
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        Scan(b, out var o, Options(maxSets: 30));
        Assert.Equal(Q("30"), o.Sets);
        Assert.Equal(M("1.2075"), o.Profit); // 30 × 0.04025
    }

    [Fact]
    public void Risk_cap_on_notional_limits_the_cost_incl_fees()
    {
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        Scan(b, out var o, Options(maxNotional: 50));
        // 50 / 0.95975 = 52.097… ⇒ 52.09 sets costing 49.4855 + 0.25003 + 0.25784 = 49.99337
        Assert.Equal(Q("52.09"), o.Sets);
        Assert.Equal(M("49.99337"), o.ExpectedCost);
    }

    [Fact]
    public void Cash_available_caps_a_buy_basket()
    {
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        Scan(b, out var o, cash: 50);
        Assert.Equal(ArbActionability.Actionable, o.Actionability);
        Assert.Equal(Q("52.09"), o.Sets);
        Assert.True(o.ExpectedCost <= Money.FromUnits(50));
    }

    [Fact]
    public void Cash_under_the_minimum_size_records_the_opportunity_as_not_actionable()
    {
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o, cash: 2));
        Assert.Equal(ArbActionability.InsufficientCash, o.Actionability);
        Assert.Equal(Q("100"), o.Sets);
    }

    [Fact]
    public void Sells_a_held_complete_set_when_bids_minus_fees_exceed_one_dollar()
    {
        var b = Binary();
        b.UpdateBids(0, L("0.50", "100"));
        b.UpdateBids(1, L("0.52", "100"));
        b.SetHeld(0, Q("100"));
        b.SetHeld(1, Q("150"));
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o));
        Assert.Equal(ArbKind.SellSet, o.Kind);
        Assert.Equal(ArbActionability.Actionable, o.Actionability);
        Assert.Equal((Q("100"), M("102"), M("2")), (o.Sets, o.GrossNotional, o.Profit));
        Assert.Equal(Side.Sell, o.Legs.Span[1].Side);
        Assert.Equal(M("0"), o.ExpectedCost);
    }

    [Fact]
    public void Sell_side_fees_are_subtracted_from_the_proceeds()
    {
        // 0.50 + 0.52 − (0.005 + 0.004992) = 1.010008 > 1.005
        var b = Binary(Fee2Pct);
        b.UpdateBids(0, L("0.50", "10"));
        b.UpdateBids(1, L("0.52", "10"));
        b.SetHeld(0, Q("10"));
        b.SetHeld(1, Q("10"));
        Scan(b, out var o);
        Assert.Equal((M("0.09992"), M("0.10008")), (o.Fees, o.Profit));
    }

    [Fact]
    public void Sell_edge_without_holdings_is_recorded_as_not_held()
    {
        var b = Binary();
        b.UpdateBids(0, L("0.50", "100"));
        b.UpdateBids(1, L("0.52", "100"));
        b.SetHeld(0, Q("100"));
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o));
        Assert.Equal(ArbKind.SellSet, o.Kind);
        Assert.Equal(ArbActionability.NotHeld, o.Actionability);
        Assert.Equal(Q("100"), o.Sets);
    }

    [Fact]
    public void Sell_size_is_capped_by_the_smaller_holding()
    {
        var b = Binary();
        b.UpdateBids(0, L("0.50", "100"));
        b.UpdateBids(1, L("0.52", "100"));
        b.SetHeld(0, Q("40"));
        b.SetHeld(1, Q("100"));
        Scan(b, out var o);
        Assert.Equal((ArbActionability.Actionable, Q("40")), (o.Actionability, o.Sets));
    }

    [Fact]
    public void Buys_one_yes_of_every_outcome_of_a_neg_risk_event()
    {
        var b = NegRisk("e1", Fee2Pct, "Alice", "Bob", "Carol", "Dave");
        b.UpdateAsks(0, L("0.20", "50"));
        b.UpdateAsks(1, L("0.25", "40"));
        b.UpdateAsks(2, L("0.30", "60"));
        b.UpdateAsks(3, L("0.15", "100"));
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o));
        Assert.Equal(ArbKind.NegRiskBuyAll, o.Kind);
        Assert.Equal(Q("40"), o.Sets);
        // 40 × 0.90 = 36; fees 40 × 0.02 × (0.16 + 0.1875 + 0.21 + 0.1275) = 0.548
        Assert.Equal((M("36"), M("0.548"), M("3.452")), (o.GrossNotional, o.Fees, o.Profit));
        Assert.Equal(4, o.Legs.Length);
    }

    [Fact]
    public void Neg_risk_event_with_an_other_outcome_is_skipped_by_default()
    {
        var b = NegRisk("e2", NoLegFee.Instance, "Alice", "Bob", "Other");
        for (int i = 0; i < 3; i++) b.UpdateAsks(i, L("0.30", "100"));
        Assert.Equal(ArbScanResult.SkippedPlaceholder, Scan(b, out _));
        Assert.Equal(ArbScanResult.Found, Scan(b, out _, Options(includePlaceholders: true)));
    }

    [Fact]
    public void Neg_risk_event_with_a_flagged_placeholder_is_skipped()
    {
        var legs = new List<ArbLegDefinition>();
        var basket = NegRisk("e3", NoLegFee.Instance, "Alice", "Bob", "Carol");
        for (int i = 0; i < 3; i++) legs.Add(basket.Leg(i) with { IsPlaceholder = i == 2 });
        var flagged = ArbBasket.NegRisk("e3", legs);
        Assert.True(flagged.HasPlaceholder);
        Assert.False(basket.HasPlaceholder);
    }

    [Fact]
    public void Same_basket_at_the_same_prices_is_not_reported_again_within_the_cooldown()
    {
        var scanner = new ArbScanner(Options(cooldownSeconds: 5));
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        long t0 = TimeSpan.FromHours(1).Ticks;
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1000), t0, out _));
        Assert.Equal(ArbScanResult.Duplicate, scanner.Evaluate(b, Money.FromUnits(1000), t0 + TimeSpan.FromSeconds(4).Ticks, out _));
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1000), t0 + TimeSpan.FromSeconds(5).Ticks, out _));
    }

    [Fact]
    public void Changed_prices_or_sizes_are_reported_at_once()
    {
        var scanner = new ArbScanner(Options());
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1000), 0, out _));
        b.UpdateAsks(0, L("0.40", "90"));
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1000), 1, out var o));
        Assert.Equal(Q("90"), o.Sets);
        b.UpdateAsks(0, L("0.39", "90"));
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1000), 2, out _));
        Assert.Equal(ArbScanResult.Duplicate, scanner.Evaluate(b, Money.FromUnits(1000), 3, out _));
    }

    [Fact]
    public void An_opportunity_that_vanished_and_returned_is_reported_again()
    {
        var scanner = new ArbScanner(Options());
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        scanner.Evaluate(b, Money.FromUnits(1000), 0, out _);
        b.UpdateAsks(0, L("0.50", "100"));
        Assert.Equal(ArbScanResult.NoEdge, scanner.Evaluate(b, Money.FromUnits(1000), 1, out _));
        b.UpdateAsks(0, L("0.40", "100"));
        Assert.Equal(ArbScanResult.Found, scanner.Evaluate(b, Money.FromUnits(1000), 2, out _));
    }

    [Fact]
    public void Opportunity_turns_into_fok_leg_orders_at_the_worst_level_price()
    {
        var b = BinaryWithAsks(["0.40", "50", "0.45", "100"], ["0.55", "80", "0.58", "100"]);
        Scan(b, out var o, Options(minProfit: "0.01"));
        var orders = o.ToOrders();
        Assert.Equal(2, orders.Length);
        Assert.Equal(new ArbLegOrder(b.Leg(0).Instrument, Side.Buy, OrderType.Limit, TimeInForce.Fok, P("0.40"), Q("50")), orders[0]);
        Assert.Equal(TimeInForce.Fak, o.ToOrders(TimeInForce.Fak)[1].TimeInForce);
        Assert.Throws<ArgumentOutOfRangeException>(() => o.ToOrders(TimeInForce.Gtc));
    }

    [Fact]
    public void Detached_opportunity_keeps_its_legs_after_the_next_evaluation()
    {
        var scanner = new ArbScanner(Options());
        var b = BinaryWithAsks(["0.40", "100"], ["0.55", "200"]);
        scanner.Evaluate(b, Money.FromUnits(1000), 0, out var o);
        var kept = o.Detach();
        b.UpdateAsks(0, L("0.41", "60"));
        scanner.Evaluate(b, Money.FromUnits(1000), 1, out _);
        Assert.Equal(P("0.40"), kept.Legs.Span[0].LimitPrice);
        Assert.Equal(Q("100"), kept.Legs.Span[0].Size);
    }

    [Fact]
    public void Invalid_options_are_named_by_key()
    {
        var errors = (Options() with { MaxSets = Quantity.Zero, MinProfitPerSet = M("-0.1") }).Validate();
        Assert.Contains(errors, e => e.Key == "arb.maxSets");
        Assert.Contains(errors, e => e.Key == "arb.minProfitPerSet");
        Assert.Empty(ArbScannerOptions.Default.Validate());
    }

    [Fact]
    public void Basket_rejects_legs_that_are_not_complements()
    {
        Assert.Throws<ArgumentException>(() => ArbBasket.CompleteSet("m1",
            new ArbLegDefinition(Yes("m1"), NoLegFee.Instance), new ArbLegDefinition(No("m2"), NoLegFee.Instance)));
        Assert.Throws<ArgumentException>(() => NegRisk("e", NoLegFee.Instance, "A", "B"));
    }
}
