using System.Globalization;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>
/// The fast decoder of one Binance recording line: one forward pass of <see cref="Utf8JsonReader"/> over the line's
/// bytes, no <see cref="JsonDocument"/>, levels gathered in a reused buffer, the symbol string reused from the previous
/// line. It is strict: anything it does not fully understand (invalid JSON, escaped strings, a known key twice, a value
/// of an unexpected kind, a decimal that does not parse) returns <see langword="null"/> and the caller falls back to
/// <see cref="BinanceRecordingReader.ParseLineWithDocument"/>, so whatever it returns is what that reference returns.
/// </summary>
internal static class BinanceFastLineParser
{
    private enum Key { None = -1, E, S, EventTime, FirstId, FinalId, PreviousId, TradeId, A, P, Q, M, B, BidSize, AskSize, LastUpdateId, Bids, Asks, Data, Count }

    private enum Kind : byte { Absent, Number, String, True, False, Null, Levels, Other }

    private struct Field
    {
        public Kind Kind;
        public bool IntOk;
        public long Int;
        public int Start;
        public int Length;
        public BookLevel[]? Levels;
    }

    private sealed class State
    {
        public readonly Field[] Root = new Field[(int)Key.Count];
        public readonly Field[] Data = new Field[(int)Key.Count];
        public BookLevel[] Buffer = new BookLevel[1024];
        public byte[] SymbolBytes = [];
        public string Symbol = "";
    }

    [ThreadStatic] private static State? t_state;

