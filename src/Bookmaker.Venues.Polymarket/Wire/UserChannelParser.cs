using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Decodes Polymarket user-channel frames (one JSON object or an array) into <see cref="UserOrderEvent"/> and
/// <see cref="UserTradeEvent"/> records. The user channel carries a handful of messages per order, so this parser
/// favours clarity over zero allocation (it uses <see cref="JsonDocument"/>). Values are read exactly: prices and
/// sizes through the fixed-point parsers, strings or plain JSON numbers both accepted, then checked against what the
/// venue can send (<see cref="WireRanges"/>: prices in (0, 1), positive order and trade sizes, matched size ≥ 0).
/// It never throws on bad input; a bad message is counted and reported, and the others of the same frame are still
/// delivered.
/// </summary>
/// <remarks>
/// Trade lifecycle: the same trade id arrives with status MATCHED, then MINED and CONFIRMED, or RETRYING and FAILED.
/// A FAILED trade did not settle: the adapter must reverse the fill it reported at MATCHED
/// (<c>ExecutionReportKind.FillReversed</c>), see <see cref="TradeStatusExtensions.ReversesFill"/>.
/// Timestamps: the documented examples carry unix seconds, some feeds milliseconds; values of 10^11 or more are read
/// as milliseconds.
/// </remarks>
public sealed class UserChannelParser
{
    /// <summary>Running counts.</summary>
    public UserChannelCounters Counters { get; } = new();

