using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>One order of an API account as the venue keeps it, rendered in the shape of <c>/v5/order/realtime</c> and the <c>order</c> topic.</summary>
internal sealed class EmulatedOrder
{
    public required string OrderId { get; init; }

    public required string OrderLinkId { get; init; }

    public required EmulatedSymbol Symbol { get; init; }

    public required Side Side { get; init; }

    public required string OrderType { get; init; }

    public required string TimeInForce { get; init; }

    public bool ReduceOnly { get; init; }

    public Price Price { get; set; }

    public Quantity Qty { get; set; }

    /// <summary>The matching engine's id of the live part (changes on amend: the emulator re-enters the rest).</summary>
    public long EngineId { get; set; }

    public string Status { get; set; } = "New";

    public string CancelType { get; set; } = "UNKNOWN";

    public string RejectReason { get; set; } = "EC_NoError";

    public Quantity CumExecQty { get; set; }

    public Money CumExecValue { get; set; }

    public Money CumExecFee { get; set; }

    public long CreatedMs { get; init; }

    public long UpdatedMs { get; set; }

    public Quantity LeavesQty => IsOpen ? Qty - CumExecQty : Quantity.Zero;

    public bool IsOpen => Status is "New" or "PartiallyFilled";

    public string Category => Symbol.Category == BybitCategory.Spot ? "spot" : "linear";

    /// <summary>Writes the order as one object of the venue's lists.</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("category", Category);
        w.WriteString("symbol", Symbol.Symbol);
        w.WriteString("orderId", OrderId);
        w.WriteString("orderLinkId", OrderLinkId);
        w.WriteString("side", Side == Side.Buy ? "Buy" : "Sell");
        w.WriteString("orderType", OrderType);
        w.WriteString("price", Price.ToString());
        w.WriteString("qty", Qty.ToString());
        w.WriteString("timeInForce", TimeInForce);
        w.WriteString("orderStatus", Status);
        w.WriteString("cancelType", CancelType);
        w.WriteString("rejectReason", RejectReason);
        w.WriteString("leavesQty", LeavesQty.ToString());
        w.WriteString("cumExecQty", CumExecQty.ToString());
        w.WriteString("cumExecValue", CumExecValue.ToString());
        w.WriteString("cumExecFee", CumExecFee.ToString());
        w.WriteString("avgPrice", CumExecQty.Raw > 0 ? Money.FromDecimal(CumExecValue.ToDecimal() / CumExecQty.ToDecimal()).ToString() : "0");
        w.WriteNumber("positionIdx", 0);
        w.WriteBoolean("reduceOnly", ReduceOnly);
        w.WriteString("createdTime", CreatedMs.ToString(CultureInfo.InvariantCulture));
        w.WriteString("updatedTime", UpdatedMs.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }
}

/// <summary>
/// One execution of an API account, in the shape of <c>/v5/execution/list</c> and the <c>execution</c> topic: a fill
/// (<c>Trade</c>), or a funding settlement (<c>Funding</c>: no order — its order carries the symbol and the position's
/// side and size, empty ids — the price is the mark, the fee what the account paid, the rate the funding rate).
/// </summary>
internal sealed record EmulatedExecution(string ExecId, EmulatedOrder Order, Price Price, Quantity Qty, Money Fee, decimal FeeRate, bool IsMaker, long ExecTimeMs, long Seq, Quantity LeavesQty,
    string ExecType = "Trade")
{
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("category", Order.Category);
        w.WriteString("symbol", Order.Symbol.Symbol);
        w.WriteString("execId", ExecId);
        w.WriteString("execPrice", Price.ToString());
        w.WriteString("execQty", Qty.ToString());
        w.WriteString("execValue", Money.Notional(Price, Qty).ToString());
        w.WriteString("execFee", Fee.ToString());
        w.WriteString("feeRate", FeeRate.ToString(CultureInfo.InvariantCulture));
        w.WriteString("feeCurrency", "USDT");
        w.WriteString("execType", ExecType);
        w.WriteBoolean("isMaker", IsMaker);
        w.WriteString("orderId", Order.OrderId);
        w.WriteString("orderLinkId", Order.OrderLinkId);
        w.WriteString("side", Order.Side == Side.Buy ? "Buy" : "Sell");
        w.WriteString("orderPrice", Order.Price.ToString());
        w.WriteString("orderQty", Order.Qty.ToString());
        w.WriteString("leavesQty", LeavesQty.ToString());
        w.WriteString("execTime", ExecTimeMs.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("seq", Seq);
        w.WriteEndObject();
    }
}
