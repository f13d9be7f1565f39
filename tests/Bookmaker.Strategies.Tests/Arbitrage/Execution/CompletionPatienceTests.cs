using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>
/// Losing the race for a leg (issue 15, 4e): a completion that would keep too little of the expected edge waits, for a
/// bounded time, for the leg's price to come back, instead of paying a tick more on every set at once.
/// </summary>
public sealed class CompletionPatienceTests
{
    private static readonly CompletionPatience Patience = new(0.8, TimeSpan.FromSeconds(3));

    private static Quantity Q(long units) => Quantity.FromUnits(units);

    private static BasketDecision Completing(string completeLoss, long targetSets) =>
        new(BasketAction.Complete, [], Q(targetSets), Money.Parse(completeLoss), Money.FromUnits(5), Money.FromUnits(6), true, true, "test");

    [Fact]
    public void A_completion_keeping_less_than_the_share_of_the_expected_edge_waits_inside_the_window()
    {
        // Expected 2.00 on 50 sets; completing now keeps 1.00 (50 %, under 80 %).
        Assert.True(Patience.ShouldWait(Completing("-1.00", 50), Money.FromUnits(2), Q(50), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_completion_keeping_the_share_of_the_expected_edge_goes_at_once()
    {
        Assert.False(Patience.ShouldWait(Completing("-1.60", 50), Money.FromUnits(2), Q(50), TimeSpan.Zero));
    }

    [Fact]
    public void The_share_is_taken_of_the_edge_expected_on_the_sets_being_completed()
    {
        // 20 of the 50 sets are still to be made: 0.80 expected on them, 0.70 kept is 87.5 %.
        Assert.False(Patience.ShouldWait(Completing("-0.70", 20), Money.FromUnits(2), Q(50), TimeSpan.Zero));
    }

    [Fact]
    public void Nothing_waits_once_the_window_is_over()
    {
        Assert.False(Patience.ShouldWait(Completing("0.50", 50), Money.FromUnits(2), Q(50), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void An_unwind_decision_never_waits()
    {
        var unwind = Completing("3", 50) with { Action = BasketAction.Unwind };

        Assert.False(Patience.ShouldWait(unwind, Money.FromUnits(2), Q(50), TimeSpan.Zero));
    }

    [Fact]
    public void Patience_off_never_waits()
    {
        Assert.False(CompletionPatience.Off.ShouldWait(Completing("0.50", 50), Money.FromUnits(2), Q(50), TimeSpan.Zero));
    }

    /// <summary>
    /// YES 0.40×50 and NO 0.55×50 (2 % fee): 50 sets expected to earn 2.0125. The NO leg loses the race: it is held at
    /// the venue while a faster buyer takes the 0.55 ask (the book shows 0.57), then killed.
    /// </summary>
    private static ArbHarness LoseTheRaceForNo(BasketExecutorOptions options)
    {
        var h = new ArbHarness(executor: options);
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);
        h.Book(h.No, "0.53", "100", "0.57", "50");
        h.Drain();
        h.Venue.Answer(noLeg, LegAnswer.Reject);
        h.Drain();
        return h;
    }

    [Fact]
    public void A_basket_that_lost_a_leg_waits_instead_of_completing_a_worse_price_at_once()
    {
        using var h = LoseTheRaceForNo(BasketExecutorOptions.Default);

        Assert.Equal(2, h.Venue.Submitted.Count); // the two entry legs, no completion yet
        Assert.Single(h.Executor.InFlight);
        Assert.Single(h.Journal.Notes("arb_repair_wait"));
    }

    [Fact]
    public void A_basket_that_lost_a_leg_completes_at_the_expected_price_when_the_leg_comes_back()
    {
        using var h = LoseTheRaceForNo(BasketExecutorOptions.Default);

        h.Run(TimeSpan.FromMilliseconds(400));
        h.Book(h.No, "0.53", "100", "0.55", "80"); // the mispriced ask is posted again
        h.Drain();

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        var completion = h.Venue.Submitted[^1];
        Assert.Equal((h.No.Id, Side.Buy, TimeInForce.Fak, Price.Parse("0.55")), (completion.Instrument, completion.Side, completion.TimeInForce, completion.Price));
        Assert.Equal(run.Opportunity.Profit, run.Pnl);
        Assert.True(h.IsCompleteSetOrFlat());
    }

    [Fact]
    public void A_basket_whose_leg_does_not_come_back_completes_at_the_touch_when_the_window_ends()
    {
        using var h = LoseTheRaceForNo(BasketExecutorOptions.Default);
        var lostAt = h.Clock.GetUtcNow();

        h.Run(TimeSpan.FromSeconds(2.9));
        Assert.Equal(2, h.Venue.Submitted.Count);
        h.Run(TimeSpan.FromSeconds(0.2));

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        Assert.Equal(Price.Parse("0.57"), h.Venue.Submitted[^1].Price);
        Assert.True(run.Pnl < run.Opportunity.Profit, "the worse price costs edge");
        Assert.True(h.Clock.GetUtcNow() - lostAt >= TimeSpan.FromSeconds(3));
        Assert.Single(h.Journal.Notes("arb_repair_wait"));
    }

    [Fact]
    public void Without_patience_the_lost_leg_is_completed_at_once_at_the_worse_price()
    {
        using var h = LoseTheRaceForNo(BasketExecutorOptions.Default with { Patience = CompletionPatience.Off });

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(Price.Parse("0.57"), h.Venue.Submitted[^1].Price);
        Assert.Empty(h.Journal.Notes("arb_repair_wait"));
        Assert.True(run.Pnl < run.Opportunity.Profit);
    }
}
