using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Flow;
using Bookmaker.Venues.Simulated.Tests.Adapter;

namespace Bookmaker.Venues.Simulated.Tests.Flow;

public sealed class ProfileFlowTests
{
    private static (VenueHarness Harness, ProfileFlow Flow) Create(string profile, int seed, int markets = 2)
    {
        var clock = new SimulatedTimeProvider(VenueHarness.Start);
        var scenario = new ProfileScenario(BuiltInProfiles.Find(profile)!, seed, markets);
        var (venue, flow) = scenario.CreateVenue(clock, new SimulatedVenueOptions { Seed = seed, Latency = scenario.Latency });
        return (new VenueHarness(venue, clock), flow);
    }

    [Theory]
    [InlineData("liquid")]
    [InlineData("thin")]
    [InlineData("crypto")]
    public void Built_in_profiles_load_from_the_assembly(string name)
    {
        var profile = BuiltInProfiles.Find(name);
        Assert.NotNull(profile);
        Assert.Equal(name, profile.Name);
        Assert.Equal(FlowProfile.CurrentSchema, profile.Schema);
    }

    [Fact]
    public void Unknown_profile_name_is_not_a_built_in() => Assert.Null(BuiltInProfiles.Find("nonesuch"));

    [Fact]
    public void Profile_of_another_schema_is_refused_naming_the_schema()
    {
        string json = BuiltInProfiles.Find("liquid")!.ToJson().Replace(FlowProfile.CurrentSchema, "bookmaker.flow-profile/9", StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => FlowProfile.FromJson(json, "x.json"));
        Assert.Contains("bookmaker.flow-profile/9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_round_trips_through_json()
    {
        var profile = BuiltInProfiles.Find("crypto")!;
        var again = FlowProfile.FromJson(profile.ToJson(), "again");
        Assert.Equal(profile.ToJson(), again.ToJson());
    }

    [Theory]
    [InlineData("liquid")]
    [InlineData("thin")]
    public void Newcomer_sees_two_sided_snapshots_at_start(string profile)
    {
        var (h, _) = Create(profile, 3);
        h.StartVenue();
        h.Run(TimeSpan.FromSeconds(1));
        var snaps = h.MarketData.Where(e => e.Kind == MarketDataKind.Snapshot).ToList();
        Assert.Equal(h.Venue.Instruments.Count, snaps.Count);
        Assert.All(snaps, s => Assert.True(s.Snapshot!.Bids.Count > 0 && s.Snapshot.Asks.Count > 0, "two-sided"));
    }

    [Fact]
    public void Liquid_profile_book_stays_two_sided_and_trades_over_ten_minutes()
    {
        var (h, _) = Create("liquid", 4);
        h.StartVenue();
        int oneSided = 0;
        for (int s = 0; s < 600; s++)
        {
            h.Run(TimeSpan.FromSeconds(1));
            var book = h.Venue.Engine.Markets[0];
            if (!book.TryGetBestBid(out _, out _) || !book.TryGetBestAsk(out _, out _)) oneSided++;
        }

        Assert.True(oneSided <= 6, $"one-sided in {oneSided} of 600 seconds");
        Assert.Contains(h.MarketData, e => e.Kind == MarketDataKind.Trade);
    }

    [Fact]
    public void Same_seed_gives_the_same_market_data_and_another_seed_does_not()
    {
        static string Run(int seed)
        {
            var (h, _) = Create("liquid", seed);
            h.StartVenue();
            h.Run(TimeSpan.FromMinutes(3));
            return string.Join('\n', h.MarketData.Select(e => $"{e.Kind} {e.InstrumentIndex} {e.Side} {e.Price} {e.Size} {e.ReceiveTimeTicks}"));
        }

        Assert.Equal(Run(9), Run(9));
        Assert.NotEqual(Run(9), Run(10));
    }

    [Fact]
    public void Resting_maker_keeps_its_order_while_its_price_does_not_change()
    {
        // A maker's refresh that lands on the same price leaves the order (and its queue place) alone: over a calm
        // minute the agents submit far fewer orders than they re-quote.
        var (h, flow) = Create("liquid", 5, markets: 1);
        h.StartVenue();
        h.Run(TimeSpan.FromMinutes(1));
        long submitted = flow.Desk.OrdersSubmitted;
        Assert.True(submitted < 600, $"{submitted} agent orders in a minute");
    }

    [Fact]
    public void Parent_order_splitter_gives_sign_autocorrelation_close_to_its_target()
    {
        var splitter = new ParentOrderSplitter(0.3);
        var random = new FlowRandom(11);
        var signs = Enumerable.Range(0, 200_000).Select(_ => (double)splitter.NextSign(random)).ToArray();
        double mean = signs.Average();
        double num = 0, den = 0;
        for (int i = 0; i < signs.Length; i++)
        {
            den += (signs[i] - mean) * (signs[i] - mean);
            if (i > 0) num += (signs[i] - mean) * (signs[i - 1] - mean);
        }

        Assert.InRange(num / den, 0.28, 0.32);
    }

    [Fact]
    public void Value_estimate_lag_returns_the_value_as_it_was_a_lag_ago()
    {
        var lag = new ValueEstimateLag(1.0, TimeSpan.FromMilliseconds(100));
        for (int i = 0; i <= 50; i++) lag.Record(i * TimeSpan.TicksPerMillisecond * 100, i);
        Assert.Equal(40, lag.Lagged(50 * TimeSpan.TicksPerMillisecond * 100));
    }

    [Fact]
    public void Quantile_distribution_draws_back_its_own_quantiles()
    {
        var d = QuantileDistribution.Of(Enumerable.Range(1, 101).Select(i => (double)i));
        Assert.Equal(51, d.Median, 6);
        Assert.Equal(96, d.P95, 6);
        Assert.Equal(0.5, d.Cdf(51), 2);
    }

    [Fact]
    public void Venue_takes_the_profile_latency_when_none_is_given()
    {
        var clock = new SimulatedTimeProvider(VenueHarness.Start);
        var scenario = new ProfileScenario(BuiltInProfiles.Find("liquid")!, 1, 1);
        var (venue, _) = scenario.CreateVenue(clock);
        Assert.Contains("50", venue.Options.Latency.Feed.ToString(), StringComparison.Ordinal);
        _ = Price.One;
    }

    [Fact]
    public void Every_market_of_a_ten_market_scenario_starts_two_sided()
    {
        var (h, _) = Create("liquid", 1, markets: 10);
        h.StartVenue();
        h.Run(TimeSpan.FromSeconds(1));
        foreach (var book in h.Venue.Engine.Markets)
            Assert.True(book.TryGetBestBid(out _, out _) && book.TryGetBestAsk(out _, out _), $"market {book.Index} two-sided");
    }

    [Fact]
    public void Liquid_profile_adds_a_four_outcome_neg_risk_event_after_its_markets()
    {
        var scenario = new ProfileScenario(BuiltInProfiles.Find("liquid")!, 3, 2);
        Assert.Equal(4, scenario.EventOutcomes);
        Assert.Equal(6, scenario.Markets.Count);
        Assert.All(scenario.Markets.Skip(2), m => Assert.NotNull(m.Yes.Outcome!.NegRiskEventId));
        Assert.All(scenario.Markets.Take(2), m => Assert.Null(m.Yes.Outcome!.NegRiskEventId));
    }

    [Fact]
    public void Same_seed_gives_the_same_race_for_the_event()
    {
        static (long, long, long, long) Run()
        {
            var (h, flow) = Create("liquid", 11);
            h.StartVenue();
            h.Run(TimeSpan.FromMinutes(20));
            var c = flow.Event!.Competitors;
            return (c.Detections, c.Shots, flow.Event.Desk.OrdersSubmitted, flow.Desk.EventsGenerated);
        }

        var first = Run();
        Assert.True(first.Item1 > 0, "the event shows mispricings");
        Assert.Equal(first, Run());
    }
}
