using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Tests.Kernel;

public class SimulatedTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fires_timers_in_due_order_and_ties_in_creation_order()
    {
        var clock = new SimulatedTimeProvider(Start);
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var first = clock.CreateTimer(_ => fired.Add("first"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var second = clock.CreateTimer(_ => fired.Add("second"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first", "second", "late"], fired);
    }

    [Fact]
    public void Callback_sees_the_clock_at_its_own_due_time()
    {
        var clock = new SimulatedTimeProvider(Start);
        DateTimeOffset seen = default;
        using var t = clock.CreateTimer(_ => seen = clock.GetUtcNow(), null, TimeSpan.FromMilliseconds(1500), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Start.AddMilliseconds(1500), seen);
        Assert.Equal(Start.AddSeconds(10), clock.GetUtcNow());
    }

    [Fact]
    public void Periodic_timer_fires_once_per_period()
    {
        var clock = new SimulatedTimeProvider(Start);
        int count = 0;
        using var t = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(10, count);
    }

    [Fact]
    public void Disposed_timer_never_fires()
    {
        var clock = new SimulatedTimeProvider(Start);
        bool fired = false;
        var t = clock.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        t.Dispose();

        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.False(fired);
        Assert.Null(clock.NextDue);
    }

    [Fact]
    public void Changed_timer_fires_only_at_its_new_time()
    {
        var clock = new SimulatedTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var t = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        t.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([Start.AddSeconds(3)], fired);
    }

    [Fact]
    public void Refuses_to_go_backwards()
    {
        var clock = new SimulatedTimeProvider(Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(Start.AddSeconds(-1)));
    }

    [Fact]
    public void Stopwatch_style_timestamps_follow_simulated_time()
    {
        var clock = new SimulatedTimeProvider(Start);
        long t0 = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(TimeSpan.FromMilliseconds(250), clock.GetElapsedTime(t0));
    }
}
