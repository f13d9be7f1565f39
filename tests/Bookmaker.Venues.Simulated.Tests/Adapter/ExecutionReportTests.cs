using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Synthetic;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Adapter;

public class ExecutionReportTests
{
    [Fact]
    public void Order_is_acknowledged_after_entry_plus_response_latency()
    {
        var h = VenueHarness.OneMarket(latency: "entry=const:10ms,response=const:5ms").StartVenue();
        var order = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(order);
        h.RunMs(14);
        Assert.Empty(h.ReportsOf(order.Id));
        h.RunMs(1);
        var ack = Assert.Single(h.ReportsOf(order.Id));
        Assert.Equal(ExecutionReportKind.Accepted, ack.Kind);
        Assert.Equal(10, h.MsSinceStart(ack.Timestamp));
        Assert.StartsWith("sim-", ack.VenueOrderId, StringComparison.Ordinal);
        Assert.Equal(Quantity.FromUnits(10), ack.LeavesSize);
    }

    [Fact]
    public void Taker_fill_carries_fee_and_rebate_separately_and_a_unique_trade_id()
    {
        var h = VenueHarness.OneMarket(fees: SyntheticFees.Crypto).StartVenue();
        h.AgentLimit(Side.Sell, "0.50", 30);
        var order = h.Limit(Side.Buy, "0.50", 20, tif: TimeInForce.Fak);
        var order2 = h.Limit(Side.Buy, "0.50", 10, tif: TimeInForce.Fak);
        h.Venue.Submit(order);
        h.Venue.Submit(order2);
        h.RunMs(1);
        var fills = h.Reports.Where(r => r.Kind == ExecutionReportKind.Filled).Select(r => r.Fill!).ToList();
        Assert.Equal(2, fills.Count);
        Assert.All(fills, f => Assert.True(f.Fee.Raw > 0, "taker pays a fee"));
        Assert.All(fills, f => Assert.Equal(Money.Zero, f.Rebate));
        Assert.All(fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.Equal(Price.Parse("0.50"), fills[0].Price);
        Assert.NotEqual(fills[0].TradeId, fills[1].TradeId);
    }

    [Fact]
    public void Resting_order_hit_by_another_participant_reports_a_maker_fill()
    {
        var h = VenueHarness.OneMarket(fees: SyntheticFees.Crypto).StartVenue();
        var bid = h.Limit(Side.Buy, "0.45", 20);
        h.Venue.Submit(bid);
        h.RunMs(1);
        h.AgentLimit(Side.Sell, "0.45", 5, TimeInForce.Fak);
        h.RunMs(1);
        var fill = Assert.Single(h.ReportsOf(bid.Id), r => r.Kind == ExecutionReportKind.Filled);
        Assert.Equal(Liquidity.Maker, fill.Fill!.Liquidity);
        Assert.Equal(Money.Zero, fill.Fill.Fee);
        Assert.True(fill.Fill.Rebate.Raw > 0, "maker earns a rebate");
        Assert.Equal(Quantity.FromUnits(15), fill.LeavesSize);
    }

    [Fact]
    public void Rejection_carries_typed_reason_and_the_venue_text()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        var order = h.Limit(Side.Buy, "0.405", 10);
        h.Venue.Submit(order);
        h.RunMs(1);
        var r = Assert.Single(h.ReportsOf(order.Id));
        Assert.Equal(ExecutionReportKind.Rejected, r.Kind);
        Assert.Equal(RejectReason.InvalidTick, r.Reason);
        Assert.Equal("order is invalid. Price breaks minimum tick size rules", r.Text);
    }

