using System.Collections.Concurrent;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Adapter;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.Ws;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>
/// The venue's price band end to end: the adapter reads it from <c>/v5/market/price-limit</c> at start and follows the
/// <c>priceLimit</c> topic; the gate denies an order past it before it is sent; the emulator refuses one with the
/// venue's codes. The test thread plays the engine's loop (it applies the adapter's events in order, one thread).
/// </summary>
public sealed class PriceBandTests
{
    [Fact]
    public async Task A_buy_above_the_published_buy_limit_is_denied_by_the_gate_and_never_reaches_the_emulator()
    {
        await using var emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { HouseFollowsTrades = false });
        emulator.Trading.SetPriceBand("BTCUSDT", Price.Parse("60100"), Price.Parse("59900"));
        var adapter = await BybitVenueAdapter.CreateAsync(emulator.RestUrl, new Uri(emulator.PublicWsUrl(BybitCategory.Linear), "."), BybitCategory.Linear,
            ["BTCUSDT"], new BybitStreamOptions(), TimeProvider.System, null, CancellationToken.None);
        var registry = new InstrumentRegistry();
        var btc = registry.Add(adapter.Instruments[0]);
        await adapter.AttachTradingAsync(new BybitTradingOptions(emulator.RestUrl, emulator.PrivateWsUrl, emulator.TradeWsUrl, BybitCategory.Linear),
            new Bookmaker.Venues.Bybit.Auth.BybitCredentials(emulator.Trading.ApiKey, emulator.Trading.ApiSecret), CancellationToken.None);
        var ledger = new PortfolioBook(registry, Money.FromUnits(1_000));
        var alerts = new AlertCenter(TimeProvider.System);
        var gate = new RiskGate(registry, ledger, new RiskLimits(), TimeProvider.System, alerts);
        gate.Initialize(Money.Zero, Money.Zero, ledger.Cash, ledger.Equity);
        ledger.SetMark(btc, Price.Parse("60000"));
        using var orders = new OrderManager(registry, new Dictionary<string, IExecutionClient> { [VenueNames.Bybit] = adapter.Execution }, gate, ledger,
            new NullJournal(), alerts, TimeProvider.System, new ClientOrderIdGenerator(7));
        var sink = new BandSink();
        await adapter.StartAsync(sink, CancellationToken.None);
        try
        {
            // The band read over REST at start arrives before any book.
            Assert.True(sink.Bands.Count >= 2);
            sink.ApplyTo(gate, btc);
            Assert.Equal((Price.Parse("60100"), Price.Parse("59900")), (gate.PriceBandLimit(btc, Side.Buy), gate.PriceBandLimit(btc, Side.Sell)));

            var above = orders.Submit(Order(btc, Side.Buy, "60100.1"));
            var atLimit = orders.Submit(Order(btc, Side.Sell, "59900"));

            Assert.Equal(DenyReason.PriceBand, above.Decision.Reason);
            Assert.True(atLimit.Sent);
            // The allowed sell was submitted after the denied buy on the same road: once the venue has answered it, a buy
            // that had gone out would have been counted before it.
            await ReportSink.WaitForAsync(() => sink.Reports.Any(r => r.OrderId == atLimit.Id) ? "answered" : null, "the venue's answer to the allowed order");
            Assert.Equal(1, emulator.Trading.OrderRequests); // the denied buy never went out
        }
        finally
        {
            await adapter.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_price_limit_topic_moves_the_band_the_gate_judges_against()
    {
        await using var emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { HouseFollowsTrades = false });
        var adapter = await BybitVenueAdapter.CreateAsync(emulator.RestUrl, new Uri(emulator.PublicWsUrl(BybitCategory.Linear), "."), BybitCategory.Linear,
            ["BTCUSDT"], new BybitStreamOptions(), TimeProvider.System, null, CancellationToken.None);
        var registry = new InstrumentRegistry();
        var btc = registry.Add(adapter.Instruments[0]);
        var gate = new RiskGate(registry, new PortfolioBook(registry, Money.FromUnits(1_000)), new RiskLimits(), TimeProvider.System, new AlertCenter(TimeProvider.System));
        var sink = new BandSink();
        await adapter.StartAsync(sink, CancellationToken.None);
        try
        {
            emulator.Trading.SetPriceBand("BTCUSDT", Price.Parse("60050.5"), Price.Parse("59950.5"));
            await ReportSink.WaitForAsync(() => sink.Bands.Any(e => e.Side == Side.Buy && e.Price == Price.Parse("60050.5")) ? "moved" : null, "the moved band on the topic");
            sink.ApplyTo(gate, btc);

            Assert.Equal((Price.Parse("60050.5"), Price.Parse("59950.5")), (gate.PriceBandLimit(btc, Side.Buy), gate.PriceBandLimit(btc, Side.Sell)));
            Assert.Equal(DenyReason.PriceBand, gate.Check(Order(btc, Side.Buy, "60050.6")).Reason);
        }
        finally
        {
            await adapter.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_emulator_refuses_an_order_past_its_band_with_the_venues_codes()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Emulator.Trading.SetPriceBand("BTCUSDT", Price.Parse("60100"), Price.Parse("59900"));

        var buy = TradingHarness.Bid(h.Btc, "60100.1", postOnly: false);
        var sell = TradingHarness.Bid(h.Btc, "59899.9", postOnly: false) with { Side = Side.Sell };
        h.Client.Submit(buy);
        h.Client.Submit(sell);

        var buyRejected = await h.Sink.WaitAsync(buy.Id, ExecutionReportKind.Rejected);
        var sellRejected = await h.Sink.WaitAsync(sell.Id, ExecutionReportKind.Rejected);
        Assert.Contains("30208", buyRejected.Text, StringComparison.Ordinal);
        Assert.Contains("30209", sellRejected.Text, StringComparison.Ordinal);
        Assert.Equal(0, h.Emulator.Trading.OpenOrderCount);
    }

    [Fact]
    public async Task Price_limit_over_rest_answers_the_emulators_band()
    {
        await using var emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions());
        emulator.Trading.SetPriceBand("ETHUSDT", Price.Parse("2650.5"), Price.Parse("2550.25"));
        using var rest = new BybitMarketRest(emulator.RestUrl, TimeSpan.FromSeconds(5));

        var band = await rest.PriceLimitAsync(BybitCategory.Linear, "ETHUSDT", CancellationToken.None);

        Assert.Equal((Price.Parse("2650.5"), Price.Parse("2550.25")), band);
    }

