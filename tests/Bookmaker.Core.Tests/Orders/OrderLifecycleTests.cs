using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Xunit;
using static Bookmaker.Core.Tests.Orders.OrderFixtures;

namespace Bookmaker.Core.Tests.Orders;

public class OrderLifecycleTests
{
    [Fact]
    public void New_order_is_pending_with_full_leaves_and_nothing_filled()
    {
        var order = NewOrder();
        Assert.Equal(OrderStatus.PendingNew, order.Status);
        Assert.Equal(Quantity.Parse("10"), order.LeavesSize);
        Assert.Equal(Quantity.Zero, order.FilledSize);
        Assert.Null(order.AverageFillPrice);
        Assert.False(order.ReachedVenue);
    }

    [Fact]
    public void Ack_opens_the_order_and_records_the_venue_id_and_time()
    {
        var order = NewOrder();
        var r = order.ApplyAccepted("0xhash", At(1));
        Assert.Equal(OrderTransitionResult.Applied(OrderStatus.PendingNew, OrderStatus.Open), r);
        Assert.Equal("0xhash", order.VenueOrderId);
        Assert.Equal(At(1), order.AcknowledgedAt);
    }

    [Fact]
    public void Fill_before_ack_is_applied_at_once()
    {
        var order = NewOrder();
        var r = order.ApplyFill(Fill("t1", "4"));
        Assert.True(r.IsApplied);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(Quantity.Parse("4"), order.FilledSize);
        Assert.True(order.ReachedVenue);
    }

    [Fact]
    public void Ack_after_a_fill_records_the_venue_id_without_regressing_the_status()
    {
        var order = NewOrder();
        order.ApplyFill(Fill("t1", "4"));
        var r = order.ApplyAccepted("0xhash", At(11));
        Assert.True(r.IsApplied);
        Assert.False(r.StatusChanged);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal("0xhash", order.VenueOrderId);
    }

    [Fact]
    public void Ack_after_a_complete_fill_leaves_the_order_filled()
    {
        var order = NewOrder();
        order.ApplyFill(Fill("t1", "10"));
        order.ApplyAccepted("0xhash", At(11));
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Late_fill_after_cancel_request_is_applied_and_reported_late()
    {
        var order = InStatus(OrderStatus.PendingCancel);
        var r = order.ApplyFill(Fill("t1", "3"));
        Assert.True(r.IsLateFill);
        Assert.Equal(OrderStatus.PendingCancel, order.Status);
        Assert.Equal(Quantity.Parse("3"), order.FilledSize);
        Assert.Equal(1, order.LateFillCount);
    }

    [Fact]
    public void Late_fill_after_cancelled_is_applied_and_the_order_stays_cancelled()
    {
        var order = InStatus(OrderStatus.Cancelled);
        var r = order.ApplyFill(Fill("t1", "3"));
        Assert.True(r.IsLateFill);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Quantity.Parse("3"), order.FilledSize);
        Assert.Equal(Quantity.Zero, order.LeavesSize);
    }

    [Fact]
    public void Late_fill_completing_a_pending_cancel_fills_the_order()
    {
        var order = InStatus(OrderStatus.PendingCancel);
        var r = order.ApplyFill(Fill("t1", "10"));
        Assert.True(r.IsLateFill);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Same_trade_id_twice_is_applied_once()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyFill(Fill("t1", "4", fee: "0.01"));
        var r = order.ApplyFill(Fill("t1", "4", fee: "0.01"));
        Assert.Equal(OrderTransitionResult.Ignored(OrderStatus.PartiallyFilled, OrderTransitionReason.DuplicateFill), r);
        Assert.Equal(Quantity.Parse("4"), order.FilledSize);
        Assert.Equal(Money.Parse("0.01"), order.FeesPaid);
    }

    [Fact]
    public void Fill_beyond_the_order_size_is_illegal_and_changes_nothing()
    {
        var order = InStatus(OrderStatus.PartiallyFilled); // 4 of 10
        var r = order.ApplyFill(Fill("t2", "6.01"));
        Assert.Equal(OrderTransitionReason.Overfill, r.Reason);
        Assert.True(r.IsIllegal);
        Assert.Equal(Quantity.Parse("4"), order.FilledSize);
    }

