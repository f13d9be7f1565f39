using Bookmaker.Venues.Polymarket.Ws;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests.Ws;

public class AssetDataWatchdogTests
{
    private static readonly AssetWatchdogSettings Settings = new()
    {
        MinSilence = TimeSpan.FromSeconds(10),
        MaxSilence = TimeSpan.FromSeconds(60),
        RhythmFactor = 10,
        SnapshotGrace = TimeSpan.FromSeconds(5),
    };

    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static AssetDataWatchdog Live(params int[] indexes)
    {
        var w = new AssetDataWatchdog(indexes, Settings, 0);
        foreach (int i in indexes) w.OnLive(i, 0);
        return w;
    }

    private static List<int> Due(AssetDataWatchdog w, double atSeconds)
    {
        var due = new List<int>();
        w.CollectDue(S(atSeconds), due);
        return due;
    }

    [Fact]
    public void A_busy_market_learns_a_short_silence_limit_clamped_to_the_minimum()
    {
        var w = Live(0);
        for (int i = 1; i <= 20; i++) w.OnData(0, S(i * 0.1)); // every 100 ms

        Assert.Equal(TimeSpan.FromSeconds(10), w.SilenceLimit(0));
    }

    [Fact]
    public void A_quiet_market_may_stay_silent_up_to_the_maximum()
    {
        var w = Live(0);
        for (int i = 1; i <= 5; i++) w.OnData(0, S(i * 20)); // every 20 s

        Assert.Equal(TimeSpan.FromSeconds(60), w.SilenceLimit(0));
    }

    [Fact]
    public void A_market_silent_beyond_its_rhythm_is_due_while_its_neighbour_is_not()
    {
        var w = Live(0, 1);
        for (int i = 1; i <= 20; i++)
        {
            w.OnData(0, S(i * 0.1));
            w.OnData(1, S(i * 0.1));
        }

        for (int i = 1; i <= 200; i++) w.OnData(1, S(2 + (i * 0.1))); // market 1 keeps talking; market 0 stops at 2 s

        Assert.Empty(Due(w, 11.9));
        Assert.Equal([0], Due(w, 12.1));
    }

    [Fact]
    public void A_due_market_is_not_due_again_until_another_limit_has_passed()
    {
        var w = Live(0);
        for (int i = 1; i <= 20; i++) w.OnData(0, S(i * 0.1));

        Assert.Equal([0], Due(w, 12.5));
        Assert.Empty(Due(w, 13.5));
        Assert.Equal([0], Due(w, 22.6));
    }

    [Fact]
    public void A_book_waiting_for_its_snapshot_is_due_after_the_grace()
    {
        var w = Live(0);
        w.OnGated(0, S(1));

        Assert.Empty(Due(w, 5.9));
        Assert.Equal([0], Due(w, 6.1));
        Assert.True(w.IsGated(0));
    }
}
