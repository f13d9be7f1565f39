using System.Text;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Order building: amounts, exchange selection, salt, time, validation.</summary>
public sealed class OrderBuilderTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1710000000000);
    private static readonly TokenId Token = TokenId.Parse("71321045679252212594626385532706912750332728571942532289631379312455583992563");
    private static readonly MarketSigningInfo Binary = new(Token, Price.Parse("0.01"), NegRisk: false);
    private static readonly MarketSigningInfo NegRisk = new(Token, Price.Parse("0.01"), NegRisk: true);

    private readonly ISecp256k1Signer _key = Vectors.Signer(Secp256k1Backend.Managed);

    private OrderBuilder Builder(int seed = 7, SignatureType type = SignatureType.Eoa, EthereumAddress? wallet = null) =>
        new(new OrderSigner(_key, type, wallet), PolymarketContracts.Polygon, new SimulatedTimeProvider(Start), new Random(seed));

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Limit_buy_carries_sdk_amounts_clock_timestamp_and_eoa_identity()
    {
        var signed = Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.56"), Quantity.Parse("21.04"));
        Assert.Equal(11782400, signed.Order.MakerAmount);
        Assert.Equal(21040000, signed.Order.TakerAmount);
        Assert.Equal(1710000000000, signed.Order.TimestampMs);
        Assert.Equal(Vectors.Address, signed.Order.Maker);
        Assert.Equal(Vectors.Address, signed.Order.Signer);
        Assert.Equal(SignatureType.Eoa, signed.Order.SignatureType);
        Assert.True(signed.Order.Salt < (1UL << 53));
    }

    [Fact]
    public void Same_seed_and_clock_give_the_same_body_bytes()
    {
        var a = OrderJson.SerializeOrder(Builder(42).BuildLimit(Binary, Side.Sell, Price.Parse("0.43"), Quantity.Parse("10")), "k");
        var b = OrderJson.SerializeOrder(Builder(42).BuildLimit(Binary, Side.Sell, Price.Parse("0.43"), Quantity.Parse("10")), "k");
        var c = OrderJson.SerializeOrder(Builder(43).BuildLimit(Binary, Side.Sell, Price.Parse("0.43"), Quantity.Parse("10")), "k");
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Neg_risk_market_is_signed_for_the_neg_risk_exchange()
    {
        var builder = Builder();
        var signed = builder.BuildLimit(NegRisk, Side.Buy, Price.Parse("0.3"), Quantity.Parse("5"));
        Assert.Equal(builder.Signer.SignToHex(signed.Order, PolymarketContracts.Polygon.NegRiskExchangeV2), signed.Signature);
        Assert.NotEqual(builder.Signer.SignToHex(signed.Order, PolymarketContracts.Polygon.ExchangeV2), signed.Signature);
    }

    [Fact]
    public void Binary_market_is_signed_for_the_ctf_exchange_v2()
    {
        var builder = Builder();
        var signed = builder.BuildLimit(Binary, Side.Buy, Price.Parse("0.3"), Quantity.Parse("5"));
        Assert.Equal(builder.Signer.SignToHex(signed.Order, PolymarketContracts.Polygon.ExchangeV2), signed.Signature);
    }

    [Fact]
    public void Settable_version_three_signs_for_exchange_v3_even_for_neg_risk()
    {
        var builder = Builder();
        builder.Version = OrderVersion.V3;
        var signed = builder.BuildLimit(NegRisk, Side.Buy, Price.Parse("0.3"), Quantity.Parse("5"));
        Assert.Equal(builder.Signer.SignToHex(signed.Order, PolymarketContracts.Polygon.ExchangeV3), signed.Signature);
    }

    [Fact]
    public void Market_override_of_version_wins_over_the_builder_default()
    {
        var builder = Builder();
        var signed = builder.BuildLimit(Binary with { Version = OrderVersion.V3 }, Side.Buy, Price.Parse("0.3"), Quantity.Parse("5"));
        Assert.Equal(builder.Signer.SignToHex(signed.Order, PolymarketContracts.Polygon.ExchangeV3), signed.Signature);
    }

    [Fact]
    public void Gnosis_safe_orders_use_the_funder_as_maker_and_the_eoa_as_signer()
    {
        var funder = EthereumAddress.Parse("0x2222222222222222222222222222222222222222");
        var signed = Builder(type: SignatureType.PolyGnosisSafe, wallet: funder).BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"));
        Assert.Equal(funder, signed.Order.Maker);
        Assert.Equal(Vectors.Address, signed.Order.Signer);
        Assert.Equal(SignatureType.PolyGnosisSafe, signed.Order.SignatureType);
        Assert.Equal(132, signed.Signature.Length);
    }

    [Fact]
    public void Poly_proxy_orders_use_the_funder_as_maker()
    {
        var funder = EthereumAddress.Parse("0x3333333333333333333333333333333333333333");
        var signed = Builder(type: SignatureType.PolyProxy, wallet: funder).BuildLimit(Binary, Side.Sell, Price.Parse("0.5"), Quantity.Parse("5"));
        Assert.Equal(funder, signed.Order.Maker);
        Assert.Equal(SignatureType.PolyProxy, signed.Order.SignatureType);
    }

    [Fact]
    public void Deposit_wallet_orders_carry_the_wrapped_signature()
    {
        var wallet = EthereumAddress.Parse("0x1111111111111111111111111111111111111111");
        var signed = Builder(type: SignatureType.Poly1271, wallet: wallet).BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"));
        Assert.Equal(wallet, signed.Order.Maker);
        Assert.Equal(wallet, signed.Order.Signer);
        Assert.Equal(2 + 2 * OrderSigner.Poly1271SignatureLength, signed.Signature.Length);
        Assert.EndsWith("00ba", signed.Signature);
    }

    [Fact]
    public void Proxy_signature_type_without_funder_is_refused() =>
        Assert.Throws<ArgumentException>(() => new OrderSigner(_key, SignatureType.PolyGnosisSafe));

    [Fact]
    public void Gtd_order_carries_expiry_in_seconds()
    {
        var signed = Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"), TimeInForce.Gtd, expiresAt: Start.AddSeconds(90));
        Assert.Equal(1710000090, signed.ExpirationSeconds);
        Assert.Equal(TimeInForce.Gtd, signed.TimeInForce);
    }

    [Fact]
    public void Gtd_expiry_inside_the_one_minute_threshold_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"), TimeInForce.Gtd, expiresAt: Start.AddSeconds(60)));

    [Fact]
    public void Gtd_without_expiry_is_refused() =>
        Assert.Throws<ArgumentException>(() => Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"), TimeInForce.Gtd));

    [Theory]
    [InlineData(TimeInForce.Fok)]
    [InlineData(TimeInForce.Fak)]
    public void Post_only_is_refused_for_fok_and_fak(TimeInForce tif) =>
        Assert.Throws<ArgumentException>(() => Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"), tif, postOnly: true));

    [Fact]
    public void Post_only_gtc_is_flagged_in_the_body()
    {
        var signed = Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"), TimeInForce.Gtc, postOnly: true);
        Assert.EndsWith("\"orderType\":\"GTC\",\"deferExec\":false,\"postOnly\":true}", Encoding.UTF8.GetString(OrderJson.SerializeOrder(signed, "k")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.995")]
    [InlineData("0.555")]
    public void Price_outside_range_or_off_tick_is_refused(string price) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Builder().BuildLimit(Binary, Side.Buy, Price.Parse(price), Quantity.Parse("5")));

    [Fact]
    public void Market_without_token_id_is_refused() =>
        Assert.Throws<ArgumentException>(() => Builder().BuildLimit(Binary with { TokenId = default }, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5")));

    [Fact]
    public void Size_that_rounds_to_zero_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("0.009")));

    [Fact]
    public void Market_buy_spends_dollars_and_is_fok()
    {
        var signed = Builder().BuildMarket(Binary, Side.Buy, Price.Parse("0.56"), 100m);
        Assert.Equal((100000000L, 178571400L), (signed.Order.MakerAmount, signed.Order.TakerAmount));
        Assert.Equal(TimeInForce.Fok, signed.TimeInForce);
    }

    [Fact]
    public void Market_sell_of_shares_takes_usdc_at_the_worst_price()
    {
        var signed = Builder().BuildMarketSell(Binary, Price.Parse("0.56"), Quantity.Parse("100"), TimeInForce.Fak);
        Assert.Equal((100000000L, 56000000L), (signed.Order.MakerAmount, signed.Order.TakerAmount));
        Assert.Equal(Side.Sell, signed.Order.Side);
    }

    [Fact]
    public void Market_buy_from_money_matches_the_decimal_overload()
    {
        var signed = Builder().BuildMarketBuy(Binary, Price.Parse("0.56"), Money.Parse("100"));
        Assert.Equal((100000000L, 178571400L), (signed.Order.MakerAmount, signed.Order.TakerAmount));
    }

    [Fact]
    public void Market_order_with_gtc_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Builder().BuildMarket(Binary, Side.Buy, Price.Parse("0.56"), 100m, TimeInForce.Gtc));

    [Fact]
    public void Engine_order_request_maps_to_market_buy_by_quote_amount()
    {
        var request = new OrderRequest(ClientOrderId.From(1, 1), new InstrumentId("polymarket", "x"), Side.Buy, OrderType.Market, TimeInForce.Fak,
            Price.Parse("0.56"), Quantity.Zero, QuoteAmount: Money.Parse("100"));
        var signed = Builder().Build(request, Binary);
        Assert.Equal((100000000L, 178571400L), (signed.Order.MakerAmount, signed.Order.TakerAmount));
        Assert.Equal(TimeInForce.Fak, signed.TimeInForce);
    }

    [Fact]
    public void Engine_limit_request_maps_to_limit_amounts()
    {
        var request = new OrderRequest(ClientOrderId.From(1, 2), new InstrumentId("polymarket", "x"), Side.Sell, OrderType.Limit, TimeInForce.Gtc,
            Price.Parse("0.56"), Quantity.Parse("21.04"), PostOnly: true);
        var signed = Builder().Build(request, Binary);
        Assert.Equal((21040000L, 11782400L), (signed.Order.MakerAmount, signed.Order.TakerAmount));
        Assert.True(signed.PostOnly);
    }

    [Fact]
    public void Large_token_id_round_trips_into_the_body()
    {
        var signed = Builder().BuildLimit(Binary, Side.Buy, Price.Parse("0.5"), Quantity.Parse("5"));
        Assert.Contains("\"tokenId\":\"" + Token.Text + "\"", Encoding.UTF8.GetString(OrderJson.SerializeOrder(signed, "k")));
    }
}
