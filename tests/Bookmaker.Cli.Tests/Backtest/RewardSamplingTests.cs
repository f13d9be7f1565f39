using System.Text.Json.Nodes;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Metrics;
using Bookmaker.Backtest.Output;
using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Cli.Tests.Backtest;

/// <summary>The backtest's reward model on hand-computed books (polymarket-api.md §7.1): share, band time, money.</summary>
public sealed class RewardSamplingTests
{
    // v = 3¢, min size 10: the worked example's programme.
    private static readonly RewardParameters Terms = new(3, Quantity.FromUnits(10));

    private static BookLevel L(string price, long size) => new(Price.Parse(price), Quantity.FromUnits(size));

    private static RewardOrder Bid(string price, long size) => new(Side.Buy, false, Price.Parse(price), Quantity.FromUnits(size));

    private static RewardOrder Ask(string price, long size) => new(Side.Sell, false, Price.Parse(price), Quantity.FromUnits(size));

    // Book 0.49 × 100 / 0.51 × 100: mid 0.50, each level 1¢ away scores ((3 − 1)/3)² · 100 = 400/9 a side.
    private static readonly BookLevel[] Bids = [L("0.49", 100), L("0.45", 500)];
    private static readonly BookLevel[] Asks = [L("0.51", 100), L("0.60", 500)];

    [Fact]
    public void Reports_reward_share_inside_the_band()
    {
        // Ours: bid 0.50 × 20 (s = 0 → 20), ask 0.52 × 30 (s = 2¢ → (1/3)² · 30 = 10/3). Q_min = max(min(20, 10/3), 20/3) = 20/3.
        var s = RewardSampling.Sample(Terms, Bids, Asks, [Bid("0.50", 20), Ask("0.52", 30)]);
        Assert.True(s.HasMidpoint);
        Assert.Equal(0.50, s.Midpoint, 12);
        Assert.Equal(20, s.Ours.QOne, 9);
        Assert.Equal(10.0 / 3, s.Ours.QTwo, 9);
        Assert.Equal(20.0 / 3, s.Ours.QMin, 9);
        Assert.Equal(400.0 / 9, s.Book.QMin, 9);
        // (20/3) / (400/9 + 20/3) = 60 / 460.
        Assert.Equal(3.0 / 23, s.Share, 12);
        Assert.True(s.AnySide);
        Assert.True(s.BothSides);
    }

    [Fact]
    public void Single_sided_quote_scores_a_third_and_is_in_band_on_one_side_only()
    {
        var s = RewardSampling.Sample(Terms, Bids, Asks, [Bid("0.50", 30)]);
        Assert.Equal(10, s.Ours.QMin, 9);
        Assert.True(s.AnySide);
        Assert.False(s.BothSides);
    }

    [Fact]
    public void Complement_orders_score_on_the_other_side_of_the_yes_view()
    {
        // A NO bid at 0.50 is a YES ask at 0.50: it scores in Q_two, as a YES ask would.
        var s = RewardSampling.Sample(Terms, Bids, Asks, [Bid("0.50", 20), new RewardOrder(Side.Buy, true, Price.Parse("0.50"), Quantity.FromUnits(20))]);
        Assert.Equal(20, s.Ours.QOne, 9);
        Assert.Equal(20, s.Ours.QTwo, 9);
        Assert.True(s.BothSides);
    }

    [Fact]
    public void Orders_beyond_the_max_spread_or_below_the_min_size_do_not_count()
    {
        var s = RewardSampling.Sample(Terms, Bids, Asks, [Bid("0.46", 100), Ask("0.50", 5)]);
        Assert.Equal(0, s.Ours.QMin);
        Assert.False(s.AnySide);
        Assert.Equal(0, s.Share);
    }

