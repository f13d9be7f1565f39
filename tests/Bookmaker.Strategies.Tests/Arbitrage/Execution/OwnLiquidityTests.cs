using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>
/// The scanner must not count our own resting quotes (e.g. the market maker's) as arbitrage liquidity: buying a set
/// from ourselves is no arbitrage, and the venue's self-trade prevention cancels our quote and fills the leg deeper in
/// the book — the paper run's losing "successes" and unwinds.
/// </summary>
public sealed class OwnLiquidityTests
{
    private static Quantity Q(long units) => Quantity.FromUnits(units);

    /// <summary>Buys <paramref name="size"/> YES (filled) so the harness can then rest a sell quote on it.</summary>
    private static void Hold(ArbHarness h, long size)
    {
        h.Book(h.Yes, "0.38", "100", "0.42", "100");
        h.Book(h.No, "0.58", "100", "0.62", "100");
        h.Drain();
        var outcome = h.Orders.Submit(new OrderRequest(default, h.Yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Fak, Price.Parse("0.42"), Q(size), Tag: "mm"));
        Assert.True(outcome.Sent, outcome.Decision.Code);
        h.Drain();
        Assert.Equal(Q(size), h.Held(h.Yes));
    }

    private static void Quote(ArbHarness h, Core.Instruments.Instrument instrument, Side side, string price, long size)
    {
        h.Venue.Script = r => r.TimeInForce == TimeInForce.Gtc ? new LegScript(LegAnswer.Rest) : new LegScript(LegAnswer.Fill);
        var outcome = h.Orders.Submit(new OrderRequest(default, instrument.Id, side, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Q(size), Tag: "mm"));
        Assert.True(outcome.Sent, outcome.Decision.Code);
        h.Drain();
    }

    [Fact]
    public void Our_own_resting_ask_is_not_arbitrage_liquidity()
    {
        using var h = new ArbHarness();
        Hold(h, 50);
        Quote(h, h.Yes, Side.Sell, "0.40", 50);
        int before = h.Venue.Submitted.Count;

        // The only YES ask under 0.45 is our own quote: YES 0.40 + NO 0.55 < 1 is an edge only against ourselves.
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();

        Assert.Equal(before, h.Venue.Submitted.Count);
        Assert.Equal(0, h.Metrics.Attempts);
    }

    [Fact]
    public void A_basket_is_sized_on_the_others_liquidity_beside_our_quote()
    {
        using var h = new ArbHarness();
        Hold(h, 50);
        Quote(h, h.Yes, Side.Sell, "0.40", 50);

        // 80 at 0.40 of which 50 are ours: 30 sets are really there.
        h.Book(h.Yes, "0.38", "100", "0.40", "80");
        h.Book(h.No, "0.53", "100", "0.55", "80");
        h.Drain();

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(Q(30), run.Opportunity.Sets);
    }

    [Fact]
    public void Our_own_bid_on_the_complement_is_not_arbitrage_liquidity()
    {
        using var h = new ArbHarness(negRiskOutcomes: 3, negRiskNoTokens: true);
        var no0 = h.NoTokens[0];
        h.Book(no0, "0.69", "10", "0.72", "10");
        h.Drain();
        // Our NO bid at 0.70 is a YES ask at 0.30 in the outcome market's linked book (Polymarket and the simulated
        // venue mirror them): Σ YES asks 0.90 would be an edge only against ourselves.
        Quote(h, no0, Side.Buy, "0.70", 50);
        int before = h.Venue.Submitted.Count;

        foreach (var leg in h.Legs) h.Book(leg, "0.20", "50", "0.30", "50");
        h.Drain();

        Assert.Equal(before, h.Venue.Submitted.Count);
        Assert.Equal(0, h.Metrics.Attempts);
    }
}