    [Fact]
    public void Late_fill_that_would_overfill_a_cancelled_order_is_illegal()
    {
        var order = InStatus(OrderStatus.Cancelled);
        Assert.True(order.ApplyFill(Fill("t1", "10.01")).IsIllegal);
    }

    [Fact]
    public void Fill_for_another_order_instrument_or_side_is_illegal()
    {
        var order = InStatus(OrderStatus.Open);
        var other = Fill("t1", "1") with { OrderId = ClientOrderId.From(7, 2) };
        var otherInstrument = Fill("t2", "1") with { Instrument = new InstrumentId(VenueNames.Polymarket, "no-token") };
        var otherSide = Fill("t3", "1", side: Side.Sell);
        var zero = Fill("t4", "0");
        var negativeFee = Fill("t5", "1", fee: "-0.01");
        foreach (var f in new[] { other, otherInstrument, otherSide, zero, negativeFee })
            Assert.Equal(OrderTransitionReason.FillMismatch, order.ApplyFill(f).Reason);
        Assert.Equal(Quantity.Zero, order.FilledSize);
    }

    [Fact]
    public void Cancel_of_a_final_order_is_refused()
    {
        foreach (var s in new[] { OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.Expired })
        {
            var r = InStatus(s).RequestCancel(At(30));
            Assert.True(r.IsIllegal);
            Assert.Equal(OrderTransitionReason.OrderIsFinal, r.Reason);
        }
    }

    [Fact]
    public void Cancel_reject_restores_open()
    {
        var order = InStatus(OrderStatus.PendingCancel);
        order.ApplyCancelRejected(At(3));
        Assert.Equal(OrderStatus.Open, order.Status);
    }

