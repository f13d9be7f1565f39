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
    public void Walks_deeper_levels_while_the_basket_stays_profitable()
    {
        // Hand computation, min profit 0.01/set (see docs/arbitrage.md, "worked example"):
        //   0..50   YES 0.40 + NO 0.55 (+fees) = 0.95975/set: taken whole
        //   50..80  YES 0.45 + NO 0.55 = 1.0099/set: average still fine, taken whole
        //   80..    YES 0.45 + NO 0.58 = 1.039822/set: surplus 0.9155 / gap 0.049822 ⇒ 18.375…, step 0.01 ⇒ 18.37
        var b = BinaryWithAsks(["0.40", "50", "0.45", "100"], ["0.55", "80", "0.58", "100"]);
        Assert.Equal(ArbScanResult.Found, Scan(b, out var o, Options(minProfit: "0.01")));
        Assert.Equal(Q("98.37"), o.Sets);
        // YES 50×0.40 + 48.37×0.45, NO 80×0.55 + 18.37×0.58
        Assert.Equal(M("96.4211"), o.GrossNotional);
        // 0.24 + floor5(0.2394315) + 0.396 + floor5(0.08949864)
        Assert.Equal(M("0.96492"), o.Fees);
        Assert.Equal(M("0.98398"), o.Profit);
        var legs = o.Legs.Span;
        Assert.Equal((P("0.45"), Q("98.37"), Side.Buy), (legs[0].LimitPrice, legs[0].Size, legs[0].Side));
        Assert.Equal((P("0.58"), Q("98.37")), (legs[1].LimitPrice, legs[1].Size));
        Assert.Equal(M("41.7665"), legs[0].Notional);
        Assert.Equal(M("0.47943"), legs[0].Fee);
    }

    [Fact]
    public void One_more_size_step_than_the_walk_allows_would_miss_the_minimum_profit()
    {
        // At 98.38: notional 96.4314, fees 0.96502 ⇒ profit 0.98358 < 0.9838 required; the scanner stops at 98.37.
        var b = BinaryWithAsks(["0.40", "50", "0.45", "100"], ["0.55", "80", "0.58", "100"]);
        long notional = 20_000_000_000 + 44_000_000_000
            + FixedPoint.MultiplyScaled(P("0.45").Raw, Q("48.38").Raw, MidpointRounding.ToPositiveInfinity)
            + FixedPoint.MultiplyScaled(P("0.58").Raw, Q("18.38").Raw, MidpointRounding.ToPositiveInfinity);
        long fees = M("0.24").Raw + Fee2Pct.TakerFee(P("0.45"), Q("48.38")).Raw + M("0.396").Raw + Fee2Pct.TakerFee(P("0.58"), Q("18.38")).Raw;
        Assert.True(Q("98.38").Raw - notional - fees <= M("0.9838").Raw);
        Scan(b, out var o, Options(minProfit: "0.01"));
        Assert.Equal(Q("98.37"), o.Sets);
    }

    [Fact]
    public void Size_rounds_down_to_the_legs_size_step()
    {
        var b = BinaryWithAsks(["0.40", "50", "0.45", "100"], ["0.55", "80", "0.58", "100"], sizeStep: "1");
        Scan(b, out var o, Options(minProfit: "0.01"));
        Assert.Equal(Q("98"), o.Sets);
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
        Assert.Equal(new ArbLegOrder(b.Leg(0).Instrument, Side.Buy, OrderType.Limit, TimeInForce.Fok, P("0.45"), Q("98.37")), orders[0]);
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
