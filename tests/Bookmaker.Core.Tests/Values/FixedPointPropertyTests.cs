using System.Numerics;
using System.Text;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Core.Tests.Values;

public class FixedPointPropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(2000);

    /// <summary>Raw values across the whole long range, with extra weight on small values and the extremes.</summary>
    private static Gen<long> AnyRaw() => Gens.OneOf(
        (4, Gens.Long(long.MinValue, long.MaxValue)),
        (4, Gens.Long(-1_000_000_000_000L, 1_000_000_000_000L)),
        (2, Gen.Choose(-1000, 1000).Select(i => (long)i)),
        (1, Gen.Elements(long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1, 0L, -1L, 1L, FixedPoint.Scale, -FixedPoint.Scale)));

    [Fact]
    public void Format_then_parse_gives_the_same_raw()
    {
        Check.One(Many, Prop.ForAll(AnyRaw().ToArbitrary(), raw =>
        {
            string text = FixedPoint.Format(raw);
            bool ok16 = FixedPoint.TryParse(text.AsSpan(), out long back16, out _);
            bool ok8 = FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out long back8, out _);
            return ok16 && ok8 && back16 == raw && back8 == raw;
        }));
    }

    [Fact]
    public void Smallest_raw_round_trips_through_text()
    {
        // Found by the round-trip property: Format wrote long.MinValue but Parse refused its own output.
        string text = FixedPoint.Format(long.MinValue);
        Assert.Equal("-9223372036.854775808", text);
        Assert.True(FixedPoint.TryParse(text.AsSpan(), out long raw, out _));
        Assert.Equal(long.MinValue, raw);
    }

    [Fact]
    public void Values_just_beyond_the_range_are_refused()
    {
        Assert.False(FixedPoint.TryParse("9223372036.854775808".AsSpan(), out _, out _));
        Assert.False(FixedPoint.TryParse("-9223372036.854775809".AsSpan(), out _, out _));
        Assert.False(FixedPoint.TryParse("99999999999".AsSpan(), out _, out _));
    }

    [Fact]
    public void Formatted_text_agrees_with_decimal()
    {
        var small = Gens.Long(-79_000_000_000_000_000L, 79_000_000_000_000_000L);
        Check.One(Many, Prop.ForAll(small.ToArbitrary(), raw =>
            FixedPoint.Format(raw) == ((decimal)raw / FixedPoint.Scale).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Parse_refuses_a_tenth_significant_decimal()
    {
        var gen = from whole in Gen.Choose(0, 1_000_000)
                  from nine in Gen.Choose(0, 999_999_999)
                  from tenth in Gen.Choose(1, 9)
                  select $"{whole}.{nine:D9}{tenth}";
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), text => !FixedPoint.TryParse(text.AsSpan(), out _, out _)));
    }

    [Fact]
    public void Parse_accepts_nine_decimals_exactly()
    {
        var gen = from whole in Gen.Choose(0, 1_000_000)
                  from nine in Gen.Choose(0, 999_999_999)
                  select (whole, nine);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
            FixedPoint.TryParse($"{t.whole}.{t.nine:D9}".AsSpan(), out long raw, out _)
            && raw == t.whole * FixedPoint.Scale + t.nine));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData("-1.")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData("1E5")]
    [InlineData("1.5e-3")]
    [InlineData("0.1234567891")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,5")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Parse_rejects_malformed_or_inexact_text(string text)
    {
        Assert.False(FixedPoint.TryParse(text.AsSpan(), out _, out _));
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
        Assert.Throws<FormatException>(() => Price.Parse(text));
    }

    [Fact]
    public void Parse_rejects_exponents_anywhere()
    {
        var gen = from raw in Gens.Long(-1_000_000_000_000L, 1_000_000_000_000L)
                  from e in Gen.Elements("e", "E", "e+", "e-", "E-")
                  from exp in Gen.Choose(0, 20)
                  select FixedPoint.Format(raw) + e + exp;
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), text => !FixedPoint.TryParse(text.AsSpan(), out _, out _)));
    }

    [Fact]
    public void Multiply_scaled_matches_a_big_integer_reference_in_every_rounding_mode()
    {
        var gen = from a in AnyRaw()
                  from b in AnyRaw()
                  from mode in Gen.Elements(Enum.GetValues<MidpointRounding>())
                  select (a, b, mode);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            BigInteger expected = ReferenceMultiplyScaled(t.a, t.b, t.mode);
            bool fits = expected >= long.MinValue && expected <= long.MaxValue;
            try
            {
                long actual = FixedPoint.MultiplyScaled(t.a, t.b, t.mode);
                return fits && actual == (long)expected;
            }
            catch (OverflowException)
            {
                return !fits;
            }
        }));
    }

    [Fact]
    public void Multiply_scaled_is_exact_for_polymarket_prices_and_sizes()
    {
        var gen = from ticks in Gen.Choose(1, 999)
                  from cents in Gen.Choose(1, 100_000_000)
                  select (ticks, cents);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var price = new Price(t.ticks * 1_000_000L);    // 0.001 .. 0.999
            var size = new Quantity(t.cents * 10_000_000L); // 0.01 .. 1,000,000 shares
            decimal exact = (t.ticks / 1000m) * (t.cents / 100m);
            return Money.Notional(price, size, MidpointRounding.ToZero) == Money.FromDecimal(exact)
                && Money.Notional(price, size, MidpointRounding.ToPositiveInfinity) == Money.FromDecimal(exact);
        }));
    }

    [Fact]
    public void Floor_and_ceil_match_a_big_integer_reference()
    {
        var step = Gens.OneOf(
            (3, Gen.Elements(1L, 10L, 1_000_000L, 10_000_000L, 100_000_000L, FixedPoint.Scale)),
            (2, Gens.Long(1, 1_000_000_000_000L)),
            (1, Gens.Long(1, long.MaxValue)));
        var gen = from raw in AnyRaw() from s in step select (raw, s);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            BigInteger exactFloor = FloorReference(t.raw, t.s);
            BigInteger exactCeil = exactFloor == t.raw ? t.raw : exactFloor + t.s;
            return Matches(exactFloor, () => FixedPoint.FloorTo(t.raw, t.s))
                && Matches(exactCeil, () => FixedPoint.CeilTo(t.raw, t.s));
        }));
    }

    [Fact]
    public void Floor_below_the_smallest_long_throws_instead_of_wrapping()
    {
        // Found by the reference property: the result wrapped round to a large positive number.
        Assert.Throws<OverflowException>(() => FixedPoint.FloorTo(long.MinValue + 1, FixedPoint.Scale));
        Assert.Throws<OverflowException>(() => FixedPoint.CeilTo(long.MaxValue - 1, FixedPoint.Scale));
    }

    [Fact]
    public void Floor_and_ceil_bracket_the_value_within_one_step()
    {
        var gen = from raw in Gens.Long(-1_000_000_000_000_000L, 1_000_000_000_000_000L)
                  from s in Gens.Long(1, 1_000_000_000_000L)
                  select (raw, s);
        Check.One(Many, Prop.ForAll(gen.ToArbitrary(), t =>
        {
            long f = FixedPoint.FloorTo(t.raw, t.s), c = FixedPoint.CeilTo(t.raw, t.s);
            return f <= t.raw && t.raw <= c && f % t.s == 0 && c % t.s == 0 && c - f <= t.s && (c == f) == (t.raw % t.s == 0);
        }));
    }

    private static bool Matches(BigInteger expected, Func<long> actual)
    {
        bool fits = expected >= long.MinValue && expected <= long.MaxValue;
        try
        {
            long value = actual(); // always called: an out-of-range result must throw
            return fits && value == (long)expected;
        }
        catch (OverflowException)
        {
            return !fits;
        }
    }

    private static BigInteger FloorReference(BigInteger raw, BigInteger step)
    {
        BigInteger q = BigInteger.DivRem(raw, step, out BigInteger rem);
        if (rem < 0) q -= 1;
        return q * step;
    }

    private static BigInteger ReferenceMultiplyScaled(long a, long b, MidpointRounding mode)
    {
        BigInteger product = (BigInteger)a * b;
        BigInteger scale = FixedPoint.Scale;
        BigInteger q = BigInteger.DivRem(product, scale, out BigInteger rem); // truncates toward zero
        if (rem.IsZero) return q;
        int sign = product.Sign;
        switch (mode)
        {
            case MidpointRounding.ToZero:
                return q;
            case MidpointRounding.ToPositiveInfinity:
                return sign > 0 ? q + 1 : q;
            case MidpointRounding.ToNegativeInfinity:
                return sign < 0 ? q - 1 : q;
            default:
                BigInteger twice = BigInteger.Abs(rem) * 2;
                int cmp = twice.CompareTo(scale);
                bool away = cmp > 0 || (cmp == 0 && (mode == MidpointRounding.AwayFromZero || !q.IsEven));
                return away ? q + sign : q;
        }
    }
}
