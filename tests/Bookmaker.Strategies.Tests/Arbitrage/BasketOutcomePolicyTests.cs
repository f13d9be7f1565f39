using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using FsCheck;
using FsCheck.Fluent;
using static Bookmaker.Strategies.Tests.Arbitrage.ArbTestData;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class BasketOutcomePolicyTests
{
    private static readonly BasketPolicyOptions Caps = new(M("5"), P("0.02"));

    private static BasketLegState Leg(bool yes, string filled, LegFillState state, string cash, string bid, string ask) =>
        new(yes ? Yes() : No(), Q(filled), state, M(cash), P(bid), P(ask), NoLegFee.Instance);

    [Fact]
    public void One_leg_rejected_is_completed_at_the_ask_when_that_is_cheaper_and_within_the_cap()
    {
        // paid 40 for 100 YES; NO ask 0.56 ⇒ basket 40 + 56 − 100 = −4 (a profit); unwinding at 0.39 loses 1
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.54", "0.56")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps);
        Assert.Equal(BasketAction.Complete, d.Action);
        Assert.Equal((M("-4"), M("1")), (d.CompleteLoss, d.UnwindLoss));
        var o = Assert.Single(d.Orders);
        Assert.Equal(new ArbLegOrder(legs[1].Instrument, Side.Buy, OrderType.Limit, TimeInForce.Fok, P("0.56"), Q("100")), o);
        Assert.Equal(Q("100"), d.TargetSets);
    }

    [Fact]
    public void Completion_beyond_the_loss_cap_unwinds_at_the_bid_with_the_slippage_cap()
    {
        // NO ask 0.70 ⇒ completing loses 40 + 70 − 100 = 10 > 5: sell the YES back, limit 0.39 − 0.02
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.28", "0.70")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps);
        Assert.Equal(BasketAction.Unwind, d.Action);
        Assert.Equal((M("10"), M("1"), M("3")), (d.CompleteLoss, d.UnwindLoss, d.UnwindWorstLoss));
        var o = Assert.Single(d.Orders);
        Assert.Equal(new ArbLegOrder(legs[0].Instrument, Side.Sell, OrderType.Limit, TimeInForce.Fak, P("0.37"), Q("100")), o);
        Assert.Equal(Q("0"), d.TargetSets);
    }

    [Fact]
    public void When_both_ways_breach_the_loss_cap_the_cheaper_is_taken()
    {
        // completing: 40 + 66 − 100 = 6 > 5; unwinding at 0.30: 40 − 30 = 10 > 5 ⇒ complete, it loses less
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.30", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.60", "0.66")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps);
        Assert.Equal(BasketAction.Complete, d.Action);
        Assert.Equal((M("6"), M("10")), (d.CompleteLoss, d.UnwindLoss));
    }

    [Fact]
    public void An_emergency_flattens_even_when_completing_would_lose_less()
    {
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.30", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.60", "0.66")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps with { FlattenOnly = true });
        Assert.Equal(BasketAction.Unwind, d.Action);
    }

    [Fact]
    public void Unwinding_is_chosen_when_it_costs_less_than_completing()
    {
        // completing: 40 + 62 − 100 = 2 (within cap); unwinding at 0.395: 40 − 39.5 = 0.5 ⇒ unwind
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.395", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.58", "0.62")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps);
        Assert.Equal(BasketAction.Unwind, d.Action);
        Assert.Equal((M("2"), M("0.5")), (d.CompleteLoss, d.UnwindLoss));
    }

    [Fact]
    public void A_partly_filled_leg_is_completed_for_its_missing_size()
    {
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "60", LegFillState.PartiallyFilled, "33", "0.54", "0.56")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps);
        Assert.Equal(BasketAction.Complete, d.Action);
        Assert.Equal(Q("40"), Assert.Single(d.Orders).Size);
        Assert.Equal(M("-4.6"), d.CompleteLoss); // 40 + 33 + 22.4 − 100
    }

    [Fact]
    public void A_timed_out_leg_with_nothing_filled_is_handled_like_a_rejection()
    {
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "0", LegFillState.TimedOut, "0", "0.54", "0.56")];
        Assert.Equal(BasketAction.Complete, BasketOutcomePolicy.Decide(Side.Buy, legs, Caps).Action);
    }

    [Fact]
    public void Missing_size_under_the_minimum_order_raises_the_target_to_a_larger_complete_set()
    {
        // NO short by 3 < min size 5: complete to 105 — YES +5, NO +8
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "97", LegFillState.TimedOut, "53", "0.54", "0.56")];
        var d = BasketOutcomePolicy.Decide(Side.Buy, legs, Caps);
        Assert.Equal(BasketAction.Complete, d.Action);
        Assert.Equal(Q("105"), d.TargetSets);
        Assert.Equal([Q("5"), Q("8")], d.Orders.Select(o => o.Size).ToArray());
    }

    [Fact]
    public void A_working_leg_means_wait()
    {
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "0", LegFillState.Working, "0", "0.54", "0.56")];
        Assert.Equal(BasketAction.Wait, BasketOutcomePolicy.Decide(Side.Buy, legs, Caps).Action);
    }

    [Fact]
    public void Complete_or_flat_baskets_need_nothing()
    {
        BasketLegState[] full = [Leg(true, "100", LegFillState.Filled, "40", "0.39", "0.41"), Leg(false, "100", LegFillState.Filled, "55", "0.54", "0.56")];
        BasketLegState[] flat = [Leg(true, "0", LegFillState.Rejected, "0", "0.39", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.54", "0.56")];
        Assert.Equal(BasketAction.Nothing, BasketOutcomePolicy.Decide(Side.Buy, full, Caps).Action);
        Assert.Empty(BasketOutcomePolicy.Decide(Side.Buy, flat, Caps).Orders);
    }

    [Fact]
    public void Neither_price_nor_size_to_act_on_escalates()
    {
        // YES dust (3 < min 5) cannot be sold; NO has no ask to complete with
        BasketLegState[] legs = [Leg(true, "3", LegFillState.PartiallyFilled, "1.2", "0.39", "0.41"), Leg(false, "0", LegFillState.Rejected, "0", "0.54", "0")];
        Assert.Equal(BasketAction.Escalate, BasketOutcomePolicy.Decide(Side.Buy, legs, Caps).Action);
    }

    [Fact]
    public void A_sell_basket_unwinds_by_buying_back_at_the_ask_plus_slippage()
    {
        // sold 100 YES for 50, NO rejected; completing sells NO at 0.20: 100 − 50 − 20 = 30 loss > cap; buy YES back
        BasketLegState[] legs = [Leg(true, "100", LegFillState.Filled, "50", "0.49", "0.51"), Leg(false, "0", LegFillState.Rejected, "0", "0.20", "0.55")];
        var d = BasketOutcomePolicy.Decide(Side.Sell, legs, Caps);
        Assert.Equal(BasketAction.Unwind, d.Action);
        var o = Assert.Single(d.Orders);
        Assert.Equal((Side.Buy, P("0.53"), Q("100")), (o.Side, o.LimitPrice, o.Size));
        Assert.Equal(M("1"), d.UnwindLoss);
    }

    [Fact]
    public void Applying_the_decision_leaves_a_complete_set_or_a_flat_basket()
    {
        var gen =
            from n in Gen.Choose(2, 6)
            from buy in Gen.Elements(true, false)
            from fills in Gen.Choose(0, 60).ArrayOf(n)
            from states in Gen.Elements(LegFillState.Filled, LegFillState.PartiallyFilled, LegFillState.Rejected, LegFillState.TimedOut).ArrayOf(n)
            from bids in Gen.Choose(1, 97).ArrayOf(n)
            from spreads in Gen.Choose(1, 2).ArrayOf(n)
            from paid in Gen.Choose(0, 100).ArrayOf(n)
            from lossCap in Gen.Choose(0, 30)
            from fee in Gen.Elements(0, 1)
            select (n, buy, fills, states, bids, spreads, paid, lossCap, fee);

        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            ILegFeeModel feeModel = c.fee == 1 ? Fee2Pct : NoLegFee.Instance;
            var legs = new BasketLegState[c.n];
            for (int i = 0; i < c.n; i++)
            {
                var inst = i % 2 == 0 ? Yes("p" + i) : No("p" + i);
                var filled = Quantity.FromUnits(c.fills[i]);
                legs[i] = new BasketLegState(inst, filled, c.states[i], Money.FromUnits(c.paid[i]) , Price.FromMicros(c.bids[i] * 10_000),
                    Price.FromMicros((c.bids[i] + c.spreads[i]) * 10_000), feeModel);
            }

            var d = BasketOutcomePolicy.Decide(c.buy ? Side.Buy : Side.Sell, legs, new BasketPolicyOptions(Money.FromUnits(c.lossCap), P("0.02")));
            var pos = legs.Select(l => l.Filled.Raw).ToArray();
            foreach (var o in d.Orders)
            {
                int i = Array.FindIndex(legs, l => l.Instrument == o.Instrument);
                bool adds = (o.Side == Side.Buy) == c.buy; // completion trades the basket's side, unwinding the other
                pos[i] += adds ? o.Size.Raw : -o.Size.Raw;
                if (o.Size.Raw < legs[i].Instrument.MinSize.Raw) return false; // every order is a valid size
            }

            bool complete = pos.All(p => p == pos[0]);
            bool flat = pos.All(p => p == 0);
            return d.Action is BasketAction.Nothing or BasketAction.Complete or BasketAction.Unwind
                && (complete || flat)
                && (d.Action != BasketAction.Unwind || flat)
                && (d.Action != BasketAction.Complete || (complete && pos[0] == d.TargetSets.Raw));
        }).QuickCheckThrowOnFailure();
    }
}
