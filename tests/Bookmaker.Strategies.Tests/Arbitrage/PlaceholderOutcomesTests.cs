using Bookmaker.Strategies.Arbitrage;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class PlaceholderOutcomesTests
{
    [Theory]
    [InlineData("Other")]
    [InlineData(" other ")]
    [InlineData("Another")]
    [InlineData("Field")]
    [InlineData("Person X")]
    [InlineData("Player A")]
    [InlineData("Candidate 3")]
    [InlineData("Other candidate")]
    [InlineData("")]
    [InlineData(null)]
    public void Placeholder_and_catch_all_names_are_recognised(string? name) =>
        Assert.True(PlaceholderOutcomes.IsPlaceholder(name));

    [Theory]
    [InlineData("Donald Trump")]
    [InlineData("Otherworld FC")]
    [InlineData("Malcolm X")]
    [InlineData("Team Liquid")]
    public void Real_names_are_not_placeholders(string name) =>
        Assert.False(PlaceholderOutcomes.IsPlaceholder(name));
}
