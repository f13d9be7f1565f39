using System.Runtime.CompilerServices;

namespace Bookmaker.Core.Values;

/// <summary>An exact size (shares, contracts, coins) in 1e-9 units. Order sizes are non-negative; position sizes are signed.</summary>
public readonly record struct Quantity(long Raw) : IComparable<Quantity>, ISpanFormattable
{
    /// <summary>Zero.</summary>
    public static readonly Quantity Zero = new(0);

    /// <summary>Parses exact invariant text; throws on anything inexact.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"'{text}' is not an exact quantity");

    /// <summary>Parses exact invariant UTF-16 text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Quantity quantity)
    {
        bool ok = FixedPoint.TryParse(text, out long raw, out _);
        quantity = new Quantity(raw);
        return ok;
    }

    /// <summary>Parses exact invariant UTF-8 text (allocation free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity quantity)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw, out _);
        quantity = new Quantity(raw);
        return ok;
    }

    /// <summary>A quantity of whole units.</summary>
    public static Quantity FromUnits(long units) => new(checked(units * FixedPoint.Scale));

    /// <summary>A quantity from 1e-6 units (Polymarket on-chain token amounts).</summary>
    public static Quantity FromMicros(long micros) => new(checked(micros * 1000));

    /// <summary>From an exact decimal; throws if it has more than 9 decimals.</summary>
    public static Quantity FromDecimal(decimal value)
    {
        decimal scaled = value * FixedPoint.Scale;
        if (scaled != decimal.Truncate(scaled)) throw new ArgumentException($"{value} has more than 9 decimals", nameof(value));
        return new Quantity(decimal.ToInt64(scaled));
    }

    /// <summary>True when zero.</summary>
    public bool IsZero => Raw == 0;

    /// <summary>True when above zero.</summary>
    public bool IsPositive => Raw > 0;

    /// <summary>Absolute value.</summary>
    public Quantity Abs() => new(Math.Abs(Raw));

    /// <summary>Rounds toward zero to a multiple of <paramref name="step"/> (sizes never grow by rounding).</summary>
    public Quantity FloorTo(Quantity step) => new(Raw - Raw % step.Raw);

    /// <summary>True when a whole multiple of <paramref name="step"/>.</summary>
    public bool IsOnStep(Quantity step) => Raw % step.Raw == 0;

    /// <summary>For model math only.</summary>
    public double ToDouble() => (double)Raw / FixedPoint.Scale;

    /// <summary>For edges (JSON, UI).</summary>
    public decimal ToDecimal() => (decimal)Raw / FixedPoint.Scale;

    /// <inheritdoc />
    public int CompareTo(Quantity other) => Raw.CompareTo(other.Raw);

#pragma warning disable CS1591
    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Raw + b.Raw));
    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Raw - b.Raw));
    public static Quantity operator -(Quantity a) => new(checked(-a.Raw));
    public static bool operator <(Quantity a, Quantity b) => a.Raw < b.Raw;
    public static bool operator >(Quantity a, Quantity b) => a.Raw > b.Raw;
    public static bool operator <=(Quantity a, Quantity b) => a.Raw <= b.Raw;
    public static bool operator >=(Quantity a, Quantity b) => a.Raw >= b.Raw;
#pragma warning restore CS1591

    /// <summary>Minimum of two quantities.</summary>
    public static Quantity Min(Quantity a, Quantity b) => a.Raw <= b.Raw ? a : b;

    /// <summary>Maximum of two quantities.</summary>
    public static Quantity Max(Quantity a, Quantity b) => a.Raw >= b.Raw ? a : b;

    /// <inheritdoc />
    public override string ToString() => FixedPoint.Format(Raw);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedPoint.TryFormat(Raw, destination, out charsWritten);
}
