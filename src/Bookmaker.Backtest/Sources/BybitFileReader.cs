using System.Text;
using System.Text.Json;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.ReplayVenue;
using Bookmaker.Venues.Bybit.Wire;

namespace Bookmaker.Backtest.Sources;

/// <summary>
/// Reads a Bybit v5 public-stream recording for a backtest: one raw WebSocket message per line (the public archive and
/// the shared feed, timed by the message's <c>ts</c>) or the recorder's <c>{"recv_ns":…,"msg":{…}}</c> lines (timed by
/// receive time), optionally gzip. Order-book snapshots and deltas and public trades become replay events; the venue's
/// rules are applied and every departure is counted in <see cref="DataProblems"/>: a snapshot resets the book; a delta's
/// <c>u</c> must be the previous <c>u</c> + 1, and a gap (or a delta before any snapshot) leaves the book stale — its
/// deltas skipped — until the next snapshot, as a live client would resubscribe; a malformed line is skipped (its loss
/// then shows as the next delta's gap); a line stamped before its predecessor is replayed at the predecessor's time.
/// </summary>
public static class BybitFileReader
{
    /// <summary>The symbols of the file's order-book and trade topics in first-seen order, and each one's first mid.</summary>
    public static (IReadOnlyList<string> Symbols, IReadOnlyDictionary<string, decimal> Mids) Scan(string path)
    {
        var symbols = new List<string>();
        var mids = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var message = new BybitPublicMessage();
        int seen = 0;
        try
        {
            foreach (var (_, json, _) in Lines(path))
            {
                var kind = BybitPublicParser.Parse(json.Span, message);
                if (kind is BybitPublicKind.OrderBook or BybitPublicKind.Trades)
                {
                    string symbol = message.Symbol;
                    if (!symbols.Contains(symbol)) symbols.Add(symbol);
                    if (kind == BybitPublicKind.OrderBook && message.IsSnapshot && !mids.ContainsKey(symbol) && message.Bids.Count > 0 && message.Asks.Count > 0)
                        mids[symbol] = (message.Bids.Prices[0].ToDecimal() + message.Asks.Prices[0].ToDecimal()) / 2;
                }

                if (++seen > 20_000) break;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            // A truncated file is reported when it is replayed.
        }

        return (symbols, mids);
    }

    /// <summary>
    /// The file's replay messages; <paramref name="slotOf"/> maps a symbol to its instrument slot (−1: not replayed); bytes
    /// read are counted in <paramref name="progress"/> when given.
    /// </summary>
    public static IEnumerable<ReplayMessage> Messages(string path, Func<string, int> slotOf, DataProblems problems, ReadProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(slotOf);
        ArgumentNullException.ThrowIfNull(problems);
        string name = Path.GetFileName(path);
        var message = new BybitPublicMessage();
        var lastU = new Dictionary<int, long>();
        long lastTicks = long.MinValue;
        using var lines = Lines(path, progress).GetEnumerator();
        while (true)
        {
            (long Line, ReadOnlyMemory<byte> Json, long ReceiveNs) current;
            try
            {
                if (!lines.MoveNext()) yield break;
                current = lines.Current;
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                problems.Add(DataProblems.TruncatedGzip, name, 0, "the compressed stream ends early (" + e.Message + "); the file ends here");
                yield break;
            }

            var kind = BybitPublicParser.Parse(current.Json.Span, message);
            if (kind == BybitPublicKind.Malformed)
            {
                problems.Add(DataProblems.MalformedLine, name, current.Line, message.Error + "; line skipped");
                continue;
            }

            if (kind is not (BybitPublicKind.OrderBook or BybitPublicKind.Trades)) continue;
            int slot = slotOf(message.Symbol);
            if (slot < 0) continue;
            long ticks = current.ReceiveNs > 0 ? DateTime.UnixEpoch.Ticks + current.ReceiveNs / 100 : MsToTicks(message.TimeMs);
            if (ticks < lastTicks)
            {
                problems.Add(DataProblems.OutOfOrder, name, current.Line, $"time {new DateTime(ticks, DateTimeKind.Utc):O} is before the previous line's; replayed at the previous time");
                ticks = lastTicks;
            }

            lastTicks = ticks;
            if (kind == BybitPublicKind.Trades)
            {
                yield return new ReplayMessage(ticks, Trades(message, slot, ticks));
                continue;
            }

            if (message.IsSnapshot)
            {
                lastU[slot] = message.UpdateId;
                yield return new ReplayMessage(ticks, [new MarketDataEvent(MarketDataKind.Snapshot, slot, Side.Buy, default, default, message.UpdateId, 0, MsToTicks(message.TimeMs), ticks, true, message.ToSnapshot())]);
                continue;
            }

            // 0: no snapshot yet; −1: stale after a gap (already counted) until the next snapshot.
            long previous = lastU.GetValueOrDefault(slot, 0);
            if (previous == -1) continue;
            if (previous == 0 || message.UpdateId != previous + 1)
            {
                problems.Add(DataProblems.SequenceGap, name, current.Line,
                    previous == 0 ? "deltas before any snapshot: skipped until the first snapshot"
                    : $"u jumps from {previous} to {message.UpdateId}: the book is stale and its deltas skipped until the next snapshot (live: resubscribe)");
                lastU[slot] = -1;
                if (previous != 0) yield return new ReplayMessage(ticks, [new MarketDataEvent(MarketDataKind.BookInvalidated, slot, Side.Buy, default, default, 0, 0, ticks, ticks)]);
                continue;
            }

            lastU[slot] = message.UpdateId;
            var events = Delta(message, slot, ticks);
            if (events.Length > 0) yield return new ReplayMessage(ticks, events);
        }
    }

    private static MarketDataEvent[] Delta(BybitPublicMessage m, int slot, long ticks)
    {
        var target = new ToArray(m.Bids.Count + m.Asks.Count);
        BybitMarketEvents.Delta(m, slot, ticks, ref target);
        return target.Events;
    }

    private static MarketDataEvent[] Trades(BybitPublicMessage m, int slot, long ticks)
    {
        var target = new ToArray(m.Trades.Count);
        BybitMarketEvents.Trades(m, slot, ticks, ref target);
        return target.Events;
    }

    /// <summary>Collects one message's events into the array a replay message carries.</summary>
    private struct ToArray(int count) : IMarketEventTarget
    {
        private int _n;

        public MarketDataEvent[] Events { get; } = count == 0 ? [] : new MarketDataEvent[count];

        public void Add(in MarketDataEvent e) => Events[_n++] = e;
    }

    private static long MsToTicks(long ms) => BybitMarketEvents.Ticks(ms);

    /// <summary>Each non-empty line: its number, the raw message's bytes, and the recorder's receive time (0 for raw lines).</summary>
    private static IEnumerable<(long Line, ReadOnlyMemory<byte> Json, long ReceiveNs)> Lines(string path, ReadProgress? progress = null)
    {
        using var stream = FormatSniffer.OpenText(path, progress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        long number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0) continue;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            yield return Unwrap(number, bytes);
        }
    }

    // A recorder line wraps the raw message: {"recv_ns":…,"msg":{…}}. Anything else is taken as the raw message.
    private static (long, ReadOnlyMemory<byte>, long) Unwrap(long number, byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith("{\"recv_ns\""u8)) return (number, bytes, 0);
        var r = new Utf8JsonReader(bytes);
        long recv = 0;
        ReadOnlyMemory<byte> msg = bytes;
        try
        {
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("recv_ns"u8))
                {
                    r.Read();
                    r.TryGetInt64(out recv);
                }
                else if (r.ValueTextEquals("msg"u8))
                {
                    r.Read();
                    int start = (int)r.TokenStartIndex;
                    r.Skip();
                    msg = bytes.AsMemory(start, (int)r.BytesConsumed - start);
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Left to the message parser, which reports the line as malformed.
        }

        return (number, msg, recv);
    }
}
