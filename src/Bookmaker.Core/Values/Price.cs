using System.Runtime.CompilerServices;

namespace Bookmaker.Core.Values;

/// <summary>
/// An exact price in 1e-9 units (see <see cref="FixedPoint"/>). Never a double: model code that works in doubles
/// turns its result into a price only through <see cref="FromModelBid"/> / <see cref="FromModelAsk"/>, which round
/// in the safe direction.
/// </summary>
public readonly record struct Price(long Raw) : IComparable<Price>, ISpanFormattable
{
    /// <summary>Zero.</summary>
    public static readonly Price Zero = new(0);

    /// <summary>One whole unit (a Polymarket share pays out 1 USDC).</summary>
    public static readonly Price One = new(FixedPoint.Scale);

    /// <summary>Parses exact invariant text; throws <see cref="FormatException"/> on anything inexact.</summary>
    public static Price Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not an exact price");

    /// <summary>Parses exact invariant UTF-16 text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Price price)
    {
        bool ok = FixedPoint.TryParse(text, out long raw, out _);
        price = new Price(raw);
        return ok;
    }

    /// <summary>Parses exact invariant UTF-8 text (the venue-message path; allocation free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price price)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw, out _);
        price = new Price(raw);
        return ok;
    }

    /// <summary>A price from a whole number of 1e-6 units (Polymarket on-chain amounts).</summary>
    public static Price FromMicros(long micros) => new(checked(micros * 1000));

    /// <summary>From an exact decimal; throws if it has more than 9 decimals.</summary>
    public static Price FromDecimal(decimal value)
    {
        decimal scaled = value * FixedPoint.Scale;
        if (scaled != decimal.Truncate(scaled)) throw new ArgumentException($"{value} has more than 9 decimals", nameof(value));
        return new Price(decimal.ToInt64(scaled));
    }

    /// <summary>
    /// Turns a model's bid (a double) into a price rounded down to the tick: a bid may only become less aggressive.
    /// </summary>
    public static Price FromModelBid(double value, Price tick)
    {
        long raw = ModelToRaw(value, floor: true);
        return new Price(FixedPoint.FloorTo(raw, tick.Raw));
    }

    /// <summary>Turns a model's ask (a double) into a price rounded up to the tick.</summary>
    public static Price FromModelAsk(double value, Price tick)
    {
        long raw = ModelToRaw(value, floor: false);
        return new Price(FixedPoint.CeilTo(raw, tick.Raw));
    }

    /// <summary>2^-50, four machine epsilons: how far (relative) a scaled model value may be from a raw unit and still be it.</summary>
    private const double SnapRelative = 1.0 / (1L << 50);

    /// <summary>2^52: from here on a double has no fraction left, and a value scaled by 1e9 in doubles has lost raw units.</summary>
    private const double ExactScalingAbove = 4_503_599_627_370_496.0;

    /// <summary>
    /// The model value in raw units. Double arithmetic leaves a few ulps of error (0.1 + 0.2 = 0.30000000000000004), so
    /// a value within <see cref="SnapRelative"/> of a raw unit stands for that unit; rounding the artefact away in the
    /// safe direction would cost a whole tick. Any other value is rounded down (bids) or up (asks).
    /// </summary>
    private static long ModelToRaw(double value, bool floor)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "model price is not finite");
        double scaled = value * FixedPoint.Scale;
        double magnitude = Math.Abs(scaled);
        if (magnitude >= ExactScalingAbove) return LargeModelToRaw(value);
        double nearest = Math.Round(scaled);
        if (Math.Abs(scaled - nearest) <= magnitude * SnapRelative) return (long)nearest;
        return (long)(floor ? Math.Floor(scaled) : Math.Ceiling(scaled));
    }

    /// <summary>
    /// |value| of about 4.5 million or more: one ulp of the double is worth more than a raw unit, so every value stands
    /// for its nearest raw unit; the product with 1e9 is formed exactly in 128 bits (mantissa × 1e9, shifted).
    /// </summary>
    private static long LargeModelToRaw(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int shift = (int)((bits >> 52) & 0x7FF) - 1075; // value = ±mantissa × 2^shift (normal: value is large)
        long mantissa = (bits & 0xF_FFFF_FFFF_FFFFL) | (1L << 52);
        if (shift >= 0) throw new ArgumentOutOfRangeException(nameof(value), "model price out of range");
        Int128 product = (Int128)mantissa * FixedPoint.Scale;
        Int128 rounded = (product + (Int128.One << (-shift - 1))) >> -shift;
        if (rounded > long.MaxValue) throw new ArgumentOutOfRangeException(nameof(value), "model price out of range");
        return bits < 0 ? -(long)rounded : (long)rounded;
    }

    /// <summary>The price as a double, for model math only — never for money.</summary>
    public double ToDouble() => (double)Raw / FixedPoint.Scale;

    /// <summary>The price as a decimal, for edges (JSON, UI).</summary>
    public decimal ToDecimal() => (decimal)Raw / FixedPoint.Scale;

    /// <summary>Rounds down to a multiple of <paramref name="tick"/> (bids).</summary>
    public Price FloorTo(Price tick) => new(FixedPoint.FloorTo(Raw, tick.Raw));

    /// <summary>Rounds up to a multiple of <paramref name="tick"/> (asks).</summary>
    public Price CeilTo(Price tick) => new(FixedPoint.CeilTo(Raw, tick.Raw));

    /// <summary>Rounds in the direction that makes a quote of <paramref name="side"/> less aggressive.</summary>
    public Price RoundPassive(Side side, Price tick) => side == Side.Buy ? FloorTo(tick) : CeilTo(tick);

    /// <summary>True when this price is a whole multiple of <paramref name="tick"/>.</summary>
    public bool IsOnTick(Price tick) => Raw % tick.Raw == 0;

    /// <summary>1 − p: the complement outcome's price in a binary market.</summary>
    public Price Complement() => new(FixedPoint.Scale - Raw);

    /// <inheritdoc />
    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);

#pragma warning disable CS1591 // operators are self-describing
    public static Price operator +(Price a, Price b) => new(checked(a.Raw + b.Raw));
    public static Price operator -(Price a, Price b) => new(checked(a.Raw - b.Raw));
    public static bool operator <(Price a, Price b) => a.Raw < b.Raw;
    public static bool operator >(Price a, Price b) => a.Raw > b.Raw;
    public static bool operator <=(Price a, Price b) => a.Raw <= b.Raw;
    public static bool operator >=(Price a, Price b) => a.Raw >= b.Raw;
#pragma warning restore CS1591

    /// <summary>Minimum of two prices.</summary>
    public static Price Min(Price a, Price b) => a.Raw <= b.Raw ? a : b;

    /// <summary>Maximum of two prices.</summary>
    public static Price Max(Price a, Price b) => a.Raw >= b.Raw ? a : b;

    /// <inheritdoc />
    public override string ToString() => FixedPoint.Format(Raw);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedPoint.TryFormat(Raw, destination, out charsWritten);

    /// <summary>Culture-free string for JSON.</summary>
    public string ToInvariantString() => ToString();

}
