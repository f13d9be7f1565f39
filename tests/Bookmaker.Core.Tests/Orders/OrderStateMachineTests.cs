using Bookmaker.Core.Orders;
using Xunit;

namespace Bookmaker.Core.Tests.Orders;

public class OrderStateMachineTests
{
    // Written out independently of the production list so a slip in either shows up.
    private static readonly HashSet<(OrderStatus, OrderStatus)> Expected =
    [
        (OrderStatus.PendingNew, OrderStatus.Open), (OrderStatus.PendingNew, OrderStatus.PartiallyFilled),
        (OrderStatus.PendingNew, OrderStatus.Filled), (OrderStatus.PendingNew, OrderStatus.PendingCancel),
        (OrderStatus.PendingNew, OrderStatus.Cancelled), (OrderStatus.PendingNew, OrderStatus.Rejected),
        (OrderStatus.PendingNew, OrderStatus.Expired),
        (OrderStatus.Open, OrderStatus.PartiallyFilled), (OrderStatus.Open, OrderStatus.Filled),
        (OrderStatus.Open, OrderStatus.PendingCancel), (OrderStatus.Open, OrderStatus.Cancelled),
        (OrderStatus.Open, OrderStatus.Expired),
        (OrderStatus.PartiallyFilled, OrderStatus.Open), (OrderStatus.PartiallyFilled, OrderStatus.Filled),
        (OrderStatus.PartiallyFilled, OrderStatus.PendingCancel), (OrderStatus.PartiallyFilled, OrderStatus.Cancelled),
        (OrderStatus.PartiallyFilled, OrderStatus.Expired),
        (OrderStatus.PendingCancel, OrderStatus.PendingNew), (OrderStatus.PendingCancel, OrderStatus.Open),
        (OrderStatus.PendingCancel, OrderStatus.PartiallyFilled), (OrderStatus.PendingCancel, OrderStatus.Filled),
        (OrderStatus.PendingCancel, OrderStatus.Cancelled), (OrderStatus.PendingCancel, OrderStatus.Rejected),
        (OrderStatus.PendingCancel, OrderStatus.Expired),
        (OrderStatus.Filled, OrderStatus.Cancelled),
    ];

    public static TheoryData<OrderStatus, OrderStatus> AllPairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
            foreach (var to in Enum.GetValues<OrderStatus>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Table_allows_exactly_the_documented_transitions(OrderStatus from, OrderStatus to) =>
        Assert.Equal(Expected.Contains((from, to)), OrderStateMachine.CanTransition(from, to));

    [Fact]
    public void Production_list_has_no_duplicates_and_matches_the_expected_set()
    {
        var list = OrderStateMachine.LegalTransitions;
        Assert.Equal(list.Count, list.Distinct().Count());
        Assert.True(Expected.SetEquals(list));
    }

    [Fact]
    public void Staying_in_the_same_status_is_not_a_transition()
    {
        foreach (var s in Enum.GetValues<OrderStatus>()) Assert.False(OrderStateMachine.CanTransition(s, s));
    }

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void Cancelled_rejected_and_expired_orders_never_leave_their_status(OrderStatus final)
    {
        foreach (var to in Enum.GetValues<OrderStatus>()) Assert.False(OrderStateMachine.CanTransition(final, to));
    }

    [Fact]
    public void Out_of_range_statuses_are_refused()
    {
        Assert.False(OrderStateMachine.CanTransition((OrderStatus)200, OrderStatus.Open));
        Assert.False(OrderStateMachine.CanTransition(OrderStatus.Open, (OrderStatus)200));
    }
}
