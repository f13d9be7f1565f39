using System.Text.Json;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>The market-channel message types the parser tells apart.</summary>
internal enum MarketEventType : byte
{
    Missing,
    Unknown,
    Book,
    PriceChange,
    TickSizeChange,
    LastTradePrice,
    BestBidAsk,
    MarketLifecycle,
    MarketResolved,
}

/// <summary>The property names the parser acts on; everything else is <see cref="Other"/> and skipped.</summary>
internal enum MarketField : byte
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

/// <summary>
/// Walking the JSON of a market-channel message with a <see cref="Utf8JsonReader"/>: the next property (identified by
/// length and bytes, no string made), the event type, and the arrays of objects that <c>book</c> levels and
/// <c>price_changes</c> entries come in. A value of the wrong shape is skipped and marks the message
/// <see cref="MalformedReason.UnexpectedShape"/>.
/// </summary>
internal static class MarketFields
{
    /// <summary>
    /// Moves to the next property of the current object and onto its value; false at the object's end.
    /// </summary>
    public static bool Next(ref Utf8JsonReader reader, out MarketField field)
    {
        if (!(reader.Read() && reader.TokenType == JsonTokenType.PropertyName))
        {
            field = MarketField.Other;
            return false;
        }

        field = Identify(ref reader);
        reader.Read();
        return true;
    }

    /// <summary>True when the value is an array (the reader stays on its start); otherwise skips it and fails the message.</summary>
    public static bool EnterArray(ref Utf8JsonReader reader, ref MarketMessageFields m)
    {
        if (reader.TokenType == JsonTokenType.StartArray) return true;
        reader.Skip();
        m.Fail(MalformedReason.UnexpectedShape);
        return false;
    }

    /// <summary>
    /// Moves to the next object of the array; anything else in it is skipped and fails the message. False at the
    /// array's end.
    /// </summary>
    public static bool NextObject(ref Utf8JsonReader reader, ref MarketMessageFields m)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject) return true;
            reader.Skip();
            m.Fail(MalformedReason.UnexpectedShape);
        }

        return false;
    }

    /// <summary>The value of <c>event_type</c>.</summary>
    public static MarketEventType ReadEventType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return MarketEventType.Unknown;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // Legal but never sent; compare through the unescaping API rather than refuse.
            if (reader.ValueTextEquals("price_change"u8)) return MarketEventType.PriceChange;
            if (reader.ValueTextEquals("book"u8)) return MarketEventType.Book;
            return MarketEventType.Unknown;
        }

        ReadOnlySpan<byte> v = reader.ValueSpan;
        if (v.SequenceEqual("price_change"u8)) return MarketEventType.PriceChange;
        if (v.SequenceEqual("book"u8)) return MarketEventType.Book;
        if (v.SequenceEqual("last_trade_price"u8)) return MarketEventType.LastTradePrice;
        if (v.SequenceEqual("tick_size_change"u8)) return MarketEventType.TickSizeChange;
        if (v.SequenceEqual("best_bid_ask"u8)) return MarketEventType.BestBidAsk;
        if (v.SequenceEqual("market_resolved"u8)) return MarketEventType.MarketResolved;
        if (v.SequenceEqual("new_market"u8)) return MarketEventType.MarketLifecycle;
        return MarketEventType.Unknown;
    }

    private static MarketField Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence) return Identify(reader.ValueSpan);
        if (reader.HasValueSequence || reader.ValueSpan.Length > 64) return MarketField.Other;
        Span<byte> name = stackalloc byte[64];
        int n = reader.CopyString(name);
        return Identify(name[..n]);
    }

    private static MarketField Identify(ReadOnlySpan<byte> n)
    {
        switch (n.Length)
        {
            case 4:
                if (n.SequenceEqual("size"u8)) return MarketField.Size;
                if (n.SequenceEqual("side"u8)) return MarketField.Side;
                if (n.SequenceEqual("bids"u8)) return MarketField.Bids;
                if (n.SequenceEqual("asks"u8)) return MarketField.Asks;
                return MarketField.Other;
            case 5:
                return n.SequenceEqual("price"u8) ? MarketField.Price : MarketField.Other;
            case 8:
                if (n.SequenceEqual("asset_id"u8)) return MarketField.AssetId;
                if (n.SequenceEqual("best_bid"u8)) return MarketField.BestBid;
                if (n.SequenceEqual("best_ask"u8)) return MarketField.BestAsk;
                return MarketField.Other;
            case 9:
                return n.SequenceEqual("timestamp"u8) ? MarketField.Timestamp : MarketField.Other;
            case 10:
                return n.SequenceEqual("event_type"u8) ? MarketField.EventType : MarketField.Other;
            case 13:
                if (n.SequenceEqual("price_changes"u8)) return MarketField.PriceChanges;
                if (n.SequenceEqual("new_tick_size"u8)) return MarketField.NewTickSize;
                return MarketField.Other;
            default:
                return MarketField.Other;
        }
    }
}
