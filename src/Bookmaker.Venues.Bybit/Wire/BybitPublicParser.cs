using System.Buffers.Text;
using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Wire;

/// <summary>
/// Decodes one Bybit v5 public-stream message (UTF-8 JSON) into a reused <see cref="BybitPublicMessage"/>: order-book
/// messages in the venue's exact shape through <see cref="BybitBookScanner"/>'s single scan, everything else with a
/// <see cref="Utf8JsonReader"/>: order-book snapshots and deltas, trades, the price band (<c>priceLimit</c>), op answers (subscribe acks, pongs). Field order
/// is not assumed. Prices and sizes go straight from their UTF-8 text into the fixed-point types (no double, no string),
/// so a steady stream of deltas allocates nothing. Bad input is never thrown: the result is
/// <see cref="BybitPublicKind.Malformed"/> with a reason.
/// </summary>
public static class BybitPublicParser
{
    private enum Topic : byte
    {
        None,
        OrderBook,
        Trades,
        PriceLimit,
        Other,
    }

    /// <summary>Decodes <paramref name="json"/> into <paramref name="message"/>; returns its kind.</summary>
    public static BybitPublicKind Parse(ReadOnlySpan<byte> json, BybitPublicMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Reset();
        // Order-book messages in the venue's own shape take the single-scan path; anything else, or anything it does
        // not accept, is read (and judged) by the general reader below.
        if (BybitBookScanner.TryScan(json, message)) return BybitPublicKind.OrderBook;
        return ParseGeneral(json, message);
    }

    /// <summary>The general path alone (the scanner's reference in tests).</summary>
    internal static BybitPublicKind ParseGeneral(ReadOnlySpan<byte> json, BybitPublicMessage message)
    {
        message.Reset();
        var reader = new Utf8JsonReader(json);
        try
        {
            return ParseObject(ref reader, message);
        }
        catch (JsonException ex)
        {
            return Fail(message, "not valid JSON: " + ex.Message);
        }
    }

