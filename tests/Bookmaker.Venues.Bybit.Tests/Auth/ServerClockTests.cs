using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Engine.Time;

namespace Bookmaker.Venues.Bybit.Tests.Auth;

/// <summary>The server-time estimate that keeps request timestamps inside Bybit's window whatever the local clock says.</summary>
public class ServerClockTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public void Timestamp_follows_a_server_running_ahead_of_the_local_clock()
    {
        var local = new SimulatedTimeProvider(Start);
        var clock = new BybitServerClock(local);
        long sent = clock.LocalNowMs();
        // The server is 3 s ahead; the round trip took 40 ms, so it read its clock at our +20 ms.
        Assert.True(clock.Observe(sent + 20 + 3000, sent, sent + 40));
        Assert.Equal(3000, clock.OffsetMs);
        long server = local.GetUtcNow().ToUnixTimeMilliseconds() + 3000;
        long ts = clock.TimestampMs();
        Assert.InRange(ts, server - 5000, server + 999);
    }

    [Fact]
    public void Timestamp_stays_inside_the_window_for_a_local_clock_two_minutes_fast()
    {
        var local = new SimulatedTimeProvider(Start);
        var clock = new BybitServerClock(local);
        long sent = clock.LocalNowMs();
        clock.Observe(sent - 120_000, sent, sent + 2);
        local.Advance(TimeSpan.FromSeconds(30));
        long server = local.GetUtcNow().ToUnixTimeMilliseconds() - 120_000;
        Assert.InRange(clock.TimestampMs(), server - 5000, server + 999);
    }

    [Fact]
    public void A_slower_observation_does_not_replace_a_faster_recent_one()
    {
        var local = new SimulatedTimeProvider(Start);
        var clock = new BybitServerClock(local);
        long t = clock.LocalNowMs();
        clock.Observe(t + 5 + 1000, t, t + 10);
        Assert.False(clock.Observe(t + 400 + 9000, t, t + 800));
        Assert.Equal(1000, clock.OffsetMs);
    }

    [Fact]
    public void After_invalidation_the_next_observation_wins_whatever_its_round_trip()
    {
        var local = new SimulatedTimeProvider(Start);
        var clock = new BybitServerClock(local);
        long t = clock.LocalNowMs();
        clock.Observe(t + 5 + 1000, t, t + 10);
        clock.Invalidate();
        Assert.True(clock.Observe(t + 400 + 9000, t, t + 800));
        Assert.Equal(9000, clock.OffsetMs);
    }

    [Fact]
    public void Timestamp_is_biased_into_the_past_by_the_safety_margin()
    {
        var local = new SimulatedTimeProvider(Start);
        var clock = new BybitServerClock(local) { SafetyMargin = TimeSpan.FromMilliseconds(250) };
        Assert.False(clock.IsSynced);
        Assert.Equal(local.GetUtcNow().ToUnixTimeMilliseconds() - 250, clock.TimestampMs());
    }

    [Fact]
    public void Nonsense_observations_are_ignored()
    {
        var clock = new BybitServerClock(new SimulatedTimeProvider(Start));
        Assert.False(clock.Observe(0, 10, 20));
        Assert.False(clock.Observe(1_700_000_000_000, 20, 10));
        Assert.False(clock.IsSynced);
    }
}
