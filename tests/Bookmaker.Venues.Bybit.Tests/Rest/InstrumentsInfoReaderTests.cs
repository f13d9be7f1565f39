using System.Text;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Tests.Rest;

/// <summary>Instrument terms read exactly from <c>instruments-info</c>, linear and spot, with paging and refusals.</summary>
public class InstrumentsInfoReaderTests
{
    private const string Linear = """
        {"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[
          {"symbol":"BTCUSDT","contractType":"LinearPerpetual","status":"Trading","baseCoin":"BTC","quoteCoin":"USDT","priceScale":"2",
           "leverageFilter":{"minLeverage":"1","maxLeverage":"100.00","leverageStep":"0.01"},
           "priceFilter":{"minPrice":"0.10","maxPrice":"199999.80","tickSize":"0.10"},
           "lotSizeFilter":{"maxOrderQty":"1190.000","minOrderQty":"0.001","qtyStep":"0.001","postOnlyMaxOrderQty":"1190.000","maxMktOrderQty":"500.000","minNotionalValue":"5"},
           "fundingInterval":480},
          {"symbol":"BADUSDT","status":"Trading","priceFilter":{"tickSize":"abc"},"lotSizeFilter":{"qtyStep":"1","minOrderQty":"1"}}
        ],"nextPageCursor":"first%3D1000001%26last%3D1000002"},"retExtInfo":{},"time":1700000000000}
        """;

    private const string Spot = """
        {"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[
          {"symbol":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","status":"Trading",
           "lotSizeFilter":{"basePrecision":"0.000001","quotePrecision":"0.00000001","minOrderQty":"0.000048","maxOrderQty":"71.73956243","minOrderAmt":"5","maxOrderAmt":"2000000","maxLimitOrderQty":"71.73956243","maxMarketOrderQty":"35.8","postOnlyMaxLimitOrderSize":"358.69781215"},
           "priceFilter":{"tickSize":"0.1"}}
        ]},"time":1700000000000}
        """;

    [Fact]
    public void Linear_terms_are_exact_and_make_a_perpetual()
    {
        var page = InstrumentsInfoReader.Read(Encoding.UTF8.GetBytes(Linear));
        var btc = page.Instruments.Single();
        Assert.Equal((Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Money.Parse("5"), Quantity.Parse("1190")),
            (btc.TickSize, btc.QtyStep, btc.MinQty, btc.MinNotional, btc.MaxLimitQty));
        Assert.True(btc.IsTrading);
        var instrument = btc.ToInstrument();
        Assert.Equal((VenueNames.Bybit, "BTCUSDT", InstrumentKind.LinearPerpetual), (instrument.Id.Venue, instrument.Id.Symbol, instrument.Kind));
        Assert.Equal(Price.Parse("199999.8"), instrument.MaxPrice);
    }

    [Fact]
    public void An_item_with_an_unreadable_term_is_refused_with_the_reason_not_guessed()
    {
        var page = InstrumentsInfoReader.Read(Encoding.UTF8.GetBytes(Linear));
        Assert.Contains("tickSize", page.Refused["BADUSDT"], StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_page_gives_the_next_cursor_and_spot_none()
    {
        Assert.Equal("first%3D1000001%26last%3D1000002", InstrumentsInfoReader.Read(Encoding.UTF8.GetBytes(Linear)).NextCursor);
        Assert.Null(InstrumentsInfoReader.Read(Encoding.UTF8.GetBytes(Spot)).NextCursor);
    }

    [Fact]
    public void Spot_step_is_base_precision_and_post_only_cap_is_read()
    {
        var btc = InstrumentsInfoReader.Read(Encoding.UTF8.GetBytes(Spot)).Instruments.Single();
        Assert.Equal((BybitCategory.Spot, Quantity.Parse("0.000001"), Quantity.Parse("0.000048"), Money.Parse("5"), Quantity.Parse("358.69781215")),
            (btc.Category, btc.QtyStep, btc.MinQty, btc.MinNotional, btc.PostOnlyMaxQty));
        Assert.Equal(InstrumentKind.Spot, btc.ToInstrument().Kind);
    }

    [Fact]
    public void A_refused_request_names_the_code()
    {
        var ex = Assert.Throws<FormatException>(() => InstrumentsInfoReader.Read("""{"retCode":10001,"retMsg":"params error","result":{}}"""u8));
        Assert.Contains("10001", ex.Message, StringComparison.Ordinal);
    }
}
