using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

public sealed class BasketExecutorTests
{
    private static Quantity Q(long units) => Quantity.FromUnits(units);

    /// <summary>YES 0.38 / 0.40×50, NO 0.53 / 0.55×50: 50 sets at 0.95 + 0.4875 fees, profit 2.0125.</summary>
    private static void PublishEdge(ArbHarness h)
    {
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();
    }

    private static BasketExecutorOptions Fak => BasketExecutorOptions.Default with { LegTimeInForce = TimeInForce.Fak };

    [Fact]
    public void Buys_a_complete_set_and_realises_the_exact_profit_after_fees()
    {
        using var h = new ArbHarness();

        PublishEdge(h);

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        Assert.Equal(Q(50), run.Opportunity.Sets);
        Assert.Equal(Money.Parse("0.4875"), run.Opportunity.Fees);
        Assert.Equal(Money.Parse("2.0125"), run.Opportunity.Profit);
        Assert.Equal(run.Opportunity.Profit, run.Pnl);
        Assert.Equal(Q(50), h.Held(h.Yes));
        Assert.Equal(Q(50), h.Held(h.No));
        Assert.Equal(Money.Parse("952.0125"), h.Portfolio.Cash);
        Assert.Equal(1, h.Metrics.Successes);
        Assert.Equal(Money.Parse("2.0125"), h.Metrics.TotalProfit);
    }

    [Fact]
    public void Entry_legs_leave_together_as_one_batch_of_fok_limit_orders()
    {
        using var h = new ArbHarness();

        PublishEdge(h);

        Assert.Equal([2], h.Venue.BatchSizes);
        Assert.All(h.Venue.Submitted, r => Assert.Equal(TimeInForce.Fok, r.TimeInForce));
        Assert.Equal([Price.Parse("0.40"), Price.Parse("0.55")], h.Venue.Submitted.Select(r => r.Price));
    }

    [Fact]
    public void Entry_legs_are_fak_when_configured()
    {
        using var h = new ArbHarness(executor: Fak);

        PublishEdge(h);

        Assert.All(h.Venue.Submitted, r => Assert.Equal(TimeInForce.Fak, r.TimeInForce));
    }

    [Fact]
    public void Legs_beyond_the_venue_batch_limit_leave_in_a_second_batch()
    {
        using var h = new ArbHarness(negRiskOutcomes: 17, maxBatch: 15);

        foreach (var leg in h.Legs) h.Book(leg, "0.04", "10", "0.05", "10");
        h.Drain();

        Assert.Equal([15, 2], h.Venue.BatchSizes);
        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        Assert.All(h.Legs, l => Assert.Equal(Q(10), h.Held(l)));
        Assert.Equal(run.Opportunity.Profit, run.Pnl);
    }

