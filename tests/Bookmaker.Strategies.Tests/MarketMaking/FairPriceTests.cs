using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class FairPriceTests
{
    private static readonly FairPriceOptions NoBlend = new();

    [Fact]
    public void Micro_price_leans_toward_the_side_facing_the_heavier_queue()
    {
        // (0.40·100 + 0.44·300) / (300 + 100) = (40 + 132) / 400 = 0.43
        Assert.True(FairPrice.TryCompute(Top("0.40", "300", "0.44", "100"), NoBlend, double.NaN, out double fair));
        Assert.Equal(0.43, fair, 12);
    }

    [Fact]
    public void Falls_back_to_mid_when_a_top_size_is_zero()
    {
        Assert.True(FairPrice.TryCompute(Top("0.40", "0", "0.44", "100"), NoBlend, double.NaN, out double fair));
        Assert.Equal(0.42, fair, 12);
    }

    [Fact]
    public void Has_no_fair_price_when_a_side_is_empty_and_no_reference_is_given()
    {
        Assert.False(FairPrice.TryCompute(Top("0.40", "10", "0", "0"), NoBlend, double.NaN, out _));
    }

    [Fact]
    public void Uses_the_external_reference_when_the_book_is_one_sided()
    {
        Assert.True(FairPrice.TryCompute(Top("0", "0", "0.44", "10"), NoBlend, 0.41, out double fair));
        Assert.Equal(0.41, fair, 12);
    }

    [Fact]
    public void Blends_the_external_reference_by_its_weight()
    {
        // 0.75·0.43 + 0.25·0.47 = 0.3225 + 0.1175 = 0.44
        Assert.True(FairPrice.TryCompute(Top("0.40", "300", "0.44", "100"), new FairPriceOptions(0.25), 0.47, out double fair));
        Assert.Equal(0.44, fair, 12);
    }

    [Fact]
    public void Rejects_an_external_weight_outside_zero_to_one()
    {
        var e = Assert.Single(new FairPriceOptions(1.5).Validate());
        Assert.Equal("mm.fair.externalWeight", e.Key);
        Assert.Equal("1.5", e.Value);
    }
}
