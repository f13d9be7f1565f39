using System.Runtime.InteropServices;
using System.Text.Json;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Decodes Polymarket CLOB market-channel WebSocket frames (one JSON object, or an array of them) into normalized
/// <see cref="MarketDataEvent"/>s. One pass of <see cref="Utf8JsonReader"/> over the bytes; prices and sizes go
/// through the exact fixed-point parsers; token ids are resolved through <see cref="AssetIndexMap"/> without
/// allocating. In steady state a <c>price_change</c> frame allocates nothing.
/// </summary>
/// <remarks>
/// <para>Handled: <c>book</c> (snapshot, levels sorted best-first whatever order the venue sent),
/// <c>price_change</c> (2025-09 schema: <c>price_changes[]</c> of absolute level sizes, "0" removes),
/// <c>tick_size_change</c>, <c>last_trade_price</c> (a trade; side as sent, the aggressor), <c>best_bid_ask</c>
/// (to <see cref="IMarketChannelSink.OnBestBidAsk"/>), <c>new_market</c>/<c>market_resolved</c> (counted only), and
/// the text heartbeat answer <c>PONG</c>. Unknown event types are counted and skipped.</para>
/// <para>Values are checked against what the venue can send for an outcome token (<see cref="WireRanges"/>): a level,
/// trade or tick outside (0, 1), a best bid/ask outside [0, 1], a negative size or a trade of size 0 is
/// <see cref="MalformedReason.OutOfRange"/>, handled like any other malformed input.</para>
/// <para>Malformed input never throws: it is counted per <see cref="MalformedReason"/> and reported through
/// <see cref="IMarketChannelSink.OnMalformed"/>. A message that fails as a whole delivers none of its events; a bad
/// entry inside <c>price_changes</c> is dropped alone (and reported for its instrument) while the other entries,
/// which are independent absolute sizes, are still delivered.</para>
/// <para>Not thread safe: one parser per connection, driven by that connection's receive loop.</para>
/// </remarks>
public sealed class MarketChannelParser
{
    private const int AssetNotSeen = -2;
    private const int AssetUnknown = -1;

    private readonly AssetIndexMap _assets;
    private readonly BookSnapshot _snapshot = new();
    private PendingLevel[] _pending = new PendingLevel[16];
    private int _pendingCount;

    /// <summary>Creates a parser resolving token ids through <paramref name="assets"/>.</summary>
    public MarketChannelParser(AssetIndexMap assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = assets;
    }

    /// <summary>Running counts of what was parsed, skipped and refused.</summary>
    public MarketChannelCounters Counters { get; } = new();

    private enum EventType : byte
    {
        Missing,
        Unknown,
        Book,
        PriceChange,
        TickSizeChange,
        LastTradePrice,
        BestBidAsk,
        MarketLifecycle,
    }

    private enum Field : byte
    {
        Other,
        EventType,
        AssetId,
        Timestamp,
        Price,
        Size,
        Side,
        NewTickSize,
        BestBid,
        BestAsk,
        Bids,
        Asks,
        PriceChanges,
    }

    private struct PendingLevel
    {
        public int Instrument;
        public Side Side;
        public Price Price;
        public Quantity Size;
    }

    /// <summary>Fields of one top-level message, gathered in any key order and acted on at its end.</summary>
    private struct MessageFields
    {
        public EventType Type;
        public int Asset;
        public long VenueTicks;
        public Price Price;
        public Quantity Size;
        public Side Side;
        public Price NewTick;
        public Price BestBid;
        public Price BestAsk;
        public bool HasPrice, HasSize, HasSide, HasNewTick, HasBestBid, HasBestAsk;
        public bool HasError;
        public MalformedReason Error;

        public void Fail(MalformedReason reason)
        {
            if (HasError) return;
            HasError = true;
            Error = reason;
        }
    }

    /// <summary>
    /// Parses one frame and delivers its events to <paramref name="sink"/> before returning.
    /// </summary>
    /// <param name="frame">The UTF-8 bytes of one complete WebSocket text message.</param>
    /// <param name="receiveTimeTicks">Local receive time on the engine clock (UTC ticks), copied into every event.</param>
    /// <param name="sink">Receiver; a struct sink is devirtualized.</param>
    public void Parse<TSink>(ReadOnlySpan<byte> frame, long receiveTimeTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        Counters.Frames++;
        ReadOnlySpan<byte> trimmed = frame.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual("PONG"u8))
        {
            Counters.Pongs++;
            return;
        }

