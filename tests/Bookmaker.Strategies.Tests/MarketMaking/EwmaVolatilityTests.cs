using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class EwmaVolatilityTests
{
    private static EwmaVolatility Make() => new(new EwmaVolatilityOptions(TimeSpan.FromSeconds(1), Lambda: 0.5, WarmupSamples: 2));

    [Fact]
    public void Matches_a_hand_computed_ewma_of_log_returns_sampled_at_boundaries()
    {
        var v = Make();
        v.Update(Seconds(0.2), 100);  // first value; boundary 0 sampled as 100
        v.Update(Seconds(0.7), 110);  // same interval: only the last value counts
        v.Update(Seconds(1.3), 105);  // boundary 1 sampled at 110: r1 = ln(110/100) = 0.0953102 ⇒ var = r1² = 0.0090840
        double r1 = Math.Log(110.0 / 100.0);
        Assert.Equal(r1 * r1, v.VariancePerSample, 15);
        Assert.False(v.IsWarm);

        v.Update(Seconds(2.1), 105);  // boundary 2 sampled at 105: r2 = ln(105/110) = −0.0465200
        double r2 = Math.Log(105.0 / 110.0);
        double var2 = 0.5 * r1 * r1 + 0.5 * r2 * r2; // = 0.5·0.0090840 + 0.5·0.0021641 = 0.0056241
        Assert.Equal(var2, v.VariancePerSample, 15);
        Assert.True(v.IsWarm);

        v.Update(Seconds(5.5), 120);  // boundaries 3, 4, 5 all sampled at 105: three zero returns ⇒ var2·0.5³
        Assert.Equal(var2 * 0.125, v.VariancePerSample, 15);
        Assert.Equal(5, v.Samples);

        // 1 s interval ⇒ per-second variance equals per-sample; annualised bps = sqrt(var × 31,536,000) × 10,000.
        Assert.Equal(var2 * 0.125, v.VariancePerSecond, 15);
        Assert.Equal(Math.Sqrt(var2 * 0.125 * 31_536_000) * 10_000, v.AnnualisedBps, 6);
    }

    [Fact]
    public void Is_scale_free_because_it_uses_log_returns_not_price_differences()
    {
        var a = Make();
        var b = Make();
        double[] prices = [0.40, 0.42, 0.41, 0.45, 0.44];
        for (int i = 0; i < prices.Length; i++)
        {
            a.Update(Seconds(i), prices[i]);
            b.Update(Seconds(i), prices[i] * 100);
        }

        Assert.Equal(a.VariancePerSecond, b.VariancePerSecond, 15);
    }

    [Fact]
    public void Per_second_variance_divides_by_the_interval_length()
    {
        var v = new EwmaVolatility(new EwmaVolatilityOptions(TimeSpan.FromSeconds(5), 0.9, 1));
        v.Update(0, 1.0);
        v.Update(Seconds(2.5), 1.1);
        v.Update(Seconds(5), 1.1); // boundary 5 s sampled at 1.1: r = ln 1.1 seeds var = r² per 5 s
        double r = Math.Log(1.1);
        Assert.Equal(r * r / 5, v.VariancePerSecond, 15);
    }

    [Fact]
    public void Ignores_updates_that_go_back_in_time_or_are_not_prices()
    {
        var v = Make();
        v.Update(Seconds(3), 100);
        v.Update(Seconds(1), 200);
        v.Update(Seconds(3.5), double.NaN);
        v.Update(Seconds(3.6), -1);
        v.Update(Seconds(4.1), 100);
        Assert.Equal(1, v.Samples);
        Assert.Equal(0, v.VariancePerSample);
    }

    [Fact]
    public void Rejects_a_lambda_outside_zero_to_one()
    {
        var e = Assert.Single(new EwmaVolatilityOptions(TimeSpan.FromSeconds(1), Lambda: 1.0).Validate());
        Assert.Equal("mm.volatility.lambda", e.Key);
    }
}
