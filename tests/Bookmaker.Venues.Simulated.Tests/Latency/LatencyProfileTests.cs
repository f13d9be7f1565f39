using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Tests.Latency;

public class LatencyProfileTests
{
    [Fact]
    public void Parses_the_three_channels()
    {
        var p = LatencyProfile.Parse("feed=const:5ms,entry=lognormal:20ms:0.5,response=uniform:5ms:15ms");
        Assert.Equal(TimeSpan.FromMilliseconds(5), Assert.IsType<ConstantLatency>(p.Feed).Delay);
        var entry = Assert.IsType<LogNormalLatency>(p.Entry);
        Assert.Equal(TimeSpan.FromMilliseconds(20), entry.Median);
        Assert.Equal(0.5, entry.Sigma);
        var response = Assert.IsType<UniformLatency>(p.Response);
        Assert.Equal(TimeSpan.FromMilliseconds(15), response.Max);
    }

    [Fact]
    public void Channels_left_out_have_no_delay()
    {
        var p = LatencyProfile.Parse("entry=const:1ms");
        Assert.Equal(TimeSpan.Zero, p.Feed.Draw(0, new Random(1)));
        Assert.Equal(TimeSpan.Zero, p.Response.Draw(0, new Random(1)));
    }

    [Theory]
    [InlineData("feed=const:5ms,entry=lognormal:20ms:0.5,response=uniform:5ms:15ms")]
    [InlineData("feed=empirical:4ms|6ms|30ms,entry=const:250us,response=const:0ms")]
    public void ToString_round_trips(string spec)
    {
        var p = LatencyProfile.Parse(spec);
        Assert.Equal(spec, p.ToString());
        Assert.Equal(spec, LatencyProfile.Parse(p.ToString()).ToString());
    }

    [Theory]
    [InlineData("feed=const:5", "feed=const:5")]
    [InlineData("feed=gauss:5ms", "unknown model 'gauss'")]
    [InlineData("wire=const:5ms", "unknown channel 'wire'")]
    [InlineData("feed=const:5ms,feed=const:6ms", "given twice")]
    [InlineData("feed", "expected <channel>=<model>")]
    [InlineData("entry=uniform:9ms:2ms", "below min")]
    [InlineData("entry=lognormal:20ms:-1", "sigma '-1'")]
    [InlineData("entry=lognormal:20ms", "lognormal takes a median and a sigma")]
    public void Refuses_bad_specs_naming_the_token(string spec, string expected)
    {
        var e = Assert.Throws<FormatException>(() => LatencyProfile.Parse(spec));
        Assert.Contains(expected, e.Message);
        Assert.Contains("latency token", e.Message);
    }

    [Fact]
    public void Channels_draw_from_independent_streams()
    {
        var p = LatencyProfile.Parse("feed=uniform:0ms:100ms,entry=uniform:0ms:100ms");
        var (feed, entry, _) = p.CreateChannels(3);
        var (feed2, _, _) = p.CreateChannels(3);
        var a = Enumerable.Range(0, 20).Select(i => feed.Schedule(i * 10_000_000L)).ToArray();
        var b = Enumerable.Range(0, 20).Select(i => entry.Schedule(i * 10_000_000L)).ToArray();
        var c = Enumerable.Range(0, 20).Select(i => feed2.Schedule(i * 10_000_000L)).ToArray();
        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
    }
}
