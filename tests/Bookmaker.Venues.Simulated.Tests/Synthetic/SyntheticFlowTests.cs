using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.Synthetic;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Synthetic;

public class SyntheticFlowTests
{
    [Fact]
    public void Default_scenario_has_binary_markets_and_a_neg_risk_event_of_four_outcomes_with_sim_ids()
    {
        var scenario = SyntheticMarketFactory.CreateDefault(1, 3);
        Assert.Equal(7, scenario.Markets.Count);
        var ev = Assert.Single(scenario.Events);
        Assert.Equal(4, ev.Markets.Count);
        Assert.All(scenario.Markets, m => Assert.Equal("sim", m.Yes.Id.Venue));
        Assert.All(scenario.Markets, m => Assert.Equal(Quantity.FromUnits(5), m.Yes.MinSize));
        Assert.Equal(Price.Parse("0.01"), scenario.Markets[0].Yes.TickSize);
        Assert.Equal(Price.Parse("0.001"), scenario.Markets[2].Yes.TickSize);
        Assert.All(ev.Markets, i => Assert.Equal(ev.EventId, scenario.Markets[i].Yes.Outcome!.NegRiskEventId));
    }

    [Fact]
    public void Newcomer_sees_two_sided_quotes_within_a_second_and_trades_within_ten_seconds()
    {
        var (h, _, _) = SyntheticRun.Create(5);
        h.StartVenue();
        h.Run(TimeSpan.FromSeconds(1));
        var snaps = h.MarketData.Where(e => e.Kind == MarketDataKind.Snapshot).ToList();
        Assert.Equal(h.Venue.Instruments.Count, snaps.Count);
        Assert.True(snaps.Count(s => s.Snapshot!.Bids.Count > 0 && s.Snapshot.Asks.Count > 0) >= snaps.Count - 2, "nearly every book two-sided at start");
        h.Run(TimeSpan.FromSeconds(9));
        Assert.Contains(h.MarketData, e => e.Kind == MarketDataKind.Trade);
        // Our own marketable order fills.
        var inst = h.Venue.Instruments[0];
        var book = h.Venue.Engine.Markets[0];
        Assert.True(book.TryGetBestAsk(out var ask, out _));
        h.Venue.Submit(new OrderRequest(h.NextId(), inst.Id, Side.Buy, OrderType.Limit, TimeInForce.Fak, ask, Quantity.FromUnits(5)));
        h.RunMs(100);
        Assert.Contains(h.Reports, r => r.Kind == ExecutionReportKind.Filled);
    }

    [Fact]
    public void Fair_walk_stays_strictly_inside_zero_one_over_an_hour()
    {
        var (h, flow, scenario) = SyntheticRun.Create(9);
        h.StartVenue();
        for (int minute = 0; minute < 60; minute++)
        {
            h.Run(TimeSpan.FromMinutes(1));
            for (int m = 0; m < scenario.Markets.Count; m++)
            {
                double fair = flow.FairOf(m);
                Assert.InRange(fair, 1e-4, 1 - 1e-4);
            }
        }
    }

    [Fact]
    public void Spread_gaps_over_eight_cents_and_one_sided_books_occur_within_ten_minutes_for_seed_7()
    {
        var (h, _, scenario) = SyntheticRun.Create(7);
        h.StartVenue();
        bool gap = false, oneSided = false;
        for (int s = 0; s < 600 && !(gap && oneSided); s++)
        {
            h.Run(TimeSpan.FromSeconds(1));
            for (int m = 0; m < scenario.Markets.Count; m++)
            {
                var book = h.Venue.Engine.Markets[m];
                bool hasBid = book.TryGetBestBid(out var bid, out _), hasAsk = book.TryGetBestAsk(out var ask, out _);
                if (hasBid != hasAsk) oneSided = true;
                if (hasBid && hasAsk && ask.Raw - bid.Raw > Price.Parse("0.08").Raw) gap = true;
            }
        }

        Assert.True(gap, "a spread gap > 8 cents occurred");
        Assert.True(oneSided, "a one-sided book occurred");
    }

