using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>The arbitrage report's realised vs expected edge, by basket outcome (the backtest's <c>arbitrage.edge</c>).</summary>
public sealed class RealisedVsExpectedTests
{
    /// <summary>YES 0.38 / 0.40×50, NO 0.53 / 0.55×50: 50 sets at 0.95 + 0.4875 fees, expected profit 2.0125.</summary>
    private static void PublishEdge(ArbHarness h)
    {
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();
    }

    [Fact]
    public void A_success_reports_its_realised_profit_next_to_the_expected_one()
    {
        using var h = new ArbHarness();

        PublishEdge(h);

        var report = h.Strategy.Report();
        Assert.Equal((Money.Parse("2.0125"), Money.Parse("2.0125")), (report.SuccessPnl, report.SuccessExpected));
        Assert.Equal((Money.Zero, Money.Zero, Money.Zero), (report.UnwoundPnl, report.UnwoundExpected, report.MissedExpected));
    }

    [Fact]
    public void An_unwound_basket_reports_what_it_was_expected_to_earn_and_what_the_unwind_cost()
    {
        using var h = new ArbHarness();
        h.Venue.Script = r => r.Instrument == h.No.Id && r.Tag == "arb-1" ? new LegScript(LegAnswer.Hold) : new LegScript(LegAnswer.Fill);
        PublishEdge(h);
        var noLeg = h.Venue.Submitted.Single(r => r.Instrument == h.No.Id);
        // The NO ask runs away before the venue kills the leg: the YES leg is unwound at the slippage cap.
        h.Book(h.No, "0.53", "100", "0.70", "50");
        h.Drain();
        h.Venue.Answer(noLeg, LegAnswer.Reject);
        h.Drain();

        var report = h.Strategy.Report();
        Assert.Equal((Money.Parse("-2.4704"), Money.Parse("2.0125")), (report.UnwoundPnl, report.UnwoundExpected));
        Assert.Equal((Money.Zero, Money.Zero), (report.SuccessPnl, report.SuccessExpected));
        Assert.Equal(report.Pnl, report.SuccessPnl + report.UnwoundPnl + report.MissedPnl);
    }
}
