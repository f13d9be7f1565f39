using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class OptionsValidationTests
{
    [Fact]
    public void Every_default_options_record_is_valid()
    {
        Assert.Empty(new FairPriceOptions().Validate());
        Assert.Empty(EwmaVolatilityOptions.Default.Validate());
        Assert.Empty(TradeIntensityOptions.Default.Validate());
        Assert.Empty(new AvellanedaStoikovOptions().Validate());
        Assert.Empty(new QuoteLadderOptions().Validate());
        Assert.Empty(new ComplementRouterOptions().Validate());
        Assert.Empty(new RewardParameters(3, Q("10")).Validate());
        Assert.Empty(new QuoteReconcilerOptions().Validate());
        Assert.Empty(new GapGuardOptions().Validate());
        Assert.Empty(new StaleGuardOptions().Validate());
        Assert.Empty(new HoldTimeGuardOptions().Validate());
        Assert.Empty(new StopLossGuardOptions().Validate());
        Assert.Empty(new EdgeGuardOptions().Validate());
        Assert.Empty(new MarkoutTrackerOptions().Validate());
        Assert.Empty(new PostOnlyRetryOptions().Validate());
    }

    [Fact]
    public void Ladder_rejects_mismatched_levels_and_non_increasing_offsets()
    {
        var errors = new QuoteLadderOptions(LevelOffsetsTicks: [0, 2, 2], LevelSizes: [Quantity.FromUnits(1)]).Validate();
        Assert.Contains(errors, e => e.Key == "mm.ladder.levelSizes");
        Assert.Contains(errors, e => e.Key == "mm.ladder.levelOffsetsTicks[2]" && e.Value == "2");
    }

    [Fact]
    public void Constructors_refuse_invalid_options()
    {
        Assert.Throws<ArgumentException>(() => new QuoteLadder(new QuoteLadderOptions(MinSpreadTicks: 0)));
        Assert.Throws<ArgumentException>(() => new MarkoutTracker(new MarkoutTrackerOptions(DecisionHorizon: 5)));
    }
}
