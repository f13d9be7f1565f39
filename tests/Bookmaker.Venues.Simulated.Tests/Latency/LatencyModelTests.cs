using Bookmaker.Venues.Simulated.Latency;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Simulated.Tests.Latency;

public class LatencyModelTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)(ms * TimeSpan.TicksPerMillisecond));

    [Fact]
    public void Constant_model_always_returns_its_delay()
    {
        var model = new ConstantLatency(Ms(5));
        var rng = new Random(1);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(Ms(5), model.Draw(0, rng)));
    }

    [Fact]
    public void Uniform_model_stays_inside_its_range_and_reaches_both_halves()
    {
        var model = new UniformLatency(Ms(5), Ms(15));
        var rng = new Random(7);
        var draws = Enumerable.Range(0, 10_000).Select(_ => model.Draw(0, rng)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, Ms(5), Ms(15)));
        Assert.Contains(draws, d => d < Ms(6));
        Assert.Contains(draws, d => d > Ms(14));
    }

    [Fact]
    public void Lognormal_model_has_the_configured_median_and_is_never_negative()
    {
        var model = new LogNormalLatency(Ms(20), 0.5);
        var rng = new Random(42);
        var draws = Enumerable.Range(0, 20_001).Select(_ => model.Draw(0, rng)).Order().ToArray();
        Assert.True(draws[0] >= TimeSpan.Zero);
        Assert.InRange(draws[10_000].TotalMilliseconds, 19.4, 20.6);
        // sigma = 0.5: the 84th percentile is about median * e^0.5 = 33 ms.
        Assert.InRange(draws[(int)(0.8413 * 20_000)].TotalMilliseconds, 31.5, 34.5);
    }

    [Fact]
    public void Lognormal_model_with_zero_sigma_is_constant()
    {
        var model = new LogNormalLatency(Ms(20), 0);
        var rng = new Random(3);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(Ms(20), model.Draw(0, rng)));
    }

    [Fact]
    public void Empirical_model_interpolates_between_its_samples()
    {
        var model = new EmpiricalLatency([Ms(4), Ms(30), Ms(6)]);
        var rng = new Random(5);
        var draws = Enumerable.Range(0, 10_000).Select(_ => model.Draw(0, rng)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, Ms(4), Ms(30)));
        // half the mass lies between the two lowest samples (4..6 ms), half between 6 and 30 ms.
        double belowSix = draws.Count(d => d <= Ms(6)) / 10_000.0;
        Assert.InRange(belowSix, 0.47, 0.53);
    }

    [Fact]
    public void Interpolated_model_follows_the_recorded_series_over_time()
    {
        var model = new InterpolatedLatency([(1000, Ms(10)), (3000, Ms(30))]);
        var rng = new Random(1);
        Assert.Equal(Ms(10), model.Draw(0, rng));
        Assert.Equal(Ms(20), model.Draw(2000, rng));
        Assert.Equal(Ms(30), model.Draw(9999, rng));
    }

    [Fact]
    public void Same_seed_gives_the_same_draws()
    {
        var model = LatencyProfile.ParseModel("lognormal:20ms:0.5");
        var a = new LatencyChannel(model, 11);
        var b = new LatencyChannel(model, 11);
        for (int i = 0; i < 1000; i++) Assert.Equal(a.Schedule(i * 10_000), b.Schedule(i * 10_000));
    }

    [Fact]
    public void Spec_durations_round_trip_through_format()
    {
        Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue).Select(t => TimeSpan.FromTicks(t * 3L))),
            d => SpecDuration.TryParse(SpecDuration.Format(d), out var back) && back == d)
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("250us", 2_500)]
    [InlineData("5ms", 50_000)]
    [InlineData("1.5s", 15_000_000)]
    [InlineData("2m", 1_200_000_000)]
    public void Spec_durations_parse_with_units(string text, long ticks)
    {
        Assert.True(SpecDuration.TryParse(text, out var d));
        Assert.Equal(ticks, d.Ticks);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("ms")]
    [InlineData("-5ms")]
    [InlineData("5 parsecs")]
    [InlineData("00:00:01")]
    [InlineData("0.01us")]
    public void Spec_durations_refuse_anything_else(string text) => Assert.False(SpecDuration.TryParse(text, out _));
}
