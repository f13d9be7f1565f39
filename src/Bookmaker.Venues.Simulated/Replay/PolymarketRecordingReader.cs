using System.Text.Json;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>
/// Reads recorded Polymarket CLOB market-channel traffic: a JSON array of raw messages (or a single message object),
/// as the venue sends it. Not the live hot path: it favours clarity (<see cref="JsonDocument"/>) over zero allocation.
/// Prices and sizes go through the exact UTF-8 parser, so a recording replays to the same fixed-point values as live.
/// </summary>
public static class PolymarketRecordingReader
{
    /// <summary>Reads and decodes every message of a recording file.</summary>
    public static IReadOnlyList<PolymarketRecord> ReadFile(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Decodes a JSON array of messages, or one message object.</summary>
    public static IReadOnlyList<PolymarketRecord> Parse(ReadOnlyMemory<byte> json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var records = new List<PolymarketRecord>();
        if (doc.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement message in doc.RootElement.EnumerateArray()) records.Add(Decode(message));
        }
        else
        {
            records.Add(Decode(doc.RootElement));
        }

        return records;
    }

    /// <summary>
    /// Normalizes records into engine market-data events. <paramref name="instrumentIndex"/> maps an asset (token) id
    /// to its dense instrument index, or −1 to skip assets the engine does not track. Each message's last emitted
    /// event carries <c>EndOfMessage</c>. A malformed message invalidates every tracked book (it may have touched any).
    /// </summary>
    public static IEnumerable<MarketDataEvent> ToMarketDataEvents(IEnumerable<PolymarketRecord> records, Func<string, int> instrumentIndex)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(instrumentIndex);
        return Iterate(records, instrumentIndex);
    }

    private static IEnumerable<MarketDataEvent> Iterate(IEnumerable<PolymarketRecord> records, Func<string, int> instrumentIndex)
    {
        var tracked = new HashSet<int>();
        foreach (PolymarketRecord record in records)
        {
            long t = record.TimestampTicks;
            switch (record)
            {
                case PolymarketBookRecord book:
                {
                    int index = instrumentIndex(book.AssetId);
                    if (index < 0) break;
                    tracked.Add(index);
                    yield return new MarketDataEvent(MarketDataKind.Snapshot, index, Side.Buy, default, default, 0, 0, t, t, true, book.ToSnapshot());
                    break;
                }

                case PolymarketPriceChangeRecord change:
                {
                    MarketDataEvent? pending = null;
                    foreach (PolymarketLevelChange c in change.Changes)
                    {
                        int index = instrumentIndex(c.AssetId);
                        if (index < 0) continue;
                        if (pending is { } p) yield return p;
                        pending = new MarketDataEvent(MarketDataKind.LevelUpdate, index, c.Side, c.Price, c.Size, 0, 0, t, t, false);
                    }

                    if (pending is { } last) yield return last with { EndOfMessage = true };
                    break;
                }

                case PolymarketTickSizeChangeRecord tick:
                {
                    int index = instrumentIndex(tick.AssetId);
                    if (index >= 0) yield return new MarketDataEvent(MarketDataKind.TickSizeChange, index, Side.Buy, tick.NewTick, default, 0, 0, t, t);
                    break;
                }

                case PolymarketLastTradeRecord trade:
                {
                    int index = instrumentIndex(trade.AssetId);
                    if (index >= 0) yield return new MarketDataEvent(MarketDataKind.Trade, index, trade.Side, trade.Price, trade.Size, 0, 0, t, t);
                    break;
                }

                case PolymarketMalformedRecord:
                    foreach (int index in tracked)
                        yield return new MarketDataEvent(MarketDataKind.BookInvalidated, index, Side.Buy, default, default, 0, 0, t, t);
                    break;
            }
        }
    }

    private static PolymarketRecord Decode(JsonElement m)
    {
        string type = Str(m, "event_type") ?? "";
        long ts = 0;
        if (Str(m, "timestamp") is { } tsText && !long.TryParse(tsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ts))
            return new PolymarketMalformedRecord(type, "timestamp is not an integer", 0);

        try
        {
            return type switch
            {
                "book" => DecodeBook(m, ts),
                "price_change" => DecodePriceChange(m, ts),
                "tick_size_change" => new PolymarketTickSizeChangeRecord(
                    Required(m, "asset_id"), Str(m, "market") ?? "", PriceOf(m, "old_tick_size"), PriceOf(m, "new_tick_size"), ts),
                "last_trade_price" => new PolymarketLastTradeRecord(
                    Required(m, "asset_id"), Str(m, "market") ?? "", PriceOf(m, "price"), SideOf(m), QuantityOf(m, "size"), ts),
                _ => new PolymarketOtherRecord(type, ts),
            };
        }
        catch (FormatException e)
        {
            return new PolymarketMalformedRecord(type, e.Message, ts);
        }
    }

    private static PolymarketBookRecord DecodeBook(JsonElement m, long ts)
    {
        var bids = Levels(m, "bids");
        var asks = Levels(m, "asks");
        bids.Sort(static (a, b) => b.Price.CompareTo(a.Price));
        asks.Sort(static (a, b) => a.Price.CompareTo(b.Price));
        Price? tick = m.TryGetProperty("tick_size", out _) ? PriceOf(m, "tick_size") : null;
        return new PolymarketBookRecord(Required(m, "asset_id"), Str(m, "market") ?? "", ts, Str(m, "hash"), tick, bids, asks);
    }

    private static PolymarketPriceChangeRecord DecodePriceChange(JsonElement m, long ts)
    {
        var changes = new List<PolymarketLevelChange>();
        if (m.TryGetProperty("price_changes", out JsonElement current))
        {
            foreach (JsonElement c in current.EnumerateArray())
                changes.Add(Change(c, Required(c, "asset_id")));
        }
        else if (m.TryGetProperty("changes", out JsonElement legacy))
        {
            // Pre-2025-09-15 schema: one asset per message, asset id at the top.
            string asset = Required(m, "asset_id");
            foreach (JsonElement c in legacy.EnumerateArray()) changes.Add(Change(c, asset));
        }
        else
        {
            throw new FormatException("price_change without price_changes[] or changes[]");
        }

        return new PolymarketPriceChangeRecord(Str(m, "market") ?? "", ts, changes);
    }

    private static PolymarketLevelChange Change(JsonElement c, string asset)
    {
        Price? bestBid = c.TryGetProperty("best_bid", out _) ? PriceOf(c, "best_bid") : null;
        Price? bestAsk = c.TryGetProperty("best_ask", out _) ? PriceOf(c, "best_ask") : null;
        return new PolymarketLevelChange(asset, SideOf(c), PriceOf(c, "price"), QuantityOf(c, "size"), bestBid, bestAsk, Str(c, "hash"));
    }

    private static List<BookLevel> Levels(JsonElement m, string name)
    {
        var levels = new List<BookLevel>();
        if (!m.TryGetProperty(name, out JsonElement array)) return levels;
        foreach (JsonElement level in array.EnumerateArray())
            levels.Add(new BookLevel(PriceOf(level, "price"), QuantityOf(level, "size")));
        return levels;
    }

    private static Side SideOf(JsonElement m) => Str(m, "side") switch
    {
        "BUY" or "buy" => Side.Buy,
        "SELL" or "sell" => Side.Sell,
        var other => throw new FormatException($"side '{other}' is not BUY or SELL"),
    };

    private static Price PriceOf(JsonElement m, string name) =>
        Price.TryParse(Required(m, name), out Price p) ? p : throw new FormatException($"{name} is not an exact price");

    private static Quantity QuantityOf(JsonElement m, string name) =>
        Quantity.TryParse(Required(m, name), out Quantity q) && q.Raw >= 0 ? q : throw new FormatException($"{name} is not an exact size");

    private static string Required(JsonElement m, string name) => Str(m, name) ?? throw new FormatException($"missing {name}");

    private static string? Str(JsonElement m, string name) =>
        m.ValueKind == JsonValueKind.Object && m.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
