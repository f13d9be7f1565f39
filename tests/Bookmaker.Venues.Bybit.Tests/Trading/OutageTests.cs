using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>
/// The emulator's outage window through the real adapter (real HTTP and WebSockets on 127.0.0.1): the venue goes dark
/// (sockets dropped, REST and upgrades answered 503 / 10016), DCP cancels what rested, the adapter backs off and comes
/// back when the window ends, and the REST catch-up reports the DCP cancel once.
/// </summary>
public sealed class OutageTests
{
    [Fact]
    public async Task During_an_outage_rest_calls_are_answered_503_with_10016()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Emulator.BeginOutage(TimeSpan.FromSeconds(30));

        using var http = new HttpClient();
        var answer = await http.GetAsync(new Uri(h.Emulator.RestUrl, "/v5/market/time"));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("\"retCode\":10016", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_outage_longer_than_the_dcp_window_the_order_is_reported_cancelled_once_and_the_session_is_restored()
    {
        await using var h = await TradingHarness.StartAsync();
        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        long connections = h.Session.PrivateFeed.Connections;

        // Dark for 6 s against a 3 s DCP window: the venue cancels the resting bid while the adapter cannot see it.
        h.Emulator.BeginOutage(TimeSpan.FromSeconds(6));
        await ReportSink.WaitForAsync(() => h.Sink.Statuses.FirstOrDefault(s => s.State == VenueState.SessionLost), "session lost");
        await ReportSink.WaitForAsync(() => h.Emulator.Trading.DcpCancelled == 1 ? "cancelled" : null, "DCP", seconds: 10);
        Assert.True(h.Emulator.IsDark);
        Assert.DoesNotContain(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Cancelled);

        // Back after the window: reconnected (after refused attempts, backed off), the catch-up reports the cancel.
        await ReportSink.WaitForAsync(() => h.Sink.Statuses.FirstOrDefault(s => s.State == VenueState.SessionRestored), "session restored", seconds: 20);
        var cancelled = await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Cancelled);
        Assert.Equal("CancelByDCP", cancelled.Text);
        Assert.True(h.Emulator.OutageRefusals > 0);
        Assert.True(h.Session.PrivateFeed.Connections > connections);

        // A second catch-up (another reconnect) does not report it again.
        h.Emulator.Trading.DropStreams();
        await ReportSink.WaitForAsync(() => h.Sink.Statuses.Count(s => s.State == VenueState.SessionRestored) >= 2 ? "again" : null, "second restore", seconds: 20);
        Assert.Single(h.Sink.Of(bid.Id), r => r.Kind == ExecutionReportKind.Cancelled);
    }

    [Fact]
    public async Task After_an_outage_new_orders_are_accepted_again()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Emulator.BeginOutage(TimeSpan.FromSeconds(2));
        await ReportSink.WaitForAsync(() => h.Sink.Statuses.FirstOrDefault(s => s.State == VenueState.SessionRestored), "session restored", seconds: 20);
        await ReportSink.WaitForAsync(() => h.Emulator.Trading.StreamCount >= 2 ? "both" : null, "private and trade sockets back", seconds: 20);

        var bid = TradingHarness.Bid(h.Btc, "59000.0");
        h.Client.Submit(bid);

        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
    }

    [Fact]
    public async Task A_scheduled_outage_from_the_options_darkens_the_venue_for_its_length()
    {
        await using var emulator = await Bookmaker.Venues.Bybit.Emulator.BybitEmulatorHost.StartAsync(new Bookmaker.Venues.Bybit.Emulator.BybitEmulatorOptions { OutageAfter = TimeSpan.Zero, OutageLength = TimeSpan.FromSeconds(1) });
        await ReportSink.WaitForAsync(() => emulator.IsDark ? "dark" : null, "dark");

        await ReportSink.WaitForAsync(() => emulator.IsDark ? null : "light", "light again", seconds: 5);

        using var market = new BybitMarketRest(emulator.RestUrl, TimeSpan.FromSeconds(5));
        Assert.NotEmpty((await market.InstrumentsAsync(BybitCategory.Linear, CancellationToken.None)).Instruments);
    }
}
