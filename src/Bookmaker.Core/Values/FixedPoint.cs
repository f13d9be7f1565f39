using System.Runtime.CompilerServices;

namespace Bookmaker.Core.Values;

/// <summary>
/// The one fixed-point representation of every price, size and amount in Bookmaker: a signed 64-bit count of
/// 1e-9 units. Nine decimals hold every venue we trade exactly (Polymarket's on-chain 1e-6 units, Bybit and
/// Binance's 8-decimal crypto quantities) while a long still spans ±9.2e9 whole units.
/// </summary>
/// <remarks>
/// Parsing is exact: a string with more decimals than the scale, an exponent, or a value out of range is
/// rejected rather than rounded, because a silently rounded venue price is a wrong price.
/// </remarks>
public static class FixedPoint
{
    /// <summary>Decimals carried by every raw value.</summary>
    public const int Decimals = 9;

    /// <summary>Raw units per whole unit (10^<see cref="Decimals"/>).</summary>
    public const long Scale = 1_000_000_000L;

    private static readonly long[] Pow10 =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    ];

    /// <summary>10^n for n in 0..9.</summary>
    public static long PowerOfTen(int n) => Pow10[n];

    /// <summary>
    /// Parses an invariant decimal string (digits, optional leading '-', optional '.', no exponent, no spaces)
    /// of UTF-8 bytes into raw units. Returns false on anything that is not exactly representable.
    /// </summary>
    /// <param name="text">The bytes, e.g. <c>"0.515"</c> from a venue message.</param>
    /// <param name="raw">Raw 1e-9 units on success.</param>
    /// <param name="decimals">How many decimals the text carried (for instrument precision checks).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> text, out long raw, out int decimals)
    {
        raw = 0;
        decimals = 0;
        int n = text.Length;
        int i = 0;
        bool negative = n > 0 && text[0] == (byte)'-';
        if (negative) i = 1;
        if (i == n) return false; // "" and "-"

        ulong whole = 0;
        int wholeStart = i;
        for (; i < n; i++)
        {
            uint d = (uint)(text[i] - (byte)'0');
            if (d > 9) break;
            whole = whole * 10 + d;
        }

        // 9.2e9 whole units is the ceiling; 10 digits is the most that can fit (longer runs may have wrapped).
        if (i - wholeStart > 10) return false;

        ulong frac = 0;
        int used = 0;
        int significant = 0;
        if (i < n)
        {
            if (text[i] != (byte)'.') return false;
            int fracStart = ++i;
            if (i == n) return false; // "1." is not a venue number
            int limit = n - fracStart > Decimals ? fracStart + Decimals : n;
            for (; i < limit; i++)
            {
                uint d = (uint)(text[i] - (byte)'0');
                if (d > 9) return false;
                frac = frac * 10 + d;
                // Significant decimals = position of the last non-zero digit, tracked here rather than by dividing later.
                if (d != 0) significant = i - fracStart + 1;
            }

            used = limit - fracStart;
            // Digits beyond the scale are exact only if they are all zeros ("0.5000000000").
            for (; i < n; i++)
            {
                if (text[i] != (byte)'0') return false;
            }
        }
        else if (i == wholeStart)
        {
            return false;
        }

        if (whole > (ulong)(long.MaxValue / Scale)) return false;
        ulong value = whole * (ulong)Scale + frac * Pow10Unsigned[Decimals - used];
        // A negative value may reach 2^63: long.MinValue is a valid raw and Format writes it.
        ulong max = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (value > max) return false;
        raw = negative ? unchecked(-(long)value) : (long)value;
        decimals = significant;
        return true;
    }

    // Compiled to static data: no array load or field access on the parse path.
    private static ReadOnlySpan<ulong> Pow10Unsigned =>
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
    ];

    /// <summary>UTF-16 twin of <see cref="TryParse(ReadOnlySpan{byte}, out long, out int)"/> for config and CLI input.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long raw, out int decimals)
    {
        raw = 0;
        decimals = 0;
        if (text.Length is 0 or > 64) return false;
        Span<byte> bytes = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 127) return false;
            bytes[i] = (byte)c;
        }

        return TryParse(bytes, out raw, out decimals);
    }

    private static int CountSignificantDecimals(ulong frac, int digits)
    {
        while (digits > 0 && frac % 10 == 0)
        {
            frac /= 10;
            digits--;
        }

        return digits;
    }

    /// <summary>Decimals needed to write <paramref name="raw"/> exactly (0..9).</summary>
    public static int SignificantDecimals(long raw)
    {
        long frac = Math.Abs(raw % Scale);
        return CountSignificantDecimals((ulong)frac, frac == 0 ? 0 : Decimals);
    }

    /// <summary>Writes raw units as the shortest exact invariant decimal ("0.515", "-3", "60000.1").</summary>
    public static bool TryFormat(long raw, Span<char> destination, out int written)
    {
        written = 0;
        Span<char> buf = stackalloc char[32];
        int pos = buf.Length;
        bool negative = raw < 0;
        ulong abs = negative ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        ulong whole = abs / Scale;
        ulong frac = abs % Scale;
        int fracDigits = Decimals;
        while (fracDigits > 0 && frac % 10 == 0)
        {
            frac /= 10;
            fracDigits--;
        }

        if (fracDigits > 0)
        {
            for (int k = 0; k < fracDigits; k++)
            {
                buf[--pos] = (char)('0' + (int)(frac % 10));
                frac /= 10;
            }

            buf[--pos] = '.';
        }

        do
        {
            buf[--pos] = (char)('0' + (int)(whole % 10));
            whole /= 10;
        }
        while (whole > 0);

        if (negative) buf[--pos] = '-';
        int len = buf.Length - pos;
        if (len > destination.Length) return false;
        buf[pos..].CopyTo(destination);
        written = len;
        return true;
    }

    /// <summary>Formats raw units as a string (allocates; for logs, JSON and UI, not the hot path).</summary>
    public static string Format(long raw)
    {
        Span<char> buf = stackalloc char[32];
        TryFormat(raw, buf, out int n);
        return new string(buf[..n]);
    }

    /// <summary>Largest multiple of <paramref name="step"/> that is ≤ <paramref name="raw"/> (floor, also for negatives).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FloorTo(long raw, long step)
    {
        long r = raw % step;
        // checked: a floor below long.MinValue must throw, not wrap round to a large positive value.
        return r == 0 ? raw : (r > 0 ? raw - r : checked(raw - r - step));
    }

    /// <summary>Smallest multiple of <paramref name="step"/> that is ≥ <paramref name="raw"/> (ceiling, also for negatives).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long CeilTo(long raw, long step)
    {
        long r = raw % step;
        // checked: a ceiling above long.MaxValue must throw, not wrap round to a large negative value.
        return r == 0 ? raw : (r > 0 ? checked(raw - r + step) : raw - r);
    }

    /// <summary>(a × b) / Scale with the given rounding, computed in 128 bits so it cannot overflow midway.</summary>
    public static long MultiplyScaled(long a, long b, MidpointRounding rounding)
    {
        // Fast path: most products (price × size of real orders) fit in 64 bits, and 64-bit division is several times
        // cheaper than 128-bit. Same rounding rules as the general path below.
        long high = Math.BigMul(a, b, out long low);
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            long fq = low / Scale;
            long frem = low - fq * Scale;
            if (frem == 0) return fq;
            bool positive = low > 0;
            switch (rounding)
            {
                case MidpointRounding.ToPositiveInfinity: return positive ? fq + 1 : fq;
                case MidpointRounding.ToNegativeInfinity: return positive ? fq : fq - 1;
                case MidpointRounding.ToZero: return fq;
                default:
                    long ftwice = Math.Abs(frem) * 2;
                    if (ftwice > Scale || (ftwice == Scale && (rounding == MidpointRounding.AwayFromZero || (fq & 1) != 0)))
                        fq += positive ? 1 : -1;
                    return fq;
            }
        }

        Int128 product = (Int128)a * b;
        Int128 q = Int128.DivRem(product, Scale).Quotient;
        Int128 rem = product - q * Scale;
        if (rem != 0)
        {
            bool positive = product > 0;
            switch (rounding)
            {
                case MidpointRounding.ToPositiveInfinity:
                    if (positive) q += 1;
                    break;
                case MidpointRounding.ToNegativeInfinity:
                    if (!positive) q -= 1;
                    break;
                case MidpointRounding.ToZero:
                    break;
                default:
                    Int128 twice = Int128.Abs(rem) * 2;
                    if (twice > Scale || (twice == Scale && (rounding == MidpointRounding.AwayFromZero || (q & 1) != 0)))
                        q += positive ? 1 : -1;
                    break;
            }
        }

        return checked((long)q);
    }
}
