using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Core.Tests.Values;

public class QuotePairPropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(3000);

    public static TheoryData<string> Instruments() => new() { "poly-0.01", "poly-0.001", "poly-0.01-after-0.001", "btc-perp" };

    private static Instrument Make(string name)
    {
        var links = new OutcomeLinks("0xm", "Yes", true, new InstrumentId(VenueNames.Polymarket, "no"));
        switch (name)
        {
            case "poly-0.01":
                return Instrument.PolymarketToken("yes", Price.Parse("0.01"), links);
            case "poly-0.001":
                return Instrument.PolymarketToken("yes", Price.Parse("0.001"), links);
            case "poly-0.01-after-0.001":
                var changed = Instrument.PolymarketToken("yes", Price.Parse("0.001"), links);
                changed.ChangeTick(Price.Parse("0.01"));
                return changed;
            default:
                return new Instrument(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"),
                    Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1999999.8"), "bybit");
        }
    }

    /// <summary>A double uniform in [lo, hi].</summary>
    private static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => lo + (hi - lo) * ((i - (double)int.MinValue) / uint.MaxValue));

    /// <summary>Model doubles around an instrument's range: uniform, near the bounds, round decimals, and anything at all.</summary>
    private static Gen<double> ModelDouble(Instrument instrument)
    {
        double min = instrument.MinPrice.ToDouble(), max = instrument.MaxPrice.ToDouble(), tick = instrument.TickSize.ToDouble();
        double width = max - min;
        return Gens.OneOf(
            (5, Uniform(min - 0.2 * width, max + 0.2 * width)),
            (3, Uniform(min - 3 * tick, min + 3 * tick)),
            (3, Uniform(max - 3 * tick, max + 3 * tick)),
            (3, Gen.Choose(-10, (int)Math.Min(int.MaxValue - 20, max / tick) + 10).Select(k => k * tick)), // 0.29, 0.57 …: doubles just below a tick
            (1, ArbMap.Default.ArbFor<double>().Generator));
    }

    /// <summary>Random prices around an instrument's range, on and off the tick.</summary>
    private static Gen<Price> ModelPrice(Instrument instrument)
    {
        long min = instrument.MinPrice.Raw, max = instrument.MaxPrice.Raw, tick = instrument.TickSize.Raw;
        long width = max - min;
        return Gens.OneOf(
            (5, Gens.Long(min - width / 5, max + width / 5)),
            (3, Gens.Long(min - 3 * tick, min + 3 * tick)),
            (3, Gens.Long(max - 3 * tick, max + 3 * tick)),
            (2, Gens.Long(-2, max / tick + 2).Select(k => k * tick))).Select(raw => new Price(raw));
    }

    private static bool SideIsValid(Instrument instrument, Price price) =>
        price >= instrument.MinPrice && price <= instrument.MaxPrice && price.IsOnTick(instrument.TickSize);

    private static bool Invariants(Instrument instrument, QuotePair q) =>
        (!q.HasBid || SideIsValid(instrument, q.Bid))
        && (!q.HasAsk || SideIsValid(instrument, q.Ask))
        && (!(q.HasBid && q.HasAsk) || q.Bid < q.Ask);

    [Theory]
    [MemberData(nameof(Instruments))]
    public void Rounding_model_doubles_never_crosses_never_leaves_bounds_and_only_moves_passively(string name)
    {
        var instrument = Make(name);
        var gen = from bid in ModelDouble(instrument) from ask in ModelDouble(instrument) select (bid, ask);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var q = QuotePair.FromModel(t.bid, t.ask, instrument);
            bool usableInput = double.IsFinite(t.bid) && double.IsFinite(t.ask) && t.bid < t.ask;
            if (!usableInput) return !q.HasBid && !q.HasAsk;
            // The model's double stands for a decimal; a few ulps are the most its conversion may differ by.
            bool bidNotUp = !q.HasBid || ExactDouble.CompareRaw(q.Bid.Raw, ExactDouble.Ulps(t.bid, ExactDouble.ModelSlackUlps)) <= 0;
            bool askNotDown = !q.HasAsk || ExactDouble.CompareRaw(q.Ask.Raw, ExactDouble.Ulps(t.ask, -ExactDouble.ModelSlackUlps)) >= 0;
            return Invariants(instrument, q) && bidNotUp && askNotDown;
        }));
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void Rounding_prices_never_crosses_never_leaves_bounds_and_only_moves_passively(string name)
    {
        var instrument = Make(name);
        var gen = from bid in ModelPrice(instrument) from ask in ModelPrice(instrument) select (bid, ask);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var q = QuotePair.Make(t.bid, t.ask, instrument);
            if (t.bid >= t.ask) return !q.HasBid && !q.HasAsk;
            return Invariants(instrument, q)
                && (!q.HasBid || q.Bid <= t.bid)
                && (!q.HasAsk || q.Ask >= t.ask);
        }));
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void A_valid_pair_on_tick_is_left_unchanged(string name)
    {
        var instrument = Make(name);
        long ticks = (instrument.MaxPrice.Raw - instrument.MinPrice.Raw) / instrument.TickSize.Raw;
        var gen = from a in Gens.Long(0, ticks) from b in Gens.Long(0, ticks) where a != b select (Math.Min(a, b), Math.Max(a, b));
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var bid = new Price(instrument.MinPrice.Raw + t.Item1 * instrument.TickSize.Raw);
            var ask = new Price(instrument.MinPrice.Raw + t.Item2 * instrument.TickSize.Raw);
            var q = QuotePair.Make(bid, ask, instrument);
            return q.HasBid && q.HasAsk && q.Bid == bid && q.Ask == ask;
        }));
    }

    [Fact]
    public void Bid_of_0_29_as_a_double_stays_0_29()
    {
        // 0.29 is stored as 0.28999999999999998; the conversion treats it as the decimal it stands for.
        var q = QuotePair.FromModel(0.29, 0.31, Make("poly-0.01"));
        Assert.Equal(Price.Parse("0.29"), q.Bid);
        Assert.Equal(Price.Parse("0.31"), q.Ask);
    }

    [Fact]
    public void Not_finite_model_values_refuse_both_sides()
    {
        var instrument = Make("poly-0.01");
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.False(QuotePair.FromModel(bad, 0.5, instrument).HasBid);
            Assert.False(QuotePair.FromModel(0.4, bad, instrument).HasAsk);
        }
    }
}
