using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Wire;

namespace Bookmaker.Venues.Bybit.Tests.Wire;

/// <summary>The price band's shapes (reference addendum B and D): the <c>priceLimit.{symbol}</c> topic and the REST answer.</summary>
public class PriceLimitParserTests
{
    private static (BybitPublicKind Kind, BybitPublicMessage Message) Parse(string json)
    {
        var m = new BybitPublicMessage();
        return (BybitPublicParser.Parse(Encoding.UTF8.GetBytes(json), m), m);
    }

    [Fact]
    public void A_price_limit_message_carries_the_symbol_and_both_limits_exactly()
    {
        var (kind, m) = Parse("""{"topic":"priceLimit.BTCUSDT","ts":1733011200691,"data":{"symbol":"BTCUSDT","buyLmt":"61234.5","sellLmt":"58765.5"}}""");

        Assert.Equal(BybitPublicKind.PriceLimit, kind);
        Assert.Equal(("BTCUSDT", Price.Parse("61234.5"), Price.Parse("58765.5"), 1733011200691L), (m.Symbol, m.BuyLimit, m.SellLimit, m.TimeMs));
    }

    [Fact]
    public void A_price_limit_message_with_data_before_topic_parses_the_same()
    {
        var (kind, m) = Parse("""{"data":{"sellLmt":"0.5","buyLmt":"0.7","symbol":"XRPUSDT"},"topic":"priceLimit.XRPUSDT"}""");

        Assert.Equal(BybitPublicKind.PriceLimit, kind);
        Assert.Equal((Price.Parse("0.7"), Price.Parse("0.5")), (m.BuyLimit, m.SellLimit));
    }

    [Theory]
    [InlineData("""{"topic":"priceLimit.BTCUSDT","data":{"symbol":"BTCUSDT","buyLmt":"61234.5"}}""")]
    [InlineData("""{"topic":"priceLimit.BTCUSDT","data":{"symbol":"ETHUSDT","buyLmt":"1","sellLmt":"1"}}""")]
    [InlineData("""{"topic":"priceLimit.BTCUSDT","data":{"symbol":"BTCUSDT","buyLmt":"x","sellLmt":"1"}}""")]
    public void A_price_limit_message_without_both_limits_or_for_another_symbol_is_malformed(string json)
    {
        Assert.Equal(BybitPublicKind.Malformed, Parse(json).Kind);
    }

    [Fact]
    public void The_rest_answer_gives_both_limits_and_a_refusal_gives_none()
    {
        var band = BybitMarketRest.ReadPriceLimit("""{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","buyLmt":"114450.00","sellLmt":"103550.00","ts":"1750302284491"},"retExtInfo":{},"time":1750302285376}"""u8);

        Assert.Equal((Price.Parse("114450"), Price.Parse("103550")), band);
        Assert.Null(BybitMarketRest.ReadPriceLimit("""{"retCode":10001,"retMsg":"params error","result":{},"retExtInfo":{}}"""u8));
    }
}
