using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Rest;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests.Adapter;

public sealed class PolymarketMarketTermsTests
{
    private static ClobMarketDetailsDto Details(ClobFeeDetailsDto? fees, ClobRewardsDto? rewards) => new()
    {
        ConditionId = "0xabc",
        Tokens = [new ClobMarketTokenDto { TokenId = "1", Outcome = "Yes" }, new ClobMarketTokenDto { TokenId = "2", Outcome = "No" }],
        MinimumTickSize = Price.Parse("0.01"),
        FeeDetails = fees,
        Rewards = rewards,
    };

    [Fact]
    public void Clob_details_carry_the_fee_curve_and_reward_terms()
    {
        var m = PolymarketMarket.FromClob(Details(new ClobFeeDetailsDto { Rate = 0.25m, Exponent = 2 }, new ClobRewardsDto { Enabled = true, MaxSpread = 3.5m, MinSize = 20 }))!;

        Assert.Equal(new PolymarketFeeCurve(0.25m, 2), m.Fees);
        Assert.Equal(new PolymarketRewardTerms(3.5m, Quantity.FromUnits(20)), m.Rewards);
    }

    [Fact]
    public void Clob_details_without_fee_curve_or_rewards_leave_both_unknown()
    {
        var m = PolymarketMarket.FromClob(Details(null, new ClobRewardsDto { Enabled = false, MaxSpread = 3, MinSize = 20 }))!;

        Assert.Null(m.Fees);
        Assert.Null(m.Rewards);
    }

    [Fact]
    public void Gamma_market_is_labelled_by_its_question_and_carries_its_reward_terms()
    {
        var m = PolymarketMarket.FromGamma(new GammaMarketDto
        {
            ConditionId = "0xabc", Question = "Will it rain?", Slug = "rain", ClobTokenIds = "[\"1\",\"2\"]", Outcomes = "[\"Yes\",\"No\"]",
            OrderPriceMinTickSize = Price.Parse("0.01"), RewardsMaxSpread = 4, RewardsMinSize = 50,
        })!;

        Assert.Equal("Will it rain?", m.Label);
        Assert.Equal(new PolymarketRewardTerms(4, Quantity.FromUnits(50)), m.Rewards);
        Assert.Null(m.Fees);
    }
}
