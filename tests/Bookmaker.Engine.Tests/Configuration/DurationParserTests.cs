using Xunit;
using Bookmaker.Engine.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Engine.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("24h", 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("250ms", 0.25)]
    [InlineData("2d", 172800)]
    [InlineData("00:01:00", 60)]
    public void Parses_operator_durations(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    [InlineData("h")]
    [InlineData("1w")]
    public void Refuses_anything_else(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Format_round_trips_through_parse()
    {
        Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue).Select(ms => TimeSpan.FromMilliseconds(ms))),
            d => DurationParser.TryParse(DurationParser.Format(d), out var back) && back == d)
            .QuickCheckThrowOnFailure();
    }
}
