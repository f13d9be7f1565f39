using Bookmaker.Venues.Simulated.Faults;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Simulated.Tests.Faults;

public class FaultSpecTests
{
    [Fact]
    public void Parses_the_documented_example()
    {
        var spec = FaultSpec.Parse("cancel_all.error=0.5,order.timeout=0.05,feed.drop=0.01");
        Assert.Equal(3, spec.Rules.Count);
        var rule = spec.Rules.Single(r => r.Endpoint == FaultEndpoint.CancelAll);
        Assert.Equal((FaultKind.Error, 0.5), (rule.Decision.Kind, rule.Probability));
    }

    [Fact]
    public void Reads_parameters_of_each_kind()
    {
        var spec = FaultSpec.Parse("order.restart=0.01:30s,cancel_all.partial=0.3:0.25,feed.reorder=0.001:3,order.ratelimit=0.02:1500ms");
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Rules.Single(r => r.Decision.Kind == FaultKind.Restart).Decision.Duration);
        Assert.Equal(0.25, spec.Rules.Single(r => r.Decision.Kind == FaultKind.Partial).Decision.Fraction);
        Assert.Equal(3, spec.Rules.Single(r => r.Decision.Kind == FaultKind.Reorder).Decision.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), spec.Rules.Single(r => r.Decision.Kind == FaultKind.RateLimit).Decision.Duration);
    }

    [Fact]
    public void Missing_parameters_take_the_defaults()
    {
        var spec = FaultSpec.Parse("order.restart=0.01,batch.partial=0.1,feed.stale=0.01");
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Rules.Single(r => r.Decision.Kind == FaultKind.Restart).Decision.Duration);
        Assert.Equal(0.5, spec.Rules.Single(r => r.Decision.Kind == FaultKind.Partial).Decision.Fraction);
        Assert.Equal(TimeSpan.FromSeconds(5), spec.Rules.Single(r => r.Decision.Kind == FaultKind.Stale).Decision.Duration);
    }

    [Fact]
    public void Empty_spec_means_no_faults()
    {
        Assert.True(FaultSpec.Parse("").IsEmpty);
        Assert.True(FaultSpec.Parse(null).IsEmpty);
        Assert.Equal("", FaultSpec.None.ToString());
    }

    [Fact]
    public void ToString_is_canonical_and_parses_back_to_the_same_spec()
    {
        var spec = FaultSpec.Parse("feed.drop=0.01, order.timeout=0.05 ,cancel_all.error=0.5,order.restart=0.01");
        Assert.Equal("order.restart=0.01:30s,order.timeout=0.05,cancel_all.error=0.5,feed.drop=0.01", spec.ToString());
        Assert.Equal(spec.Rules, FaultSpec.Parse(spec.ToString()).Rules);
    }

    [Fact]
    public void Any_valid_spec_round_trips_through_ToString()
    {
        var valid = (from e in Enum.GetValues<FaultEndpoint>()
                     from k in Enum.GetValues<FaultKind>()
                     where FaultSpec.AppliesTo(e, k)
                     select (e, k)).ToArray();
        var gen = Gen.SubListOf(valid).SelectMany(pairs =>
            Gen.Choose(0, 1000).ArrayOf(pairs.Count).Select(ps => pairs.Zip(ps, (pair, p) =>
            {
                string param = FaultSpec.ParameterKindOf(pair.k) switch
                {
                    FaultParameterKind.Duration => ":" + (p + 1) + "ms",
                    FaultParameterKind.Fraction => ":" + (p / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    FaultParameterKind.Count => ":" + (p % 9 + 1),
                    _ => "",
                };
                // Probabilities small enough that an endpoint's faults never add up past 1.
                return $"{FaultSpec.EndpointName(pair.e)}.{FaultSpec.FaultName(pair.k)}={(p / 20_000.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}{param}";
            }).ToArray()));
        Prop.ForAll(gen.ToArbitrary(), tokens =>
        {
            var spec = FaultSpec.Parse(string.Join(',', tokens));
            var again = FaultSpec.Parse(spec.ToString());
            return again.Rules.SequenceEqual(spec.Rules) && again.ToString() == spec.ToString() && spec.Rules.Count == tokens.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("order.timeout=0.05,orders.error=0.1", "orders.error=0.1", "unknown endpoint 'orders'")]
    [InlineData("order.explode=0.1", "order.explode=0.1", "unknown fault 'explode'")]
    [InlineData("order.drop=0.1", "order.drop=0.1", "does not apply to endpoint 'order'")]
    [InlineData("feed.error=0.1", "feed.error=0.1", "does not apply to endpoint 'feed'")]
    [InlineData("cancel.partial=0.1", "cancel.partial=0.1", "does not apply")]
    [InlineData("order.error=1.5", "order.error=1.5", "probability '1.5'")]
    [InlineData("order.error=abc", "order.error=abc", "probability 'abc'")]
    [InlineData("order.error", "order.error", "expected <endpoint>.<fault>=<probability>")]
    [InlineData("ordererror=0.1", "ordererror=0.1", "must be <endpoint>.<fault>")]
    [InlineData("order.restart=0.1:30", "order.restart=0.1:30", "'30' is not a positive duration")]
    [InlineData("cancel_all.partial=0.1:2", "cancel_all.partial=0.1:2", "fraction '2'")]
    [InlineData("feed.reorder=0.1:0", "feed.reorder=0.1:0", "count '0'")]
    [InlineData("order.error=0.1:5s", "order.error=0.1:5s", "takes no parameter")]
    [InlineData("order.error=0.1,order.error=0.2", "order.error=0.2", "given twice")]
    [InlineData("order.error=0.6,order.timeout=0.5", "order.timeout=0.5", "add up to 1.1")]
    [InlineData("order.error=0.1,,feed.drop=0.1", "", "empty token")]
    [InlineData("cancel_all.partial=0.1:NaN", "cancel_all.partial=0.1:NaN", "fraction 'NaN'")]
    [InlineData("cancel_all.partial=0.1:Infinity", "cancel_all.partial=0.1:Infinity", "fraction 'Infinity'")]
    [InlineData("cancel_all.partial=0.1:-0.5", "cancel_all.partial=0.1:-0.5", "fraction '-0.5'")]
    [InlineData("order.error=NaN", "order.error=NaN", "probability 'NaN'")]
    [InlineData("order.error=-Infinity", "order.error=-Infinity", "probability '-Infinity'")]
    [InlineData("order.error=-0.1", "order.error=-0.1", "probability '-0.1'")]
    [InlineData("order.restart=0.1:NaNs", "order.restart=0.1:NaNs", "'NaNs' is not a positive duration")]
    [InlineData("order.restart=0.1:-5s", "order.restart=0.1:-5s", "'-5s' is not a positive duration")]
    [InlineData("feed.reorder=0.1:-1", "feed.reorder=0.1:-1", "count '-1'")]
    public void Refuses_bad_specs_naming_the_bad_token(string spec, string token, string rule)
    {
        var e = Assert.Throws<FaultSpecException>(() => FaultSpec.Parse(spec));
        Assert.Equal(token, e.Token);
        Assert.Contains($"'{token}'", e.Message);
        Assert.Contains(rule, e.Message);
        Assert.False(FaultSpec.TryParse(spec, out _, out string? error));
        Assert.Equal(e.Message, error);
    }

    [Fact]
    public void Help_text_lists_every_endpoint_and_every_fault_with_an_example()
    {
        string help = FaultSpec.HelpText;
        foreach (var e in Enum.GetValues<FaultEndpoint>()) Assert.Contains("  " + FaultSpec.EndpointName(e) + " ", help);
        foreach (var k in Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None)) Assert.Contains("  " + FaultSpec.FaultName(k) + " ", help);
        Assert.Contains("e.g. cancel_all.", help);
        // Every example in the help text parses.
        foreach (string line in help.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("e.g. ", StringComparison.Ordinal)))
            FaultSpec.Parse(line["e.g. ".Length..]);
    }

    [Fact]
    public void Every_endpoint_accepts_at_least_one_fault()
    {
        foreach (var e in Enum.GetValues<FaultEndpoint>()) Assert.NotEmpty(FaultSpec.FaultsFor(e));
    }
}