    [Fact]
    public void Cancel_reject_restores_partially_filled_when_something_filled()
    {
        var order = InStatus(OrderStatus.PartiallyFilled);
        order.RequestCancel(At(3));
        order.ApplyCancelRejected(At(4));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void Cancel_reject_before_any_ack_returns_to_pending_new()
    {
        var order = NewOrder();
        order.RequestCancel(At(1));
        order.ApplyCancelRejected(At(2));
        Assert.Equal(OrderStatus.PendingNew, order.Status);
    }

    [Fact]
    public void Cancel_reject_for_a_filled_order_is_ignored()
    {
        var order = InStatus(OrderStatus.PendingCancel);
        order.ApplyFill(Fill("t1", "10"));
        var r = order.ApplyCancelRejected(At(30));
        Assert.True(r.IsIgnored);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Second_cancel_request_while_pending_is_ignored()
    {
        var order = InStatus(OrderStatus.PendingCancel);
        Assert.Equal(OrderTransitionReason.AlreadyInState, order.RequestCancel(At(3)).Reason);
    }

    [Theory]
    [InlineData(TimeInForce.Gtc)]
    [InlineData(TimeInForce.Fok)]
    [InlineData(TimeInForce.Fak)]
    public void Expiry_is_illegal_for_orders_that_are_not_gtd(TimeInForce tif)
    {
        var order = NewOrder(tif);
        order.ApplyAccepted("0x1", At(1));
        var r = order.ApplyExpired(At(2));
        Assert.Equal(OrderTransitionReason.NotGtd, r.Reason);
        Assert.Equal(OrderStatus.Open, order.Status);
    }

    [Fact]
    public void Gtd_order_expires_with_its_partial_fill_kept()
    {
        var order = NewOrder(TimeInForce.Gtd);
        order.ApplyAccepted("0x1", At(1));
        order.ApplyFill(Fill("t1", "4"));
        var r = order.ApplyExpired(At(300));
        Assert.Equal(OrderTransitionResult.Applied(OrderStatus.PartiallyFilled, OrderStatus.Expired), r);
        Assert.Equal(Quantity.Parse("4"), order.FilledSize);
        Assert.Equal(Quantity.Zero, order.LeavesSize);
        Assert.Equal(At(300), order.ClosedAt);
    }

    [Theory]
    [InlineData(TimeInForce.Fak)]
    [InlineData(TimeInForce.Fok)]
    public void Immediate_order_remainder_is_cancelled_when_the_venue_reports_nothing_left(TimeInForce tif)
    {
        var order = NewOrder(tif);
        var r = order.ApplyFill(Fill("t1", "6"), venueLeaves: Quantity.Zero);
        Assert.Equal(OrderTransitionResult.Applied(OrderStatus.PendingNew, OrderStatus.Cancelled), r);
        Assert.Equal(Quantity.Parse("6"), order.FilledSize);
    }

    [Fact]
    public void Fak_remainder_cancel_after_a_partial_fill_is_cancelled_not_expired()
    {
        var order = NewOrder(TimeInForce.Fak);
        order.ApplyAccepted("0x1", At(1));
        order.ApplyFill(Fill("t1", "6"));
        Assert.True(order.ApplyCancelled(At(2)).IsApplied);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.True(order.ApplyExpired(At(3)).IsIllegal);
    }

    [Fact]
    public void Fok_filled_completely_in_several_trades_is_filled()
    {
        var order = NewOrder(TimeInForce.Fok);
        order.ApplyFill(Fill("t1", "7"), venueLeaves: Quantity.Parse("3"));
        order.ApplyFill(Fill("t2", "3"), venueLeaves: Quantity.Zero);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Gtc_fill_with_venue_leaves_zero_does_not_cancel_the_rest()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyFill(Fill("t1", "6"), venueLeaves: Quantity.Zero);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void Average_fill_price_is_exact_from_notional_and_size()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyFill(Fill("t1", "3", price: "0.40"));
        order.ApplyFill(Fill("t2", "1", price: "0.44"));
        Assert.Equal(Money.Parse("1.64"), order.FilledNotional);
        Assert.Equal(Price.Parse("0.41"), order.AverageFillPrice);
    }

    [Fact]
    public void Average_fill_price_rounds_a_repeating_ratio_to_the_nearest_raw_unit()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyFill(Fill("t1", "1", price: "0.40"));
        order.ApplyFill(Fill("t2", "1", price: "0.40"));
        order.ApplyFill(Fill("t3", "1", price: "0.41"));
        Assert.Equal(Money.Parse("1.21"), order.FilledNotional);
        Assert.Equal(Price.Parse("0.403333333"), order.AverageFillPrice);
    }

    [Fact]
    public void Fees_and_rebates_accumulate_apart()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyFill(Fill("t1", "3", fee: "0.02"));
        order.ApplyFill(Fill("t2", "1", rebate: "0.005"));
        Assert.Equal(Money.Parse("0.02"), order.FeesPaid);
        Assert.Equal(Money.Parse("0.005"), order.RebatesEarned);
    }