    [Fact]
    public async Task The_position_streams_liquidation_price_near_the_mark_makes_the_gate_deny_adding_to_the_position()
    {
        await using var emulator = await BybitEmulatorHost.StartAsync(new BybitEmulatorOptions { HouseFollowsTrades = false });
        var adapter = await BybitVenueAdapter.CreateAsync(emulator.RestUrl, new Uri(emulator.PublicWsUrl(BybitCategory.Linear), "."), BybitCategory.Linear,
            ["BTCUSDT"], new BybitStreamOptions(), TimeProvider.System, null, CancellationToken.None);
        var registry = new InstrumentRegistry();
        var btc = registry.Add(adapter.Instruments[0]);
        await adapter.AttachTradingAsync(new BybitTradingOptions(emulator.RestUrl, emulator.PrivateWsUrl, emulator.TradeWsUrl, BybitCategory.Linear),
            new Bookmaker.Venues.Bybit.Auth.BybitCredentials(emulator.Trading.ApiKey, emulator.Trading.ApiSecret), CancellationToken.None);
        var ledger = new PortfolioBook(registry, Money.FromUnits(1_000));
        ledger.SetMark(btc, Price.Parse("60000"));
        ledger.AdjustPosition(btc, Quantity.Parse("0.005"), DateTimeOffset.UtcNow); // long, as the engine's ledger would hold it
        var gate = new RiskGate(registry, ledger, new RiskLimits { MinLiquidationDistanceBps = 500 }, TimeProvider.System, new AlertCenter(TimeProvider.System));
        gate.Initialize(Money.Zero, Money.Zero, ledger.Cash, ledger.Equity);
        var sink = new BandSink();
        await adapter.StartAsync(sink, CancellationToken.None);
        try
        {
            // A real long at the emulator (its position stream reports no liquidation price for a flat position).
            emulator.Trading.HouseRest("BTCUSDT", Side.Sell, Price.Parse("60000.0"), Quantity.Parse("0.005"));
            adapter.Execution.Submit(TradingHarness.Bid(btc.Id, "60000.0", "0.005", postOnly: false));
            await ReportSink.WaitForAsync(() => emulator.Trading.Position("BTCUSDT").Raw > 0 ? "long" : null, "the emulator's long");
            // Pushed until seen: the private stream's subscription may still be on its way when the adapter has started.
            await ReportSink.WaitForAsync(() =>
            {
                if (sink.PositionRisk.Any(e => e.Kind == MarketDataKind.LiquidationPrice && e.Price == Price.Parse("58000"))) return "seen";
                emulator.Trading.SetPositionRisk("BTCUSDT", Price.Parse("60010.5"), Price.Parse("58000"));
                return null;
            }, "the liquidation price");
            sink.ApplyTo(gate, btc);

            Assert.Equal(DenyReason.LiquidationDistance, gate.Check(Order(btc, Side.Buy, "59990")).Reason);
            Assert.True(gate.Check(Order(btc, Side.Sell, "60100")).IsAllowed); // reducing the long is never refused for it
        }
        finally
        {
            await adapter.DisposeAsync();
        }
    }

    private static OrderRequest Order(Instrument i, Side side, string price) =>
        new(default, i.Id, side, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.Parse("0.005"), PostOnly: true);

    /// <summary>Keeps the gate's inputs: band, venue mark and liquidation price (the adapter's other events are not these tests').</summary>
    private sealed class BandSink : IVenueEventSink
    {
        public ConcurrentQueue<MarketDataEvent> Bands { get; } = new();

        public void OnMarketData(in MarketDataEvent e)
        {
            if (e.Kind == MarketDataKind.PriceBand) Bands.Enqueue(e);
            else if (e.Kind is MarketDataKind.VenueMark or MarketDataKind.LiquidationPrice) PositionRisk.Enqueue(e);
        }

        public ConcurrentQueue<MarketDataEvent> PositionRisk { get; } = new();

        public void ApplyTo(RiskGate gate, Instrument instrument)
        {
            foreach (var e in Bands.ToArray()) gate.SetPriceBand(instrument, e.Side, e.Price);
            foreach (var e in PositionRisk.ToArray()) gate.SetPositionRisk(instrument, e.Kind == MarketDataKind.VenueMark, e.Price);
        }

        public ConcurrentQueue<ExecutionReport> Reports { get; } = new();

        public void OnExecutionReport(ExecutionReport report) => Reports.Enqueue(report);

        public void OnRequestFailed(VenueRequestFailed failure) { }

        public void OnVenueStatus(VenueStatusEvent status) { }

        public void OnAccountSnapshot(AccountSnapshot snapshot) { }
    }
}
