using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

public sealed class MarketMakerStrategyTests
{
    private static Price P(string s) => Price.Parse(s);

    [Fact]
    public void Quotes_appear_two_sided_around_the_fair_price_on_a_normal_book()
    {
        using var h = new MmHarness(new MarketMakerOptions());

        h.Book(0, "0.48", 100, "0.52", 100);

        var yesBids = h.Resting(h.Yes[0]).Where(o => o.Side == Side.Buy).ToList();
        var noBids = h.Resting(h.No[0]).Where(o => o.Side == Side.Buy).ToList();
        Assert.NotEmpty(yesBids);
        Assert.NotEmpty(noBids);
        // Every YES-view bid below the fair price 0.50, every YES-view ask (1 − NO bid) above it.
        Assert.All(yesBids, o => Assert.True(o.Request.Price < P("0.50")));
        Assert.All(noBids, o => Assert.True(o.Request.Price.Complement() > P("0.50")));
        Assert.All(h.Client.Submitted, r => Assert.True(r.PostOnly));
    }

    [Fact]
    public void Without_yes_inventory_the_yes_ask_goes_out_as_a_no_bid_at_one_minus_the_ask()
    {
        using var h = new MmHarness(new MarketMakerOptions(Ladder: new QuoteLadderOptions(LevelOffsetsTicks: [0], LevelSizes: [Quantity.FromUnits(10)])));

        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.DoesNotContain(h.Client.Submitted, r => r.Instrument == h.Yes[0].Id && r.Side == Side.Sell);
        var report = h.Strategy.Report().Markets[0];
        var noBid = Assert.Single(h.Resting(h.No[0]));
        // The model's ask, rounded up to the tick, mirrored: NO bid = 1 − ask.
        Price ask = Price.FromModelAsk(report.Reservation + report.HalfSpread, P("0.01"));
        Assert.Equal(ask.Complement(), noBid.Request.Price);
        Assert.Equal(Quantity.FromUnits(10), noBid.Request.Size);
    }

