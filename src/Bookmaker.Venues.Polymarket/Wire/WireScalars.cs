using System.Buffers.Text;
using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Reads the scalar values of Polymarket messages straight from <see cref="Utf8JsonReader"/> without allocating.
/// Numbers arrive as JSON strings ("0.515"); plain JSON numbers are accepted too. Escaped strings (never sent for
/// these fields, but legal JSON) are unescaped into a stack buffer.
/// </summary>
internal static class WireScalars
{
    private const int MaxScalarLength = 64;

    /// <summary>Latest millisecond timestamp that still fits <see cref="DateTime"/> (9999-12-31).</summary>
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    /// <summary>Reads an exact fixed-point price.</summary>
    public static bool TryReadPrice(ref Utf8JsonReader reader, out Price price)
    {
        if (IsPlainScalar(ref reader)) return Price.TryParse(reader.ValueSpan, out price);
        bool ok = TryReadEscapedFixed(ref reader, out long raw);
        price = new Price(raw);
        return ok;
    }

    /// <summary>Reads an exact fixed-point quantity.</summary>
    public static bool TryReadQuantity(ref Utf8JsonReader reader, out Quantity quantity)
    {
        if (IsPlainScalar(ref reader)) return Quantity.TryParse(reader.ValueSpan, out quantity);
        bool ok = TryReadEscapedFixed(ref reader, out long raw);
        quantity = new Quantity(raw);
        return ok;
    }

    /// <summary>Reads a unix-milliseconds timestamp ("1757908892351") and returns UTC ticks.</summary>
    public static bool TryReadUnixMillisecondsAsTicks(ref Utf8JsonReader reader, out long ticks)
    {
        ticks = 0;
        long ms;
        if (IsPlainScalar(ref reader))
        {
            if (!TryParseWholeLong(reader.ValueSpan, out ms)) return false;
        }
        else
        {
            if (!IsEscapedScalar(ref reader)) return false;
            Span<byte> buf = stackalloc byte[MaxScalarLength];
            int n = reader.CopyString(buf);
            if (!TryParseWholeLong(buf[..n], out ms)) return false;
        }

        if (ms is < 0 or > MaxUnixMilliseconds) return false;
        ticks = UnixMillisecondsToTicks(ms);
        return true;
    }

    /// <summary>UTC ticks (100 ns since 0001-01-01) of a unix-milliseconds instant.</summary>
    public static long UnixMillisecondsToTicks(long ms) => DateTime.UnixEpoch.Ticks + ms * TimeSpan.TicksPerMillisecond;

    /// <summary>Reads "BUY" / "SELL" (any case).</summary>
    public static bool TryReadSide(ref Utf8JsonReader reader, out Side side)
    {
        side = Side.Buy;
        if (!IsPlainScalar(ref reader) || reader.TokenType != JsonTokenType.String) return false;
        ReadOnlySpan<byte> v = reader.ValueSpan;
        if (v.Length == 3 && (v[0] | 0x20) == 'b' && (v[1] | 0x20) == 'u' && (v[2] | 0x20) == 'y') return true;
        if (v.Length == 4 && (v[0] | 0x20) == 's' && (v[1] | 0x20) == 'e' && (v[2] | 0x20) == 'l' && (v[3] | 0x20) == 'l')
        {
            side = Side.Sell;
            return true;
        }

        return false;
    }

    private static bool TryParseWholeLong(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && text.Length > 0;

    private static bool IsPlainScalar(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.HasValueSequence && !reader.ValueIsEscaped;

    private static bool IsEscapedScalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && reader.ValueIsEscaped
        && reader.ValueSpan.Length <= MaxScalarLength;

    private static bool TryReadEscapedFixed(ref Utf8JsonReader reader, out long raw)
    {
        raw = 0;
        if (!IsEscapedScalar(ref reader)) return false;
        Span<byte> buf = stackalloc byte[MaxScalarLength];
        int n = reader.CopyString(buf);
        return FixedPoint.TryParse(buf[..n], out raw, out _);
    }
}