    [Fact]
    public void Neg_risk_yes_mids_sum_near_one_and_sum_of_asks_sometimes_falls_below_one()
    {
        var (h, flow, scenario) = SyntheticRun.Create(3);
        var legs = scenario.Events[0].Markets;
        h.StartVenue();
        int samples = 0, cheap = 0;
        double worst = 0, total = 0;
        for (int s = 0; s < 20 * 60 * 4; s++)
        {
            h.Run(TimeSpan.FromMilliseconds(250));
            Assert.InRange(legs.Sum(flow.FairOf), 0.98, 1.02);
            long asks = 0, mids = 0;
            bool all = true;
            foreach (int m in legs)
            {
                var book = h.Venue.Engine.Markets[m];
                if (!book.TryGetBestBid(out var bid, out _) || !book.TryGetBestAsk(out var ask, out _)) { all = false; break; }
                asks += ask.Raw;
                mids += (bid.Raw + ask.Raw) / 2;
            }

            if (!all) continue;
            samples++;
            worst = Math.Max(worst, Math.Abs(mids / 1e9 - 1));
            total += Math.Abs(mids / 1e9 - 1);
            if (asks < Price.One.Raw) cheap++;
        }

        Assert.True(samples > 1000, $"{samples} samples with every leg two-sided");
        Assert.True(total / samples < 0.03, $"Σ mids stays near 1 (mean deviation {total / samples})");
        Assert.True(worst < 0.25, $"Σ mids never far from 1 (worst deviation {worst})");
        Assert.True(cheap > 0, "Σ best asks < 1 occurred");
        Assert.True(flow.MispricingEpisodes > 0);
    }

    [Fact]
    public void Near_resolution_market_changes_tick_when_price_crosses_the_bands()
    {
        var (h, flow, scenario) = SyntheticRun.Create(2);
        h.StartVenue();
        var nearRes = h.Venue.Engine.InstrumentAt(h.Venue.Engine.Markets[2].YesSlot);
        Assert.Equal(Price.Parse("0.001"), nearRes.TickSize);
        for (int minute = 0; minute < 10; minute++)
        {
            h.Run(TimeSpan.FromMinutes(1));
            double fair = flow.FairOf(2);
            if (nearRes.TickSize == Price.Parse("0.001")) Assert.True(fair < 0.05 || fair > 0.95, $"fine tick at fair {fair}");
            else Assert.InRange(fair, 0.04, 0.96);
        }

        // Force the rule to cross the band: the flow announces the change on the feed.
        flow.TickChanged!(0, Price.Parse("0.001"));
        h.RunMs(100);
        Assert.Contains(h.MarketData, e => e.Kind == MarketDataKind.TickSizeChange && e.InstrumentIndex == 0 && e.Price == Price.Parse("0.001"));
        _ = scenario;
    }

    [Fact]
    public void Cash_and_tokens_are_conserved_with_agents_and_our_orders()
    {
        var (h, _, scenario) = SyntheticRun.Create(4);
        SyntheticRun.Script(h);
        h.StartVenue();
        h.Run(TimeSpan.FromMinutes(5));
        var engine = h.Venue.Engine;
        long cash = engine.Accounts.Sum(a => a.Cash.Raw);
        long sets = engine.Markets.Sum(m => m.SetsOutstanding.Raw);
        Assert.Equal(engine.TotalDeposits.Raw, cash + engine.FeesCollected.Raw - engine.RebatesPaid.Raw + sets);
        foreach (var m in engine.Markets)
        {
            // BUY taker fees are kept in shares, so the venue's fee sink holds part of the supply.
            long yes = engine.Accounts.Sum(a => a.Tokens(m.YesSlot).Raw) + engine.FeeSharesCollected(m.YesSlot).Raw;
            long no = engine.Accounts.Sum(a => a.Tokens(m.NoSlot).Raw) + engine.FeeSharesCollected(m.NoSlot).Raw;
            Assert.Equal(m.SetsOutstanding.Raw, yes);
            Assert.Equal(m.SetsOutstanding.Raw, no);
            Assert.False(m.IsCrossed);
        }

        Assert.True(engine.FeesCollected.Raw > 0 || engine.Markets.Any(m => engine.FeeSharesCollected(m.YesSlot).Raw + engine.FeeSharesCollected(m.NoSlot).Raw > 0));
        Assert.Contains(h.Reports, r => r.Kind == ExecutionReportKind.Filled);
        _ = scenario;
    }

    [Fact]
    public void Flow_alone_on_a_matching_engine_generates_events_every_step()
    {
        var clock = new Bookmaker.Engine.Time.SimulatedTimeProvider(DateTimeOffset.UnixEpoch);
        var scenario = SyntheticMarketFactory.CreateDefault(1, 2);
        var engine = new MatchingEngine(clock);
        for (int i = 0; i < scenario.Markets.Count; i++) engine.AddBinaryMarket(scenario.Markets[i].Yes, scenario.Markets[i].No!, scenario.Markets[i].Fees);
        var flow = new SyntheticFlow(engine, scenario.Parameters.Select((p, i) => (i, p)).ToList(), scenario.Events, 1);
        for (int s = 0; s < 600; s++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            flow.Step(clock.GetUtcNow().UtcTicks);
        }

        Assert.True(flow.EventsGenerated > 1000, $"{flow.EventsGenerated} events in a minute");
        Assert.True(flow.OrdersSubmitted > 300);
    }
}