    [Fact]
    public void With_yes_inventory_the_ask_sells_yes_instead_of_buying_no()
    {
        using var h = new MmHarness(new MarketMakerOptions(Ladder: new QuoteLadderOptions(LevelOffsetsTicks: [0], LevelSizes: [Quantity.FromUnits(10)])));
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 20, "0.50");

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.Contains(h.Resting(h.Yes[0]), o => o.Side == Side.Sell);
        Assert.Empty(h.Resting(h.No[0]));
    }

    [Fact]
    public void Reconciliation_keeps_resting_orders_when_the_quote_does_not_move()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);
        int submitted = h.Client.Submitted.Count;
        var ids = h.Orders.LiveOrders.Select(o => o.Id).ToHashSet();

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.48", 101, "0.52", 99);

        Assert.Equal(submitted, h.Client.Submitted.Count);
        Assert.Empty(h.Client.Cancels);
        Assert.Equal(ids, h.Orders.LiveOrders.Select(o => o.Id).ToHashSet());
        Assert.Equal(2 * ids.Count, h.Strategy.Report().Markets[0].RequestsSaved);
    }

    [Fact]
    public void Reconciliation_replaces_only_the_orders_that_moved()
    {
        var ten = Quantity.FromUnits(10);
        using var h = new MmHarness(new MarketMakerOptions(
            Model: new AvellanedaStoikovOptions(Model: QuoteModel.LinearSkew, SkewCentsPer100: 0, BaseSpread: 0.04),
            Ladder: new QuoteLadderOptions(LevelSizes: [ten, ten, ten])));
        h.Book(0, "0.47", 100, "0.53", 100);
        var before = h.Orders.LiveOrders.ToList();

        // Fair 0.50 → 0.52: every level moves two ticks, so levels 1 and 2 land where levels 0 and 1 rested.
        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.49", 100, "0.55", 100);

        var after = h.Orders.LiveOrders.ToList();
        // Per side: the two resting levels the new ladder lands on are kept, the farthest is cancelled, a new nearest one placed.
        Assert.Equal(2, h.Client.Cancels.Count);
        Assert.Equal(4, before.Select(o => o.Id).Intersect(after.Select(o => o.Id)).Count());
        Assert.Equal(8, h.Strategy.Report().Markets[0].RequestsSaved);
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public void Book_updates_inside_the_throttle_window_requote_once_on_the_next_tick()
    {
        using var h = new MmHarness(new MarketMakerOptions() { RequoteInterval = TimeSpan.FromMilliseconds(100) });
        h.Book(0, "0.48", 100, "0.52", 100);
        int submitted = h.Client.Submitted.Count;

        h.Book(0, "0.44", 100, "0.48", 100);
        h.Book(0, "0.45", 100, "0.49", 100);

        Assert.Equal(submitted, h.Client.Submitted.Count);
        h.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(h.Client.Submitted.Count > submitted);
        Assert.All(h.Resting(h.Yes[0]).Where(o => o.Side == Side.Buy), o => Assert.True(o.Request.Price < P("0.49")));
    }

    [Fact]
    public void Halted_engine_sends_no_orders()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Gate.SetManualState(TradingState.Halted, "test");

        h.Book(0, "0.48", 100, "0.52", 100);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(h.Client.Submitted);
        Assert.Equal(0, h.Strategy.Report().Markets[0].Denials);
        Assert.True(h.Strategy.Report().Markets[0].Protections.HasFlag(ActiveProtections.Halted));
    }

    [Fact]
    public void Halt_cancels_resting_quotes()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);
        Assert.NotEmpty(h.Orders.LiveOrders);

        h.Gate.SetManualState(TradingState.Halted, "test");
        h.Drain();

        Assert.Empty(h.Orders.LiveOrders);
    }

    [Fact]
    public void Reducing_state_quotes_only_the_side_that_reduces_the_position()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Acquire(h.Yes[0], 20, "0.50");
        h.Gate.SetManualState(TradingState.Reducing, "test");
        h.Drain();

        h.Advance(TimeSpan.FromMilliseconds(150));
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Advance(TimeSpan.FromMilliseconds(100));

        var live = h.Orders.LiveOrders.Where(o => o.Status != OrderStatus.PendingCancel).ToList();
        Assert.NotEmpty(live);
        Assert.All(live, o => Assert.Equal((h.Yes[0].Id, Side.Sell), (o.Instrument, o.Side)));
        Assert.True(live.Sum(o => o.Request.Size.ToDouble()) <= 20);
    }

    [Fact]
    public void Crypto_instrument_is_quoted_directly_on_both_sides()
    {
        var options = new MarketMakerOptions(
            Ladder: new QuoteLadderOptions(LevelSizes: [Quantity.Parse("0.01"), Quantity.Parse("0.02"), Quantity.Parse("0.03")], MaxInventory: Quantity.FromUnits(1)),
            Gap: new GapGuardOptions(P("100")), Edge: new EdgeGuardOptions(-1_000_000));
        using var h = new MmHarness(options, markets: 1, crypto: true);
        var btc = h.Crypto!;
        var snap = new Core.Books.BookSnapshot();
        snap.Bids.Add(new Core.Books.BookLevel(P("50000"), Quantity.FromUnits(2)));
        snap.Asks.Add(new Core.Books.BookLevel(P("50000.5"), Quantity.FromUnits(2)));

        h.Snapshot(btc, snap);
        h.Drain();

        var orders = h.Resting(btc);
        Assert.Contains(orders, o => o.Side == Side.Buy && o.Request.Price <= P("50000.4"));
        Assert.Contains(orders, o => o.Side == Side.Sell && o.Request.Price >= P("50000.1"));
    }

    [Fact]
    public void Report_scores_each_rewarded_order_and_the_summary_names_the_figures()
    {
        using var h = new MmHarness(new MarketMakerOptions(), withRewards: true);
        h.Book(0, "0.48", 100, "0.52", 100);

        var report = h.Strategy.Report();
        var market = report.Markets[0];
        Assert.True(market.RewardScore > 0);
        var level0 = market.Quotes.Where(q => q.Level == 0).ToList();
        Assert.NotEmpty(level0);
        Assert.All(level0, q => Assert.True(q.RewardScore > 0));
        // Each score follows S = ((v − s)/v)² × size around the adjusted midpoint 0.50 (complement: 1 − mid).
        foreach (var q in market.Quotes)
        {
            double s = Math.Abs(q.Price.ToDouble() - 0.50) * 100;
            double expected = s <= 3 && q.Size >= Quantity.FromUnits(5) ? Math.Pow((3 - s) / 3, 2) * q.Size.ToDouble() : 0;
            Assert.Equal(expected, q.RewardScore, 6);
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            report.WriteSummary(w);
            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        Assert.True(doc.RootElement.GetProperty("reward_score").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("markout_1s").ValueKind);
        Assert.Equal("0", doc.RootElement.GetProperty("max_abs_inventory").GetString());
    }

    [Fact]
    public void Rewarded_market_raises_level_zero_quotes_to_the_reward_minimum_size_within_v()
    {
        using var h = new MmHarness(new MarketMakerOptions(), withRewards: true, rewardMinSize: 50);

        h.Book(0, "0.47", 500, "0.53", 500);

        var level0 = h.Strategy.Report().Markets[0].Quotes.Where(q => q.Level == 0).ToList();
        Assert.Equal(2, level0.Count);
        Assert.All(level0, q => Assert.Equal(Quantity.FromUnits(50), q.Size));
        // Both inside v = 3¢ of the midpoint 0.50 (the NO bid around 1 − mid), so both score.
        Assert.All(level0, q => Assert.True(q.RewardScore > 0));
    }

    [Fact]
    public void Fills_from_the_user_stream_update_inventory_and_hold_time()
    {
        using var h = new MmHarness(new MarketMakerOptions());
        h.Book(0, "0.48", 100, "0.52", 100);
        var noBid = h.Resting(h.No[0]).First();

        h.Fill(noBid, 10);

        var market = h.Strategy.Report().Markets[0];
        Assert.Equal(Quantity.FromUnits(-10), market.Inventory);
        Assert.Equal(noBid.Request.Price.Complement(), market.AverageEntry);
    }
}
