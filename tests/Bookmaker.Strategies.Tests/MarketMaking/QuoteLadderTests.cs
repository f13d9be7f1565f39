using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using FsCheck;
using FsCheck.Fluent;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class QuoteLadderTests
{
    private static readonly BookTop WideBook = Top("0.30", "100", "0.70", "100");

    private static LadderQuote[] Build(QuoteLadder ladder, double r, double h, string q, BookTop top, string tick = "0.01", string minSize = "1")
    {
        var buf = new LadderQuote[ladder.MaxQuotes];
        int n = ladder.Build(r, h, Q(q), top, Yes(tick, minSize), buf);
        return buf[..n];
    }

    private static LadderQuote[] Bids(LadderQuote[] quotes) => [.. quotes.Where(x => x.Side == Side.Buy)];

    private static LadderQuote[] Asks(LadderQuote[] quotes) => [.. quotes.Where(x => x.Side == Side.Sell)];

    [Fact]
    public void Rounds_bids_down_and_asks_up_and_steps_levels_by_tick_offsets()
    {
        // r − h = 0.503 − 0.012 = 0.491 ⇒ 0.49; r + h = 0.515 ⇒ 0.52; offsets 0, 2, 4 ticks
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.503, 0.012, "0", WideBook);
        Assert.Equal([P("0.49"), P("0.47"), P("0.45")], Bids(quotes).Select(x => x.Price));
        Assert.Equal([P("0.52"), P("0.54"), P("0.56")], Asks(quotes).Select(x => x.Price));
        Assert.Equal([Q("10"), Q("20"), Q("30")], Bids(quotes).Select(x => x.Size));
    }

    [Fact]
    public void Widens_to_the_minimum_spread()
    {
        var ladder = new QuoteLadder(new QuoteLadderOptions(LevelOffsetsTicks: [0], LevelSizes: [Q("10")], MinSpreadTicks: 4));
        // h = max(0.001, 4 × 0.01 / 2) = 0.02 ⇒ 0.48 / 0.52
        var quotes = Build(ladder, 0.50, 0.001, "0", WideBook);
        Assert.Equal(P("0.48"), Bids(quotes)[0].Price);
        Assert.Equal(P("0.52"), Asks(quotes)[0].Price);
    }

    [Fact]
    public void Post_only_clamps_bids_below_the_best_ask_and_keeps_levels_distinct()
    {
        // Reservation far above a 0.48/0.50 book: bid 0.515 ⇒ 0.51 ⇒ clamped to 0.49; next levels 0.48, 0.47
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.52, 0.005, "0", Top("0.48", "10", "0.50", "10"));
        Assert.Equal([P("0.49"), P("0.48"), P("0.47")], Bids(quotes).Select(x => x.Price));
        Assert.All(Asks(quotes), a => Assert.True(a.Price >= P("0.49")));
    }

    [Fact]
    public void Long_inventory_halves_the_bid_sizes()
    {
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.50, 0.01, "100", WideBook);
        Assert.Equal([Q("5"), Q("10"), Q("15")], Bids(quotes).Select(x => x.Size));
        Assert.Equal([Q("10"), Q("20"), Q("30")], Asks(quotes).Select(x => x.Size));
    }

    [Fact]
    public void Exponential_shrink_scales_the_growing_side_by_exp_minus_eta_q()
    {
        var ladder = new QuoteLadder(new QuoteLadderOptions(ShrinkMode: InventoryShrinkMode.Exponential, Eta: 0.005));
        // short 100 ⇒ asks grow |q|: × e^(−0.5) = 0.60653 ⇒ 6.065 → 6.06, 12.13, 18.19 (floored to 0.01)
        var quotes = Build(ladder, 0.50, 0.01, "-100", WideBook);
        Assert.Equal([Q("6.06"), Q("12.13"), Q("18.19")], Asks(quotes).Select(x => x.Size));
        Assert.Equal([Q("10"), Q("20"), Q("30")], Bids(quotes).Select(x => x.Size));
    }

    [Fact]
    public void At_max_inventory_only_the_reducing_side_is_quoted()
    {
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.50, 0.01, "-500", WideBook);
        Assert.Empty(Asks(quotes));
        Assert.Equal(3, Bids(quotes).Length);
    }

    [Fact]
    public void Growing_side_is_capped_to_the_inventory_headroom()
    {
        // q = 490, max 500 ⇒ headroom 10; halved sizes 5, 10, 15 ⇒ 5, then 5, then nothing
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.50, 0.01, "490", WideBook);
        Assert.Equal([Q("5"), Q("5")], Bids(quotes).Select(x => x.Size));
    }

    [Fact]
    public void Drops_levels_below_the_minimum_size()
    {
        // halved bid sizes 5, 10, 15 with min size 8 ⇒ level 0 dropped
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.50, 0.01, "100", WideBook, minSize: "8");
        Assert.Equal([1, 2], Bids(quotes).Select(x => x.Level));
    }

    [Fact]
    public void Refuses_an_ask_that_would_round_above_the_maximum_price()
    {
        var quotes = Build(new QuoteLadder(new QuoteLadderOptions()), 0.995, 0.002, "0", Top("0.95", "10", "0", "0"));
        Assert.Empty(Asks(quotes));
        Assert.NotEmpty(Bids(quotes));
    }

    [Fact]
    public void Every_quote_is_on_tick_in_bounds_uncrossed_and_passive()
    {
        var gen =
            from tickCode in Gen.Choose(0, 1)
            from r in Gen.Choose(-200, 1200)
            from h in Gen.Choose(0, 1000)
            from q in Gen.Choose(-600, 600)
            from bid in Gen.Choose(0, 99)
            from ask in Gen.Choose(0, 99)
            from bs in Gen.Choose(0, 50)
            select (tickCode, r, h, q, bid, ask, bs);
        var ladder = new QuoteLadder(new QuoteLadderOptions());
        var buf = new LadderQuote[ladder.MaxQuotes];
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var inst = Yes(c.tickCode == 0 ? "0.01" : "0.001");
            var top = new BookTop(Price.FromMicros(c.bid * 10_000), Quantity.FromUnits(c.bs), Price.FromMicros(c.ask * 10_000), Quantity.FromUnits(5));
            var q = Quantity.FromUnits(c.q);
            int n = ladder.Build(c.r / 1000.0 + 0.0001234, c.h / 10_000.0, q, top, inst, buf);
            Price maxBid = Price.Zero, minAsk = Price.One;
            for (int i = 0; i < n; i++)
            {
                var x = buf[i];
                if (!inst.IsValidPrice(x.Price)) throw new InvalidOperationException($"invalid price {x} for {c}");
                if (!inst.IsValidSize(x.Size)) throw new InvalidOperationException($"invalid size {x} for {c}");
                if (x.Side == Side.Buy)
                {
                    maxBid = Price.Max(maxBid, x.Price);
                    if (top.HasAsk && x.Price >= top.BestAsk) throw new InvalidOperationException($"bid crosses {x} for {c}");
                    if (q.Raw >= 500_000_000_000) throw new InvalidOperationException($"bid at max long {c}");
                }
                else
                {
                    minAsk = Price.Min(minAsk, x.Price);
                    if (top.HasBid && x.Price <= top.BestBid) throw new InvalidOperationException($"ask crosses {x} for {c}");
                    if (q.Raw <= -500_000_000_000) throw new InvalidOperationException($"ask at max short {c}");
                }
            }

            return maxBid < minAsk;
        }).QuickCheckThrowOnFailure();
    }
}