    /// <summary>Parses one frame and delivers its events to <paramref name="sink"/>.</summary>
    public void Parse(ReadOnlySpan<byte> frame, IUserChannelSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Counters.Frames++;
        ReadOnlySpan<byte> trimmed = frame.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual("PONG"u8))
        {
            Counters.Pongs++;
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(trimmed.ToArray());
        }
        catch (JsonException)
        {
            Report(MalformedReason.BadJson, frame, sink);
            return;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement message in root.EnumerateArray()) ParseMessage(message, frame, sink);
            }
            else
            {
                ParseMessage(root, frame, sink);
            }
        }
    }

    private void ParseMessage(JsonElement message, ReadOnlySpan<byte> frame, IUserChannelSink sink)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            Report(MalformedReason.UnexpectedShape, frame, sink);
            return;
        }

        string? eventType = Text(message, "event_type");
        MalformedReason? fault;
        switch (eventType)
        {
            case "order":
                fault = TryOrder(message, out UserOrderEvent? order);
                if (order is not null)
                {
                    Counters.Orders++;
                    sink.OnOrder(order);
                }

                break;
            case "trade":
                fault = TryTrade(message, out UserTradeEvent? trade);
                if (trade is not null)
                {
                    Counters.Trades++;
                    sink.OnTrade(trade);
                }

                break;
            case null:
                fault = MalformedReason.MissingField;
                break;
            default:
                Counters.UnknownEventTypes++;
                return;
        }

        if (fault is { } reason) Report(reason, frame, sink);
    }

    private static MalformedReason? TryOrder(JsonElement m, out UserOrderEvent? order)
    {
        order = null;
        string? id = Text(m, "id");
        string? asset = Text(m, "asset_id");
        if (id is null || asset is null) return MalformedReason.MissingField;
        if (!TryPrice(m, "price", out Price price) || !TryQuantity(m, "original_size", out Quantity original)) return MalformedReason.BadNumber;
        Quantity matched = Quantity.Zero;
        if (Has(m, "size_matched") && !TryQuantity(m, "size_matched", out matched)) return MalformedReason.BadNumber;
        if (!TrySide(m, "side", out Side side)) return MalformedReason.BadSide;
        if (!WireRanges.IsOutcomePrice(price) || original.Raw <= 0 || matched.Raw < 0) return MalformedReason.OutOfRange;
        UserOrderEventType type = Text(m, "type")?.ToUpperInvariant() switch
        {
            "PLACEMENT" => UserOrderEventType.Placement,
            "UPDATE" => UserOrderEventType.Update,
            "CANCELLATION" => UserOrderEventType.Cancellation,
            _ => UserOrderEventType.Unknown,
        };
        var trades = new List<string>();
        if (m.TryGetProperty("associate_trades", out JsonElement t) && t.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement x in t.EnumerateArray())
            {
                if (x.ValueKind == JsonValueKind.String) trades.Add(x.GetString()!);
            }
        }

        order = new UserOrderEvent(
            id, type, asset, Text(m, "market"), side, price, original, matched, Text(m, "status"), Text(m, "outcome"),
            Text(m, "order_type"), Text(m, "owner"), trades, Time(m, "timestamp"));
        return null;
    }

    private static MalformedReason? TryTrade(JsonElement m, out UserTradeEvent? trade)
    {
        trade = null;
        string? id = Text(m, "id");
        string? taker = Text(m, "taker_order_id");
        string? asset = Text(m, "asset_id");
        string? statusText = Text(m, "status");
        if (id is null || taker is null || asset is null || statusText is null) return MalformedReason.MissingField;
        if (!TryStatus(statusText, out TradeStatus status)) return MalformedReason.UnexpectedShape;
        if (!TryPrice(m, "price", out Price price) || !TryQuantity(m, "size", out Quantity size)) return MalformedReason.BadNumber;
        if (!TrySide(m, "side", out Side side)) return MalformedReason.BadSide;
        if (!TryInt(m, "fee_rate_bps", out int? fee)) return MalformedReason.BadNumber;
        if (!WireRanges.IsOutcomePrice(price) || size.Raw <= 0) return MalformedReason.OutOfRange;

        var makers = new List<MakerOrderFill>();
        if (m.TryGetProperty("maker_orders", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement x in list.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Object) return MalformedReason.UnexpectedShape;
                string? makerId = Text(x, "order_id");
                string? makerAsset = Text(x, "asset_id");
                if (makerId is null || makerAsset is null) return MalformedReason.MissingField;
                if (!TryQuantity(x, "matched_amount", out Quantity amount) || !TryPrice(x, "price", out Price makerPrice)) return MalformedReason.BadNumber;
                if (!TryInt(x, "fee_rate_bps", out int? makerFee)) return MalformedReason.BadNumber;
                if (!WireRanges.IsOutcomePrice(makerPrice) || amount.Raw <= 0) return MalformedReason.OutOfRange;
                Side? makerSide = null;
                if (Has(x, "side"))
                {
                    if (!TrySide(x, "side", out Side s)) return MalformedReason.BadSide;
                    makerSide = s;
                }

                makers.Add(new MakerOrderFill(
                    makerId, Text(x, "owner"), Text(x, "maker_address"), amount, makerPrice, makerAsset, makerSide, makerFee, Text(x, "outcome")));
            }
        }

        TraderSide traderSide = Text(m, "trader_side")?.ToUpperInvariant() switch
        {
            "TAKER" => TraderSide.Taker,
            "MAKER" => TraderSide.Maker,
            _ => TraderSide.Unknown,
        };
        trade = new UserTradeEvent(
            id, status, taker, Text(m, "market"), asset, side, price, size, fee ?? 0, traderSide, makers, Text(m, "owner"),
            Text(m, "transaction_hash"), Time(m, "match_time") ?? Time(m, "matchtime"), Time(m, "last_update"));
        return null;
    }

    /// <summary>Reads a trade status as sent on the WebSocket ("MATCHED") or over REST ("TRADE_STATUS_MATCHED").</summary>
    public static bool TryStatus(string text, out TradeStatus status)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.StartsWith("TRADE_STATUS_", StringComparison.OrdinalIgnoreCase) ? text["TRADE_STATUS_".Length..] : text;
        switch (s.ToUpperInvariant())
        {
            case "MATCHED": status = TradeStatus.Matched; return true;
            case "MINED": status = TradeStatus.Mined; return true;
            case "CONFIRMED": status = TradeStatus.Confirmed; return true;
            case "RETRYING": status = TradeStatus.Retrying; return true;
            case "FAILED": status = TradeStatus.Failed; return true;
            default: status = default; return false;
        }
    }

    private static bool Has(JsonElement m, string name) =>
        m.TryGetProperty(name, out JsonElement v) && v.ValueKind is not JsonValueKind.Null;

    /// <summary>A string property, or the raw text of a number property; null when absent or null.</summary>
    private static string? Text(JsonElement m, string name)
    {
        if (!m.TryGetProperty(name, out JsonElement v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static bool TryPrice(JsonElement m, string name, out Price price)
    {
        price = default;
        string? text = Text(m, name);
        return text is not null && Price.TryParse(text, out price);
    }

    private static bool TryQuantity(JsonElement m, string name, out Quantity quantity)
    {
        quantity = default;
        string? text = Text(m, name);
        return text is not null && Quantity.TryParse(text, out quantity);
    }

    private static bool TrySide(JsonElement m, string name, out Side side)
    {
        side = Side.Buy;
        switch (Text(m, name)?.ToUpperInvariant())
        {
            case "BUY": return true;
            case "SELL": side = Side.Sell; return true;
            default: return false;
        }
    }

    /// <summary>An optional integer; false only when present and not an integer.</summary>
    private static bool TryInt(JsonElement m, string name, out int? value)
    {
        value = null;
        string? text = Text(m, name);
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)) return false;
        value = v;
        return true;
    }

    private static long? Time(JsonElement m, string name)
    {
        string? text = Text(m, name);
        if (text is null || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v)) return null;
        if (v >= 100_000_000_000L) return v <= 253_402_300_799_999 ? WireScalars.UnixMillisecondsToTicks(v) : null;
        return WireScalars.UnixMillisecondsToTicks(v * 1000);
    }

    private void Report(MalformedReason reason, ReadOnlySpan<byte> frame, IUserChannelSink sink)
    {
        Counters.CountMalformed(reason);
        sink.OnMalformed(reason, frame);
    }
}
