using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Polymarket order signing: EIP-712 hash + ECDSA on each backend, the bare libsecp256k1 call for the ratio,
/// L2 HMAC signatures and headers (with the framework's one-shot and reused HMACs over the same message as references),
/// and the full build + sign + serialize of a POST /order body.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PolymarketSigningBenchmarks : IDisposable
{
    private const string Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly byte[] _signature = new byte[OrderSigner.MaxSignatureLength];
    private readonly byte[] _hmac = new byte[L2RequestSigner.SignatureLength];
    private readonly byte[] _hmacKey = new byte[32];
    private byte[] _message = null!;
    private readonly System.Security.Cryptography.IncrementalHash _incremental =
        System.Security.Cryptography.IncrementalHash.CreateHMAC(System.Security.Cryptography.HashAlgorithmName.SHA256, new byte[32]);
    private Secp256k1PrivateKey _key = null!;
    private ISecp256k1Signer _native = null!;
    private ISecp256k1Signer _managed = null!;
    private OrderSigner _nativeOrders = null!;
    private OrderSigner _managedOrders = null!;
    private OrderV2 _order;
    private byte[] _digest = null!;
    private byte[] _body = null!;
    private L2RequestSigner _l2 = null!;
    private OrderBuilder _builder = null!;
    private MarketSigningInfo _market;
    private ExchangeDomain _domain = null!;
    private readonly Price _price = Price.Parse("0.56");
    private readonly Quantity _size = Quantity.Parse("21.04");

    [GlobalSetup]
    public void Setup()
    {
        _key = Secp256k1PrivateKey.FromHex(Key);
        _native = Secp256k1SignerFactory.Create(_key, Secp256k1Backend.Native);
        _managed = Secp256k1SignerFactory.Create(_key, Secp256k1Backend.Managed);
        _nativeOrders = new OrderSigner(_native, SignatureType.Eoa);
        _managedOrders = new OrderSigner(_managed, SignatureType.Eoa);
        _domain = PolymarketContracts.Polygon.ExchangeV2;
        var token = TokenId.Parse("71321045679252212594626385532706912750332728571942532289631379312455583992563");
        _order = new OrderV2(479249096354, _native.Address, _native.Address, token, 100000000, 50000000, Side.Buy,
            SignatureType.Eoa, 1710000000000, Bytes32.Zero, Bytes32.Zero);
        Span<byte> hash = stackalloc byte[32];
        _digest = new byte[32];
        Eip712.HashOrderV2(_order, hash);
        Eip712.Digest(_domain.Separator, hash, _digest);
        _market = new MarketSigningInfo(token, Price.Parse("0.01"), NegRisk: false);
        _builder = new OrderBuilder(_nativeOrders, PolymarketContracts.Polygon,
            new SimulatedTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1710000000000)), new Random(1));
        _body = OrderJson.SerializeOrder(_builder.BuildLimit(_market, Side.Buy, Price.Parse("0.56"), Quantity.Parse("21.04")), "00000000-0000-0000-0000-000000000000");
        _message = [.. "1710000000POST/order"u8, .. _body];
        var credentials = new ApiCredentials("00000000-0000-0000-0000-000000000000", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "p");
        _l2 = new L2RequestSigner(credentials, _native.Address);
    }

    [Benchmark(Description = "sign order (EIP-712 hash + ECDSA), native")]
    public int SignOrderNative() => _nativeOrders.Sign(_order, _domain, _signature);

    [Benchmark(Description = "sign order (EIP-712 hash + ECDSA), managed")]
    public int SignOrderManaged() => _managedOrders.Sign(_order, _domain, _signature);

    [Benchmark(Description = "libsecp256k1 sign digest only")]
    public byte SignDigestNativeOnly()
    {
        _native.Sign(_digest, _signature);
        return _signature[64];
    }

    [Benchmark(Description = "EIP-712 order hash + digest only")]
    public byte HashOrderOnly()
    {
        Span<byte> hash = stackalloc byte[32];
        Eip712.HashOrderV2(_order, hash);
        Eip712.Digest(_domain.Separator, hash, _signature);
        return _signature[0];
    }

    [Benchmark(Description = "L2 HMAC signature into span (POST /order body)")]
    public int HmacSignatureSpan() => _l2.WriteSignature(1710000000, "POST", "/order", _body, _hmac);

    [Benchmark(Description = "reference: bare HMACSHA256.TryHashData over a prebuilt message")]
    public bool HmacBare()
    {
        Span<byte> mac = stackalloc byte[32];
        return System.Security.Cryptography.HMACSHA256.TryHashData(_hmacKey, _message, mac, out _);
    }

    [Benchmark(Description = "reference: reused IncrementalHash HMAC over a prebuilt message")]
    public bool HmacIncremental()
    {
        Span<byte> mac = stackalloc byte[32];
        _incremental.AppendData(_message);
        return _incremental.TryGetHashAndReset(mac, out _);
    }

    [Benchmark(Description = "L2 HMAC headers (strings)")]
    public L2AuthHeaders HmacHeaders() => _l2.CreateHeaders(1710000000, "POST", "/order", _body);

    [Benchmark(Description = "build + sign + serialize POST /order (native)")]
    public int BuildSignSerialize() =>
        OrderJson.SerializeOrder(_builder.BuildLimit(_market, Side.Buy, _price, _size), "00000000-0000-0000-0000-000000000000").Length;

    public void Dispose()
    {
        _l2?.Dispose();
        _incremental.Dispose();
        _native?.Dispose();
        _managed?.Dispose();
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
