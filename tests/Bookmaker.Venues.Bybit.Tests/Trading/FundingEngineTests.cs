using System.Diagnostics;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Orders;
using Bookmaker.Testing;
using Bookmaker.Venues.Bybit.Adapter;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>
/// Funding end to end: a real engine (<see cref="EngineHost"/>, production wiring) whose venue is the real Bybit adapter
/// trading against the loopback emulator over its private WebSocket and REST. The test thread is the loop thread: it
/// drains the loop whenever the adapter delivers (the venue-sink tap wakes it), bounded in wall time.
/// </summary>
public sealed class FundingEngineTests
{
    private static async Task UntilAsync(EngineHost host, RecordingSink tap, Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            host.Loop.DrainPending();
            if (condition()) return;
            if (sw.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"timed out waiting for: {what}. Events: {tap.Describe()}");
            await tap.WaitAsync(TimeSpan.FromMilliseconds(20));
        }
    }

    [Fact]
    public async Task Funding_reaches_the_engines_pnl_line_once_through_the_stream_a_replay_and_the_catch_up_after_a_reconnect()
    {
        await using var emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { HouseFollowsTrades = false });
        var adapter = await BybitVenueAdapter.CreateAsync(emulator.RestUrl, new Uri(emulator.PublicWsUrl(BybitCategory.Linear), "."), BybitCategory.Linear,
            ["BTCUSDT"], new BybitStreamOptions(), TimeProvider.System, null, CancellationToken.None);
        await adapter.AttachTradingAsync(new BybitTradingOptions(emulator.RestUrl, emulator.PrivateWsUrl, emulator.TradeWsUrl, BybitCategory.Linear)
            {
                Stream = new BybitStreamOptions { ReconnectInitial = TimeSpan.FromMilliseconds(100), ReconnectMax = TimeSpan.FromMilliseconds(300), ReconnectJitter = TimeSpan.FromMilliseconds(20) },
            },
            new BybitCredentials(emulator.Trading.ApiKey, emulator.Trading.ApiSecret), CancellationToken.None);
        await using var host = EngineHost.Create(TimeProvider.System, [adapter], new Engine.Journal.NullJournal(), new EngineHostOptions
        {
            VenueSinkTap = loop => new RecordingSink(loop),
        });
        var tap = (RecordingSink)host.Sink;
        var findings = new List<ReconciliationFinding>();
        host.Engine.Orders.Reconciled += findings.Add;
        await host.StartAsync(CancellationToken.None);
        var engine = host.Engine;
        var btc = adapter.Instruments[0];
        await UntilAsync(host, tap, () => engine.Orders.SnapshotsReceived > 0 && adapter.Trading!.PrivateFeed.Connections > 0, "the first reconciliation and the private stream");

        // A long 0.002 BTC through the gate, filled by the house.
        var outcome = engine.Orders.Submit(new OrderRequest(default, btc.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("59000.0"), Quantity.Parse("0.002"), PostOnly: true));
        Assert.True(outcome.Sent, outcome.Decision.Code);
        await UntilAsync(host, tap, () => emulator.Trading.OpenOrderCount == 1, "the bid resting at the emulator");
        emulator.Trading.HouseTake("BTCUSDT", Side.Sell, Price.Parse("59000.0"), Quantity.Parse("0.002"));
        await UntilAsync(host, tap, () => engine.Portfolio.QuantityOf(btc.Id) == Quantity.Parse("0.002"), "the long in the ledger");
        var fees = engine.Portfolio.FeesPaid;
        var realized = engine.Portfolio.RealizedPnl;
        emulator.Trading.SetPositionRisk("BTCUSDT", Price.Parse("60000"), Price.Zero);

        // 1. Over the private stream: 0.002 × 60,000 × 0.001 = 0.12 paid.
        emulator.Trading.SettleFunding("BTCUSDT", 0.001m);
        await UntilAsync(host, tap, () => engine.Portfolio.FundingPnl == Money.Parse("-0.12"), "the streamed funding");

        // 2. The same execution again: booked once.
        emulator.Trading.ReplayLastExecution();
        await UntilAsync(host, tap, () => adapter.Trading!.Translator.DuplicateExecutions >= 1, "the replayed funding execution");
        engine.Loop.DrainPending();
        Assert.Equal(1, engine.Portfolio.Funding.Count);

        // 3. Settled while the stream is down: the REST catch-up after the reconnect brings it.
        emulator.Trading.DropStreams();
        emulator.Trading.SettleFunding("BTCUSDT", 0.002m);
        await UntilAsync(host, tap, () => engine.Portfolio.FundingPnl == Money.Parse("-0.36"), "the funding settled while the stream was down");

        // Its own line: fees and realized P&L did not move; the net and the gate's day count it.
        Assert.Equal((fees, realized), (engine.Portfolio.FeesPaid, engine.Portfolio.RealizedPnl));
        Assert.Equal(2, engine.Portfolio.Funding.Count);
        var pf = engine.Portfolio;
        Assert.Equal(pf.RealizedPnl + pf.UnrealizedPnl - pf.FeesPaid + pf.RebatesEarned + Money.Parse("-0.36"), pf.NetPnl);
        Assert.Equal(pf.NetPnl, engine.Gate.DailyPnl); // the day started flat: the gate counts the funding paid

        // The venue's cash moved by the same amounts: a reconciliation now finds nothing to adopt.
        int before = findings.Count(f => f.Issue == ReconciliationIssue.CashMismatch);
        long snapshots = engine.Orders.SnapshotsReceived;
        engine.Orders.RequestReconciliation();
        await UntilAsync(host, tap, () => engine.Orders.SnapshotsReceived > snapshots, "a reconciliation");
        Assert.Equal(before, findings.Count(f => f.Issue == ReconciliationIssue.CashMismatch));
        Assert.Equal(2, engine.Portfolio.Funding.Count);
    }
}
