using Bookmaker.Venues.Simulated.Faults;

namespace Bookmaker.Venues.Simulated.Tests.Faults;

public class FaultInjectorTests
{
    private static readonly FaultSpec Spec = FaultSpec.Parse(
        "order.timeout=0.05,order.error=0.1,order.late=0.02:10s,cancel_all.partial=0.3:0.5,feed.drop=0.01,feed.duplicate=0.005");

    private static FaultDecision[] Draw(FaultInjector injector, FaultEndpoint endpoint, int n) =>
        Enumerable.Range(0, n).Select(_ => injector.Decide(endpoint)).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_decisions()
    {
        Assert.Equal(Draw(new FaultInjector(Spec, 42), FaultEndpoint.Order, 5000), Draw(new FaultInjector(Spec, 42), FaultEndpoint.Order, 5000));
    }

    [Fact]
    public void Different_seeds_give_different_decisions()
    {
        Assert.NotEqual(Draw(new FaultInjector(Spec, 1), FaultEndpoint.Order, 5000), Draw(new FaultInjector(Spec, 2), FaultEndpoint.Order, 5000));
    }

    [Fact]
    public void Feed_volume_does_not_shift_decisions_on_orders()
    {
        var quiet = new FaultInjector(Spec, 7);
        var busy = new FaultInjector(Spec, 7);
        var a = new List<FaultDecision>();
        var b = new List<FaultDecision>();
        for (int i = 0; i < 1000; i++)
        {
            a.Add(quiet.Decide(FaultEndpoint.Order));
            for (int j = 0; j < i % 7; j++) busy.Decide(FaultEndpoint.Feed);
            b.Add(busy.Decide(FaultEndpoint.Order));
        }

        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(FaultEndpoint.Order, FaultKind.Timeout, 0.05)]
    [InlineData(FaultEndpoint.Order, FaultKind.Error, 0.1)]
    [InlineData(FaultEndpoint.Order, FaultKind.Late, 0.02)]
    [InlineData(FaultEndpoint.CancelAll, FaultKind.Partial, 0.3)]
    [InlineData(FaultEndpoint.Feed, FaultKind.Drop, 0.01)]
    [InlineData(FaultEndpoint.Feed, FaultKind.Duplicate, 0.005)]
    public void Observed_rate_over_100k_draws_matches_the_spec(FaultEndpoint endpoint, FaultKind kind, double p)
    {
        const int n = 100_000;
        var injector = new FaultInjector(Spec, 2024);
        int hits = 0;
        for (int i = 0; i < n; i++) if (injector.Decide(endpoint).Kind == kind) hits++;
        double sigma = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(hits / (double)n, p - 5 * sigma, p + 5 * sigma);
    }

    [Fact]
    public void Decisions_carry_the_parameters_of_the_rule()
    {
        var injector = new FaultInjector(FaultSpec.Parse("order.late=1:10s,cancel_all.partial=1:0.25"), 1);
        Assert.Equal(new FaultDecision(FaultKind.Late, TimeSpan.FromSeconds(10)), injector.Decide(FaultEndpoint.Order));
        Assert.Equal(0.25, injector.Decide(FaultEndpoint.CancelAll).Fraction);
    }

    [Fact]
    public void Endpoints_without_rules_never_fault()
    {
        var injector = new FaultInjector(Spec, 3);
        Assert.All(Draw(injector, FaultEndpoint.Heartbeat, 1000), d => Assert.False(d.IsFault));
    }

    [Fact]
    public void Zero_probability_never_fires_and_one_always_fires()
    {
        var injector = new FaultInjector(FaultSpec.Parse("order.error=0,cancel.timeout=1"), 3);
        Assert.All(Draw(injector, FaultEndpoint.Order, 10_000), d => Assert.Equal(FaultKind.None, d.Kind));
        Assert.All(Draw(injector, FaultEndpoint.Cancel, 10_000), d => Assert.Equal(FaultKind.Timeout, d.Kind));
    }
}