        var reader = new Utf8JsonReader(trimmed);
        try
        {
            if (!reader.Read())
            {
                Report(MalformedReason.BadJson, AssetUnknown, frame, sink);
                return;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ParseMessage(ref reader, frame, receiveTimeTicks, sink);
                    }
                    else
                    {
                        reader.Skip();
                        Report(MalformedReason.UnexpectedShape, AssetUnknown, frame, sink);
                    }
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ParseMessage(ref reader, frame, receiveTimeTicks, sink);
            }
            else
            {
                Report(MalformedReason.UnexpectedShape, AssetUnknown, frame, sink);
            }
        }
        catch (JsonException)
        {
            // Truncated or invalid JSON: the message being read is dropped whole; messages of the same frame that
            // were complete before the fault have already been delivered.
            _pendingCount = 0;
            Report(MalformedReason.BadJson, AssetUnknown, frame, sink);
        }
    }

    private void ParseMessage<TSink>(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        _pendingCount = 0;
        _snapshot.Clear();
        var m = new MessageFields { Asset = AssetNotSeen };
        bool sawPriceChanges = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Field field = Identify(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.EventType:
                    m.Type = ReadEventType(ref reader);
                    break;
                case Field.AssetId:
                    m.Asset = _assets.TryGetIndex(ref reader, out int index) ? index : AssetUnknown;
                    break;
                case Field.Timestamp:
                    if (!WireScalars.TryReadUnixMillisecondsAsTicks(ref reader, out m.VenueTicks)) m.Fail(MalformedReason.BadNumber);
                    break;
                case Field.Price:
                    m.HasPrice = Read(WireScalars.TryReadPrice(ref reader, out m.Price), ref m);
                    break;
                case Field.Size:
                    m.HasSize = Read(WireScalars.TryReadQuantity(ref reader, out m.Size), ref m);
                    break;
                case Field.Side:
                    m.HasSide = WireScalars.TryReadSide(ref reader, out m.Side);
                    if (!m.HasSide) m.Fail(MalformedReason.BadSide);
                    break;
                case Field.NewTickSize:
                    m.HasNewTick = Read(WireScalars.TryReadPrice(ref reader, out m.NewTick), ref m);
                    break;
                case Field.BestBid:
                    m.HasBestBid = Read(WireScalars.TryReadPrice(ref reader, out m.BestBid), ref m);
                    break;
                case Field.BestAsk:
                    m.HasBestAsk = Read(WireScalars.TryReadPrice(ref reader, out m.BestAsk), ref m);
                    break;
                case Field.Bids:
                    ReadLevels(ref reader, _snapshot.Bids, ref m);
                    break;
                case Field.Asks:
                    ReadLevels(ref reader, _snapshot.Asks, ref m);
                    break;
                case Field.PriceChanges:
                    sawPriceChanges = true;
                    ReadPriceChanges(ref reader, frame, sink, ref m);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        Dispatch(ref m, sawPriceChanges, frame, receiveTicks, sink);
    }

    private void Dispatch<TSink>(ref MessageFields m, bool sawPriceChanges, ReadOnlySpan<byte> frame, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        switch (m.Type)
        {
            case EventType.Missing:
                Report(MalformedReason.MissingField, AssetUnknown, frame, sink);
                return;
            case EventType.Unknown:
                Counters.UnknownEventTypes++;
                return;
            case EventType.MarketLifecycle:
                Counters.MarketLifecycle++;
                return;
            case EventType.PriceChange:
                Counters.PriceChanges++;
                if (m.HasError || !sawPriceChanges)
                {
                    // A message-level fault (bad timestamp, missing array) leaves every entry in doubt.
                    _pendingCount = 0;
                    Report(m.HasError ? m.Error : MalformedReason.MissingField, AssetUnknown, frame, sink);
                    return;
                }

                EmitPending(m.VenueTicks, receiveTicks, sink);
                return;
        }

        // The remaining types are about one asset.
        int asset = m.Asset;
        if (m.HasError)
        {
            Report(m.Error, asset >= 0 ? asset : AssetUnknown, frame, sink);
            return;
        }

        if (asset == AssetNotSeen)
        {
            Report(MalformedReason.MissingField, AssetUnknown, frame, sink);
            return;
        }

        if (asset == AssetUnknown)
        {
            Report(MalformedReason.UnknownAsset, AssetUnknown, frame, sink);
            return;
        }

        switch (m.Type)
        {
            case EventType.Book:
                SortBestFirst(_snapshot.Bids, descending: true);
                SortBestFirst(_snapshot.Asks, descending: false);
                Counters.Books++;
                sink.OnMarketData(new MarketDataEvent(
                    MarketDataKind.Snapshot, asset, Side.Buy, Price.Zero, Quantity.Zero, 0, 0, m.VenueTicks, receiveTicks,
                    EndOfMessage: true, Snapshot: _snapshot));
                break;
            case EventType.TickSizeChange:
                if (!m.HasNewTick || !WireRanges.IsOutcomePrice(m.NewTick))
                {
                    Report(m.HasNewTick ? MalformedReason.OutOfRange : MalformedReason.MissingField, asset, frame, sink);
                    return;
                }

                Counters.TickSizeChanges++;
                sink.OnMarketData(new MarketDataEvent(
                    MarketDataKind.TickSizeChange, asset, Side.Buy, m.NewTick, Quantity.Zero, 0, 0, m.VenueTicks, receiveTicks));
                break;
            case EventType.LastTradePrice:
                if (!(m.HasPrice && m.HasSize && m.HasSide))
                {
                    Report(MalformedReason.MissingField, asset, frame, sink);
                    return;
                }

                if (!WireRanges.IsOutcomePrice(m.Price) || m.Size.Raw <= 0)
                {
                    Report(MalformedReason.OutOfRange, asset, frame, sink);
                    return;
                }

                Counters.LastTradePrices++;
                sink.OnMarketData(new MarketDataEvent(
                    MarketDataKind.Trade, asset, m.Side, m.Price, m.Size, 0, 0, m.VenueTicks, receiveTicks));
                break;
            case EventType.BestBidAsk:
                if (!(m.HasBestBid && m.HasBestAsk))
                {
                    Report(MalformedReason.MissingField, asset, frame, sink);
                    return;
                }

                if (!WireRanges.IsBestPrice(m.BestBid) || !WireRanges.IsBestPrice(m.BestAsk))
                {
                    Report(MalformedReason.OutOfRange, asset, frame, sink);
                    return;
                }

                Counters.BestBidAsks++;
                sink.OnBestBidAsk(asset, m.BestBid, m.BestAsk, m.VenueTicks);
                break;
        }
    }

    private static bool Read(bool ok, ref MessageFields m)
    {
        if (!ok) m.Fail(MalformedReason.BadNumber);
        return ok;
    }

    private void EmitPending<TSink>(long venueTicks, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        int count = _pendingCount;
        _pendingCount = 0;
        Counters.PriceChangeEntries += count;
        for (int i = 0; i < count; i++)
        {
            ref PendingLevel p = ref _pending[i];
            // The engine evaluates each instrument's book once per message: a price_change touches both tokens of a
            // market (a YES bid is a NO ask), so every instrument's last entry in the message ends its message.
            bool last = true;
            for (int j = i + 1; j < count; j++)
            {
                if (_pending[j].Instrument == p.Instrument)
                {
                    last = false;
                    break;
                }
            }

            sink.OnMarketData(new MarketDataEvent(
                MarketDataKind.LevelUpdate, p.Instrument, p.Side, p.Price, p.Size, 0, 0, venueTicks, receiveTicks,
                EndOfMessage: last));
        }
    }

    private static void ReadLevels(ref Utf8JsonReader reader, List<BookLevel> levels, ref MessageFields m)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            m.Fail(MalformedReason.UnexpectedShape);
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                m.Fail(MalformedReason.UnexpectedShape);
                continue;
            }

            Price price = default;
            Quantity size = default;
            bool hasPrice = false, hasSize = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                Field field = Identify(ref reader);
                reader.Read();
                if (field == Field.Price) hasPrice = Read(WireScalars.TryReadPrice(ref reader, out price), ref m);
                else if (field == Field.Size) hasSize = Read(WireScalars.TryReadQuantity(ref reader, out size), ref m);
                else reader.Skip();
            }

            if (!(hasPrice && hasSize)) m.Fail(MalformedReason.MissingField);
            else if (!WireRanges.IsOutcomePrice(price) || size.Raw < 0) m.Fail(MalformedReason.OutOfRange);
            else levels.Add(new BookLevel(price, size));
        }
    }

    private void ReadPriceChanges<TSink>(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, TSink sink, ref MessageFields m)
        where TSink : IMarketChannelSink
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            m.Fail(MalformedReason.UnexpectedShape);
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                m.Fail(MalformedReason.UnexpectedShape);
                continue;
            }

            int asset = AssetNotSeen;
            Price price = default;
            Quantity size = default;
            Side side = Side.Buy;
            bool hasPrice = false, hasSize = false, hasSide = false;
            bool bad = false;
            MalformedReason why = MalformedReason.MissingField;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                Field field = Identify(ref reader);
                reader.Read();
                switch (field)
                {
                    case Field.AssetId:
                        asset = _assets.TryGetIndex(ref reader, out int index) ? index : AssetUnknown;
                        break;
                    case Field.Price:
                        hasPrice = WireScalars.TryReadPrice(ref reader, out price);
                        if (!hasPrice && !bad) (bad, why) = (true, MalformedReason.BadNumber);
                        break;
                    case Field.Size:
                        hasSize = WireScalars.TryReadQuantity(ref reader, out size);
                        if (!hasSize && !bad) (bad, why) = (true, MalformedReason.BadNumber);
                        break;
                    case Field.Side:
                        hasSide = WireScalars.TryReadSide(ref reader, out side);
                        if (!hasSide && !bad) (bad, why) = (true, MalformedReason.BadSide);
                        break;
                    default:
                        // hash, best_bid, best_ask: the book is rebuilt from levels, not from the venue's summary.
                        reader.Skip();
                        break;
                }
            }

            if (asset == AssetUnknown)
            {
                Report(MalformedReason.UnknownAsset, AssetUnknown, frame, sink);
                continue;
            }

            bool complete = asset != AssetNotSeen && hasPrice && hasSize && hasSide;
            // Size "0" removes a level; a negative size or a price at or beyond 0 and 1 is nothing the venue sends.
            if (!bad && complete && (!WireRanges.IsOutcomePrice(price) || size.Raw < 0)) (bad, why) = (true, MalformedReason.OutOfRange);
            if (bad || !complete)
            {
                Report(why, asset >= 0 ? asset : AssetUnknown, frame, sink);
                continue;
            }

            if (_pendingCount == _pending.Length) Array.Resize(ref _pending, _pending.Length * 2);
            _pending[_pendingCount++] = new PendingLevel { Instrument = asset, Side = side, Price = price, Size = size };
        }
    }

    private static EventType ReadEventType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return EventType.Unknown;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // Legal but never sent; compare through the unescaping API rather than refuse.
            if (reader.ValueTextEquals("price_change"u8)) return EventType.PriceChange;
            if (reader.ValueTextEquals("book"u8)) return EventType.Book;
            return EventType.Unknown;
        }

        ReadOnlySpan<byte> v = reader.ValueSpan;
        if (v.SequenceEqual("price_change"u8)) return EventType.PriceChange;
        if (v.SequenceEqual("book"u8)) return EventType.Book;
        if (v.SequenceEqual("last_trade_price"u8)) return EventType.LastTradePrice;
        if (v.SequenceEqual("tick_size_change"u8)) return EventType.TickSizeChange;
        if (v.SequenceEqual("best_bid_ask"u8)) return EventType.BestBidAsk;
        if (v.SequenceEqual("new_market"u8) || v.SequenceEqual("market_resolved"u8)) return EventType.MarketLifecycle;
        return EventType.Unknown;
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return Identify(reader.ValueSpan);
        if (reader.HasValueSequence || reader.ValueSpan.Length > 64) return Field.Other;
        Span<byte> name = stackalloc byte[64];
        int n = reader.CopyString(name);
        return Identify(name[..n]);
    }

    private static Field Identify(ReadOnlySpan<byte> n)
    {
        switch (n.Length)
        {
            case 4:
                if (n.SequenceEqual("size"u8)) return Field.Size;
                if (n.SequenceEqual("side"u8)) return Field.Side;
                if (n.SequenceEqual("bids"u8)) return Field.Bids;
                if (n.SequenceEqual("asks"u8)) return Field.Asks;
                return Field.Other;
            case 5:
                return n.SequenceEqual("price"u8) ? Field.Price : Field.Other;
            case 8:
                if (n.SequenceEqual("asset_id"u8)) return Field.AssetId;
                if (n.SequenceEqual("best_bid"u8)) return Field.BestBid;
                if (n.SequenceEqual("best_ask"u8)) return Field.BestAsk;
                return Field.Other;
            case 9:
                return n.SequenceEqual("timestamp"u8) ? Field.Timestamp : Field.Other;
            case 10:
                return n.SequenceEqual("event_type"u8) ? Field.EventType : Field.Other;
            case 13:
                if (n.SequenceEqual("price_changes"u8)) return Field.PriceChanges;
                if (n.SequenceEqual("new_tick_size"u8)) return Field.NewTickSize;
                return Field.Other;
            default:
                return Field.Other;
        }
    }

    private static void SortBestFirst(List<BookLevel> levels, bool descending)
    {
        Span<BookLevel> span = CollectionsMarshal.AsSpan(levels);
        if (span.Length < 2) return;
        bool inOrder = true, reversed = true;
        for (int i = 1; i < span.Length; i++)
        {
            int c = span[i - 1].Price.Raw.CompareTo(span[i].Price.Raw);
            if (descending ? c <= 0 : c >= 0) inOrder = false;
            if (descending ? c >= 0 : c <= 0) reversed = false;
        }

        if (inOrder) return;
        if (reversed)
        {
            span.Reverse(); // the venue's usual order (worst first): no comparison sort needed
            return;
        }

        if (descending) span.Sort(static (a, b) => b.Price.Raw.CompareTo(a.Price.Raw));
        else span.Sort(static (a, b) => a.Price.Raw.CompareTo(b.Price.Raw));
    }

    private void Report<TSink>(MalformedReason reason, int instrument, ReadOnlySpan<byte> frame, TSink sink)
        where TSink : IMarketChannelSink
    {
        Counters.CountMalformed(reason);
        sink.OnMalformed(reason, instrument, frame);
    }
}