    [Fact]
    public void Fill_reversal_takes_back_size_notional_fee_and_rebate()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyFill(Fill("t1", "3", price: "0.40", fee: "0.02"));
        order.ApplyFill(Fill("t2", "2", price: "0.41", rebate: "0.01"));
        var r = order.ApplyFillReversed("t1", At(40));
        Assert.True(r.IsApplied);
        Assert.Equal(Quantity.Parse("2"), order.FilledSize);
        Assert.Equal(Money.Parse("0.82"), order.FilledNotional);
        Assert.Equal(Money.Zero, order.FeesPaid);
        Assert.Equal(Money.Parse("0.01"), order.RebatesEarned);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Single(order.Fills);
    }

    [Fact]
    public void Reversed_fill_is_not_applied_again_when_a_late_copy_arrives()
    {
        var order = InStatus(OrderStatus.PartiallyFilled);
        order.ApplyFillReversed("t1", At(40));
        var r = order.ApplyFill(Fill("t1", "4"));
        Assert.Equal(OrderTransitionReason.FillAlreadyReversed, r.Reason);
        Assert.Equal(Quantity.Zero, order.FilledSize);
    }

    [Fact]
    public void Reversal_that_arrives_before_its_fill_blocks_the_fill()
    {
        var order = InStatus(OrderStatus.Open);
        Assert.Equal(OrderTransitionReason.UnknownTrade, order.ApplyFillReversed("t1", At(5)).Reason);
        Assert.True(order.ApplyFill(Fill("t1", "4")).IsIgnored);
        Assert.Equal(OrderStatus.Open, order.Status);
    }

    [Fact]
    public void Reversing_a_fill_of_a_filled_order_leaves_it_cancelled_with_the_rest_unfilled()
    {
        var order = InStatus(OrderStatus.Filled);
        order.ApplyFillReversed("t1", At(40));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(Quantity.Zero, order.FilledSize);
    }

    [Fact]
    public void Reject_after_ack_is_illegal()
    {
        var order = InStatus(OrderStatus.Open);
        Assert.Equal(OrderTransitionReason.RejectAfterAck, order.ApplyRejected(RejectReason.Other, At(3)).Reason);
    }

    [Fact]
    public void Reject_while_a_cancel_of_an_unacknowledged_order_is_pending_rejects_it()
    {
        var order = NewOrder();
        order.RequestCancel(At(1));
        order.ApplyRejected(RejectReason.InvalidTick, At(2));
        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal(RejectReason.InvalidTick, order.RejectReason);
    }

    [Fact]
    public void Fill_after_reject_is_illegal()
    {
        var order = InStatus(OrderStatus.Rejected);
        Assert.Equal(OrderTransitionReason.FillAfterReject, order.ApplyFill(Fill("t1", "1")).Reason);
    }

    [Fact]
    public void Not_found_answers_are_counted()
    {
        var order = InStatus(OrderStatus.Open);
        order.ApplyNotFound(At(5));
        order.ApplyNotFound(At(6));
        Assert.Equal(2, order.NotFoundCount);
        Assert.Equal(OrderStatus.Open, order.Status);
    }

    [Fact]
    public void Execution_reports_are_dispatched_by_kind()
    {
        var order = NewOrder();
        var ack = new ExecutionReport(ExecutionReportKind.Accepted, Id, Token, "0xv", RejectReason.None, null, null, null, At(1));
        var fill = new ExecutionReport(ExecutionReportKind.Filled, Id, Token, null, RejectReason.None, null, Fill("t1", "10"), Quantity.Zero, At(2));
        Assert.True(order.Apply(ack).IsApplied);
        Assert.True(order.Apply(fill).IsApplied);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal("0xv", order.VenueOrderId);
    }

    [Fact]
    public void Report_for_another_order_is_illegal_and_changes_nothing()
    {
        var order = NewOrder();
        var other = new ExecutionReport(ExecutionReportKind.Cancelled, ClientOrderId.From(7, 99), Token, null, RejectReason.None, null, null, null, At(1));
        Assert.Equal(OrderTransitionReason.WrongOrder, order.Apply(other).Reason);
        Assert.Equal(OrderStatus.PendingNew, order.Status);
    }

    [Fact]
    public void Fill_report_without_a_fill_is_illegal()
    {
        var order = NewOrder();
        var bad = new ExecutionReport(ExecutionReportKind.Filled, Id, Token, null, RejectReason.None, null, null, null, At(2));
        Assert.True(order.Apply(bad).IsIllegal);
    }

    [Fact]
    public void Quote_sized_market_buy_completes_when_the_venue_reports_nothing_left()
    {
        var request = new OrderRequest(Id, Token, Side.Buy, OrderType.Market, TimeInForce.Fak, Price.Parse("0.5"), Quantity.Zero,
            QuoteAmount: Money.Parse("5"));
        var order = new Order(request, T0);
        Assert.True(order.IsQuoteSized);
        order.ApplyFill(Fill("t1", "4", price: "0.45"), venueLeaves: Quantity.Parse("1"));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        order.ApplyFill(Fill("t2", "6", price: "0.5"), venueLeaves: Quantity.Zero);
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Quote_sized_market_buy_refuses_fills_beyond_the_quote_amount()
    {
        var request = new OrderRequest(Id, Token, Side.Buy, OrderType.Market, TimeInForce.Fak, Price.Parse("0.5"), Quantity.Zero,
            QuoteAmount: Money.Parse("5"));
        var order = new Order(request, T0);
        Assert.Equal(OrderTransitionReason.Overfill, order.ApplyFill(Fill("t1", "11", price: "0.5")).Reason);
    }
}
