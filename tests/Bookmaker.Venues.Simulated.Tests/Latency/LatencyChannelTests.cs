using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Tests.Latency;

public class LatencyChannelTests
{
    /// <summary>Plays back a fixed list of delays, to force a later message to draw a shorter delay.</summary>
    private sealed class ScriptedLatency(params long[] ticks) : ILatencyModel
    {
        private int _i;

        public TimeSpan Draw(long sendTimeTicks, Random random) => TimeSpan.FromTicks(ticks[_i++ % ticks.Length]);

        public override string ToString() => "scripted";
    }

    [Fact]
    public void Later_message_with_shorter_draw_is_delivered_after_the_earlier_one()
    {
        var channel = new LatencyChannel(new ScriptedLatency(100, 10), seed: 1);
        long first = channel.Schedule(0);    // due 100
        long second = channel.Schedule(20);  // drew 10 -> 30, but must wait behind the first
        Assert.Equal(100, first);
        Assert.Equal(100, second);
    }

    [Fact]
    public void Message_is_delivered_at_send_plus_draw_when_the_channel_is_clear()
    {
        var channel = new LatencyChannel(new ScriptedLatency(100, 10), seed: 1);
        channel.Schedule(0);
        Assert.Equal(510, channel.Schedule(500));
    }

    [Fact]
    public void Deliveries_never_go_backwards_and_never_precede_the_send()
    {
        var channel = new LatencyChannel(LatencyProfile.ParseModel("lognormal:5ms:1.5"), seed: 9);
        var rng = new Random(2);
        long send = 0, last = long.MinValue;
        for (int i = 0; i < 50_000; i++)
        {
            send += rng.Next(0, 20_000);
            long due = channel.Schedule(send);
            Assert.True(due >= send);
            Assert.True(due >= last);
            last = due;
        }
    }

    [Fact]
    public void Negative_draws_from_a_custom_model_are_treated_as_zero()
    {
        var channel = new LatencyChannel(new ScriptedLatency(-50), seed: 1);
        Assert.Equal(1000, channel.Schedule(1000));
    }

    [Fact]
    public void Reset_forgets_messages_in_flight()
    {
        var channel = new LatencyChannel(new ScriptedLatency(1000, 1), seed: 1);
        channel.Schedule(0);
        channel.Reset();
        Assert.Equal(11, channel.Schedule(10));
    }
}
