using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Tests.Risk;

public class ClockedTokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Grants_the_burst_then_refuses()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = new ClockedTokenBucket(clock, tokenLimit: 3, tokensPerPeriod: 1, TimeSpan.FromSeconds(1));

        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void Refills_by_whole_periods_of_the_injected_clock()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = new ClockedTokenBucket(clock, tokenLimit: 10, tokensPerPeriod: 2, TimeSpan.FromSeconds(1));
        for (int i = 0; i < 10; i++) bucket.AttemptAcquire();

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, bucket.Available);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, bucket.Available);
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(10, bucket.Available);
    }

    [Fact]
    public void Per_second_rate_spreads_tokens_evenly()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = ClockedTokenBucket.PerSecond(clock, ratePerSecond: 40, burst: 60);
        for (int i = 0; i < 60; i++) Assert.True(bucket.AttemptAcquire().IsAcquired);

        clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(10, bucket.Available);
    }

    [Fact]
    public void Debt_from_a_forced_debit_must_be_repaid_before_the_next_grant()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = new ClockedTokenBucket(clock, tokenLimit: 5, tokensPerPeriod: 1, TimeSpan.FromSeconds(1));
        bucket.ForceDebit(8);

        Assert.Equal(-3, bucket.Available);
        Assert.Equal(TimeSpan.FromSeconds(4), bucket.WaitFor(1));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(bucket.AttemptAcquire().IsAcquired);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void Statistics_count_granted_and_refused_leases()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = new ClockedTokenBucket(clock, 1, 1, TimeSpan.FromSeconds(1));
        bucket.AttemptAcquire();
        bucket.AttemptAcquire();

        var stats = bucket.GetStatistics()!;
        Assert.Equal(1, stats.TotalSuccessfulLeases);
        Assert.Equal(1, stats.TotalFailedLeases);
    }
}