    [Fact]
    public void Batch_over_fifteen_is_rejected_whole_with_the_venue_text()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        Assert.Equal(15, h.Venue.MaxBatchSize);
        var batch = Enumerable.Range(0, 16).Select(i => h.Limit(Side.Buy, "0.30", 5)).ToList();
        h.Venue.SubmitBatch(batch);
        h.RunMs(1);
        Assert.Equal(16, h.Reports.Count);
        Assert.All(h.Reports, r => Assert.Equal(ExecutionReportKind.Rejected, r.Kind));
        Assert.All(h.Reports, r => Assert.Equal(RejectReason.BatchTooLarge, r.Reason));
        Assert.All(h.Reports, r => Assert.Equal("Too many orders in payload: 16, max allowed: 15", r.Text));
        Assert.Equal(0, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Batch_of_fifteen_places_every_order()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        var batch = Enumerable.Range(0, 15).Select(i => h.Limit(Side.Buy, "0.30", 5)).ToList();
        h.Venue.SubmitBatch(batch);
        h.RunMs(1);
        Assert.Equal(15, h.Reports.Count(r => r.Kind == ExecutionReportKind.Accepted));
    }

    [Fact]
    public void Cancel_of_an_unknown_order_reports_not_found()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        var id = h.NextId();
        h.Venue.Cancel(id, h.Yes.Id, null);
        h.RunMs(1);
        var r = Assert.Single(h.Reports);
        Assert.Equal(ExecutionReportKind.NotFound, r.Kind);
        Assert.Equal(id, r.OrderId);
    }

    [Fact]
    public void Cancel_of_a_filled_order_is_rejected_and_of_a_live_one_confirmed()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        h.AgentLimit(Side.Sell, "0.50", 100);
        var filled = h.Limit(Side.Buy, "0.50", 10);
        var live = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(filled);
        h.Venue.Submit(live);
        h.RunMs(1);
        h.Venue.Cancel(filled.Id, h.Yes.Id, null);
        h.Venue.Cancel(live.Id, h.Yes.Id, null);
        h.RunMs(1);
        Assert.Contains(h.ReportsOf(filled.Id), r => r.Kind == ExecutionReportKind.CancelRejected && r.Text == "Order not found or already canceled");
        Assert.Contains(h.ReportsOf(live.Id), r => r.Kind == ExecutionReportKind.Cancelled);
    }

    [Fact]
    public void Gtd_order_expires_at_its_time_on_the_simulated_clock()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        var order = h.Limit(Side.Buy, "0.40", 10, tif: TimeInForce.Gtd, expireAt: VenueHarness.Start.AddSeconds(30));
        h.Venue.Submit(order);
        h.Run(TimeSpan.FromSeconds(29.999));
        Assert.DoesNotContain(h.ReportsOf(order.Id), r => r.Kind == ExecutionReportKind.Expired);
        h.Run(TimeSpan.FromSeconds(1));
        var expired = Assert.Single(h.ReportsOf(order.Id), r => r.Kind == ExecutionReportKind.Expired);
        Assert.Equal(30_000, h.MsSinceStart(expired.Timestamp));
        Assert.Equal(0, h.Venue.Engine.OpenOrderCount);
    }

    [Fact]
    public void Account_snapshot_lists_open_orders_cash_positions_and_fills_since()
    {
        var h = VenueHarness.OneMarket().StartVenue();
        h.AgentLimit(Side.Sell, "0.50", 100);
        h.Venue.Submit(h.Limit(Side.Buy, "0.50", 10));
        var resting = h.Limit(Side.Buy, "0.40", 10);
        h.Venue.Submit(resting);
        h.RunMs(1);
        h.Venue.RequestAccountSnapshot(7, VenueHarness.Start);
        h.RunMs(1);
        var snap = Assert.Single(h.Snapshots);
        Assert.Equal(7, snap.RequestId);
        Assert.True(snap.Complete);
        var open = Assert.Single(snap.OpenOrders);
        Assert.Equal(resting.Id, open.OrderId);
        Assert.Equal(Money.FromUnits(10_000) - Money.FromUnits(5), snap.Cash);
        Assert.Equal(Quantity.FromUnits(10), snap.Positions[h.Yes.Id]);
        Assert.Single(snap.FillsSince);
    }
}
