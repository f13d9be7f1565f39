using System.Runtime.CompilerServices;
using Bookmaker.Core.Values;

[assembly: InternalsVisibleTo("Bookmaker.Strategies.Tests")]

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>
/// Exact integer helpers for the scanner's inner loops. Int128 division is a software routine and dominates the cost of
/// pricing a basket, so these take the fast road when the operands allow it and give the same result as the exact
/// 128-bit computation in every case.
/// </summary>
internal static class ArbMath
{
    private const long Scale = FixedPoint.Scale;

    /// <summary>(a × b) / 1e9 for a, b ≥ 0, rounded up or down — equal to <see cref="FixedPoint.MultiplyScaled"/>.</summary>
    public static long MulScaled(long a, long b, bool roundUp)
    {
        // b = whole × 1e9 + frac: a × whole needs no division, a × frac / 1e9 divides a long by a constant.
        if (a >= 0 && b >= 0 && a < 9_000_000_000L)
        {
            long whole = b / Scale, frac = b - whole * Scale;
            long lo = a * frac; // < 9e9 × 1e9
            long q = lo / Scale;
            long r = lo - q * Scale;
            if (whole == 0 || a <= long.MaxValue / whole)
            {
                long hi = a * whole;
                long sum = hi + q;
                if (sum >= hi) return roundUp && r != 0 ? sum + 1 : sum;
            }
        }

        return FixedPoint.MultiplyScaled(a, b, roundUp ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity);
    }

    /// <summary>floor(a × b / d) for a, b ≥ 0 and d &gt; 0: a double estimate corrected with exact 128-bit products.</summary>
    public static long FloorMulDiv(long a, long b, UInt128 d)
    {
        UInt128 x = (UInt128)(ulong)a * (ulong)b;
        double estimate = (double)a * b / (double)d;
        if (estimate < 1e15)
        {
            long q = (long)estimate;
            // A double is within a few units of the true quotient at this size; step to the exact floor.
            while (q > 0 && (UInt128)(ulong)q * d > x) q--;
            while ((UInt128)(ulong)(q + 1) * d <= x) q++;
            return q;
        }

        return checked((long)(x / d));
    }
}
