using Bookmaker.Operations.Metrics;

namespace Bookmaker.Operations.Tests;

public sealed class RoundTripSlaTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero).UtcTicks;

    private static long At(double seconds) => T0 + TimeSpan.FromSeconds(seconds).Ticks;

    [Fact]
    public void The_p95_is_the_upper_edge_of_its_5_ms_bucket_never_below_the_true_value()
    {
        var sla = new RoundTripSla(TimeSpan.FromMilliseconds(340), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        for (int i = 1; i <= 100; i++) sla.Record(At(1), i / 1000.0); // 1..100 ms: the true p95 is 95 ms

        sla.Evaluate(At(2));

        Assert.Equal(0.1, sla.LastP95!.Value, 6); // 95 ms lies in [95, 100): reported as 100 ms
    }

    [Fact]
    public void A_p95_above_the_line_breaks_the_sla_only_after_the_hold_time_and_recovers_when_back_under()
    {
        var sla = new RoundTripSla(TimeSpan.FromMilliseconds(340), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        bool changed = false;
        for (int s = 0; s < 300; s++)
        {
            sla.Record(At(s), 0.5);
            changed |= sla.Evaluate(At(s));
        }

        Assert.False(changed);
        Assert.False(sla.IsBreached);
        sla.Record(At(300), 0.5);
        Assert.True(sla.Evaluate(At(300)));
        Assert.True(sla.IsBreached);

        for (int s = 301; s < 420; s++)
        {
            sla.Record(At(s), 0.05);
            sla.Evaluate(At(s));
        }

        Assert.False(sla.IsBreached);
        Assert.Equal(0.055, sla.LastP95!.Value, 6); // 50 ms falls in [50, 55): the upper edge
    }

    [Fact]
    public void Samples_older_than_the_window_no_longer_count_and_no_samples_is_no_p95()
    {
        var sla = new RoundTripSla(TimeSpan.FromMilliseconds(340), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        sla.Record(At(0), 2.0);
        sla.Evaluate(At(1));
        Assert.NotNull(sla.LastP95);

        sla.Evaluate(At(120));

        Assert.Null(sla.LastP95);
    }

    [Fact]
    public void Recording_a_sample_allocates_nothing()
    {
        var sla = new RoundTripSla(TimeSpan.FromMilliseconds(340), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        sla.Record(At(0), 0.1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) sla.Record(At(i / 100.0), i % 500 / 1000.0);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
    }
}
