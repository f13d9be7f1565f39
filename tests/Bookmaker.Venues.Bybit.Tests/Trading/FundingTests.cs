using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>Funding settlements of perpetual positions, over the emulator's real private WebSocket and REST.</summary>
public sealed class FundingTests
{
    // A long 0.02 BTC at 59,000, then the mark the position stream reports (the emulator's funding is charged on it).
    private static async Task<TradingHarness> LongAsync(bool tradeSocket = true)
    {
        var h = await TradingHarness.StartAsync(tradeSocket: tradeSocket);
        var bid = TradingHarness.Bid(h.Btc, "59000.0", "0.02");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59000.0"), Quantity.Parse("0.02"));
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Filled);
        h.Emulator.Trading.SetPositionRisk("BTCUSDT", Price.Parse("60000"), Price.Zero);
        return h;
    }

    [Fact]
    public async Task A_funding_execution_becomes_a_payment_of_minus_exec_fee_and_a_replay_is_booked_once()
    {
        await using var h = await LongAsync();
        var settled = h.Emulator.Trading.SettleFunding("BTCUSDT", 0.0001m);
        var payment = await ReportSink.WaitForAsync(() => h.Sink.Funding.FirstOrDefault(), "the funding payment");
        // A long pays at a positive rate: 0.02 × 60,000 × 0.0001 = 0.12 USDT out.
        Assert.Equal(Money.Parse("0.12"), settled!.Value.Paid);
        Assert.Equal((settled.Value.ExecId, h.Btc, Money.Parse("-0.12")), (payment.PaymentId, payment.Instrument, payment.Amount));
        h.Emulator.Trading.ReplayLastExecution();
        await ReportSink.WaitForAsync(() => h.Session.Translator.DuplicateExecutions == 1 ? "seen" : null, "the replayed funding execution");
        Assert.Single(h.Sink.Funding);
        Assert.Equal(1L, h.Session.Translator.FundingReported);
        // Funding is not a fill: no report about any order came of it.
        Assert.Single(h.Sink.Reports, r => r.Kind == ExecutionReportKind.Filled);
    }

    [Fact]
    public async Task A_short_receives_funding_at_a_positive_rate()
    {
        await using var h = await TradingHarness.StartAsync();
        var ask = TradingHarness.Bid(h.Btc, "61000.0", "0.01") with { Side = Side.Sell };
        h.Client.Submit(ask);
        await h.Sink.WaitAsync(ask.Id, ExecutionReportKind.Accepted);
        h.Emulator.Trading.HouseTake("BTCUSDT", Side.Buy, Price.Parse("61000.0"), Quantity.Parse("0.01"));
        await h.Sink.WaitAsync(ask.Id, ExecutionReportKind.Filled);
        h.Emulator.Trading.SettleFunding("BTCUSDT", 0.0001m);
        var payment = await ReportSink.WaitForAsync(() => h.Sink.Funding.FirstOrDefault(), "the funding payment");
        Assert.Equal(Money.Parse("0.06"), payment.Amount); // 0.01 × 60,000 (the emulator's starting mark) × 0.0001, received
    }

    [Fact]
    public async Task Funding_settled_while_the_private_stream_is_down_is_read_over_rest_after_the_reconnect()
    {
        await using var h = await LongAsync(tradeSocket: false);
        h.Emulator.Trading.DropStreams();
        var settled = h.Emulator.Trading.SettleFunding("BTCUSDT", 0.0002m);
        await ReportSink.WaitForAsync(() => h.Sink.Statuses.FirstOrDefault(s => s.State == VenueState.SessionRestored), "session restored");
        var payment = await ReportSink.WaitForAsync(() => h.Sink.Funding.FirstOrDefault(), "the funding payment");
        Assert.Equal((settled!.Value.ExecId, Money.Parse("-0.24")), (payment.PaymentId, payment.Amount));
        Assert.Single(h.Sink.Funding);
    }

    [Fact]
    public async Task An_account_snapshot_books_funding_the_stream_missed_ahead_of_its_cash_and_never_twice()
    {
        await using var h = await LongAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        h.Emulator.Trading.SettleFunding("BTCUSDT", 0.0001m);
        await ReportSink.WaitForAsync(() => h.Sink.Funding.FirstOrDefault(), "the streamed payment");
        h.Client.RequestAccountSnapshot(3, since);
        var snap = await ReportSink.WaitForAsync(() => h.Sink.Snapshots.FirstOrDefault(), "snapshot");
        Assert.Single(h.Sink.Funding);
        Assert.Equal(Money.Parse("1000000") - Money.Parse("1180") - Money.Parse("0.236") - Money.Parse("0.12"), snap.Cash);
        Assert.Single(snap.FillsSince); // the fill; the funding execution is no fill
    }
}
