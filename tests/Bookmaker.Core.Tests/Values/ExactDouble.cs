using System.Numerics;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Tests.Values;

/// <summary>Exact comparisons between raw fixed-point values and doubles, for rounding properties.</summary>
internal static class ExactDouble
{
    /// <summary>
    /// How many ulps of a model double may stand for the same decimal: <see cref="Price.FromModelBid"/> treats a
    /// scaled value within 2^-50 (relative) of a raw unit as that unit, which is at most 8 ulps of the double, plus the
    /// half ulp of the scaling product.
    /// </summary>
    public const int ModelSlackUlps = 9;

    /// <summary>Sign of raw/1e9 − d, computed exactly (d finite).</summary>
    public static int CompareRaw(long raw, double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0) exponent = 1;
        else mantissa |= 1L << 52;
        int e = exponent - 1075; // d = ±mantissa × 2^e
        BigInteger m = negative ? -(BigInteger)mantissa : mantissa;
        BigInteger left = raw, right = m * FixedPoint.Scale; // compare raw vs d × 1e9
        if (e >= 0) right <<= e;
        else left <<= -e;
        return left.CompareTo(right);
    }

    /// <summary><paramref name="d"/> moved by <paramref name="ulps"/> representable doubles (up when positive).</summary>
    public static double Ulps(double d, int ulps)
    {
        for (int i = 0; i < Math.Abs(ulps); i++) d = ulps > 0 ? Math.BitIncrement(d) : Math.BitDecrement(d);
        return d;
    }
}
