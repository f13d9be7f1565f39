using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Every signing vector of the reference §4, byte for byte, on each backend.</summary>
public sealed class SigningVectorTests
{
    private static string SignDigest(Secp256k1Backend backend, string digestHex)
    {
        using var signer = Vectors.Signer(backend);
        Span<byte> sig = stackalloc byte[65];
        signer.Sign(Hex.Decode(digestHex), sig);
        return Hex.Encode0x(sig);
    }

    private static (string Digest, string Signature) SignV1(Secp256k1Backend backend, ulong chainId, string contract)
    {
        var domain = new ExchangeDomain(chainId, EthereumAddress.Parse(contract), "1");
        Span<byte> hash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV1(Vectors.OrderV1(), hash);
        Eip712.Digest(domain.Separator, hash, digest);
        return (Hex.Encode0x(digest), SignDigest(backend, Hex.Encode0x(digest)));
    }

    private static (string Separator, string Digest, string Signature) SignV2(Secp256k1Backend backend, PolymarketContracts contracts, OrderVersion version, bool negRisk)
    {
        using var key = Vectors.Signer(backend);
        var signer = new OrderSigner(key, SignatureType.Eoa);
        var domain = contracts.For(version, negRisk);
        var order = Vectors.OrderV2(Vectors.Address, Vectors.Address, SignatureType.Eoa);
        Span<byte> hash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV2(order, hash);
        Eip712.Digest(domain.Separator, hash, digest);
        return (domain.Separator.ToString(), Hex.Encode0x(digest), signer.SignToHex(order, domain));
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Derives_the_published_address_from_the_fixed_key(Secp256k1Backend backend)
    {
        using var signer = Vectors.Signer(backend);
        Assert.Equal(Vectors.AddressText, signer.Address.ToChecksumString());
        Assert.Equal(backend == Secp256k1Backend.Native ? "native" : "managed", signer.BackendName);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_published_v1_amoy_order_digest_and_signature(Secp256k1Backend backend)
    {
        var (digest, signature) = SignV1(backend, 80002, "0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40");
        Assert.Equal("0x02ca1d1aa31103804173ad1acd70066cb6c1258a4be6dada055111f9a7ea4e55", digest);
        Assert.Equal("0x302cd9abd0b5fcaa202a344437ec0b6660da984e24ae9ad915a592a90facf5a51bb8a873cd8d270f070217fea1986531d5eec66f1162a81f66e026db653bf7ce1c", signature);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_published_v1_amoy_neg_risk_order_digest_and_signature(Secp256k1Backend backend)
    {
        var (digest, signature) = SignV1(backend, 80002, "0xC5d563A36AE78145C45a50134d48A1215220f80a");
        Assert.Equal("0xf15790d3edc4b5aed427b0b543a9206fcf4b1a13dfed016d33bfb313076263b8", digest);
        Assert.Equal("0x1b3646ef347e5bd144c65bd3357ba19c12c12abaeedae733cf8579bc51a2752c0454c3bc6b236957e393637982c769b8dc0706c0f5c399983d933850afd1cbcd1c", signature);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_v1_polygon_vector(Secp256k1Backend backend)
    {
        var domain = new ExchangeDomain(137, EthereumAddress.Parse("0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E"), "1");
        Span<byte> hash = stackalloc byte[32];
        Eip712.HashOrderV1(Vectors.OrderV1(), hash);
        Assert.Equal("0x1a573e3617c78403b5b4b892827992f027b03d4eaf570048b8ee8cdd84d151be", domain.Separator.ToString());
        Assert.Equal("0x26eb80b08612a9945a9a2af3af152f3bcdccd154f9708a68d2f261f44b66a11d", Hex.Encode0x(hash));
        var (digest, signature) = SignV1(backend, 137, "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E");
        Assert.Equal("0x46c2dec73dae47e86b5d589c084e6c54858d8f988db390421c8ec3a361fb78a2", digest);
        Assert.Equal("0x6435b08e46470f66939b330ab21e67f599857708cfbcc084d60738369f53b813595926e177af917b73378f6b3c6ee854ff18037a26f2869b98a483089f60bea71b", signature);
    }

    [Fact]
    public void Hashes_the_v2_order_struct_to_the_derived_value_independent_of_domain()
    {
        Span<byte> hash = stackalloc byte[32];
        Eip712.HashOrderV2(Vectors.OrderV2(Vectors.Address, Vectors.Address, SignatureType.Eoa), hash);
        Assert.Equal("0xf6bf4212bfca4d6679afc2c54a54d814a91a6c7905de5ed193fe44f329c239f0", Hex.Encode0x(hash));
    }

    [Fact]
    public void Type_hashes_match_the_reference()
    {
        Assert.Equal("0xbb86318a2138f5fa8ae32fbe8e659f8fcf13cc6ae4014a707893055433818589", Eip712.OrderV2TypeHash.ToString());
        Assert.Equal("0xa852566c4e14d00869b6db0220888a9090a13eccdaea03713ff0a3d27bf9767c", Eip712.OrderV1TypeHash.ToString());
        Assert.Equal("0x52578c5c725a28a84fedc8c22aa47947822942f35b4dc350db028e45320e035c", Eip712.ClobAuthTypeHash.ToString());
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_v2_polygon_vector(Secp256k1Backend backend)
    {
        var (separator, digest, signature) = SignV2(backend, PolymarketContracts.Polygon, OrderVersion.V2, negRisk: false);
        Assert.Equal("0x3264e159346253e26a64e00b69032db0e7d32f94628de3e6eecb50304d7af3d2", separator);
        Assert.Equal("0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d", digest);
        Assert.Equal("0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c", signature);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_v2_neg_risk_polygon_vector(Secp256k1Backend backend)
    {
        var (separator, digest, signature) = SignV2(backend, PolymarketContracts.Polygon, OrderVersion.V2, negRisk: true);
        Assert.Equal("0x9b858f53327b0bd13af8ec14cfb35234fb9eb7b0504d1a4e61f433840d30e81a", separator);
        Assert.Equal("0x9c2976657c4b229cc8e467a32ce9e3281ef40a70aee31cdc4619ebf51e4a7274", digest);
        Assert.Equal("0x79d82a92bd020329c6b9afad40b742c8cfaebdd992219b57e4282b6cfd53a66f2c97471d3297fa001f3eac2ead5f709c6e266893f19cef37633511420542a63b1b", signature);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_exchange_v3_polygon_vector(Secp256k1Backend backend)
    {
        var (separator, digest, signature) = SignV2(backend, PolymarketContracts.Polygon, OrderVersion.V3, negRisk: true);
        Assert.Equal("0x466c63910185bbd55e8679264200c4e0abdcbb0c6264eb3d41d13326022e095b", separator);
        Assert.Equal("0x0d34966f6a42e3b8bec3d0d0dcca74d762695a3bd4cdf1d6a1fc2201bf9daa87", digest);
        Assert.Equal("0x22a4e68028c7984ff9b19217dee3a8491614e97a84ca42d53fe73e7a50745fd66706b966fa16ce911a3217958a5471343c47f2fd56ea9392522a4c1c156eac701c", signature);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_v2_amoy_vector(Secp256k1Backend backend)
    {
        var (separator, digest, signature) = SignV2(backend, PolymarketContracts.Amoy, OrderVersion.V2, negRisk: false);
        Assert.Equal("0xa440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148", separator);
        Assert.Equal("0x962c97b18bea292cc94b9479272aa74fb59a905e84a621a40eb339131e9fb6ba", digest);
        Assert.Equal("0x518472f1b081f6bd713d638bb11d1bf0720ed577e93c52eb00ec9f5f325f7d510c65cbfdfe9130de2602185f4a500863d777d8b838cb28abc75ecc1b5330315d1c", signature);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_published_poly_1271_deposit_wallet_signature(Secp256k1Backend backend)
    {
        using var key = Vectors.Signer(backend);
        var wallet = EthereumAddress.Parse("0x1111111111111111111111111111111111111111");
        var signer = new OrderSigner(key, SignatureType.Poly1271, wallet);
        var order = Vectors.OrderV2(wallet, wallet, SignatureType.Poly1271);
        string expected = "0xa3a093c83b6c20c83355c16ce94c92e6e9fcbdeb840618cc74f6c57a42ad145b2b98db73d2c73cbf1f2b6af288566ae81960ddbc3a13921027358a8bff3be6ff1c"
            + "a440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148"
            + "d23d42d3ad94e65d78258cecaf8dcbaddac0f73dc085040f2c12bb595dd83804"
            + Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(Eip712.OrderV2Type))
            + "00ba";
        Assert.Equal(expected, signer.SignToHex(order, PolymarketContracts.Amoy.ExchangeV2));
    }

    [Theory]
    [InlineData(80002u, true, "0x029ca49b31e01a0230787b3673a6977ee0dbb02f78e68d2ee41d330893e17594")]
    [InlineData(137u, true, "0x0ba60c2a4504ef46ef2d139f27cd131dbc8b9643d0565a54bb14de0e31cd5600")]
    [InlineData(80002u, false, "0xf231a704e0942ea4f4f4a68a19fa01e198ddae4595d821697230159c60e562b0")]
    [InlineData(137u, false, "0xaee1d7dd93bb10f6c6a59417017905bc5dbec7ddbd71475cd19d8a95845e632d")]
    public void Domain_separator_matches_go_vectors(ulong chainId, bool withContract, string expected)
    {
        var separator = Eip712.DomainSeparator("Polymarket CTF Exchange", "1", chainId, withContract ? EthereumAddress.Zero : null);
        Assert.Equal(expected, separator.ToString());
    }
}
