using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Tests.Orders;

/// <summary>Builders for orders and fills, and orders brought into each status by real events.</summary>
internal static class OrderFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    public static readonly InstrumentId Token = new(VenueNames.Polymarket, "yes-token");
    public static readonly ClientOrderId Id = ClientOrderId.From(7, 1);

    public static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    public static OrderRequest Request(TimeInForce tif = TimeInForce.Gtc, string size = "10", Side side = Side.Buy, string price = "0.40") =>
        new(Id, Token, side, OrderType.Limit, tif, Price.Parse(price), Quantity.Parse(size),
            ExpireAt: tif == TimeInForce.Gtd ? T0.AddMinutes(5) : null);

    public static Order NewOrder(TimeInForce tif = TimeInForce.Gtc, string size = "10", Side side = Side.Buy) =>
        new(Request(tif, size, side), T0);

    public static Fill Fill(string tradeId, string size, string price = "0.40", Side side = Side.Buy, string fee = "0", string rebate = "0", int at = 10) =>
        new(tradeId, Id, Token, side, Price.Parse(price), Quantity.Parse(size), Money.Parse(fee), Money.Parse(rebate),
            Liquidity.Maker, At(at));

    /// <summary>A GTD order of size 10 brought into <paramref name="status"/> through ordinary events.</summary>
    public static Order InStatus(OrderStatus status)
    {
        var order = NewOrder(TimeInForce.Gtd);
        switch (status)
        {
            case OrderStatus.PendingNew:
                break;
            case OrderStatus.Open:
                order.ApplyAccepted("0xabc", At(1));
                break;
            case OrderStatus.PartiallyFilled:
                order.ApplyAccepted("0xabc", At(1));
                order.ApplyFill(Fill("t1", "4"));
                break;
            case OrderStatus.PendingCancel:
                order.ApplyAccepted("0xabc", At(1));
                order.RequestCancel(At(2));
                break;
            case OrderStatus.Filled:
                order.ApplyAccepted("0xabc", At(1));
                order.ApplyFill(Fill("t1", "10"));
                break;
            case OrderStatus.Cancelled:
                order.ApplyAccepted("0xabc", At(1));
                order.ApplyCancelled(At(2));
                break;
            case OrderStatus.Rejected:
                order.ApplyRejected(RejectReason.InvalidTick, At(1));
                break;
            case OrderStatus.Expired:
                order.ApplyAccepted("0xabc", At(1));
                order.ApplyExpired(At(2));
                break;
        }

        if (order.Status != status) throw new InvalidOperationException($"fixture reached {order.Status}, wanted {status}");
        return order;
    }
}
