using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Adapter;

public class FeedTests
{
    [Fact]
    public void Start_publishes_a_snapshot_of_the_yes_book_and_its_no_complement()
    {
        var h = VenueHarness.OneMarket();
        h.AgentLimit(Side.Buy, "0.40", 10);
        h.AgentLimit(Side.Sell, "0.45", 20);
        h.StartVenue();
        var snaps = h.MarketData.Where(e => e.Kind == MarketDataKind.Snapshot).ToList();
        Assert.Equal(2, snaps.Count);
        Assert.NotSame(snaps[0].Snapshot, snaps[1].Snapshot);
        var yes = snaps[0].Snapshot!;
        var no = snaps[1].Snapshot!;
        Assert.Equal(new BookLevel(Price.Parse("0.40"), Quantity.FromUnits(10)), yes.Bids[0]);
        Assert.Equal(new BookLevel(Price.Parse("0.45"), Quantity.FromUnits(20)), yes.Asks[0]);
        Assert.Equal(new BookLevel(Price.Parse("0.55"), Quantity.FromUnits(20)), no.Bids[0]);
        Assert.Equal(new BookLevel(Price.Parse("0.60"), Quantity.FromUnits(10)), no.Asks[0]);
    }

    [Fact]
    public void Changes_within_one_clock_instant_coalesce_into_one_message_per_instrument()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        h.MarketData.Clear();
        h.AgentLimit(Side.Buy, "0.40", 10);
        h.AgentLimit(Side.Buy, "0.39", 10);
        h.AgentLimit(Side.Sell, "0.45", 20);
        h.RunMs(1);
        foreach (int instrument in new[] { 0, 1 })
        {
            var message = h.MarketData.Where(e => e.InstrumentIndex == instrument).ToList();
            Assert.Equal(3, message.Count);
            Assert.Single(message.Select(e => e.Sequence).Distinct());
            Assert.Equal([false, false, true], message.Select(e => e.EndOfMessage));
            Assert.Equal(message[0].Sequence - 1, message[0].PreviousSequence);
        }
    }

    [Fact]
    public void A_trade_is_printed_with_the_aggressor_side_before_the_level_changes()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        h.AgentLimit(Side.Sell, "0.45", 20);
        h.RunMs(1);
        h.MarketData.Clear();
        h.Venue.Submit(h.Limit(Side.Buy, "0.45", 5));
        h.RunMs(1);
        var yes = h.MarketData.Where(e => e.InstrumentIndex == 0).ToList();
        Assert.Equal(MarketDataKind.Trade, yes[0].Kind);
        Assert.Equal(Side.Buy, yes[0].Side);
        Assert.Equal(Quantity.FromUnits(5), yes[0].Size);
        Assert.Contains(yes, e => e.Kind == MarketDataKind.LevelUpdate && e.Side == Side.Sell && e.Size == Quantity.FromUnits(15));
    }

    [Fact]
    public void Level_that_empties_is_published_with_size_zero()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        long id = h.AgentLimit(Side.Buy, "0.40", 10);
        h.RunMs(1);
        h.MarketData.Clear();
        var buffer = new Bookmaker.Venues.Simulated.Matching.MatchEventBuffer();
        h.Venue.Engine.Cancel(h.Counterparty, id, buffer);
        h.Venue.ProcessAgentEvents(buffer);
        h.RunMs(1);
        Assert.Contains(h.MarketData, e => e.InstrumentIndex == 0 && e.Side == Side.Buy && e.Price == Price.Parse("0.40") && e.Size == Quantity.Zero);
        Assert.Contains(h.MarketData, e => e.InstrumentIndex == 1 && e.Side == Side.Sell && e.Price == Price.Parse("0.60") && e.Size == Quantity.Zero);
    }

    [Fact]
    public void Feed_messages_arrive_after_the_feed_latency_with_receive_time_stamped()
    {
        var h = VenueHarness.OneMarket(latency: "feed=const:25ms").StartVenue();
        h.Run(TimeSpan.FromMilliseconds(25));
        h.MarketData.Clear();
        long sent = h.Now;
        h.AgentLimit(Side.Buy, "0.40", 10);
        h.RunMs(24);
        Assert.Empty(h.MarketData);
        h.RunMs(1);
        Assert.All(h.MarketData, e => Assert.Equal(sent + TimeSpan.FromMilliseconds(25).Ticks, e.ReceiveTimeTicks));
        Assert.All(h.MarketData, e => Assert.Equal(sent, e.VenueTimeTicks));
    }
}
