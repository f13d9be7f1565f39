using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>
/// Amends through the real adapter against the loopback emulator (real HTTP and WebSockets on 127.0.0.1): the venue's
/// ack, its refusal with its code, and a fill the amend itself causes, applied to the engine's order manager in the order
/// the reports arrived.
/// </summary>
public sealed class AmendTests
{
    [Fact]
    public async Task An_amend_the_venue_accepts_is_reported_amended_and_the_order_rests_at_the_new_terms()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);

        Assert.True(h.Client.SupportsAmend);
        h.Client.Amend(bid.Id, h.Btc, null, Price.Parse("59100.0"), Quantity.Parse("0.02"));
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Amended);

        // Taking at 59050 for 0.02 reaches the amended bid (59100, 0.02), which the old one (59000, 0.01) could not fill.
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59050.0"), Quantity.Parse("0.02"));
        var fill = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);
        Assert.Equal((Price.Parse("59100.0"), Quantity.Parse("0.02")), (fill.Fill!.Price, fill.Fill.Size));
    }

    [Fact]
    public async Task An_amend_off_the_tick_is_refused_with_10001_and_reported_amend_rejected()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);

        h.Client.Amend(bid.Id, h.Btc, null, Price.Parse("59000.05"), Quantity.Parse("0.01"));

        var refused = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.AmendRejected);
        Assert.Contains("10001", refused.Text, StringComparison.Ordinal);
        Assert.Equal("New", h.Emulator.Trading.StatusOf(bid.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task An_amend_of_an_order_the_venue_no_longer_has_is_refused_with_110001()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59000.0"), Quantity.Parse("0.01"));
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);

        h.Client.Amend(bid.Id, h.Btc, null, Price.Parse("59100.0"), Quantity.Parse("0.02"));

        var refused = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.AmendRejected);
        Assert.Contains("110001", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fill_during_an_amend_leaves_the_engine_order_filled_at_the_new_terms_with_nothing_locked()
    {
        await using var h = await TradingHarness.StartAsync();
        var engine = new EngineSide(h);
        h.Emulator.Trading.HouseRest("BTCUSDT", Side.Sell, Price.Parse("59050.0"), Quantity.Parse("0.02"));
        var id = engine.Submit("59000.0", "0.01");
        await h.Sink.WaitAsync(id, ExecutionReportKind.Accepted);
        engine.ApplyArrived();

        // Not post-only: the amended bid at 59100 crosses the house ask at 59050 and fills as it re-enters the book, so
        // the fill and the amend's ack race each other to the engine.
        Assert.True(engine.Orders.Amend(id, Price.Parse("59100.0"), Quantity.Parse("0.02")).Sent);
        await h.Sink.WaitAsync(id, ExecutionReportKind.Amended);
        await ReportSink.WaitForAsync(() => h.Sink.Of(id).Where(r => r.Kind == ExecutionReportKind.Filled).Sum(r => r.Fill!.Size.Raw) == Quantity.Parse("0.02").Raw ? "done" : null, "the fills");
        engine.ApplyArrived();

        var order = engine.Orders.Find(id)!;
        Assert.Equal((OrderStatus.Filled, Quantity.Parse("0.02"), AmendState.Amended), (order.Status, order.FilledSize, order.AmendState));
        Assert.Equal(0, engine.Orders.Stats.IllegalTransitions);
        engine.Orders.PushAccount();
        Assert.Equal(engine.Portfolio.Cash, engine.Orders.Gate.AvailableCash);
    }
}