    /// <summary>Decodes the line, or returns <see langword="null"/> when the reference decoder must decide.</summary>
    public static BinanceRecord? TryParse(ReadOnlySpan<byte> line)
    {
        int space = line.IndexOf((byte)' ');
        if (space <= 0 || !long.TryParse(line[..space], NumberStyles.None, CultureInfo.InvariantCulture, out long ns)) return null;
        ReadOnlySpan<byte> json = line[(space + 1)..];
        State state = t_state ??= new State();
        Field[] root = state.Root;
        Field[] data = state.Data;
        Array.Clear(root);
        Array.Clear(data);
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!ReadObject(ref reader, json, root, state, isRoot: true, data)) return null;
            // Only whitespace may follow the message (as for JsonDocument.Parse); anything else throws or is refused.
            if (reader.Read()) return null;
        }
        catch (JsonException)
        {
            return null;
        }

        if (root[(int)Key.LastUpdateId].Kind != Kind.Absent)
        {
            ref Field id = ref root[(int)Key.LastUpdateId];
            if (!IsInt(id) || !OptionalInt(root, Key.EventTime, out long snapshotTime)) return null;
            BookLevel[]? bids = root[(int)Key.Bids].Levels, asks = root[(int)Key.Asks].Levels;
            if (bids is null || asks is null) return null;
            return new BinanceDepthSnapshotRecord(ns, id.Int, snapshotTime, bids, asks);
        }

        Field[] m;
        switch (root[(int)Key.Data].Kind)
        {
            case Kind.Absent: m = root; break;
            case Kind.Other when data[(int)Key.Data].Kind == Kind.Other: m = data; break; // marker: "data" was an object
            default: return null;
        }

        ref Field e = ref m[(int)Key.E];
        ReadOnlySpan<byte> type = e.Kind switch
        {
            Kind.Absent or Kind.Null => [],
            Kind.String => json.Slice(e.Start, e.Length),
            _ => "?"u8,
        };
        if (e.Kind is not (Kind.Absent or Kind.Null or Kind.String)) return null;
        if (type.Length == 0 && m[(int)Key.FinalId].Kind != Kind.Absent && m[(int)Key.BidSize].Kind != Kind.Absent) type = "bookTicker"u8;

        if (type.SequenceEqual("depthUpdate"u8))
        {
            if (!OptionalInt(m, Key.EventTime, out long eventTime) || !IsInt(m[(int)Key.FirstId]) || !IsInt(m[(int)Key.FinalId])
                || !OptionalInt(m, Key.PreviousId, out long previous)) return null;
            BookLevel[]? bids = m[(int)Key.B].Levels, asks = m[(int)Key.A].Levels;
            if (bids is null || asks is null) return null;
            return new BinanceDepthUpdateRecord(ns, Symbol(m, json, state), eventTime, m[(int)Key.FirstId].Int, m[(int)Key.FinalId].Int, previous, bids, asks);
        }

        bool isTrade = type.SequenceEqual("trade"u8);
        if (isTrade || type.SequenceEqual("aggTrade"u8))
        {
            ref Field id = ref m[(int)(isTrade ? Key.TradeId : Key.A)];
            ref Field maker = ref m[(int)Key.M];
            if (!OptionalInt(m, Key.EventTime, out long eventTime) || !IsInt(id) || maker.Kind is not (Kind.True or Kind.False)
                || !TryPrice(m[(int)Key.P], json, out Price price) || !TryQuantity(m[(int)Key.Q], json, out Quantity size)) return null;
            return new BinanceTradeRecord(ns, Symbol(m, json, state), eventTime, id.Int, price, size, maker.Kind == Kind.True ? Side.Sell : Side.Buy, !isTrade);
        }

        if (type.SequenceEqual("bookTicker"u8))
        {
            if (!IsInt(m[(int)Key.FinalId]) || !OptionalInt(m, Key.EventTime, out long eventTime)
                || !TryPrice(m[(int)Key.B], json, out Price bid) || !TryQuantity(m[(int)Key.BidSize], json, out Quantity bidSize)
                || !TryPrice(m[(int)Key.A], json, out Price ask) || !TryQuantity(m[(int)Key.AskSize], json, out Quantity askSize)) return null;
            return new BinanceBookTickerRecord(ns, Symbol(m, json, state), m[(int)Key.FinalId].Int, new BookLevel(bid, bidSize), new BookLevel(ask, askSize), eventTime);
        }

        return new BinanceOtherRecord(ns, Encoding.UTF8.GetString(type));
    }

    // Reads the members of an object (the reader is on its StartObject) into the fields of the known keys.
    private static bool ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Field[] fields, State state, bool isRoot, Field[] inner)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.ValueIsEscaped) return false;
            Key key = KeyOf(reader.ValueSpan, isRoot);
            if (!reader.Read()) return false;
            if (key == Key.None)
            {
                reader.Skip();
                continue;
            }

            ref Field f = ref fields[(int)key];
            if (f.Kind != Kind.Absent) return false; // a known key twice: let the reference decide
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    f.Kind = Kind.Number;
                    f.Start = (int)reader.TokenStartIndex;
                    f.Length = reader.ValueSpan.Length;
                    f.IntOk = reader.TryGetInt64(out f.Int);
                    break;
                case JsonTokenType.String:
                    if (reader.ValueIsEscaped) return false;
                    f.Kind = Kind.String;
                    f.Start = (int)reader.TokenStartIndex + 1;
                    f.Length = reader.ValueSpan.Length;
                    break;
                case JsonTokenType.True: f.Kind = Kind.True; break;
                case JsonTokenType.False: f.Kind = Kind.False; break;
                case JsonTokenType.Null: f.Kind = Kind.Null; break;
                case JsonTokenType.StartArray when key is Key.A or Key.B or Key.Bids or Key.Asks:
                    if (!ReadLevels(ref reader, state, out f.Levels)) return false;
                    f.Kind = Kind.Levels;
                    break;
                case JsonTokenType.StartObject when key == Key.Data:
                    if (!ReadObject(ref reader, json, inner, state, isRoot: false, inner)) return false;
                    f.Kind = Kind.Other;
                    inner[(int)Key.Data].Kind = Kind.Other; // marks "data was an object" (Data is not a key inside it)
                    break;
                default:
                    reader.Skip();
                    f.Kind = Kind.Other;
                    break;
            }
        }

        return false;
    }

    // [[price, size], …] with exactly two string-or-number members per level, every one an exact decimal.
    private static bool ReadLevels(ref Utf8JsonReader reader, State state, out BookLevel[]? levels)
    {
        levels = null;
        int n = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                levels = n == 0 ? [] : state.Buffer.AsSpan(0, n).ToArray();
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray) return false;
            if (!reader.Read() || !IsScalar(ref reader) || !Price.TryParse(reader.ValueSpan, out Price price)) return false;
            if (!reader.Read() || !IsScalar(ref reader) || !Quantity.TryParse(reader.ValueSpan, out Quantity size) || size.Raw < 0) return false;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return false;
            if (n == state.Buffer.Length) Array.Resize(ref state.Buffer, n * 2);
            state.Buffer[n++] = new BookLevel(price, size);
        }

        return false;
    }

    private static bool IsScalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number || (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped);

    private static Key KeyOf(ReadOnlySpan<byte> name, bool isRoot)
    {
        switch (name.Length)
        {
            case 1:
                return name[0] switch
                {
                    (byte)'e' => Key.E,
                    (byte)'s' => Key.S,
                    (byte)'E' => Key.EventTime,
                    (byte)'U' => Key.FirstId,
                    (byte)'u' => Key.FinalId,
                    (byte)'t' => Key.TradeId,
                    (byte)'a' => Key.A,
                    (byte)'p' => Key.P,
                    (byte)'q' => Key.Q,
                    (byte)'m' => Key.M,
                    (byte)'b' => Key.B,
                    (byte)'B' => Key.BidSize,
                    (byte)'A' => Key.AskSize,
                    _ => Key.None,
                };
            case 2: return name.SequenceEqual("pu"u8) ? Key.PreviousId : Key.None;
            case 4:
                if (name.SequenceEqual("bids"u8)) return Key.Bids;
                if (name.SequenceEqual("asks"u8)) return Key.Asks;
                return isRoot && name.SequenceEqual("data"u8) ? Key.Data : Key.None;
            case 12: return name.SequenceEqual("lastUpdateId"u8) ? Key.LastUpdateId : Key.None;
            default: return Key.None;
        }
    }

    private static bool IsInt(in Field f) => f.Kind == Kind.Number && f.IntOk;

    // As the reference's OptionalInt64: absent or not a number is 0; a number must fit a long.
    private static bool OptionalInt(Field[] m, Key key, out long value)
    {
        ref Field f = ref m[(int)key];
        value = f.Kind == Kind.Number ? f.Int : 0;
        return f.Kind != Kind.Number || f.IntOk;
    }

    private static bool TryPrice(in Field f, ReadOnlySpan<byte> json, out Price price)
    {
        price = default;
        return f.Kind is Kind.String or Kind.Number && Price.TryParse(json.Slice(f.Start, f.Length), out price);
    }

    private static bool TryQuantity(in Field f, ReadOnlySpan<byte> json, out Quantity size)
    {
        size = default;
        return f.Kind is Kind.String or Kind.Number && Quantity.TryParse(json.Slice(f.Start, f.Length), out size) && size.Raw >= 0;
    }

    // As the reference's Text: a string's value, else "". The previous line's string is reused when the bytes match.
    private static string Symbol(Field[] m, ReadOnlySpan<byte> json, State state)
    {
        ref Field f = ref m[(int)Key.S];
        if (f.Kind != Kind.String) return "";
        ReadOnlySpan<byte> bytes = json.Slice(f.Start, f.Length);
        if (bytes.SequenceEqual(state.SymbolBytes)) return state.Symbol;
        state.SymbolBytes = bytes.ToArray();
        state.Symbol = Encoding.UTF8.GetString(bytes);
        return state.Symbol;
    }
}
