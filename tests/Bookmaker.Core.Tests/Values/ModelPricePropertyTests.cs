using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Core.Tests.Values;

/// <summary>
/// <see cref="Price.FromModelBid"/> / <see cref="Price.FromModelAsk"/>: a tick multiple that a model computed in doubles
/// (sums and products carry an ulp or two of error) is that multiple, and any other double still rounds only passively.
/// </summary>
public class ModelPricePropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(5000);

    /// <summary>Ticks of the venues we trade: Polymarket 0.1 … 0.0001, crypto steps like 0.5, 0.05, 1e-6.</summary>
    private static readonly string[] Ticks = ["0.1", "0.01", "0.001", "0.0001", "0.5", "0.05", "0.005", "0.000001", "1"];

    private static Gen<Price> AnyTick() => Gen.Elements(Ticks).Select(Price.Parse);

    /// <summary>How many whole ticks a model may add up to for a tick (prices up to about a million).</summary>
    private static long MaxTicks(Price tick) => Math.Min(1_000_000_000L / tick.Raw * 1_000_000L, 10_000_000L);

    [Fact]
    public void Ask_of_0_1_plus_0_2_at_tick_0_001_is_0_3()
    {
        // 0.1 + 0.2 = 0.30000000000000004: one ulp above 0.3, which must not cost a whole tick.
        Assert.Equal(Price.Parse("0.3"), Price.FromModelAsk(0.1 + 0.2, Price.Parse("0.001")));
    }

    [Fact]
    public void Bid_of_0_57_times_100_is_57()
    {
        // 0.57 × 100 = 56.99999999999999: a hair below 57, which must not cost a whole tick either.
        Assert.Equal(Price.Parse("57"), Price.FromModelBid(0.57 * 100, Price.Parse("0.01")));
    }

    [Fact]
    public void A_sum_of_two_tick_multiples_rounds_to_itself_for_bid_and_ask()
    {
        var gen = from tick in AnyTick()
                  from a in Gens.Long(0, MaxTicks(tick) / 2)
                  from b in Gens.Long(0, MaxTicks(tick) / 2)
                  select (tick, a, b);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            double step = t.tick.ToDouble();
            double model = t.a * step + t.b * step;
            var exact = new Price((t.a + t.b) * t.tick.Raw);
            return Price.FromModelBid(model, t.tick) == exact && Price.FromModelAsk(model, t.tick) == exact;
        }));
    }

    [Fact]
    public void A_product_of_a_tick_multiple_and_a_whole_number_rounds_to_itself_for_bid_and_ask()
    {
        var gen = from tick in AnyTick()
                  from k in Gens.Long(0, 10_000)
                  from m in Gens.Long(0, Math.Max(1, MaxTicks(tick) / Math.Max(1, k)))
                  select (tick, k, m);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            double step = t.tick.ToDouble();
            var exact = new Price(t.k * t.m * t.tick.Raw);
            // Both evaluation orders a model may use: (k·tick)·m and k·(tick·m).
            double left = t.k * step * t.m;
            double right = t.k * (step * t.m);
            return Price.FromModelBid(left, t.tick) == exact && Price.FromModelAsk(left, t.tick) == exact
                && Price.FromModelBid(right, t.tick) == exact && Price.FromModelAsk(right, t.tick) == exact;
        }));
    }

    [Fact]
    public void Any_double_rounds_to_a_bid_at_most_the_model_and_an_ask_at_least_the_model_within_one_tick()
    {
        var doubles = Gens.OneOf(
            (4, ArbMap.Default.ArbFor<double>().Generator),
            (4, Gens.Long(-2_000_000_000_000L, 2_000_000_000_000L).Select(raw => raw / 1e9)),
            (2, Gens.Long(-9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L).Select(raw => raw / 1e9)));
        var gen = from tick in AnyTick() from v in doubles where double.IsFinite(v) && Math.Abs(v) < 9e9 select (tick, v);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var bid = Price.FromModelBid(t.v, t.tick);
            var ask = Price.FromModelAsk(t.v, t.tick);
            return bid.IsOnTick(t.tick) && ask.IsOnTick(t.tick)
                // Not more aggressive than the model, beyond the few ulps that stand for the same decimal.
                && ExactDouble.CompareRaw(bid.Raw, ExactDouble.Ulps(t.v, +ExactDouble.ModelSlackUlps)) <= 0
                && ExactDouble.CompareRaw(ask.Raw, ExactDouble.Ulps(t.v, -ExactDouble.ModelSlackUlps)) >= 0
                // Never more than a tick less aggressive.
                && ExactDouble.CompareRaw(bid.Raw + t.tick.Raw, t.v) > 0
                && ExactDouble.CompareRaw(ask.Raw - t.tick.Raw, t.v) < 0;
        }));
    }

    [Fact]
    public void A_model_a_whole_raw_unit_off_the_tick_is_still_rounded_passively()
    {
        // 0.300000001 is a real decimal one raw unit above 0.3, not a rounding artefact: the ask goes up a tick.
        Assert.Equal(Price.Parse("0.301"), Price.FromModelAsk(0.300000001, Price.Parse("0.001")));
        Assert.Equal(Price.Parse("0.299"), Price.FromModelBid(0.299999999, Price.Parse("0.001")));
    }
}
