using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Flow;
using Bookmaker.Venues.Simulated.Tests.Adapter;

namespace Bookmaker.Venues.Simulated.Tests.Flow;

/// <summary>
/// News in the profile flow (issue 15): informed orders trade on it before it is public; once public, the makers learn
/// it within their reaction delay — not through their one-second lag — and take what it made stale before re-quoting.
/// </summary>
public sealed class NewsFlowTests
{
    private static (VenueHarness Harness, ProfileFlow Flow) Liquid(int seed)
    {
        var clock = new SimulatedTimeProvider(VenueHarness.Start);
        var scenario = new ProfileScenario(BuiltInProfiles.Find("liquid")!, seed, markets: 1);
        var (venue, flow) = scenario.CreateVenue(clock, new SimulatedVenueOptions { Seed = seed, Latency = scenario.Latency });
        return (new VenueHarness(venue, clock), flow);
    }

    /// <summary>A liquid market settled for 30 s, then news of +5 ticks made public now; the mid just before it.</summary>
    private static (VenueHarness Harness, FlowMarket Market, double MidBefore) FiveTicksOfNews(int seed)
    {
        var (h, flow) = Liquid(seed);
        h.StartVenue();
        h.Run(TimeSpan.FromSeconds(30));
        var m = flow.Markets[0];
        double before = Mid(m);
        m.ScheduleNews(5 * m.Tick, h.Clock.GetUtcNow().UtcTicks);
        return (h, m, before);
    }

    private static double Mid(FlowMarket m)
    {
        var (bid, ask) = m.Touch();
        return (bid + ask) / 2.0 / FixedPoint.Scale;
    }

    [Fact]
    public void Scheduled_news_moves_the_value_only_when_it_becomes_public()
    {
        var (h, flow) = Liquid(5);
        h.StartVenue();
        h.Run(TimeSpan.FromSeconds(1));
        var m = flow.Markets[0];
        long now = h.Clock.GetUtcNow().UtcTicks;
        double value = m.Value;

        m.ScheduleNews(0.03, now + TimeSpan.TicksPerSecond);
        m.ReleaseNews(now);
        Assert.Equal(value, m.Value);

        m.ReleaseNews(now + TimeSpan.TicksPerSecond);
        Assert.Equal(value + 0.03, m.Value, 12);
        Assert.Equal(0.03, m.News, 12);
    }

    [Fact]
    public void Makers_move_the_touch_to_public_news_within_their_reaction_delay()
    {
        var (h, m, before) = FiveTicksOfNews(6);
        h.RunMs(300);

        // The makers' lagged estimate never carries news (it records the value without it): only the news path moves
        // the touch this soon.
        Assert.True(Mid(m) >= before + m.Tick, $"mid {before} -> {Mid(m)}");
    }

    [Fact]
    public void The_book_takes_the_whole_news_once_the_makers_have_refreshed()
    {
        var (h, m, before) = FiveTicksOfNews(6);
        h.Run(TimeSpan.FromSeconds(5));

        // Deeper quotes a tick or three behind the old touch follow at each maker's next refresh (about every 2 s).
        Assert.True(Mid(m) >= before + 4 * m.Tick, $"mid {before} -> {Mid(m)}");
    }

    [Fact]
    public void The_first_makers_to_learn_news_take_the_quotes_it_made_stale()
    {
        var (h, _, _) = FiveTicksOfNews(7);
        int tradesBefore = h.MarketData.Count(e => e.Kind == MarketDataKind.Trade);

        h.RunMs(300);

        Assert.True(h.MarketData.Count(e => e.Kind == MarketDataKind.Trade) > tradesBefore, "no trade after the news");
    }
}
