using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// The market maker's own inventory limit against one-sided flow, on a real engine (order manager, risk gate,
/// portfolio). The bound: |net YES delta| (YES − NO shares, <c>Portfolio.NetDelta</c>) never passes
/// <c>MaxInventory</c>, because an order that would grow q is only sent while q plus every order of ours that can still
/// fill on that side (either token, cancels in flight included) plus the new order stays within the limit.
/// </summary>
public sealed class MarketMakerInventoryLimitTests
{
    /// <summary>
    /// Flow that only ever trades against one side of our quotes: first buyers lift every ask (YES asks and the NO bids
    /// they are routed as), then sellers hit every bid (YES bids and the NO asks that sell our NO). After every fill the
    /// market's |net delta| is checked against the limit. With <paramref name="cancelsRaceFills"/> each order trades only
    /// half of what it has left per step and cancels are confirmed only after the step's fills, so orders the strategy
    /// has just replaced (its quotes move as q skews them) keep filling beside their replacements. Returns how far the
    /// flow pushed q at the weaker end: min(largest short, largest long).
    /// </summary>
    private static decimal OneSidedFlow(Quantity maxInventory, bool cancelsRaceFills, int stepsPerPhase)
    {
        var options = new MarketMakerOptions(Ladder: new QuoteLadderOptions(MaxInventory: maxInventory));
        // The gate's per-instrument cap is far above the strategy's limit, so only the strategy can hold the line.
        var limits = new Engine.Risk.RiskLimits
        {
            DailyLossLimit = Money.FromUnits(10_000), MinBankroll = Money.FromUnits(1), MaxOrderNotional = Money.FromUnits(100_000),
            MaxPositionPerInstrument = Quantity.FromUnits(100_000), MaxDirectionalExposure = Money.FromUnits(1_000_000),
        };
        using var h = new MmHarness(options, limits: limits, cash: Money.FromUnits(100_000));
        h.Client.AutoConfirmCancels = !cancelsRaceFills;
        string marketId = h.Yes[0].Outcome!.MarketId;
        decimal shortest = 0, longest = 0;
        foreach (int direction in new[] { -1, +1 })
        {
            for (int step = 0; step < stepsPerPhase; step++)
            {
                h.Book(0, "0.48", 500, "0.52", 500);
                // Every order of ours that moves q in the flow's direction trades in full, including those whose cancel
                // is still on its way (the venue matched them first).
                foreach (var o in h.Orders.LiveOrders.ToList())
                {
                    if (YesEquivalentSign(h, o) != direction || o.LeavesSize.Raw == 0) continue;
                    long leaves = (long)o.LeavesSize.ToDecimal();
                    h.Fill(o, cancelsRaceFills ? Math.Max(1, leaves / 2) : leaves);
                    decimal q = h.Portfolio.NetDelta(marketId).ToDecimal();
                    shortest = Math.Min(shortest, q);
                    longest = Math.Max(longest, q);
                    Assert.True(Math.Abs(q) <= maxInventory.ToDecimal(), $"|net delta| {Math.Abs(q)} passed the limit {maxInventory} (direction {direction}, step {step})");
                }

                h.Client.ConfirmCancels();
                h.Drain();
                h.Advance(TimeSpan.FromMilliseconds(150));
            }
        }

        return Math.Min(-shortest, longest);
    }

    /// <summary>+1 when a fill of the order raises q (YES buy, NO sell), −1 when it lowers it.</summary>
    private static int YesEquivalentSign(MmHarness h, Order o)
    {
        int sign = o.Side == Side.Buy ? 1 : -1;
        return o.Instrument == h.Yes[0].Id ? sign : -sign;
    }

    [Fact]
    public void One_sided_flow_never_pushes_net_delta_past_the_limit_when_the_ladder_is_larger_than_the_limit() =>
        Assert.InRange(OneSidedFlow(Quantity.FromUnits(40), cancelsRaceFills: false, stepsPerPhase: 20), 30m, 40m);

    [Fact]
    public void One_sided_flow_never_pushes_net_delta_past_the_limit_when_fills_race_cancels()
    {
        decimal max = OneSidedFlow(Quantity.FromUnits(100), cancelsRaceFills: true, stepsPerPhase: 40);
        // The limit is reached at both ends (the flow is strong enough to test it), never passed.
        Assert.InRange(max, 90m, 100m);
    }

    [Fact]
    public void One_sided_flow_through_the_complement_stops_at_the_default_limit()
    {
        // Short through NO buys first, then long through NO sells and YES buys: both ends reach the limit, neither passes.
        decimal max = OneSidedFlow(Quantity.FromUnits(500), cancelsRaceFills: true, stepsPerPhase: 120);
        Assert.InRange(max, 480m, 500m);
    }
}
