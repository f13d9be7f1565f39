using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Replay;

namespace Bookmaker.Venues.Simulated.ReplayVenue;

/// <summary>One recorded venue message: when it happened (UTC ticks) and its normalized events (slot-indexed).</summary>
/// <param name="TimeTicks">Recording time of the message (receive time when the recorder kept it, else venue time).</param>
/// <param name="Events">Its events; <c>InstrumentIndex</c> is the position in the replay venue's instrument list.</param>
public readonly record struct ReplayMessage(long TimeTicks, MarketDataEvent[] Events);

/// <summary>
/// Turns recordings into <see cref="ReplayMessage"/> streams for the <see cref="ReplayVenue"/>: Polymarket market-channel
/// files in the shared JSON-array format or the recorder format (<c>{"recv_ns":…,"msg":…}</c> per line, optionally
/// gzip), and Binance gz recordings (snapshot, depth diffs, trades).
/// </summary>
public static class ReplaySources
{
    /// <summary>
    /// A Polymarket recording file: <c>.json</c> is the JSON-array format (timed by the messages' own timestamps);
    /// <c>.jsonl</c> / <c>.jsonl.gz</c> / <c>.gz</c> is the recorder format (timed by <c>recv_ns</c>).
    /// <paramref name="slotOfAsset"/> maps a token id to the venue's instrument position (−1 skips it).
    /// </summary>
    public static IEnumerable<ReplayMessage> PolymarketFile(string path, Func<string, int> slotOfAsset)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? Polymarket(PolymarketRecordingReader.ReadFile(path), slotOfAsset, null)
            : PolymarketRecorder(path, slotOfAsset);
    }

    /// <summary>Decoded Polymarket records, each message at its own timestamp (or <paramref name="timeTicks"/>).</summary>
    public static IEnumerable<ReplayMessage> Polymarket(IEnumerable<PolymarketRecord> records, Func<string, int> slotOfAsset, long? timeTicks)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(slotOfAsset);
        var pending = new List<MarketDataEvent>();
        foreach (var e in PolymarketRecordingReader.ToMarketDataEvents(records, slotOfAsset))
        {
            pending.Add(e);
            if (!e.EndOfMessage) continue;
            yield return new ReplayMessage(timeTicks ?? e.VenueTimeTicks, EndEachInstrument(pending));
            pending.Clear();
        }

        if (pending.Count > 0) yield return new ReplayMessage(timeTicks ?? pending[^1].VenueTimeTicks, EndEachInstrument(pending));
    }

    /// <summary>The recorder format: one <c>{"recv_ns":&lt;ns&gt;,"msg":&lt;raw message&gt;}</c> per line, gzip when the name ends in .gz.</summary>
    public static IEnumerable<ReplayMessage> PolymarketRecorder(string path, Func<string, int> slotOfAsset)
    {
        ArgumentNullException.ThrowIfNull(path);
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            long recvNs;
            byte[] raw;
            using (var doc = JsonDocument.Parse(line))
            {
                recvNs = doc.RootElement.GetProperty("recv_ns").GetInt64();
                raw = Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("msg").GetRawText());
            }

            long ticks = DateTime.UnixEpoch.Ticks + recvNs / 100;
            foreach (var m in Polymarket(PolymarketRecordingReader.Parse(raw), slotOfAsset, ticks)) yield return m;
        }
    }

    /// <summary>
    /// Writes messages of the JSON-array format as a recorder file (<c>.jsonl.gz</c>), receive time = message time +
    /// <paramref name="receiveDelay"/>: how the recorder would have captured them. For tests and conversions.
    /// </summary>
    public static void WriteRecorderFile(string jsonArrayPath, string outputPath, TimeSpan receiveDelay)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(jsonArrayPath));
        using Stream file = File.Create(outputPath);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        using var json = new Utf8JsonWriter(gz, new JsonWriterOptions { Indented = false, SkipValidation = true });
        foreach (var message in doc.RootElement.EnumerateArray())
        {
            long ms = message.TryGetProperty("timestamp", out var ts) && long.TryParse(ts.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long v) ? v : 0;
            long ns = checked(ms * 1_000_000 + receiveDelay.Ticks * 100);
            // One compact object per line: the recorder's framing.
            json.WriteStartObject();
            json.WriteNumber("recv_ns", ns);
            json.WritePropertyName("msg");
            message.WriteTo(json);
            json.WriteEndObject();
            json.Flush();
            gz.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    /// <summary>
    /// Binance records of one symbol as engine events at receive time: the depth snapshot, then diffs linked by
    /// <c>pu</c> (USD-M) or <c>U − 1</c> (spot), diffs older than the snapshot dropped, and trades. Book tickers and
    /// other streams are skipped; a malformed line invalidates the book.
    /// </summary>
    public static IEnumerable<ReplayMessage> Binance(IEnumerable<BinanceRecord> records, int slot)
    {
        ArgumentNullException.ThrowIfNull(records);
        long snapshotId = -1;
        var early = new List<BinanceDepthUpdateRecord>();
        foreach (var record in records)
        {
            long t = record.ReceiveTimeTicks;
            switch (record)
            {
                case BinanceDepthSnapshotRecord s:
                    snapshotId = s.LastUpdateId;
                    var snap = s.ToSnapshot();
                    yield return new ReplayMessage(t, [new MarketDataEvent(MarketDataKind.Snapshot, slot, Side.Buy, default, default, s.LastUpdateId, 0, t, t, true, snap)]);
                    foreach (var d in early)
                    {
                        if (d.FinalUpdateId >= snapshotId) yield return new ReplayMessage(t, Diff(d, slot, t));
                    }

                    early.Clear();
                    break;
                case BinanceDepthUpdateRecord d when snapshotId < 0:
                    early.Add(d);
                    break;
                case BinanceDepthUpdateRecord d:
                    if (d.FinalUpdateId < snapshotId) break;
                    var events = Diff(d, slot, t);
                    if (events.Length > 0) yield return new ReplayMessage(t, events);
                    break;
                case BinanceTradeRecord tr:
                    yield return new ReplayMessage(t, [new MarketDataEvent(MarketDataKind.Trade, slot, tr.Aggressor, tr.Price, tr.Size, 0, 0, tr.EventTimeMs * TimeSpan.TicksPerMillisecond + DateTime.UnixEpoch.Ticks, t)]);
                    break;
                case BinanceMalformedRecord:
                    yield return new ReplayMessage(t, [new MarketDataEvent(MarketDataKind.BookInvalidated, slot, Side.Buy, default, default, 0, 0, t, t)]);
                    break;
            }
        }
    }

    /// <summary>
    /// A Binance recording file of one symbol replayed as <see cref="Binance"/> does, with the reading, decoding and
    /// normalization on a background thread when <paramref name="pipelined"/> (<see cref="BackgroundPrefetch"/>): the
    /// same messages in the same order, the caller's thread left to the book and the queue model.
    /// </summary>
    public static IEnumerable<ReplayMessage> BinanceFile(string path, int slot, bool pipelined = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        IEnumerable<ReplayMessage> messages = Binance(BinanceRecordingReader.ReadFile(path), slot);
        return pipelined ? BackgroundPrefetch.Prefetch(messages) : messages;
    }

    private static MarketDataEvent[] Diff(BinanceDepthUpdateRecord d, int slot, long t)
    {
        int n = d.Bids.Length + d.Asks.Length;
        if (n == 0) return [];
        long previous = d.PreviousFinalUpdateId != 0 ? d.PreviousFinalUpdateId : d.FirstUpdateId - 1;
        long venue = DateTime.UnixEpoch.Ticks + d.EventTimeMs * TimeSpan.TicksPerMillisecond;
        var events = new MarketDataEvent[n];
        int k = 0;
        foreach (var l in d.Bids) events[k++] = new MarketDataEvent(MarketDataKind.LevelUpdate, slot, Side.Buy, l.Price, l.Size, d.FinalUpdateId, previous, venue, t, false);
        foreach (var l in d.Asks) events[k++] = new MarketDataEvent(MarketDataKind.LevelUpdate, slot, Side.Sell, l.Price, l.Size, d.FinalUpdateId, previous, venue, t, false);
        events[^1] = events[^1] with { EndOfMessage = true };
        return events;
    }

    // One venue message may touch several instruments: each instrument's last event ends its part of the message.
    private static MarketDataEvent[] EndEachInstrument(List<MarketDataEvent> events)
    {
        var array = events.ToArray();
        for (int i = 0; i < array.Length; i++)
        {
            bool last = true;
            for (int j = i + 1; j < array.Length; j++)
            {
                if (array[j].InstrumentIndex == array[i].InstrumentIndex) { last = false; break; }
            }

            if (last != array[i].EndOfMessage) array[i] = array[i] with { EndOfMessage = last };
        }

        return array;
    }
}
