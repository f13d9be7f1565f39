using Bookmaker.Engine.Alerts;

namespace Bookmaker.Engine.Tests.Alerts;

public sealed class FeedStalenessWatchTests
{
    private static OperationalWatchOptions Options => new() { FeedStaleAfter = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Warns_when_a_venue_sends_no_market_data_for_feed_stale_after()
    {
        using var f = new WatchFixture(Options);
        f.MarketData();

        f.Run(TimeSpan.FromSeconds(29));
        Assert.Null(f.Active(FeedStalenessWatch.Code, WatchFixture.Venue));
        f.Run(TimeSpan.FromSeconds(2));

        var alert = f.Active(FeedStalenessWatch.Code, WatchFixture.Venue);
        Assert.Equal(AlertSeverity.Warning, alert?.Severity);
        Assert.Contains("no market data", alert!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_venue_that_never_sends_data_is_stale_too()
    {
        using var f = new WatchFixture(Options);

        f.Run(TimeSpan.FromSeconds(31));

        Assert.NotNull(f.Active(FeedStalenessWatch.Code, WatchFixture.Venue));
    }

    [Fact]
    public void Clears_feed_stale_when_data_arrives_again()
    {
        using var f = new WatchFixture(Options);
        f.Run(TimeSpan.FromSeconds(31));

        f.MarketData();
        f.Run(TimeSpan.FromMilliseconds(250));

        Assert.Null(f.Active(FeedStalenessWatch.Code, WatchFixture.Venue));
        Assert.False(f.Engine.Watch.Feed.IsStale(WatchFixture.Venue));
    }

    [Fact]
    public void Data_arriving_far_behind_the_venue_clock_is_stale()
    {
        using var f = new WatchFixture(Options);
        f.MarketData();
        // From now on every message is an hour old when it arrives (a stalled stream delivering its backlog).
        for (int i = 0; i < 20; i++)
        {
            f.Run(TimeSpan.FromSeconds(5));
            f.MarketData(venueAge: TimeSpan.FromHours(1));
        }

        var alert = f.Active(FeedStalenessWatch.Code, WatchFixture.Venue);
        Assert.NotNull(alert);
        Assert.Contains("behind the venue's clock", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_offset_between_the_venue_clock_and_ours_is_not_staleness()
    {
        using var f = new WatchFixture(Options);
        // The venue's clock runs two minutes behind ours, steadily: its data is fresh all the same.
        for (int i = 0; i < 20; i++)
        {
            f.MarketData(venueAge: TimeSpan.FromMinutes(2));
            f.Run(TimeSpan.FromSeconds(5));
        }

        Assert.Null(f.Active(FeedStalenessWatch.Code, WatchFixture.Venue));
    }
}
