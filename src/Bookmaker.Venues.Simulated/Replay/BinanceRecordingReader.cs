using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>
/// Reads Binance recordings: gzip (or plain) text, one message a line as <c>&lt;receive ns&gt; &lt;raw JSON&gt;</c>.
/// Understands the REST depth snapshot (bare <c>{"lastUpdateId",…}</c>), combined-stream wrappers
/// (<c>{"stream","data"}</c>) and bare events: <c>depthUpdate</c>, <c>trade</c>, <c>aggTrade</c>, <c>bookTicker</c>.
/// Streams lazily; decimal strings go straight from the UTF-8 bytes to the exact fixed-point parser.
/// </summary>
public static class BinanceRecordingReader
{
    /// <summary>Reads every line of a recording, lazily. Files ending in <c>.gz</c> are decompressed.</summary>
    public static IEnumerable<BinanceRecord> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadLines(() => OpenFile(path));
    }

    /// <summary>
    /// Reads every line of the (already decompressed) text stream that <paramref name="open"/> returns, lazily; the
    /// stream is opened at the first <c>MoveNext</c> of each enumeration and disposed at its end.
    /// </summary>
    public static IEnumerable<BinanceRecord> ReadStream(Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return ReadLines(open);
    }

    /// <summary>
    /// <see cref="ReadFile"/> decoded on a background thread (<see cref="BackgroundPrefetch"/>): the same records in
    /// the same order, handed over in batches while the caller's thread consumes them.
    /// </summary>
    public static IEnumerable<BinanceRecord> ReadFilePipelined(string path) => BackgroundPrefetch.Prefetch(ReadFile(path));

    /// <summary>Opens a recording file for reading, through a gzip decompressor when its name ends in <c>.gz</c>.</summary>
    public static Stream OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static IEnumerable<BinanceRecord> ReadLines(Func<Stream> open)
    {
        using Stream stream = open();
        // Lines are split on the raw bytes (no UTF-16 round trip); each line is decoded before the buffer moves on.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int start = 0;
            int end = 0;
            bool eof = false;
            while (true)
            {
                int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    int length = newline > 0 && buffer[start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
                    if (length > 0) yield return ParseLine(buffer.AsMemory(start, length));
                    start += newline + 1;
                    continue;
                }

                if (eof)
                {
                    if (end > start) yield return ParseLine(buffer.AsMemory(start, end - start));
                    yield break;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0) eof = true;
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes one recording line (<c>&lt;ns&gt; &lt;json&gt;</c>): a single forward pass of <see cref="Utf8JsonReader"/>
    /// over the line's bytes; any line that pass does not fully understand (malformed, escaped, duplicate keys, unusual
    /// shapes) is decoded by <see cref="ParseLineWithDocument"/>, so the records are always the same as that reference's.
    /// </summary>
    public static BinanceRecord ParseLine(ReadOnlyMemory<byte> line) =>
        BinanceFastLineParser.TryParse(line.Span) ?? ParseLineWithDocument(line);

    /// <summary>The reference decoder of one line, through <see cref="JsonDocument"/> (slower; allocates the document's metadata).</summary>
    public static BinanceRecord ParseLineWithDocument(ReadOnlyMemory<byte> line)
    {
        ReadOnlySpan<byte> span = line.Span;
        int space = span.IndexOf((byte)' ');
        if (space <= 0 || !long.TryParse(span[..space], NumberStyles.None, CultureInfo.InvariantCulture, out long ns))
            return new BinanceMalformedRecord(0, "line does not start with a receive time");

        try
        {
            using JsonDocument doc = JsonDocument.Parse(line[(space + 1)..]);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new BinanceMalformedRecord(ns, "message is not an object");
            if (root.TryGetProperty("lastUpdateId", out JsonElement lastUpdateId))
            {
                return new BinanceDepthSnapshotRecord(
                    ns, lastUpdateId.GetInt64(), OptionalInt64(root, "E"), Levels(root, "bids"), Levels(root, "asks"));
            }

            JsonElement data = root.TryGetProperty("data", out JsonElement wrapped) ? wrapped : root;
            string type = data.TryGetProperty("e", out JsonElement e) ? e.GetString() ?? "" : "";
            // Bare bookTicker streams (spot) carry no "e".
            if (type.Length == 0 && data.TryGetProperty("u", out _) && data.TryGetProperty("B", out _)) type = "bookTicker";
            return type switch
            {
                "depthUpdate" => new BinanceDepthUpdateRecord(
                    ns, Text(data, "s"), OptionalInt64(data, "E"), data.GetProperty("U").GetInt64(), data.GetProperty("u").GetInt64(),
                    OptionalInt64(data, "pu"), Levels(data, "b"), Levels(data, "a")),
                "trade" or "aggTrade" => new BinanceTradeRecord(
                    ns, Text(data, "s"), OptionalInt64(data, "E"), data.GetProperty(type == "trade" ? "t" : "a").GetInt64(),
                    PriceOf(data.GetProperty("p")), QuantityOf(data.GetProperty("q")),
                    data.GetProperty("m").GetBoolean() ? Side.Sell : Side.Buy, type == "aggTrade"),
                "bookTicker" => new BinanceBookTickerRecord(
                    ns, Text(data, "s"), data.GetProperty("u").GetInt64(),
                    new BookLevel(PriceOf(data.GetProperty("b")), QuantityOf(data.GetProperty("B"))),
                    new BookLevel(PriceOf(data.GetProperty("a")), QuantityOf(data.GetProperty("A"))),
                    OptionalInt64(data, "E")),
                _ => new BinanceOtherRecord(ns, type),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return new BinanceMalformedRecord(ns, ex.Message);
        }
    }

    private static BookLevel[] Levels(JsonElement m, string name)
    {
        JsonElement array = m.GetProperty(name);
        var levels = new BookLevel[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement pair in array.EnumerateArray())
            levels[i++] = new BookLevel(PriceOf(pair[0]), QuantityOf(pair[1]));
        return levels;
    }

    private static Price PriceOf(JsonElement value) =>
        Price.TryParse(Unquoted(value), out Price p) ? p : throw new FormatException($"'{value}' is not an exact price");

    private static Quantity QuantityOf(JsonElement value) =>
        Quantity.TryParse(Unquoted(value), out Quantity q) && q.Raw >= 0 ? q : throw new FormatException($"'{value}' is not an exact size");

    // Binance sends decimals as JSON strings; the raw UTF-8 token is parsed without materializing a string.
    private static ReadOnlySpan<byte> Unquoted(JsonElement value)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(value);
        return value.ValueKind == JsonValueKind.String ? raw[1..^1] : raw;
    }

    private static long OptionalInt64(JsonElement m, string name) =>
        m.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static string Text(JsonElement m, string name) =>
        m.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
