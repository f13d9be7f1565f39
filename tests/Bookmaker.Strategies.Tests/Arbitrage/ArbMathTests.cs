using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class ArbMathTests
{
    private static readonly Gen<long> Wide =
        Gen.OneOf(
            Gen.Choose(0, int.MaxValue).Select(x => (long)x),
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, int.MaxValue)).Select(t => ((long)t.Item1 << 31) | (uint)t.Item2),
            Gen.Elements(0L, 1L, 999_999_999L, 1_000_000_000L, 8_999_999_999L, 9_000_000_000L, long.MaxValue / 1_000_000_000L));

    [Fact]
    public void Fast_scaled_multiply_equals_the_128_bit_one()
    {
        Prop.ForAll(Wide.Zip(Wide).Zip(Gen.Elements(true, false)).ToArbitrary(), t =>
        {
            var ((a, b), up) = t;
            var rounding = up ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity;
            long expected;
            try { expected = FixedPoint.MultiplyScaled(a, b, rounding); }
            catch (OverflowException) { return true; }
            return ArbMath.MulScaled(a, b, up) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Floor_multiply_divide_equals_the_128_bit_one()
    {
        var divisors = Gen.Elements((UInt128)1, (UInt128)1_000_000_000, (UInt128)10_000_000_000_000_000_000UL, UInt128.Parse("10000000000000000000000"));
        Prop.ForAll(Wide.Zip(Wide).Zip(divisors).ToArbitrary(), t =>
        {
            var ((a, b), d) = t;
            UInt128 q = (UInt128)(ulong)a * (ulong)b / d;
            if (q > long.MaxValue) return true;
            return ArbMath.FloorMulDiv(a, b, d) == (long)q;
        }).QuickCheckThrowOnFailure();
    }
}
