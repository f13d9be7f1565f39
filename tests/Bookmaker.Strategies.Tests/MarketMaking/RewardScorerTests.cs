using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class RewardScorerTests
{
    private static readonly RewardParameters V3 = new(3, Q("10"));

    [Fact]
    public void Scores_the_worked_example_from_the_rewards_docs()
    {
        // midpoint 0.50, v = 3¢: bids 100 @ 0.49 (s = 1¢) and 200 @ 0.48 (s = 2¢) on m, ask 100 @ 0.51 on m′ (s = 1¢ from 0.50)
        // Q_one = ((3−1)/3)²·100 + ((3−2)/3)²·200 + ((3−1)/3)²·100 = 44.444 + 22.222 + 44.444 = 111.111
        RewardOrder[] orders =
        [
            new(Side.Buy, false, P("0.49"), Q("100")),
            new(Side.Buy, false, P("0.48"), Q("200")),
            new(Side.Sell, true, P("0.51"), Q("100")),
        ];
        var s = RewardScorer.Score(V3, 0.50, orders);
        Assert.Equal(4.0 / 9 * 100 + 1.0 / 9 * 200 + 4.0 / 9 * 100, s.QOne, 9);
        Assert.Equal(111.111, s.QOne, 3);
        Assert.Equal(0, s.QTwo);
        // one-sided inside [0.10, 0.90] scores a third
        Assert.Equal(s.QOne / 3, s.QMin, 9);
    }

    [Fact]
    public void Orders_beyond_max_spread_or_below_min_size_score_zero()
    {
        Assert.Equal(0, RewardScorer.OrderScore(V3, 3.5, Q("100")));
        Assert.Equal(0, RewardScorer.OrderScore(V3, 1, Q("9.99")));
        Assert.Equal(0, RewardScorer.OrderScore(V3, 3, Q("100")));
    }

    [Fact]
    public void One_sided_liquidity_scores_nothing_outside_the_band()
    {
        RewardOrder[] orders = [new(Side.Buy, false, P("0.04"), Q("100"))];
        var s = RewardScorer.Score(V3, 0.05, orders);
        Assert.True(s.QOne > 0);
        Assert.Equal(0, s.QMin);
    }

    [Fact]
    public void Balanced_two_sided_liquidity_scores_the_smaller_side()
    {
        RewardOrder[] orders = [new(Side.Buy, false, P("0.49"), Q("100")), new(Side.Sell, false, P("0.51"), Q("100"))];
        var s = RewardScorer.Score(V3, 0.50, orders);
        Assert.Equal(s.QOne, s.QTwo, 9);
        Assert.Equal(s.QOne, s.QMin, 9);
    }

    [Fact]
    public void Adjusted_midpoint_skips_levels_smaller_than_min_size()
    {
        BookLevel[] bids = [new(P("0.49"), Q("5")), new(P("0.47"), Q("50"))];
        BookLevel[] asks = [new(P("0.53"), Q("20"))];
        Assert.True(RewardScorer.TryAdjustedMidpoint(bids, asks, Q("10"), out double mid));
        Assert.Equal(0.50, mid, 12);
    }

    [Fact]
    public void Tightens_quotes_to_stay_within_max_spread_when_risk_allows()
    {
        // h_max = v − tick − |r − mid| = 0.03 − 0.01 − 0.005 = 0.015
        double h = RewardScorer.TightenHalfSpread(V3, 0.505, 0.03, 0.50, P("0.01"), 0.005, riskAllows: true, out bool both);
        Assert.Equal(0.015, h, 12);
        Assert.False(both);
        Assert.Equal(0.03, RewardScorer.TightenHalfSpread(V3, 0.505, 0.03, 0.50, P("0.01"), 0.005, riskAllows: false, out _));
    }

    [Fact]
    public void Requires_both_sides_when_the_midpoint_is_outside_the_band()
    {
        RewardScorer.TightenHalfSpread(V3, 0.95, 0.01, 0.95, P("0.01"), 0.005, true, out bool both);
        Assert.True(both);
    }
}
