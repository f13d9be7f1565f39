using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.UserStream;

/// <summary>One order's state as the <c>order</c> topic or <c>/v5/order/realtime</c> states it (the two share field names).</summary>
/// <param name="Symbol">Symbol.</param>
/// <param name="OrderId">The venue's id.</param>
/// <param name="OrderLinkId">Our id as sent.</param>
/// <param name="Side">Side.</param>
/// <param name="Status">orderStatus (<c>New</c>, <c>PartiallyFilled</c>, <c>Filled</c>, <c>Cancelled</c>, <c>Rejected</c>…).</param>
/// <param name="RejectReason">rejectReason (<c>EC_…</c>).</param>
/// <param name="CancelType">cancelType (<c>CancelByUser</c>, <c>CancelByDCP</c>…).</param>
/// <param name="Price">Limit price.</param>
/// <param name="Qty">Order quantity.</param>
/// <param name="LeavesQty">Open quantity left.</param>
/// <param name="CumExecQty">Filled so far.</param>
public sealed record BybitOrderState(string Symbol, string OrderId, string OrderLinkId, Side Side, string Status, string RejectReason, string CancelType,
    Price Price, Quantity Qty, Quantity LeavesQty, Quantity CumExecQty)
{
    /// <summary>True while the order rests (or waits for its trigger).</summary>
    public bool IsOpen => Status is "New" or "PartiallyFilled" or "Untriggered";

    /// <summary>Reads one item; null when a required field is missing or not exact.</summary>
    public static BybitOrderState? Read(JsonElement e)
    {
        if (PrivateFields.Str(e, "symbol") is not { } symbol || PrivateFields.Str(e, "orderId") is not { } orderId || PrivateFields.Str(e, "orderStatus") is not { } status) return null;
        return new BybitOrderState(symbol, orderId, PrivateFields.Str(e, "orderLinkId") ?? "", PrivateFields.Str(e, "side") == "Sell" ? Side.Sell : Side.Buy, status,
            PrivateFields.Str(e, "rejectReason") ?? "EC_NoError", PrivateFields.Str(e, "cancelType") ?? "", PrivateFields.Price(e, "price"),
            PrivateFields.Qty(e, "qty"), PrivateFields.Qty(e, "leavesQty"), PrivateFields.Qty(e, "cumExecQty"));
    }
}

/// <summary>One execution as the <c>execution</c> topic or <c>/v5/execution/list</c> states it.</summary>
/// <param name="ExecId">The venue's execution id (the deduplication key).</param>
/// <param name="Symbol">Symbol.</param>
/// <param name="OrderId">The venue's order id.</param>
/// <param name="OrderLinkId">Our id as sent.</param>
/// <param name="Side">Side.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Qty">Execution quantity.</param>
/// <param name="Fee">execFee: negative is a rebate.</param>
/// <param name="IsMaker">Maker or taker.</param>
/// <param name="ExecTimeMs">Execution time, unix ms.</param>
/// <param name="LeavesQty">The order's open quantity after it.</param>
/// <param name="ExecType">Trade, Funding, …</param>
public sealed record BybitExecution(string ExecId, string Symbol, string OrderId, string OrderLinkId, Side Side, Price Price, Quantity Qty, Money Fee,
    bool IsMaker, long ExecTimeMs, Quantity LeavesQty, string ExecType)
{
    /// <summary>Reads one item; null when a required field is missing or not exact.</summary>
    public static BybitExecution? Read(JsonElement e)
    {
        if (PrivateFields.Str(e, "execId") is not { } id || PrivateFields.Str(e, "symbol") is not { } symbol) return null;
        long time = long.TryParse(PrivateFields.Str(e, "execTime"), NumberStyles.None, CultureInfo.InvariantCulture, out long t) ? t : 0;
        bool maker = e.TryGetProperty("isMaker", out var m) && m.ValueKind == JsonValueKind.True;
        return new BybitExecution(id, symbol, PrivateFields.Str(e, "orderId") ?? "", PrivateFields.Str(e, "orderLinkId") ?? "", PrivateFields.Str(e, "side") == "Sell" ? Side.Sell : Side.Buy,
            PrivateFields.Price(e, "execPrice"), PrivateFields.Qty(e, "execQty"), PrivateFields.Money(e, "execFee"), maker, time, PrivateFields.Qty(e, "leavesQty"),
            PrivateFields.Str(e, "execType") ?? "Trade");
    }
}

/// <summary>Field readers of the private shapes: decimals exact from their text (a bad one reads as zero, never as a double).</summary>
internal static class PrivateFields
{
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null } : null;

    public static Price Price(JsonElement e, string name) => Core.Values.Price.TryParse(Str(e, name), out var p) ? p : default;

    public static Quantity Qty(JsonElement e, string name) => Quantity.TryParse(Str(e, name), out var q) ? q : default;

    public static Money Money(JsonElement e, string name) => Core.Values.Money.TryParse(Str(e, name), out var m) ? m : default;
}