    [Fact]
    public void A_risk_denial_of_one_leg_sends_no_leg()
    {
        // The NO leg (0.55 × 50 = 27.5) is above the per-order notional limit; the YES leg alone would pass.
        using var h = new ArbHarness(limits: new RiskLimits { MaxOrderNotional = Money.FromUnits(25) });

        PublishEdge(h);

        Assert.Empty(h.Venue.Submitted);
        Assert.Equal(0, h.Metrics.Attempts);
        Assert.Equal(Quantity.Zero, h.Held(h.Yes));
        Assert.Contains(h.Journal.Notes("arb_denied"), n => n.Contains("max_order_notional", StringComparison.Ordinal) || n.Contains("\"leg\":1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rejected_leg_is_completed_when_completing_is_cheaper()
    {
        using var h = new ArbHarness();
        int noOrders = 0;
        h.Venue.Script = r => r.Instrument == h.No.Id && noOrders++ == 0 ? new LegScript(LegAnswer.Reject) : new LegScript(LegAnswer.Fill);

        PublishEdge(h);

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        Assert.Equal(1, run.Repairs);
        var completion = h.Venue.Submitted[^1];
        Assert.Equal((h.No.Id, Side.Buy, TimeInForce.Fak, Q(50)), (completion.Instrument, completion.Side, completion.TimeInForce, completion.Size));
        Assert.Equal(Q(50), h.Held(h.No));
        Assert.Equal(Q(50), h.Held(h.Yes));
    }

    [Fact]
    public void A_rejected_leg_is_unwound_when_completing_would_breach_the_loss_cap()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);

        // The NO ask runs away before the venue kills the leg: completing would now lose 5.45 > the 1.00 cap.
        h.Book(h.No, "0.53", "100", "0.70", "50");
        h.Drain();
        h.Venue.Answer(noLeg, LegAnswer.Reject);
        h.Drain();

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Unwound, run.Outcome);
        var unwind = h.Venue.Submitted[^1];
        Assert.Equal((h.Yes.Id, Side.Sell, TimeInForce.Fak, Price.Parse("0.36"), Q(50), true),
            (unwind.Instrument, unwind.Side, unwind.TimeInForce, unwind.Price, unwind.Size, unwind.ReduceOnly));
        Assert.Equal(Quantity.Zero, h.Held(h.Yes));
        // Paid 20.24 for YES, sold at the slippage-capped 0.36 for 18 − 0.2304 fee.
        Assert.Equal(Money.Parse("-2.4704"), run.Pnl);
        Assert.Equal(1, h.Metrics.Unwinds);
    }

    [Fact]
    public void A_leg_whose_unwind_would_open_the_opposite_position_is_handed_to_the_portfolio_not_left_unhedged()
    {
        using var h = new ArbHarness();
        // The portfolio already holds 100 NO (another strategy's inventory): in YES-equivalent terms the market is short 100.
        h.Book(h.No, "0.53", "100", "0.70", "200");
        h.Drain();
        Assert.True(h.Orders.Submit(new OrderRequest(default, h.No.Id, Side.Buy, OrderType.Limit, TimeInForce.Fak, Price.Parse("0.70"), Q(100), Tag: "setup")).Sent);
        h.Drain();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id && r.Tag == "arb-1");

        // The NO leg dies after its ask ran away: the YES leg's 50 would be unwound, but selling them would take the
        // market from short 50 to short 100 — the gate denies that reduce-only order, and the basket hands the 50 over.
        h.Book(h.No, "0.53", "100", "0.70", "50");
        h.Drain();
        h.Venue.Answer(noLeg, LegAnswer.Reject);
        h.Run(TimeSpan.FromSeconds(5));

