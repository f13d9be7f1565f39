using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Synthetic;

public class DeterminismTests
{
    private static List<string> Session(int seed)
    {
        var (h, _, _) = SyntheticRun.Create(seed, faults: "order.timeout=0.05,order.error=0.05,feed.drop=0.01,user_feed.duplicate=0.02,cancel_all.partial=0.3:0.5");
        SyntheticRun.Script(h);
        h.StartVenue();
        h.Run(TimeSpan.FromMinutes(2));
        return h.Log;
    }

    [Fact]
    public void Same_seed_gives_an_identical_event_log()
    {
        var a = Session(42);
        var b = Session(42);
        Assert.True(a.Count > 2000, $"{a.Count} events");
        Assert.Contains(a, l => l.Contains(" er Filled ", StringComparison.Ordinal));
        Assert.Contains(a, l => l.Contains(" fail ", StringComparison.Ordinal));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_seed_gives_a_different_event_log()
    {
        Assert.NotEqual(Session(42), Session(43));
    }
}
