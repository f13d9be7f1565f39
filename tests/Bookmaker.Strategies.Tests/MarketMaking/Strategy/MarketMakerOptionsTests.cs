using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;
using ConfigOptions = Bookmaker.Engine.Configuration.MarketMakerOptions;
using StrategyOptions = Bookmaker.Strategies.MarketMaking.Strategy.MarketMakerOptions;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

public sealed class MarketMakerOptionsTests
{
    private static ConfigOptions Config(SkewMode mode = SkewMode.Avellaneda) => new()
    {
        Gamma = 10m, Kappa = 100m, MinSpread = 0.02m, Levels = 3, LevelSpacingTicks = 2, QuoteSize = Quantity.FromUnits(25),
        SkewMode = mode, RequoteThresholdTicks = 1, MaxInventory = Quantity.FromUnits(300), MaxBookAge = TimeSpan.FromSeconds(1),
        StopLoss = Money.FromUnits(20), PostOnlyRetries = 2, QuietAlertAfter = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(new StrategyOptions().Validate());
    }

    [Fact]
    public void Invalid_options_name_the_key_and_the_constructor_refuses_them()
    {
        var options = new StrategyOptions(Gap: new GapGuardOptions(Price.Zero)) { RequoteInterval = TimeSpan.FromMilliseconds(-1) };

        var keys = options.Validate().Select(e => e.Key).ToList();

        Assert.Equal(["mm.protect.gap.maxSpread", "mm.requoteInterval"], keys);
        Assert.Throws<ArgumentException>(() => new MarketMakerStrategy(options, []));
    }

    [Fact]
    public void Config_section_maps_onto_ladder_model_reconciler_and_protections()
    {
        var o = MarketMakerConfig.FromConfig(Config());

        Assert.Empty(o.Validate());
        Assert.Equal([0, 2, 4], o.LadderOptions.Offsets);
        Assert.All(o.LadderOptions.Sizes, s => Assert.Equal(Quantity.FromUnits(25), s));
        Assert.Equal(Quantity.FromUnits(300), o.LadderOptions.MaxQ);
        Assert.Equal((QuoteModel.AvellanedaStoikov, 10.0, 100.0), (o.ModelOptions.Model, o.ModelOptions.Gamma, o.ModelOptions.Kappa));
        Assert.Equal(1, o.ReconcilerOptions.PriceToleranceTicks);
        Assert.Equal(TimeSpan.FromSeconds(1), o.StaleOptions.MaxAge);
        Assert.Equal(Money.FromUnits(20), o.StopLossOptions.Loss);
        Assert.Equal(2, o.PostOnlyOptions.MaxRetries);
        Assert.Equal(Price.Parse("0.02"), o.MinSpread);
        Assert.Equal(TimeSpan.FromMinutes(2), o.QuietAlertAfter);
    }

    [Fact]
    public void A_quiet_alert_limit_of_zero_is_refused_by_its_key()
    {
        var errors = new StrategyOptions { QuietAlertAfter = TimeSpan.Zero }.Validate();

        Assert.Equal(["mm.quietAlertAfter"], errors.Select(e => e.Key));
    }

    [Fact]
    public void Skew_mode_none_is_a_linear_skew_of_zero_with_the_minimum_spread()
    {
        var o = MarketMakerConfig.FromConfig(Config(SkewMode.None));

        Assert.Equal((QuoteModel.LinearSkew, 0.0, 0.02), (o.ModelOptions.Model, o.ModelOptions.SkewCentsPer100, o.ModelOptions.BaseSpread));
    }
}