    private static BybitPublicKind ParseObject(ref Utf8JsonReader r, BybitPublicMessage m)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return Fail(m, "not a JSON object");
        var topic = Topic.None;
        bool hasType = false, hasOp = false, hasData = false, hasUpdateId = false, symbolFromTopic = false;
        Span<byte> topicSymbol = stackalloc byte[32];
        int topicSymbolLength = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("topic"u8))
            {
                if (!ReadPlainString(ref r, out var text)) return Fail(m, "topic: not a plain string");
                topic = ClassifyTopic(text, m, topicSymbol, out topicSymbolLength);
                symbolFromTopic = topicSymbolLength > 0;
            }
            else if (r.ValueTextEquals("type"u8))
            {
                if (!ReadPlainString(ref r, out var type)) return Fail(m, "type: not a string");
                if (type.SequenceEqual("snapshot"u8)) m.IsSnapshot = true;
                else if (!type.SequenceEqual("delta"u8)) return Fail(m, "type: neither snapshot nor delta");
                hasType = true;
            }
            else if (r.ValueTextEquals("ts"u8))
            {
                if (!ReadLong(ref r, out long ts)) return Fail(m, "ts: not an integer");
                m.TimeMs = ts;
            }
            else if (r.ValueTextEquals("cts"u8))
            {
                if (!ReadLong(ref r, out long cts)) return Fail(m, "cts: not an integer");
                m.MatchTimeMs = cts;
            }
            else if (r.ValueTextEquals("data"u8))
            {
                r.Read();
                hasData = true;
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    if (ParseBook(ref r, m, out hasUpdateId) is { } error) return Fail(m, error);
                }
                else if (r.TokenType == JsonTokenType.StartArray)
                {
                    if (ParseTrades(ref r, m) is { } error) return Fail(m, error);
                }
                else
                {
                    r.Skip();
                }
            }
            else if (r.ValueTextEquals("success"u8))
            {
                r.Read();
                if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return Fail(m, "success: not a boolean");
                m.Success = r.TokenType == JsonTokenType.True;
            }
            else if (r.ValueTextEquals("ret_msg"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String) m.SetRetMsg(r.ValueSpan);
            }
            else if (r.ValueTextEquals("op"u8))
            {
                if (!ReadPlainString(ref r, out var op)) return Fail(m, "op: not a string");
                m.Op = ClassifyOp(op);
                hasOp = true;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        switch (topic)
        {
            case Topic.OrderBook:
                if (!hasData || !hasType) return Fail(m, "orderbook: no data or no type");
                if (!hasUpdateId) return Fail(m, "orderbook: data has no u");
                if (m.SymbolUtf8.Length == 0) m.SetSymbol(topicSymbol[..topicSymbolLength]);
                else if (symbolFromTopic && !m.SymbolUtf8.SequenceEqual(topicSymbol[..topicSymbolLength])) return Fail(m, "orderbook: data.s differs from the topic's symbol");
                return m.Kind = BybitPublicKind.OrderBook;
            case Topic.Trades:
                if (!hasData) return Fail(m, "publicTrade: no data");
                m.SetSymbol(topicSymbol[..topicSymbolLength]);
                return m.Kind = BybitPublicKind.Trades;
            case Topic.PriceLimit:
                if (m.BuyLimit.Raw <= 0 || m.SellLimit.Raw <= 0) return Fail(m, "priceLimit: data has no positive buyLmt and sellLmt");
                if (m.SymbolUtf8.Length == 0) m.SetSymbol(topicSymbol[..topicSymbolLength]);
                else if (!m.SymbolUtf8.SequenceEqual(topicSymbol[..topicSymbolLength])) return Fail(m, "priceLimit: data.symbol differs from the topic's symbol");
                return m.Kind = BybitPublicKind.PriceLimit;
            case Topic.Other:
                return m.Kind = BybitPublicKind.Other;
            default:
                return hasOp ? m.Kind = BybitPublicKind.OpAnswer : Fail(m, "neither a topic nor an op");
        }
    }

    private static Topic ClassifyTopic(ReadOnlySpan<byte> topic, BybitPublicMessage m, Span<byte> symbol, out int symbolLength)
    {
        symbolLength = 0;
        if (topic.StartsWith("orderbook."u8) && !topic.StartsWith("orderbook.rpi."u8))
        {
            var rest = topic["orderbook."u8.Length..];
            int dot = rest.IndexOf((byte)'.');
            if (dot <= 0 || !Utf8Parser.TryParse(rest[..dot], out int depth, out int used) || used != dot) return Topic.Other;
            m.Depth = depth;
            return CopySymbol(rest[(dot + 1)..], symbol, out symbolLength) ? Topic.OrderBook : Topic.Other;
        }

        if (topic.StartsWith("priceLimit."u8))
            return CopySymbol(topic["priceLimit."u8.Length..], symbol, out symbolLength) ? Topic.PriceLimit : Topic.Other;
        if (topic.StartsWith("publicTrade."u8))
            return CopySymbol(topic["publicTrade."u8.Length..], symbol, out symbolLength) ? Topic.Trades : Topic.Other;
        return Topic.Other;
    }

    private static bool CopySymbol(ReadOnlySpan<byte> text, Span<byte> symbol, out int length)
    {
        length = 0;
        if (text.Length == 0 || text.Length > symbol.Length) return false;
        text.CopyTo(symbol);
        length = text.Length;
        return true;
    }

    private static BybitOp ClassifyOp(ReadOnlySpan<byte> op) =>
        op.SequenceEqual("subscribe"u8) ? BybitOp.Subscribe
        : op.SequenceEqual("unsubscribe"u8) ? BybitOp.Unsubscribe
        : op.SequenceEqual("ping"u8) ? BybitOp.Ping
        : op.SequenceEqual("pong"u8) ? BybitOp.Pong
        : op.SequenceEqual("auth"u8) ? BybitOp.Auth
        : BybitOp.None;

    private static string? ParseBook(ref Utf8JsonReader r, BybitPublicMessage m, out bool hasUpdateId)
    {
        hasUpdateId = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("s"u8) || r.ValueTextEquals("symbol"u8))
            {
                if (!ReadPlainString(ref r, out var s) || !m.SetSymbol(s)) return "data.s: not a symbol";
            }
            else if (r.ValueTextEquals("buyLmt"u8))
            {
                if (!ReadPlainString(ref r, out var p) || !Price.TryParse(p, out var limit)) return "data.buyLmt: not a decimal";
                m.BuyLimit = limit;
            }
            else if (r.ValueTextEquals("sellLmt"u8))
            {
                if (!ReadPlainString(ref r, out var p) || !Price.TryParse(p, out var limit)) return "data.sellLmt: not a decimal";
                m.SellLimit = limit;
            }
            else if (r.ValueTextEquals("b"u8))
            {
                if (ParseLevels(ref r, m.Bids) is { } e) return "data.b: " + e;
            }
            else if (r.ValueTextEquals("a"u8))
            {
                if (ParseLevels(ref r, m.Asks) is { } e) return "data.a: " + e;
            }
            else if (r.ValueTextEquals("u"u8))
            {
                if (!ReadLong(ref r, out long u) || u <= 0) return "data.u: not a positive integer";
                m.UpdateId = u;
                hasUpdateId = true;
            }
            else if (r.ValueTextEquals("seq"u8))
            {
                if (!ReadLong(ref r, out long seq)) return "data.seq: not an integer";
                m.CrossSequence = seq;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }

        return null;
    }

    private static string? ParseLevels(ref Utf8JsonReader r, BybitLevels levels)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartArray) return "not an array";
        while (r.Read() && r.TokenType == JsonTokenType.StartArray)
        {
            if (!ReadPlainString(ref r, out var p) || !Price.TryParse(p, out var price) || price.Raw <= 0) return "a level's price is not a positive decimal";
            if (!ReadPlainString(ref r, out var q) || !Quantity.TryParse(q, out var size) || size.Raw < 0) return "a level's size is not a decimal ≥ 0";
            // RPI books add a third entry; anything after price and size is not ours to read.
            while (r.Read() && r.TokenType != JsonTokenType.EndArray) r.Skip();
            levels.Add(price, size);
        }

        return r.TokenType == JsonTokenType.EndArray ? null : "not an array of [price, size]";
    }

    private static string? ParseTrades(ref Utf8JsonReader r, BybitPublicMessage m)
    {
        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
        {
            Price price = default;
            Quantity size = default;
            Side? side = null;
            long time = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("p"u8))
                {
                    if (!ReadPlainString(ref r, out var p) || !Price.TryParse(p, out price) || price.Raw <= 0) return "data[].p: not a positive decimal";
                }
                else if (r.ValueTextEquals("v"u8))
                {
                    if (!ReadPlainString(ref r, out var v) || !Quantity.TryParse(v, out size) || size.Raw <= 0) return "data[].v: not a positive decimal";
                }
                else if (r.ValueTextEquals("S"u8))
                {
                    if (!ReadPlainString(ref r, out var s)) return "data[].S: not a string";
                    side = s.SequenceEqual("Buy"u8) ? Side.Buy : s.SequenceEqual("Sell"u8) ? Side.Sell : null;
                    if (side is null) return "data[].S: neither Buy nor Sell";
                }
                else if (r.ValueTextEquals("T"u8))
                {
                    if (!ReadLong(ref r, out time)) return "data[].T: not an integer";
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }

            if (side is null || price.Raw == 0 || size.Raw == 0) return "data[]: a print without p, v or S";
            m.Trades.Add(price, size, side.Value, time);
        }

        return r.TokenType == JsonTokenType.EndArray ? null : "data: not an array of prints";
    }

    // Topic names, symbols, sides and decimals never need escapes: an escaped one is refused rather than unescaped
    // (unescaping would allocate, and nothing legitimate sends it).
    private static bool ReadPlainString(ref Utf8JsonReader r, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!r.Read() || r.TokenType != JsonTokenType.String || r.ValueIsEscaped || r.HasValueSequence) return false;
        value = r.ValueSpan;
        return true;
    }

    // Bybit sends ids and times as numbers; some fields are strings on some endpoints, so both are read.
    private static bool ReadLong(ref Utf8JsonReader r, out long value)
    {
        value = 0;
        if (!r.Read()) return false;
        if (r.TokenType == JsonTokenType.Number) return r.TryGetInt64(out value);
        return r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && Utf8Parser.TryParse(r.ValueSpan, out value, out int used) && used == r.ValueSpan.Length;
    }

    private static BybitPublicKind Fail(BybitPublicMessage m, string error)
    {
        m.Error = error;
        return m.Kind = BybitPublicKind.Malformed;
    }
}
