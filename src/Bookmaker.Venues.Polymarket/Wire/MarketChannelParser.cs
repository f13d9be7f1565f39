using System.Text.Json;
using Bookmaker.Core.Books;
using Bookmaker.Engine.Venues;
using static Bookmaker.Venues.Polymarket.Wire.MarketMessageFields;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Decodes Polymarket CLOB market-channel WebSocket frames (one JSON object, or an array of them) into normalized
/// <see cref="MarketDataEvent"/>s. One pass of <see cref="Utf8JsonReader"/> over the bytes; prices and sizes go
/// through the exact fixed-point parsers; token ids are resolved through <see cref="AssetIndexMap"/> without
/// allocating. In steady state a <c>price_change</c> frame allocates nothing.
/// </summary>
/// <remarks>
/// <para>This class walks the frame and each message's fields (<see cref="MarketFields"/>) and dispatches at the
/// message's end by type: <c>price_change</c> to <see cref="PriceChangeMessage"/>, <c>book</c> (levels read by
/// <see cref="BookMessage"/>), <c>tick_size_change</c>, <c>last_trade_price</c> and <c>best_bid_ask</c> to
/// <see cref="AssetMessages"/>; <c>new_market</c> is counted only, <c>market_resolved</c> is counted and handed whole to
/// <see cref="IMarketChannelSink.OnMarketResolved"/> (rare: the receiver decodes it at leisure), the text heartbeat
/// answer <c>PONG</c> too. Unknown event types are counted and skipped.</para>
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
    private readonly AssetIndexMap _assets;
    private readonly BookSnapshot _snapshot = new();
    private readonly PriceChangeMessage _priceChanges;

    /// <summary>Creates a parser resolving token ids through <paramref name="assets"/>.</summary>
    public MarketChannelParser(AssetIndexMap assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = assets;
        _priceChanges = new PriceChangeMessage(assets, Counters);
    }

    /// <summary>Running counts of what was parsed, skipped and refused.</summary>
    public MarketChannelCounters Counters { get; } = new();

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
                MalformedReports.Report(Counters, MalformedReason.BadJson, AssetUnknown, frame, sink);
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
                        MalformedReports.Report(Counters, MalformedReason.UnexpectedShape, AssetUnknown, frame, sink);
                    }
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ParseMessage(ref reader, frame, receiveTimeTicks, sink);
            }
            else
            {
                MalformedReports.Report(Counters, MalformedReason.UnexpectedShape, AssetUnknown, frame, sink);
            }
        }
        catch (JsonException)
        {
            // Truncated or invalid JSON: the message being read is dropped whole; messages of the same frame that
            // were complete before the fault have already been delivered.
            _priceChanges.Clear();
            MalformedReports.Report(Counters, MalformedReason.BadJson, AssetUnknown, frame, sink);
        }
    }

    private void ParseMessage<TSink>(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        _priceChanges.Clear();
        _snapshot.Clear();
        var m = new MarketMessageFields { Asset = AssetNotSeen };
        bool sawPriceChanges = false;

        while (MarketFields.Next(ref reader, out MarketField field))
        {
            switch (field)
            {
                case MarketField.EventType:
                    m.Type = MarketFields.ReadEventType(ref reader);
                    break;
                case MarketField.AssetId:
                    m.Asset = _assets.TryGetIndex(ref reader, out int index) ? index : AssetUnknown;
                    break;
                case MarketField.Timestamp:
                    if (!WireScalars.TryReadUnixMillisecondsAsTicks(ref reader, out m.VenueTicks)) m.Fail(MalformedReason.BadNumber);
                    break;
                case MarketField.Price:
                    m.HasPrice = m.Number(WireScalars.TryReadPrice(ref reader, out m.Price));
                    break;
                case MarketField.Size:
                    m.HasSize = m.Number(WireScalars.TryReadQuantity(ref reader, out m.Size));
                    break;
                case MarketField.Side:
                    m.HasSide = WireScalars.TryReadSide(ref reader, out m.Side);
                    if (!m.HasSide) m.Fail(MalformedReason.BadSide);
                    break;
                case MarketField.NewTickSize:
                    m.HasNewTick = m.Number(WireScalars.TryReadPrice(ref reader, out m.NewTick));
                    break;
                case MarketField.BestBid:
                    m.HasBestBid = m.Number(WireScalars.TryReadPrice(ref reader, out m.BestBid));
                    break;
                case MarketField.BestAsk:
                    m.HasBestAsk = m.Number(WireScalars.TryReadPrice(ref reader, out m.BestAsk));
                    break;
                case MarketField.Bids:
                    BookMessage.ReadLevels(ref reader, _snapshot.Bids, ref m);
                    break;
                case MarketField.Asks:
                    BookMessage.ReadLevels(ref reader, _snapshot.Asks, ref m);
                    break;
                case MarketField.PriceChanges:
                    sawPriceChanges = true;
                    _priceChanges.ReadEntries(ref reader, frame, sink, ref m);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        Dispatch(ref m, sawPriceChanges, frame, receiveTicks, sink);
    }

    private void Dispatch<TSink>(ref MarketMessageFields m, bool sawPriceChanges, ReadOnlySpan<byte> frame, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        switch (m.Type)
        {
            case MarketEventType.Missing:
                MalformedReports.Report(Counters, MalformedReason.MissingField, AssetUnknown, frame, sink);
                return;
            case MarketEventType.Unknown:
                Counters.UnknownEventTypes++;
                return;
            case MarketEventType.MarketLifecycle:
                Counters.MarketLifecycle++;
                return;
            case MarketEventType.MarketResolved:
                Counters.MarketLifecycle++;
                Counters.MarketsResolved++;
                sink.OnMarketResolved(frame);
                return;
            case MarketEventType.PriceChange:
                Counters.PriceChanges++;
                if (m.HasError || !sawPriceChanges)
                {
                    // A message-level fault (bad timestamp, missing array) leaves every entry in doubt.
                    _priceChanges.Clear();
                    MalformedReports.Report(Counters, m.HasError ? m.Error : MalformedReason.MissingField, AssetUnknown, frame, sink);
                    return;
                }

                _priceChanges.Emit(m.VenueTicks, receiveTicks, sink);
                return;
        }

        // The remaining types are about one asset.
        int asset = m.Asset;
        if (m.HasError)
        {
            MalformedReports.Report(Counters, m.Error, asset >= 0 ? asset : AssetUnknown, frame, sink);
            return;
        }

        if (asset == AssetNotSeen)
        {
            MalformedReports.Report(Counters, MalformedReason.MissingField, AssetUnknown, frame, sink);
            return;
        }

        if (asset == AssetUnknown)
        {
            MalformedReports.Report(Counters, MalformedReason.UnknownAsset, AssetUnknown, frame, sink);
            return;
        }

        AssetMessages.Deliver(ref m, asset, _snapshot, Counters, frame, receiveTicks, sink);
    }
}
