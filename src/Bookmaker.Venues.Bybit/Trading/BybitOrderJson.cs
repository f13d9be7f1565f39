using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// The bodies of the order operations, compact JSON with every number as a string (the venue's rule), exact from the
/// fixed-point types. <c>orderLinkId</c> is our client order id in decimal (≤ 20 digits, within the venue's 36
/// <c>[0-9A-Za-z_-]</c>), so an answer, a stream message or a query by orderLinkId maps back to our order without a table.
/// </summary>
public static class BybitOrderJson
{
    /// <summary>The orderLinkId of <paramref name="id"/>.</summary>
    public static string LinkId(ClientOrderId id) => id.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Our id from an orderLinkId (false for one we did not make).</summary>
    public static bool TryParseLinkId(string? linkId, out ClientOrderId id)
    {
        bool ok = ulong.TryParse(linkId, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) && v != 0;
        id = ok ? new ClientOrderId(v) : default;
        return ok;
    }

    /// <summary>The venue's category name.</summary>
    public static string Category(BybitCategory category) => category == BybitCategory.Spot ? "spot" : "linear";

    /// <summary>One create item (without category when <paramref name="withCategory"/> is false: batch items).</summary>
    public static void WriteCreate(Utf8JsonWriter w, BybitCategory category, OrderRequest r, bool withCategory)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        if (withCategory) w.WriteString("category", Category(category));
        w.WriteString("symbol", r.Instrument.Symbol);
        w.WriteString("side", r.Side == Side.Buy ? "Buy" : "Sell");
        bool market = r.Type == OrderType.Market;
        w.WriteString("orderType", market ? "Market" : "Limit");
        w.WriteString("qty", r.Size.ToString());
        if (!market) w.WriteString("price", r.Price.ToString());
        w.WriteString("timeInForce", r.PostOnly ? "PostOnly" : r.TimeInForce switch { TimeInForce.Fak => "IOC", TimeInForce.Fok => "FOK", _ => "GTC" });
        w.WriteString("orderLinkId", LinkId(r.Id));
        if (category == BybitCategory.Linear)
        {
            w.WriteBoolean("reduceOnly", r.ReduceOnly);
            w.WriteNumber("positionIdx", 0); // one-way mode
        }

        w.WriteEndObject();
    }

    /// <summary>POST /v5/order/create's body.</summary>
    public static string Create(BybitCategory category, OrderRequest r) => Write(w => WriteCreate(w, category, r, true));

    /// <summary>POST /v5/order/create-batch's body.</summary>
    public static string CreateBatch(BybitCategory category, IReadOnlyList<OrderRequest> requests) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(requests);
        w.WriteStartObject();
        w.WriteString("category", Category(category));
        w.WriteStartArray("request");
        foreach (var r in requests) WriteCreate(w, category, r, false);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>POST /v5/order/cancel's body (by orderLinkId).</summary>
    public static string Cancel(BybitCategory category, string symbol, ClientOrderId id) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("category", Category(category));
        w.WriteString("symbol", symbol);
        w.WriteString("orderLinkId", LinkId(id));
        w.WriteEndObject();
    });

    /// <summary>POST /v5/order/amend's body (by orderLinkId; a null price or quantity is left unchanged).</summary>
    public static string Amend(BybitCategory category, string symbol, ClientOrderId id, Price? price, Quantity? qty) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("category", Category(category));
        w.WriteString("symbol", symbol);
        w.WriteString("orderLinkId", LinkId(id));
        if (qty is { } q) w.WriteString("qty", q.ToString());
        if (price is { } p) w.WriteString("price", p.ToString());
        w.WriteEndObject();
    });

    /// <summary>
    /// POST /v5/order/cancel-all's body: one symbol, or the whole category — linear must name something, so it names the
    /// settle coin (USDT), which without an <c>orderFilter</c> cancels every kind of order; spot's default filter is
    /// plain orders, which are the only kind this engine places.
    /// </summary>
    public static string CancelAll(BybitCategory category, string? symbol) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("category", Category(category));
        if (!string.IsNullOrEmpty(symbol)) w.WriteString("symbol", symbol);
        else if (category == BybitCategory.Linear) w.WriteString("settleCoin", "USDT");
        w.WriteEndObject();
    });

    /// <summary>Renders what <paramref name="write"/> writes.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
