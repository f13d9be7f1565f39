using System.Buffers.Text;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Wire;

/// <summary>
/// The fast path for the message that dominates the feed: an order-book snapshot or delta in exactly the shape the
/// venue sends — <c>{"topic":"orderbook.{d}.{S}","type":…,"ts":…,"data":{"s":…,"b":[[p,q],…],"a":[…],"u":…,"seq":…},"cts":…}</c>,
/// no whitespace, no escapes. A single forward scan, no tokenizer. Anything else — another field order, whitespace, an
/// escape, an unknown field, a bad number — makes it answer false having decided nothing, and
/// <see cref="BybitPublicParser"/> reads the message with the general reader, which also reports what is wrong. What it
/// accepts it decodes exactly as the general reader would (tested on the recorded feed and on mutated messages).
/// </summary>
internal static class BybitBookScanner
{
    /// <summary>Decodes <paramref name="json"/> into <paramref name="m"/> (already reset) when it has the exact shape.</summary>
    public static bool TryScan(ReadOnlySpan<byte> json, BybitPublicMessage m)
    {
        int i = 0;
        if (!Literal(json, ref i, "{\"topic\":\"orderbook."u8)) return false;
        if (!Digits(json, ref i, out long depth, inTopic: true) || depth <= 0 || depth > 100_000 || !Byte(json, ref i, (byte)'.')) return false;
        int symbolStart = i;
        int quote = json[i..].IndexOf((byte)'"');
        if (quote <= 0 || quote > 32) return false;
        var topicSymbol = json.Slice(symbolStart, quote);
        if (topicSymbol.Contains((byte)'\\') || topicSymbol.Contains((byte)'.')) return false;
        i += quote + 1;
        if (!Literal(json, ref i, ",\"type\":\""u8)) return false;
        if (Literal(json, ref i, "snapshot\""u8)) m.IsSnapshot = true;
        else if (!Literal(json, ref i, "delta\""u8)) return false;
        if (!Literal(json, ref i, ",\"ts\":"u8) || !Digits(json, ref i, out long ts)) return false;
        if (!Literal(json, ref i, ",\"data\":{\"s\":\""u8)) return false;
        if (!Literal(json, ref i, topicSymbol) || !Byte(json, ref i, (byte)'"')) return false;
        if (!Literal(json, ref i, ",\"b\":"u8) || !Levels(json, ref i, m.Bids)) return false;
        if (!Literal(json, ref i, ",\"a\":"u8) || !Levels(json, ref i, m.Asks)) return false;
        if (!Literal(json, ref i, ",\"u\":"u8) || !Digits(json, ref i, out long u) || u <= 0) return false;
        if (!Literal(json, ref i, ",\"seq\":"u8) || !Digits(json, ref i, out long seq)) return false;
        if (!Byte(json, ref i, (byte)'}')) return false;
        long cts = 0;
        if (Literal(json, ref i, ",\"cts\":"u8) && !Digits(json, ref i, out cts)) return false;
        if (!Byte(json, ref i, (byte)'}') || i != json.Length) return false;
        if (!m.SetSymbol(topicSymbol)) return false;
        m.Depth = (int)depth;
        m.TimeMs = ts;
        m.MatchTimeMs = cts;
        m.UpdateId = u;
        m.CrossSequence = seq;
        m.Kind = BybitPublicKind.OrderBook;
        return true;
    }

    // [["p","q"],…] or [] — each level exactly two plain strings; the sizes must be ≥ 0 and the prices > 0. The
    // punctuation between numbers is checked two bytes at a time (this loop is most of a 50-level delta's cost).
    private static bool Levels(ReadOnlySpan<byte> json, ref int i, BybitLevels levels)
    {
        if (!Byte(json, ref i, (byte)'[')) return false;
        if (Byte(json, ref i, (byte)']')) return true;
        while (true)
        {
            if (!Pair(json, ref i, (byte)'[', (byte)'"') || !Decimal(json, ref i, out long price) || price <= 0) return false;
            if (!Pair(json, ref i, (byte)',', (byte)'"') || !Decimal(json, ref i, out long size) || size < 0) return false;
            if (i + 1 >= json.Length || json[i] != (byte)']') return false;
            byte next = json[i + 1];
            i += 2;
            levels.Add(new Price(price), new Quantity(size));
            if (next == (byte)']') return true;
            if (next != (byte)',') return false;
        }
    }