    [Fact]
    public void Book_without_a_level_of_the_min_size_has_no_midpoint_and_pays_nothing()
    {
        var s = RewardSampling.Sample(Terms, [L("0.49", 5)], Asks, [Bid("0.50", 20), Ask("0.50", 20)]);
        Assert.False(s.HasMidpoint);
        Assert.Equal(0, s.Share);
        Assert.False(s.AnySide);
    }

    [Fact]
    public void Share_is_ours_over_book_plus_ours_and_never_falls_when_we_add_an_in_band_order()
    {
        var gen = Gen.Choose(0, 30).Two().Three();
        Prop.ForAll(gen.ToArbitrary(), Gen.Choose(10, 500).ToArbitrary(), (offsets, size) =>
        {
            // Prices a whole cent from 0.50 (offsets in tenths of a cent), sizes ≥ the min size.
            var bids = new[] { L(Cents(500 - offsets.Item1.Item1), size), L(Cents(500 - offsets.Item1.Item1 - offsets.Item1.Item2 - 1), 50) };
            var asks = new[] { L(Cents(501 + offsets.Item2.Item1), size), L(Cents(501 + offsets.Item2.Item1 + offsets.Item2.Item2 + 1), 50) };
            RewardOrder[] ours = [Bid(Cents(500 - offsets.Item3.Item1), 20)];
            var one = RewardSampling.Sample(Terms, bids, asks, ours);
            var two = RewardSampling.Sample(Terms, bids, asks, [.. ours, Ask(Cents(501 + offsets.Item3.Item2), 20)]);
            double total = one.Book.QMin + one.Ours.QMin;
            return one.Share >= 0 && one.Share <= 1 && two.Share >= one.Share - 1e-12
                && Math.Abs(one.Share - (total > 0 ? one.Ours.QMin / total : 0)) < 1e-12;
        }).QuickCheckThrowOnFailure();

        static string Cents(int tenths) => (tenths / 1000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void One_sample_pays_its_share_of_a_1440th_of_the_daily_pool_rounded_to_the_raw_unit()
    {
        // 100 USDC a day, share 1/3: 100e9 / 3 / 1440 = 23,148,148.148… raw → 23,148,148.
        Assert.Equal(23_148_148, RewardSampling.RewardRaw(1.0 / 3, Money.FromUnits(100)));
        Assert.Equal(0, RewardSampling.RewardRaw(0, Money.FromUnits(100)));
        Assert.Equal(0, RewardSampling.RewardRaw(double.NaN, Money.FromUnits(100)));
    }

    [Fact]
    public void Band_time_is_the_fraction_of_samples_with_a_scoring_order_on_any_side_and_on_both()
    {
        var terms = new RewardTerms(Price.Parse("0.03"), Quantity.FromUnits(10), Money.FromUnits(144));
        var tally = new RewardTally("m1", terms);
        tally.Add(RewardSampling.Sample(Terms, Bids, Asks, [Bid("0.50", 20), Ask("0.52", 30)])); // both sides, share 3/23
        tally.Add(RewardSampling.Sample(Terms, Bids, Asks, [Bid("0.50", 30)]));                   // one side
        tally.Add(RewardSampling.Sample(Terms, Bids, Asks, []));                                   // none
        tally.Add(RewardSampling.Sample(Terms, [L("0.49", 5)], Asks, [Bid("0.50", 30)]));        // no midpoint

        var doc = Document("m1", "m2");
        RewardSection.Apply(doc, [tally]);
        var m1 = doc["market_making"]!["markets"]![0]!;
        var block = m1["rewards"]!;
        Assert.Equal(4, (long)block["samples"]!);
        Assert.Equal(1, (long)block["samples_without_midpoint"]!);
        Assert.Equal(0.5, (double)block["time_in_band"]!);
        Assert.Equal(0.25, (double)block["time_in_band_two_sided"]!);
        Assert.Equal(0.03m, (decimal)block["max_spread"]!);
        // 144 a day = 0.1 a sample: 0.1 × 3/23 + 0.1 × 10/(400/9 + 10) = 0.013043478 + 0.018367347 (each rounded to 1e-9).
        long expected = RewardSampling.RewardRaw(3.0 / 23, terms.DailyRate) + RewardSampling.RewardRaw(10 / (400.0 / 9 + 10), terms.DailyRate);
        Assert.Equal(expected / 1e9m, (decimal)block["estimated"]!);
        Assert.Equal(0.031410825m, (decimal)block["estimated"]!);
        Assert.Equal(0.031410825m, (decimal)m1["pnl"]!["rewards"]!);
        Assert.Equal(-1m + 0.031410825m, (decimal)m1["pnl"]!["net_with_rewards"]!);
        Assert.Equal(0.031410825m, (decimal)doc["statistics"]!["rewards"]!);
        Assert.Equal(-2m + 0.031410825m, (decimal)doc["statistics"]!["net_pnl_with_rewards"]!);

        // A market without a programme says so with null, not a zero that reads as measured.
        var m2 = doc["market_making"]!["markets"]![1]!;
        Assert.Null(m2["rewards"]);
        Assert.Null(m2["pnl"]!["rewards"]);
        Assert.Equal(4, (long)doc["market_making"]!["total"]!["rewards"]!["samples"]!);
    }

    [Fact]
    public void Run_without_reward_terms_writes_null_rewards_everywhere()
    {
        var doc = Document("m1");
        RewardSection.Apply(doc, []);
        Assert.Null(doc["statistics"]!["rewards"]);
        Assert.Null(doc["statistics"]!["net_pnl_with_rewards"]);
        Assert.True(doc["statistics"]!.AsObject().ContainsKey("rewards"));
        Assert.Null(doc["market_making"]!["total"]!["rewards"]);
        Assert.Null(doc["market_making"]!["total"]!["pnl"]!["rewards"]);
        Assert.Null(doc["market_making"]!["markets"]![0]!["rewards"]);
    }

    // The parts of result.json the reward section writes into: each market's net is −1.
    private static JsonObject Document(params string[] markets)
    {
        var list = new JsonArray();
        foreach (string m in markets) list.Add(new JsonObject { ["market"] = m, ["pnl"] = new JsonObject { ["net"] = -1m } });
        return new JsonObject
        {
            ["statistics"] = new JsonObject { ["net_pnl"] = -1m * markets.Length, ["rewards"] = null },
            ["market_making"] = new JsonObject { ["total"] = new JsonObject { ["pnl"] = new JsonObject { ["net"] = -1m * markets.Length } }, ["markets"] = list },
        };
    }

    [Fact]
    public void Instrument_spec_with_only_reward_terms_leaves_the_rules_to_the_recording()
    {
        var spec = InstrumentSpec.Parse("123:reward_max_spread=0.03,reward_min_size=20,reward_daily_rate=100");
        Assert.False(spec.HasRules);
        Assert.Null(spec.Tick);
        Assert.Equal(new RewardTerms(Price.Parse("0.03"), Quantity.FromUnits(20), Money.FromUnits(100)), spec.Rewards);
        Assert.Equal(3, spec.Rewards!.MaxSpreadCents, 9);
        Assert.Null(InstrumentSpec.Parse("BTCUSDT:tick=0.1,lot=0.001").Rewards);
    }

    [Theory]
    [InlineData("123:reward_max_spread=0.03,reward_min_size=20", "reward terms need all three")]
    [InlineData("123:reward_max_spread=3,reward_min_size=20,reward_daily_rate=100", "reward_max_spread")]
    [InlineData("123:reward_max_spread=0.03,reward_min_size=20,reward_daily_rate=-1", "reward_daily_rate")]
    [InlineData("123:reward_rate=1", "is not one of tick, lot, min, maker, taker, reward_max_spread")]
    public void Bad_reward_terms_are_refused_naming_the_key(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => InstrumentSpec.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
