using System.Text;
using System.Text.Json;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Backtest.Sources;

/// <summary>A Polymarket record with the time the backtest replays it at (UTC ticks) and where it came from.</summary>
public readonly record struct TimedPolymarketRecord(long TimeTicks, PolymarketRecord Record, long Line);

/// <summary>
/// Reads Polymarket recordings for a backtest — the JSON-array capture (timed by the messages' own timestamps) and the
/// recorder's lines (timed by <c>recv_ns</c>) — with every problem counted in <see cref="DataProblems"/>: a message or
/// line that cannot be decoded is skipped and, as on the live feed, the books are invalidated until the venue's next
/// <c>book</c>; a time earlier than the one before is replayed at the earlier time; a truncated gzip or JSON array ends
/// the file.
/// </summary>
public static class PolymarketFileReader
{
    /// <summary>The records of a file, in file order.</summary>
    public static IEnumerable<TimedPolymarketRecord> Records(DataFile file, DataProblems problems)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(problems);
        return file.Format == DataFormat.PolymarketArray ? ArrayRecords(file.Path, problems) : RecorderRecords(file.Path, problems);
    }

    /// <summary>Replay messages of records already read (<paramref name="slotOfAsset"/>: token id → instrument position, −1 skips).</summary>
    public static IEnumerable<ReplayMessage> Messages(IEnumerable<TimedPolymarketRecord> records, Func<string, int> slotOfAsset)
    {
        // Records are normalized one at a time, so the reader's own "invalidate every tracked book" on a malformed
        // message is done here, over every book seen so far in this file.
        var seen = new SortedSet<int>();
        foreach (var r in records)
        {
            if (r.Record is PolymarketMalformedRecord)
            {
                if (seen.Count == 0) continue;
                var invalidated = seen.Select(slot => new MarketDataEvent(MarketDataKind.BookInvalidated, slot, Side.Buy, default, default, 0, 0, r.TimeTicks, r.TimeTicks, true)).ToArray();
                yield return new ReplayMessage(r.TimeTicks, invalidated);
                continue;
            }

            foreach (var m in ReplaySources.Polymarket([r.Record], slotOfAsset, r.TimeTicks))
            {
                foreach (var e in m.Events) seen.Add(e.InstrumentIndex);
                yield return m;
            }
        }
    }

    private static IEnumerable<TimedPolymarketRecord> ArrayRecords(string path, DataProblems problems)
    {
        string name = Path.GetFileName(path);
        IReadOnlyList<PolymarketRecord> records;
        try
        {
            using var stream = FormatSniffer.OpenText(path);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            records = PolymarketRecordingReader.Parse(buffer.ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or EndOfStreamException or IOException)
        {
            problems.Add(DataProblems.MalformedFile, name, 0, "the JSON array cannot be read (" + e.Message + "); file not replayed");
            return [];
        }

        return Ordered(records.Select((r, i) => (r.TimestampTicks, r, (long)i + 1)), name, problems, "message");
    }

    private static IEnumerable<TimedPolymarketRecord> RecorderRecords(string path, DataProblems problems)
    {
        string name = Path.GetFileName(path);
        return Ordered(RecorderLines(path, name, problems), name, problems, "line");
    }

    private static IEnumerable<(long Ticks, PolymarketRecord Record, long Line)> RecorderLines(string path, string name, DataProblems problems)
    {
        using var stream = FormatSniffer.OpenText(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        long line = 0;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                problems.Add(DataProblems.TruncatedGzip, name, line + 1, "the compressed stream ends early (" + e.Message + "); the file ends here");
                yield break;
            }

            if (text is null) yield break;
            line++;
            if (text.Length == 0) continue;
            long ticks;
            IReadOnlyList<PolymarketRecord> records;
            try
            {
                using var doc = JsonDocument.Parse(text);
                long ns = doc.RootElement.GetProperty("recv_ns").GetInt64();
                ticks = DateTime.UnixEpoch.Ticks + ns / 100;
                records = PolymarketRecordingReader.Parse(Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("msg").GetRawText()));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problems.Add(DataProblems.MalformedLine, name, line, "not a recorder line {\"recv_ns\":…,\"msg\":…} (" + e.Message + "); books invalidated until the next book");
                records = [new PolymarketMalformedRecord("", "undecodable line", 0)];
                ticks = long.MinValue;
            }

            foreach (var r in records) yield return (ticks, r, line);
        }
    }

    // Malformed records are counted; times that go backwards are held at the previous time (counted).
    private static IEnumerable<TimedPolymarketRecord> Ordered(IEnumerable<(long Ticks, PolymarketRecord Record, long Line)> items, string name, DataProblems problems, string unit)
    {
        long last = long.MinValue;
        foreach (var (ticks, record, line) in items)
        {
            long t = ticks == long.MinValue ? Math.Max(last, 0) : ticks;
            if (record is PolymarketMalformedRecord bad && ticks != long.MinValue)
                problems.Add(DataProblems.MalformedLine, name, line, $"{unit} cannot be decoded ({bad.Reason}); books invalidated until the next book");
            if (t < last)
            {
                problems.Add(DataProblems.OutOfOrder, name, line, $"{unit} time {new DateTime(t, DateTimeKind.Utc):O} is before the previous {new DateTime(last, DateTimeKind.Utc):O}; replayed at the previous time");
                t = last;
            }

            last = t;
            yield return new TimedPolymarketRecord(t, record, line);
        }
    }
}
