using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.UserStream;

namespace Bookmaker.Venues.Bybit.Tests.UserStream;

/// <summary>The translator's per-order table stays bounded over a long run: final orders are forgotten oldest first.</summary>
public sealed class ExecutionTranslatorBoundTests
{
    private static BybitOrderState State(ulong id, string status) => new("BTCUSDT", "v" + id, BybitOrderJson.LinkId(new ClientOrderId(id)), Side.Buy, status, "EC_NoError", "",
        Price.Parse("60000"), Quantity.Parse("0.001"), status == "New" ? Quantity.Parse("0.001") : Quantity.Zero, Quantity.Zero);

    [Fact]
    public void Final_orders_beyond_the_bound_are_forgotten_while_a_live_order_is_kept()
    {
        var translator = new ExecutionTranslator(new Dictionary<string, InstrumentId> { ["BTCUSDT"] = new(VenueNames.Bybit, "BTCUSDT") }, TimeProvider.System);
        translator.OnOrder(State(1, "New"));
        int finals = ExecutionTranslator.RememberedFinalOrders + 500;
        for (ulong id = 2; id < (ulong)finals + 2; id++)
        {
            translator.OnOrder(State(id, "New"));
            translator.OnOrder(State(id, "Cancelled"));
        }

        Assert.Equal(ExecutionTranslator.RememberedFinalOrders + 1, translator.TrackedOrders);
        Assert.True(translator.IsKnownAccepted(new ClientOrderId(1)), "the live order is still tracked");
        Assert.False(translator.IsKnownAccepted(new ClientOrderId(2)), "the oldest final order is forgotten");
        Assert.True(translator.IsKnownAccepted(new ClientOrderId((ulong)finals + 1)), "the newest final order is remembered");
    }
}