        Assert.Equal(0, h.Executor.UnhedgedLegs);
        Assert.Contains(h.Journal.Notes("arb_leg_handed_over"), n => n.Contains("\"size\":\"50\"", StringComparison.Ordinal));
        Assert.Equal(Q(50), h.Held(h.Yes));
        Assert.Equal(Q(100), h.Held(h.No));
    }

    [Fact]
    public void An_unwind_passes_the_gate_while_it_only_allows_reducing_orders()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);
        h.Book(h.No, "0.53", "100", "0.70", "50");
        h.Drain();

        h.Gate.SetManualState(TradingState.Reducing, "test");
        h.Venue.Answer(noLeg, LegAnswer.Reject);
        h.Drain();

        Assert.Equal(TradingState.Reducing, h.Gate.State);
        Assert.Equal(BasketOutcome.Unwound, Assert.Single(h.Executor.Finished).Outcome);
        Assert.True(h.IsCompleteSetOrFlat());
        Assert.Equal(Quantity.Zero, h.Held(h.Yes));
    }

    [Fact]
    public void A_partly_filled_leg_is_completed_to_a_full_set()
    {
        using var h = new ArbHarness(executor: Fak);
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Partial, Q(30)) : new LegScript(LegAnswer.Fill);

        PublishEdge(h);

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        Assert.Equal(Q(20), h.Venue.Submitted[^1].Size);
        Assert.Equal(Q(50), h.Held(h.No));
        Assert.Equal(Q(50), h.Held(h.Yes));
    }

    [Fact]
    public void A_leg_without_an_answer_is_cancelled_at_the_leg_timeout_and_the_basket_repaired()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Silent) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);

        h.Run(TimeSpan.FromMilliseconds(1_900));
        Assert.Empty(h.Venue.Cancels);
        Assert.Empty(h.Executor.Finished);

        h.Run(TimeSpan.FromMilliseconds(200));

        Assert.Contains(noLeg.Id, h.Venue.Cancels);
        Assert.Equal(BasketOutcome.Success, Assert.Single(h.Executor.Finished).Outcome);
        Assert.True(h.IsCompleteSetOrFlat());
        Assert.Equal(Q(50), h.Held(h.No));
        Assert.Single(h.Journal.Notes("arb_leg_timeout"));
    }

    [Fact]
    public void A_late_fill_of_a_timed_out_leg_reopens_the_basket_and_is_hedged_again()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);
        h.Run(TimeSpan.FromSeconds(2.1));
        Assert.Equal(Q(50), h.Held(h.No)); // completed while the first NO order was still in doubt

        h.Venue.Answer(noLeg, LegAnswer.Fill); // ...which then traded after all
        h.Drain();
        Assert.Equal(Q(100), h.Held(h.No));
        h.Run(TimeSpan.FromSeconds(1));

        Assert.Single(h.Journal.Notes("arb_reopened"));
        Assert.True(h.IsCompleteSetOrFlat());
        Assert.Equal(0, h.Executor.UnhedgedLegs);
    }

    /// <summary>The YES leg fills, the NO leg and every repair are rejected while <paramref name="rejecting"/> says so.</summary>
    private static void LegInAndRejectRepairs(ArbHarness h, Func<bool> rejecting) =>
        h.Venue.Script = r => r.Instrument == h.Yes.Id && r.Tag == "arb-1" || !rejecting() ? new LegScript(LegAnswer.Fill) : new LegScript(LegAnswer.Reject);

    [Fact]
    public void A_basket_still_unhedged_at_the_unwind_deadline_raises_a_warning_and_keeps_trying_aggressively()
    {
        using var h = new ArbHarness();
        LegInAndRejectRepairs(h, () => true);
        PublishEdge(h);
        h.Run(TimeSpan.FromSeconds(9.9));
        Assert.False(h.Alerts.IsActive(BasketExecutor.AlertUnhedged, "m1"));

        h.Run(TimeSpan.FromSeconds(0.2));

        var alert = Assert.Single(h.Alerts.Active, a => a.Code == BasketExecutor.AlertUnhedged);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        int sent = h.Venue.Submitted.Count;
        h.Run(TimeSpan.FromSeconds(2));
        Assert.True(h.Venue.Submitted.Count > sent, "the executor keeps trying after the deadline");
        // Aggressive: an unwind after the deadline may trade up to 0.05 through the bid.
        Assert.Contains(h.Venue.Submitted, r => r.ReduceOnly && r.Price == Price.Parse("0.33"));
        Assert.Equal(TradingState.Active, h.Gate.State);
    }

    [Fact]
    public void A_basket_still_unhedged_at_the_give_up_deadline_turns_critical_and_puts_the_engine_in_reducing()
    {
        using var h = new ArbHarness();
        LegInAndRejectRepairs(h, () => true);
        PublishEdge(h);
        h.Run(TimeSpan.FromSeconds(59.9));
        Assert.Equal(AlertSeverity.Warning, h.Alerts.Active.Single(a => a.Code == BasketExecutor.AlertUnhedged).Severity);

        h.Run(TimeSpan.FromSeconds(0.2));

        Assert.Equal(AlertSeverity.Critical, h.Alerts.Active.Single(a => a.Code == BasketExecutor.AlertUnhedged).Severity);
        Assert.Equal(TradingState.Reducing, h.Gate.State);
        Assert.Single(h.Journal.Notes("arb_give_up"));
        int sent = h.Venue.Submitted.Count;
        h.Run(TimeSpan.FromSeconds(2));
        Assert.True(h.Venue.Submitted.Count > sent, "the executor keeps unwinding while REDUCING");
    }

    [Fact]
    public void The_unhedged_alert_clears_when_the_market_is_hedged_and_reducing_stays_until_resumed()
    {
        using var h = new ArbHarness();
        bool rejecting = true;
        LegInAndRejectRepairs(h, () => rejecting);
        PublishEdge(h);
        h.Run(TimeSpan.FromSeconds(61));

        rejecting = false;
        h.Run(TimeSpan.FromSeconds(1));

        Assert.True(h.IsCompleteSetOrFlat());
        Assert.False(h.Alerts.IsActive(BasketExecutor.AlertUnhedged, "m1"));
        Assert.Equal(TradingState.Reducing, h.Gate.State);
    }

    [Fact]
    public void A_repair_that_finds_no_price_before_the_deadline_raises_no_alert()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);
        // Both books lost (feed gap): neither completing nor unwinding has a price when the NO leg is killed.
        h.Invalidate(h.Yes);
        h.Invalidate(h.No);
        h.Drain();
        h.Venue.Answer(noLeg, LegAnswer.Reject);
        h.Drain();
        h.Run(TimeSpan.FromSeconds(1));

        Assert.Contains(h.Journal.Notes("arb_decision"), n => n.Contains("\"action\":\"Escalate\"", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Alerts.History, a => a.Code == BasketExecutor.AlertUnhedged);
    }

    [Fact]
    public void A_market_that_keeps_legging_in_raises_one_unhedged_alert_not_one_per_basket()
    {
        using var h = new ArbHarness();
        // Every basket legs in on this market and stays unhedged past its deadline for 15 s, then is unwound.
        long hedgeAt = 0;
        h.Venue.Script = r =>
        {
            bool entryYes = r.Instrument == h.Yes.Id && r.Tag is { } t && !t.Contains(':', StringComparison.Ordinal);
            return entryYes || h.Clock.GetUtcNow().UtcTicks >= hedgeAt ? new LegScript(LegAnswer.Fill) : new LegScript(LegAnswer.Reject);
        };
        for (int i = 0; i < 6; i++)
        {
            hedgeAt = (h.Clock.GetUtcNow() + TimeSpan.FromSeconds(15)).UtcTicks;
            PublishEdge(h);
            h.Run(TimeSpan.FromMinutes(5));
        }

        Assert.Single(h.Alerts.History, a => a.Code == BasketExecutor.AlertUnhedged);
        Assert.Equal(1, h.Metrics.Attempts);
        Assert.True(h.Executor.IsQuarantined("m1"));
    }

    [Fact]
    public void A_quarantined_market_gets_baskets_again_once_the_quarantine_is_over()
    {
        using var h = new ArbHarness();
        bool rejecting = true;
        LegInAndRejectRepairs(h, () => rejecting);
        PublishEdge(h);
        h.Run(TimeSpan.FromSeconds(15));
        rejecting = false;
        h.Run(TimeSpan.FromSeconds(1));
        Assert.True(h.Executor.IsQuarantined("m1"));

        h.Run(TimeSpan.FromMinutes(30));
        Assert.False(h.Executor.IsQuarantined("m1"));
        h.Book(h.Yes, "0.38", "100", "0.40", "51");
        h.Book(h.No, "0.53", "100", "0.55", "51");
        h.Drain();

        Assert.True(h.Metrics.Attempts > 1, $"{h.Metrics.Attempts} attempt(s): the market should trade again");
    }

    [Fact]
    public void Repairs_that_trade_nothing_are_retried_after_a_pause_not_in_a_tight_loop()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.Yes.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Fill) : new LegScript(LegAnswer.Reject);

        PublishEdge(h);
        h.Run(TimeSpan.FromSeconds(1));

        // Entry (2) + the first repair + about one retry per 250 ms.
        Assert.InRange(h.Venue.Submitted.Count, 4, 8);
    }

    [Fact]
    public void Every_attempt_decision_and_outcome_is_journaled()
    {
        using var h = new ArbHarness();
        int noOrders = 0;
        h.Venue.Script = r => r.Instrument == h.No.Id && noOrders++ == 0 ? new LegScript(LegAnswer.Reject) : new LegScript(LegAnswer.Fill);

        PublishEdge(h);

        Assert.Single(h.Journal.Notes("arb_opportunity"));
        var attempt = Assert.Single(h.Journal.Notes("arb_attempt"));
        Assert.Contains("\"basket\":\"arb-1\"", attempt, StringComparison.Ordinal);
        Assert.Contains("\"legs\":[", attempt, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"Complete\"", Assert.Single(h.Journal.Notes("arb_decision")), StringComparison.Ordinal);
        Assert.Equal(2, h.Journal.Notes("arb_fill").Count());
        var outcome = Assert.Single(h.Journal.Notes("arb_outcome"));
        Assert.Contains("\"outcome\":\"Success\"", outcome, StringComparison.Ordinal);
        Assert.Contains("\"pnl\":", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_basket_per_market_is_in_flight()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);

        h.Book(h.Yes, "0.38", "100", "0.39", "60"); // a better edge while the first basket waits
        h.Drain();

        Assert.Single(h.Executor.InFlight);
        Assert.Equal(2, h.Venue.Submitted.Count);
    }

    [Fact]
    public void Held_complete_sets_are_valued_at_one_dollar_not_at_their_marks()
    {
        using var h = new ArbHarness();
        PublishEdge(h);

        var equity = CompleteSetMarking.Equity(h.Portfolio, h.Registry, i => h.Engine.Mark(i));

        Assert.Equal(Money.Parse("1002.0125"), equity); // 952.0125 cash + 50 sets × $1
        Assert.True(h.Portfolio.Equity < equity);      // the mids (0.39 + 0.54) undervalue a set
    }

    [Fact]
    public void The_report_carries_the_summary_figures()
    {
        using var h = new ArbHarness();
        PublishEdge(h);

        var report = h.Strategy.Report();
        string json = report.ToJson();

        Assert.Equal((1L, 1L, 1L, 0L, Money.Parse("2.0125"), 0), (report.Opportunities, report.Attempts, report.Successes, report.Unwinds, report.Pnl, report.UnhedgedLegsAtExit));
        foreach (var key in new[] { "arb_opportunities", "arb_attempts", "arb_successes", "arb_unwinds", "arb_pnl", "unhedged_legs_at_exit", "arb_latency_us" })
            Assert.Contains($"\"{key}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Success_and_unwind_rates_are_raised_as_alerts()
    {
        using var h = new ArbHarness(limits: new RiskLimits { ConsecutiveLossLimit = 0 });
        // Every basket: YES fills, NO is killed and its ask runs away, so each one is unwound.
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Side == Side.Buy ? new LegScript(LegAnswer.Reject) : new LegScript(LegAnswer.Fill);
        for (int i = 0; i < 10; i++)
        {
            h.Book(h.Yes, "0.38", "100", "0.40", "50");
            h.Book(h.No, "0.53", "100", "0.55", "50");
            h.Drain();
            h.Book(h.No, "0.53", "100", "0.70", "50");
            h.Run(TimeSpan.FromSeconds(6));
        }

        Assert.Equal(10, h.Metrics.Attempts);
        Assert.Equal(AlertSeverity.Critical, Assert.Single(h.Alerts.Active, a => a.Code == BasketExecutor.AlertUnwindRate).Severity);
        Assert.Equal(AlertSeverity.Critical, Assert.Single(h.Alerts.Active, a => a.Code == BasketExecutor.AlertSuccessRate).Severity);
    }
}
