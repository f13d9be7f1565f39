namespace Bookmaker.Core.Values;

/// <summary>
/// An exact signed amount of quote currency (USDC on Polymarket, USDT on Bybit) in 1e-9 units: cash, notional,
/// fees, rebates and P&amp;L. Products of price and size are computed in 128 bits and rounded only in a named direction.
/// </summary>
public readonly record struct Money(long Raw) : IComparable<Money>, ISpanFormattable
{
    /// <summary>Zero.</summary>
    public static readonly Money Zero = new(0);

    /// <summary>Parses exact invariant text; throws on anything inexact.</summary>
    public static Money Parse(string text) =>
        TryParse(text, out var m) ? m : throw new FormatException($"'{text}' is not an exact amount");

    /// <summary>Parses exact invariant UTF-16 text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Money money)
    {
        bool ok = FixedPoint.TryParse(text, out long raw, out _);
        money = new Money(raw);
        return ok;
    }

    /// <summary>Parses exact invariant UTF-8 text.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Money money)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw, out _);
        money = new Money(raw);
        return ok;
    }

    /// <summary>Whole units (dollars).</summary>
    public static Money FromUnits(long units) => new(checked(units * FixedPoint.Scale));

    /// <summary>From 1e-6 units (USDC on-chain).</summary>
    public static Money FromMicros(long micros) => new(checked(micros * 1000));

    /// <summary>From an exact decimal; throws if it has more than 9 decimals.</summary>
    public static Money FromDecimal(decimal value)
    {
        decimal scaled = value * FixedPoint.Scale;
        if (scaled != decimal.Truncate(scaled)) throw new ArgumentException($"{value} has more than 9 decimals", nameof(value));
        return new Money(decimal.ToInt64(scaled));
    }

    /// <summary>
    /// price × size. Exact whenever the product has ≤ 9 decimals (always for Polymarket ticks and sizes);
    /// otherwise rounded as asked — callers say which way (e.g. cost of a buy rounds up).
    /// </summary>
    public static Money Notional(Price price, Quantity size, MidpointRounding rounding = MidpointRounding.ToEven) =>
        new(FixedPoint.MultiplyScaled(price.Raw, size.Raw, rounding));

    /// <summary>This amount scaled by a quantity-like factor (raw × factor / scale).</summary>
    public Money MultiplyBy(long factorRaw, MidpointRounding rounding) => new(FixedPoint.MultiplyScaled(Raw, factorRaw, rounding));

    /// <summary>Rounds to a multiple of <paramref name="stepRaw"/> toward negative infinity.</summary>
    public Money FloorTo(long stepRaw) => new(FixedPoint.FloorTo(Raw, stepRaw));

    /// <summary>Rounds to a multiple of <paramref name="stepRaw"/> toward positive infinity.</summary>
    public Money CeilTo(long stepRaw) => new(FixedPoint.CeilTo(Raw, stepRaw));

    /// <summary>True when below zero.</summary>
    public bool IsNegative => Raw < 0;

    /// <summary>For reports and model math only.</summary>
    public double ToDouble() => (double)Raw / FixedPoint.Scale;

    /// <summary>For edges (JSON, UI).</summary>
    public decimal ToDecimal() => (decimal)Raw / FixedPoint.Scale;

    /// <summary>Absolute value.</summary>
    public Money Abs() => new(Math.Abs(Raw));

    /// <inheritdoc />
    public int CompareTo(Money other) => Raw.CompareTo(other.Raw);

#pragma warning disable CS1591
    public static Money operator +(Money a, Money b) => new(checked(a.Raw + b.Raw));
    public static Money operator -(Money a, Money b) => new(checked(a.Raw - b.Raw));
    public static Money operator -(Money a) => new(checked(-a.Raw));
    public static bool operator <(Money a, Money b) => a.Raw < b.Raw;
    public static bool operator >(Money a, Money b) => a.Raw > b.Raw;
    public static bool operator <=(Money a, Money b) => a.Raw <= b.Raw;
    public static bool operator >=(Money a, Money b) => a.Raw >= b.Raw;
#pragma warning restore CS1591

    /// <summary>Minimum of two amounts.</summary>
    public static Money Min(Money a, Money b) => a.Raw <= b.Raw ? a : b;

    /// <summary>Maximum of two amounts.</summary>
    public static Money Max(Money a, Money b) => a.Raw >= b.Raw ? a : b;

    /// <inheritdoc />
    public override string ToString() => FixedPoint.Format(Raw);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        FixedPoint.TryFormat(Raw, destination, out charsWritten);
}
