using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.UserStream;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>The <c>position</c> stream's items as the gate's perpetual risk inputs (reference §2 position fields).</summary>
public sealed class PositionRiskTranslatorTests
{
    private readonly InstrumentRegistry _registry = new();
    private readonly RecordingSink _sink = new();
    private readonly PositionRiskTranslator _translator;

    public PositionRiskTranslatorTests()
    {
        var btc = _registry.Add(new Instrument(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"),
            Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1000000"), "bybit"));
        var spot = _registry.Add(new Instrument(new InstrumentId(VenueNames.Bybit, "ETHUSDC"), InstrumentKind.Spot, 2, Price.Parse("0.01"),
            Quantity.Parse("0.0001"), Quantity.Parse("0.0001"), Price.Parse("0.01"), Price.Parse("1000000"), "bybit"));
        _translator = new PositionRiskTranslator([btc, spot], TimeProvider.System) { Sink = _sink };
    }

    private bool On(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return _translator.OnPosition(doc.RootElement);
    }

    [Fact]
    public void A_held_position_gives_the_venues_mark_then_the_liquidation_price()
    {
        Assert.True(On("""{"symbol":"BTCUSDT","side":"Buy","size":"0.5","markPrice":"60012.3","liqPrice":"54000.1","positionIdx":0}"""));

        Assert.Equal([(MarketDataKind.VenueMark, Price.Parse("60012.3")), (MarketDataKind.LiquidationPrice, Price.Parse("54000.1"))],
            _sink.Events.Select(e => (e.Kind, e.Price)).ToArray());
        Assert.True(_sink.Events[^1].EndOfMessage);
    }

    [Fact]
    public void A_flat_position_clears_the_liquidation_price()
    {
        Assert.True(On("""{"symbol":"BTCUSDT","side":"","size":"0","markPrice":"60000","liqPrice":"54000"}"""));

        Assert.Equal(Price.Zero, _sink.Events.Single(e => e.Kind == MarketDataKind.LiquidationPrice).Price);
    }

    [Fact]
    public void An_empty_liquidation_price_clears_it()
    {
        On("""{"symbol":"BTCUSDT","side":"Buy","size":"0.5","markPrice":"60000","liqPrice":""}""");

        Assert.Equal(Price.Zero, _sink.Events.Single(e => e.Kind == MarketDataKind.LiquidationPrice).Price);
    }

    [Fact]
    public void Another_symbol_or_a_spot_symbol_publishes_nothing()
    {
        Assert.False(On("""{"symbol":"SOLUSDT","side":"Buy","size":"1","markPrice":"150","liqPrice":"120"}"""));
        Assert.False(On("""{"symbol":"ETHUSDC","side":"Buy","size":"1","markPrice":"2500","liqPrice":"2000"}"""));

        Assert.Empty(_sink.Events);
    }

    private sealed class RecordingSink : IVenueEventSink
    {
        public List<MarketDataEvent> Events { get; } = [];

        public void OnMarketData(in MarketDataEvent e) => Events.Add(e);

        public void OnExecutionReport(Core.Orders.ExecutionReport report) { }

        public void OnRequestFailed(VenueRequestFailed failure) { }

        public void OnVenueStatus(VenueStatusEvent status) { }

        public void OnAccountSnapshot(AccountSnapshot snapshot) { }
    }
}
