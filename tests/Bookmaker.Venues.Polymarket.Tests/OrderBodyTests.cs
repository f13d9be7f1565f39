using System.Text;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>The POST /order body and the end-to-end L2 vector.</summary>
public sealed class OrderBodyTests
{
    private const string NilOwner = "00000000-0000-0000-0000-000000000000";
    private const string Zero32 = "0x0000000000000000000000000000000000000000000000000000000000000000";

    private const string ExpectedBody =
        "{\"order\":{\"salt\":479249096354,\"maker\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"signer\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\","
        + "\"tokenId\":\"1234\",\"makerAmount\":\"100000000\",\"takerAmount\":\"50000000\",\"side\":\"BUY\",\"signatureType\":0,\"timestamp\":\"1710000000000\",\"expiration\":\"0\","
        + "\"metadata\":\"" + Zero32 + "\",\"builder\":\"" + Zero32 + "\","
        + "\"signature\":\"0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c\"},"
        + "\"owner\":\"00000000-0000-0000-0000-000000000000\",\"orderType\":\"GTC\",\"deferExec\":false,\"postOnly\":false}";

    private static SignedOrder VectorOrder(Secp256k1Backend backend)
    {
        using var key = Vectors.Signer(backend);
        var signer = new OrderSigner(key, SignatureType.Eoa);
        var order = Vectors.OrderV2(Vectors.Address, Vectors.Address, SignatureType.Eoa);
        return new SignedOrder(order, signer.SignToHex(order, PolymarketContracts.Polygon.ExchangeV2), TimeInForce.Gtc, 0, false, false, signer.MakerText, signer.SignerText);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Serializes_the_v2_body_byte_for_byte(Secp256k1Backend backend) =>
        Assert.Equal(ExpectedBody, Encoding.UTF8.GetString(OrderJson.SerializeOrder(VectorOrder(backend), NilOwner)));

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_end_to_end_l2_signature_over_the_order_body(Secp256k1Backend backend)
    {
        byte[] body = OrderJson.SerializeOrder(VectorOrder(backend), NilOwner);
        using var l2 = new L2RequestSigner(new ApiCredentials(NilOwner, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "p"), Vectors.Address);
        Assert.Equal("Vmm-4QQXZ-sYR9aHollEHKsoyoroiMgqkihptE2zFi0=", l2.CreateHeaders(1710000000, "POST", "/order", body).Signature);
    }

    [Fact]
    public void Batch_body_is_an_array_of_single_order_bodies()
    {
        var order = VectorOrder(Secp256k1Backend.Managed);
        string batch = Encoding.UTF8.GetString(OrderJson.SerializeBatch([order, order], NilOwner));
        Assert.Equal("[" + ExpectedBody + "," + ExpectedBody + "]", batch);
    }

    [Fact]
    public void Batch_refuses_more_than_fifteen_orders()
    {
        var order = VectorOrder(Secp256k1Backend.Managed);
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderJson.SerializeBatch(Enumerable.Repeat(order, 16).ToArray(), NilOwner));
    }

    [Fact]
    public void Body_carries_gtd_expiration_post_only_and_sell_side()
    {
        var order = VectorOrder(Secp256k1Backend.Managed) with { TimeInForce = TimeInForce.Gtd, ExpirationSeconds = 1710000300, PostOnly = true };
        order = order with { Order = order.Order with { Side = Side.Sell } };
        string body = Encoding.UTF8.GetString(OrderJson.SerializeOrder(order, NilOwner));
        Assert.Contains("\"side\":\"SELL\"", body);
        Assert.Contains("\"expiration\":\"1710000300\"", body);
        Assert.EndsWith("\"orderType\":\"GTD\",\"deferExec\":false,\"postOnly\":true}", body);
        Assert.DoesNotContain("taker\"", body.Replace("takerAmount", ""));
        Assert.DoesNotContain("nonce", body);
        Assert.DoesNotContain("feeRateBps", body);
    }
}
