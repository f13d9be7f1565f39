using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using static Bookmaker.Core.Tests.Orders.OrderFixtures;

namespace Bookmaker.Core.Tests.Orders;

/// <summary>The order's amend states: who may be amended, what an answer changes, and fills that race the amend.</summary>
public sealed class OrderAmendTests
{
    private static Order Resting()
    {
        var order = NewOrder();
        order.ApplyAccepted("0xabc", At(1));
        return order;
    }

    [Fact]
    public void An_order_the_venue_has_not_acknowledged_cannot_be_amended()
    {
        var order = NewOrder();

        var result = order.RequestAmend(Price.Parse("0.41"), Quantity.Parse("10"), At(1));

        Assert.Equal(OrderTransitionReason.NotAmendable, result.Reason);
        Assert.Null(order.PendingAmend);
    }

    [Fact]
    public void An_order_with_a_cancel_in_flight_cannot_be_amended()
    {
        var order = Resting();
        order.RequestCancel(At(2));

        Assert.True(order.RequestAmend(Price.Parse("0.41"), Quantity.Parse("10"), At(3)).IsIllegal);
    }

    [Fact]
    public void An_amend_to_a_size_not_above_what_filled_is_refused()
    {
        var order = Resting();
        order.ApplyFill(Fill("t1", "4"));

        Assert.True(order.RequestAmend(Price.Parse("0.40"), Quantity.Parse("4"), At(3)).IsIllegal);
    }

    [Fact]
    public void A_requested_amend_keeps_the_status_and_the_old_terms_until_answered()
    {
        var order = Resting();

        order.RequestAmend(Price.Parse("0.41"), Quantity.Parse("12"), At(2));

        Assert.Equal((OrderStatus.Open, AmendState.Pending, Price.Parse("0.40"), Price.Parse("0.41")),
            (order.Status, order.AmendState, order.Request.Price, order.PendingAmend!.Price));
    }

    [Fact]
    public void An_acknowledged_amend_puts_the_new_terms_in_force_with_the_same_id()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.41"), Quantity.Parse("12"), At(2));

        order.ApplyAmended(At(3));

        Assert.Equal((Id, Price.Parse("0.41"), Quantity.Parse("12"), Quantity.Parse("12"), 1), (order.Request.Id, order.Request.Price, order.Request.Size, order.LeavesSize, order.AmendCount));
        Assert.Null(order.PendingAmend);
    }

    [Fact]
    public void A_rejected_amend_leaves_the_old_terms()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.41"), Quantity.Parse("12"), At(2));

        order.ApplyAmendRejected(At(3));

        Assert.Equal((AmendState.Rejected, Price.Parse("0.40"), Quantity.Parse("10")), (order.AmendState, order.Request.Price, order.Request.Size));
    }

    [Fact]
    public void While_an_amend_raises_the_size_a_fill_beyond_the_old_size_is_legal()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.40"), Quantity.Parse("12"), At(2));

        var result = order.ApplyFill(Fill("t1", "11"));

        Assert.Equal((OrderTransitionOutcome.Applied, OrderStatus.PartiallyFilled), (result.Outcome, order.Status));
    }

    [Fact]
    public void A_fill_beyond_both_sizes_is_an_overfill()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.40"), Quantity.Parse("12"), At(2));

        Assert.Equal(OrderTransitionReason.Overfill, order.ApplyFill(Fill("t1", "13")).Reason);
    }

    [Fact]
    public void A_fill_of_the_old_size_while_an_amend_is_in_flight_waits_and_a_refusal_then_fills_the_order()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.40"), Quantity.Parse("12"), At(2));
        order.ApplyFill(Fill("t1", "10"));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);

        order.ApplyAmendRejected(At(3));

        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void A_fill_with_nothing_left_at_the_venue_fills_the_order_even_with_an_amend_in_flight()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.40"), Quantity.Parse("12"), At(2));

        order.ApplyFill(Fill("t1", "10"), venueLeaves: Quantity.Zero);

        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void An_amend_answer_after_the_order_closed_is_recorded_and_moves_nothing()
    {
        var order = Resting();
        order.RequestAmend(Price.Parse("0.41"), Quantity.Parse("12"), At(2));
        order.ApplyCancelled(At(3));

        var result = order.ApplyAmended(At(4));

        Assert.True(result.IsIgnored);
        Assert.Equal((OrderStatus.Cancelled, AmendState.Amended), (order.Status, order.AmendState));
    }
}
