using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>
/// Issue 15: a basket must not be evaluated on a view that still shows the liquidity our own previous basket took.
/// The scripted venue fills every leg but publishes no book change, so until a leg's book is published again it shows
/// exactly the echo.
/// </summary>
public class OwnFillEchoTests
{
    [Fact]
    public void A_basket_waits_until_every_filled_leg_has_shown_a_newer_book()
    {
        using var h = new ArbHarness();
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();
        Assert.Equal(1, h.Metrics.Attempts);

        // YES moves (a new size, so no dedup hides it); NO's book still shows the 50 at 0.55 our basket took.
        h.Book(h.Yes, "0.38", "100", "0.40", "60");
        h.Drain();

        Assert.Equal(1, h.Metrics.Attempts);
        Assert.True(h.Metrics.EchoWaits >= 1);
    }

    [Fact]
    public void A_basket_is_evaluated_again_once_every_leg_has_a_newer_book()
    {
        using var h = new ArbHarness();
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();

        // Both legs publish after the fills: the view has absorbed them, and fresh liquidity is an edge again.
        h.Book(h.Yes, "0.38", "100", "0.40", "40");
        h.Book(h.No, "0.53", "100", "0.55", "40");
        h.Drain();

        Assert.Equal(2, h.Metrics.Attempts);
    }

    [Fact]
    public void Killed_entry_legs_raise_the_measured_kill_probability()
    {
        using var h = new ArbHarness();
        double prior = h.Metrics.LegKillProbability;
        h.Venue.Script = r => r.Instrument == h.No.Id ? new LegScript(LegAnswer.Reject) : new LegScript(LegAnswer.Fill);
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();

        Assert.Equal((2, 1), (h.Metrics.EntryLegs, h.Metrics.EntryLegsKilled));
        Assert.True(h.Metrics.LegKillProbability > prior);
    }
}