    // The text up to the closing quote, as an exact fixed-point value. The common form — 1 to 9 whole digits, optionally
    // '.' and 1 to 9 decimals, then the quote — is read in the same pass that finds the quote; it is exactly what
    // FixedPoint.TryParse makes of that text. Anything else goes to FixedPoint.TryParse itself.
    private static bool Decimal(ReadOnlySpan<byte> json, ref int i, out long raw)
    {
        int k = i;
        ulong whole = 0;
        int wholeEnd = Math.Min(json.Length, i + 9);
        for (; k < wholeEnd; k++)
        {
            uint d = (uint)(json[k] - (byte)'0');
            if (d > 9) break;
            whole = whole * 10 + d;
        }

        if (k > i && k < json.Length)
        {
            if (json[k] == (byte)'"')
            {
                raw = (long)whole * FixedPoint.Scale;
                i = k + 1;
                return true;
            }

            if (json[k] == (byte)'.')
            {
                int first = k + 1;
                int m = first;
                ulong fraction = 0;
                int fractionEnd = Math.Min(json.Length, first + FixedPoint.Decimals);
                for (; m < fractionEnd; m++)
                {
                    uint d = (uint)(json[m] - (byte)'0');
                    if (d > 9) break;
                    fraction = fraction * 10 + d;
                }

                if (m > first && m < json.Length && json[m] == (byte)'"')
                {
                    raw = (long)(whole * FixedPoint.Scale + fraction * FractionScale[m - first]);
                    i = m + 1;
                    return true;
                }
            }
        }

        return DecimalGeneral(json, ref i, out raw);
    }

    // Raw units per unit of the last decimal, by decimals written (1..9).
    private static ReadOnlySpan<ulong> FractionScale => [0UL, 100_000_000UL, 10_000_000UL, 1_000_000UL, 100_000UL, 10_000UL, 1_000UL, 100UL, 10UL, 1UL];

    // The general form: whatever FixedPoint.TryParse accepts of the text up to the closing quote.
    private static bool DecimalGeneral(ReadOnlySpan<byte> json, ref int i, out long raw)
    {
        raw = 0;
        int end = json[i..].IndexOf((byte)'"');
        if (end <= 0 || !FixedPoint.TryParse(json.Slice(i, end), out raw, out _)) return false;
        i += end + 1;
        return true;
    }

    private static bool Pair(ReadOnlySpan<byte> json, ref int i, byte first, byte second)
    {
        if (i + 1 >= json.Length || json[i] != first || json[i + 1] != second) return false;
        i += 2;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> json, ref int i, out long value, bool inTopic = false)
    {
        value = 0;
        if (i >= json.Length || !Utf8Parser.TryParse(json[i..], out value, out int used) || used == 0) return false;
        // JSON numbers have no sign here, no leading zeros and no fraction or exponent: leave those to the reader.
        if (json[i] is (byte)'-' or (byte)'+' || (json[i] == (byte)'0' && used > 1)) return false;
        // (The topic's depth is text followed by '.', not a JSON number.)
        if (!inTopic && i + used < json.Length && json[i + used] is (byte)'.' or (byte)'e' or (byte)'E') return false;
        i += used;
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> json, ref int i, ReadOnlySpan<byte> expected)
    {
        if (!json[i..].StartsWith(expected)) return false;
        i += expected.Length;
        return true;
    }

    private static bool Byte(ReadOnlySpan<byte> json, ref int i, byte b)
    {
        if (i >= json.Length || json[i] != b) return false;
        i++;
        return true;
    }
}
