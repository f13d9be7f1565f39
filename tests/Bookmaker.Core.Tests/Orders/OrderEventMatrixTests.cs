using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Xunit;
using static Bookmaker.Core.Tests.Orders.OrderFixtures;
using O = Bookmaker.Core.Orders.OrderTransitionOutcome;
using S = Bookmaker.Core.Orders.OrderStatus;

namespace Bookmaker.Core.Tests.Orders;

/// <summary>Every event applied in every status: the expected outcome, and the invariants every result keeps.</summary>
public class OrderEventMatrixTests
{
    public enum OrderEvent
    {
        Ack,
        Reject,
        PartialFill,
        CompletingFill,
        CancelRequest,
        CancelReject,
        Cancelled,
        Expired,
        ReverseFirstFill,
        NotFound,
    }

    private static OrderTransitionResult Apply(Order order, OrderEvent e)
    {
        var rest = order.Request.Size - order.FilledSize;
        return e switch
        {
            OrderEvent.Ack => order.ApplyAccepted("0xabc", At(20)),
            OrderEvent.Reject => order.ApplyRejected(RejectReason.InsufficientBalance, At(20)),
            OrderEvent.PartialFill => order.ApplyFill(Fill("t9", "2", at: 20)),
            // In a Filled order there is no rest: one more share is the overfill case.
            OrderEvent.CompletingFill => order.ApplyFill(Fill("t9", rest.Raw > 0 ? rest.ToString() : "1", at: 20)),
            OrderEvent.CancelRequest => order.RequestCancel(At(20)),
            OrderEvent.CancelReject => order.ApplyCancelRejected(At(20)),
            OrderEvent.Cancelled => order.ApplyCancelled(At(20)),
            OrderEvent.Expired => order.ApplyExpired(At(20)),
            OrderEvent.ReverseFirstFill => order.ApplyFillReversed("t1", At(20)),
            OrderEvent.NotFound => order.ApplyNotFound(At(20)),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };
    }

