using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using FsCheck;
using FsCheck.Fluent;

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

    [Fact]
    public void A_take_larger_than_the_burst_is_refused_for_ever_without_touching_the_balance()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = new ClockedTokenBucket(clock, tokenLimit: 5, tokensPerPeriod: 1, TimeSpan.FromSeconds(1));

        Assert.False(bucket.TryTake(6, out var retryAfter));

        Assert.Equal(TimeSpan.MaxValue, retryAfter);
        Assert.Equal(5, bucket.Available);
        Assert.Equal(1, bucket.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public void A_granted_take_reports_no_wait_and_lowers_the_balance()
    {
        var clock = new SimulatedTimeProvider(Start);
        var bucket = ClockedTokenBucket.PerSecond(clock, ratePerSecond: 1, burst: 2);

        Assert.True(bucket.TryTake(2, out var retryAfter));
        Assert.Equal(TimeSpan.Zero, retryAfter);
        Assert.False(bucket.TryTake(1, out retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        Assert.Equal(0, bucket.Available);
    }

    [Fact]
    public void A_refused_take_succeeds_exactly_when_its_retry_after_has_passed()
    {
        // Any history of takes, debts and clock steps; then a request within the burst is refused only until the
        // promised wait has elapsed, to the tick.
        Prop.ForAll(Shapes.ToArbitrary(), Histories.ToArbitrary(), (shape, history) =>
        {
            var (clock, bucket) = Build(shape);
            Replay(clock, bucket, history);
            int cost = 1 + (int)((uint)history.Length % (uint)shape.Limit);
            if (bucket.TryTake(cost, out var retryAfter)) return retryAfter == TimeSpan.Zero;

            bool positive = retryAfter > TimeSpan.Zero && retryAfter != TimeSpan.MaxValue;
            clock.Advance(retryAfter - TimeSpan.FromTicks(1));
            bool stillRefused = !bucket.TryTake(cost, out _);
            clock.Advance(TimeSpan.FromTicks(1));
            return positive && stillRefused && bucket.TryTake(cost, out var none) && none == TimeSpan.Zero;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_balance_never_exceeds_the_burst_and_a_forced_debit_lowers_it_by_its_size()
    {
        Prop.ForAll(Shapes.ToArbitrary(), Histories.ToArbitrary(), (shape, history) =>
        {
            var (clock, bucket) = Build(shape);
            foreach (var (kind, amount) in history)
            {
                long before = bucket.Available;
                Apply(clock, bucket, kind, amount);
                if (bucket.Available > shape.Limit) return false;
                if (kind == Op.Debit && bucket.Available != before - amount) return false;
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    private enum Op
    {
        Take,
        Debit,
        Advance,
    }

    private sealed record Shape(int Limit, int PerPeriod, long PeriodTicks);

    private static readonly Gen<Shape> Shapes =
        from limit in Gen.Choose(1, 50)
        from perPeriod in Gen.Choose(1, 5)
        from periodMs in Gen.Choose(1, 2000)
        select new Shape(limit, perPeriod, TimeSpan.FromMilliseconds(periodMs).Ticks + periodMs % 7);

    private static readonly Gen<(Op Kind, int Amount)[]> Histories =
        Gen.ArrayOf(
            from kind in Gen.Elements(Op.Take, Op.Debit, Op.Advance)
            from amount in Gen.Choose(0, 60)
            select (kind, amount));

    private static (SimulatedTimeProvider Clock, ClockedTokenBucket Bucket) Build(Shape shape)
    {
        var clock = new SimulatedTimeProvider(Start);
        return (clock, new ClockedTokenBucket(clock, shape.Limit, shape.PerPeriod, TimeSpan.FromTicks(shape.PeriodTicks)));
    }

    private static void Replay(SimulatedTimeProvider clock, ClockedTokenBucket bucket, (Op Kind, int Amount)[] history)
    {
        foreach (var (kind, amount) in history) Apply(clock, bucket, kind, amount);
    }

    private static void Apply(SimulatedTimeProvider clock, ClockedTokenBucket bucket, Op kind, int amount)
    {
        switch (kind)
        {
            case Op.Take:
                bucket.TryTake(amount, out _);
                break;
            case Op.Debit:
                bucket.ForceDebit(amount);
                break;
            default:
                clock.Advance(TimeSpan.FromMilliseconds(amount * 37));
                break;
        }
    }
}