    // (status, event) → (outcome, status after). One row per cell: 8 statuses × 10 events.
    public static TheoryData<S, OrderEvent, O, S> Matrix() => new()
    {
        { S.PendingNew, OrderEvent.Ack, O.Applied, S.Open },
        { S.PendingNew, OrderEvent.Reject, O.Applied, S.Rejected },
        { S.PendingNew, OrderEvent.PartialFill, O.Applied, S.PartiallyFilled },
        { S.PendingNew, OrderEvent.CompletingFill, O.Applied, S.Filled },
        { S.PendingNew, OrderEvent.CancelRequest, O.Applied, S.PendingCancel },
        { S.PendingNew, OrderEvent.CancelReject, O.Ignored, S.PendingNew },
        { S.PendingNew, OrderEvent.Cancelled, O.Applied, S.Cancelled },
        { S.PendingNew, OrderEvent.Expired, O.Applied, S.Expired },
        { S.PendingNew, OrderEvent.ReverseFirstFill, O.Ignored, S.PendingNew },
        { S.PendingNew, OrderEvent.NotFound, O.Applied, S.PendingNew },

        { S.Open, OrderEvent.Ack, O.Ignored, S.Open },
        { S.Open, OrderEvent.Reject, O.Illegal, S.Open },
        { S.Open, OrderEvent.PartialFill, O.Applied, S.PartiallyFilled },
        { S.Open, OrderEvent.CompletingFill, O.Applied, S.Filled },
        { S.Open, OrderEvent.CancelRequest, O.Applied, S.PendingCancel },
        { S.Open, OrderEvent.CancelReject, O.Ignored, S.Open },
        { S.Open, OrderEvent.Cancelled, O.Applied, S.Cancelled },
        { S.Open, OrderEvent.Expired, O.Applied, S.Expired },
        { S.Open, OrderEvent.ReverseFirstFill, O.Ignored, S.Open },
        { S.Open, OrderEvent.NotFound, O.Applied, S.Open },

        { S.PartiallyFilled, OrderEvent.Ack, O.Ignored, S.PartiallyFilled },
        { S.PartiallyFilled, OrderEvent.Reject, O.Illegal, S.PartiallyFilled },
        { S.PartiallyFilled, OrderEvent.PartialFill, O.Applied, S.PartiallyFilled },
        { S.PartiallyFilled, OrderEvent.CompletingFill, O.Applied, S.Filled },
        { S.PartiallyFilled, OrderEvent.CancelRequest, O.Applied, S.PendingCancel },
        { S.PartiallyFilled, OrderEvent.CancelReject, O.Ignored, S.PartiallyFilled },
        { S.PartiallyFilled, OrderEvent.Cancelled, O.Applied, S.Cancelled },
        { S.PartiallyFilled, OrderEvent.Expired, O.Applied, S.Expired },
        { S.PartiallyFilled, OrderEvent.ReverseFirstFill, O.Applied, S.Open },
        { S.PartiallyFilled, OrderEvent.NotFound, O.Applied, S.PartiallyFilled },

        { S.PendingCancel, OrderEvent.Ack, O.Ignored, S.PendingCancel },
        { S.PendingCancel, OrderEvent.Reject, O.Illegal, S.PendingCancel },
        { S.PendingCancel, OrderEvent.PartialFill, O.Applied, S.PendingCancel },
        { S.PendingCancel, OrderEvent.CompletingFill, O.Applied, S.Filled },
        { S.PendingCancel, OrderEvent.CancelRequest, O.Ignored, S.PendingCancel },
        { S.PendingCancel, OrderEvent.CancelReject, O.Applied, S.Open },
        { S.PendingCancel, OrderEvent.Cancelled, O.Applied, S.Cancelled },
        { S.PendingCancel, OrderEvent.Expired, O.Applied, S.Expired },
        { S.PendingCancel, OrderEvent.ReverseFirstFill, O.Ignored, S.PendingCancel },
        { S.PendingCancel, OrderEvent.NotFound, O.Applied, S.PendingCancel },

        { S.Filled, OrderEvent.Ack, O.Ignored, S.Filled },
        { S.Filled, OrderEvent.Reject, O.Illegal, S.Filled },
        { S.Filled, OrderEvent.PartialFill, O.Illegal, S.Filled },
        { S.Filled, OrderEvent.CompletingFill, O.Illegal, S.Filled },
        { S.Filled, OrderEvent.CancelRequest, O.Illegal, S.Filled },
        { S.Filled, OrderEvent.CancelReject, O.Ignored, S.Filled },
        { S.Filled, OrderEvent.Cancelled, O.Illegal, S.Filled },
        { S.Filled, OrderEvent.Expired, O.Illegal, S.Filled },
        { S.Filled, OrderEvent.ReverseFirstFill, O.Applied, S.Cancelled },
        { S.Filled, OrderEvent.NotFound, O.Applied, S.Filled },

        { S.Cancelled, OrderEvent.Ack, O.Ignored, S.Cancelled },
        { S.Cancelled, OrderEvent.Reject, O.Illegal, S.Cancelled },
        { S.Cancelled, OrderEvent.PartialFill, O.Applied, S.Cancelled },
        { S.Cancelled, OrderEvent.CompletingFill, O.Applied, S.Cancelled },
        { S.Cancelled, OrderEvent.CancelRequest, O.Illegal, S.Cancelled },
        { S.Cancelled, OrderEvent.CancelReject, O.Ignored, S.Cancelled },
        { S.Cancelled, OrderEvent.Cancelled, O.Ignored, S.Cancelled },
        { S.Cancelled, OrderEvent.Expired, O.Illegal, S.Cancelled },
        { S.Cancelled, OrderEvent.ReverseFirstFill, O.Ignored, S.Cancelled },
        { S.Cancelled, OrderEvent.NotFound, O.Applied, S.Cancelled },

        { S.Rejected, OrderEvent.Ack, O.Illegal, S.Rejected },
        { S.Rejected, OrderEvent.Reject, O.Ignored, S.Rejected },
        { S.Rejected, OrderEvent.PartialFill, O.Illegal, S.Rejected },
        { S.Rejected, OrderEvent.CompletingFill, O.Illegal, S.Rejected },
        { S.Rejected, OrderEvent.CancelRequest, O.Illegal, S.Rejected },
        { S.Rejected, OrderEvent.CancelReject, O.Ignored, S.Rejected },
        { S.Rejected, OrderEvent.Cancelled, O.Illegal, S.Rejected },
        { S.Rejected, OrderEvent.Expired, O.Illegal, S.Rejected },
        { S.Rejected, OrderEvent.ReverseFirstFill, O.Ignored, S.Rejected },
        { S.Rejected, OrderEvent.NotFound, O.Applied, S.Rejected },

        { S.Expired, OrderEvent.Ack, O.Ignored, S.Expired },
        { S.Expired, OrderEvent.Reject, O.Illegal, S.Expired },
        { S.Expired, OrderEvent.PartialFill, O.Applied, S.Expired },
        { S.Expired, OrderEvent.CompletingFill, O.Applied, S.Expired },
        { S.Expired, OrderEvent.CancelRequest, O.Illegal, S.Expired },
        { S.Expired, OrderEvent.CancelReject, O.Ignored, S.Expired },
        { S.Expired, OrderEvent.Cancelled, O.Illegal, S.Expired },
        { S.Expired, OrderEvent.Expired, O.Ignored, S.Expired },
        { S.Expired, OrderEvent.ReverseFirstFill, O.Ignored, S.Expired },
        { S.Expired, OrderEvent.NotFound, O.Applied, S.Expired },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Event_in_status_gives_the_expected_outcome(S status, OrderEvent e, O outcome, S after)
    {
        var order = InStatus(status);
        var result = Apply(order, e);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(after, order.Status);
        Assert.Equal(after, result.To);
        Assert.Equal(status, result.From);
    }

    [Fact]
    public void Matrix_covers_every_status_and_event()
    {
        var cells = Matrix().Select(row => ((S)row[0], (OrderEvent)row[1])).ToHashSet();
        Assert.Equal(Enum.GetValues<S>().Length * Enum.GetValues<OrderEvent>().Length, cells.Count);
    }

    [Fact]
    public void Every_status_change_any_event_makes_is_in_the_table()
    {
        foreach (var status in Enum.GetValues<S>())
            foreach (var e in Enum.GetValues<OrderEvent>())
            {
                var order = InStatus(status);
                var result = Apply(order, e);
                if (result.StatusChanged)
                    Assert.True(OrderStateMachine.CanTransition(result.From, result.To), $"{status} + {e} gave {result}");
            }
    }

    [Fact]
    public void Ignored_and_illegal_events_change_nothing()
    {
        foreach (var status in Enum.GetValues<S>())
            foreach (var e in Enum.GetValues<OrderEvent>())
            {
                var order = InStatus(status);
                var before = (order.Status, order.FilledSize, order.FilledNotional, order.FeesPaid, order.Fills.Count, order.UpdatedAt);
                var result = Apply(order, e);
                if (result.IsApplied) continue;
                Assert.Equal(before, (order.Status, order.FilledSize, order.FilledNotional, order.FeesPaid, order.Fills.Count, order.UpdatedAt));
            }
    }

    [Fact]
    public void Filled_size_never_exceeds_order_size_whatever_the_event()
    {
        foreach (var status in Enum.GetValues<S>())
            foreach (var e in Enum.GetValues<OrderEvent>())
            {
                var order = InStatus(status);
                Apply(order, e);
                Assert.InRange(order.FilledSize.Raw, 0, order.Request.Size.Raw);
                Assert.True(order.LeavesSize >= Quantity.Zero);
            }
    }
}
