using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Shared inputs of the reference's §4 vectors.</summary>
internal static class Vectors
{
    public const string PrivateKeyHex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string AddressText = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public static readonly EthereumAddress Address = EthereumAddress.Parse(AddressText);

    /// <summary>Every backend available here. Native is required on machines that ran ./test.sh (it installs it).</summary>
    public static TheoryData<Secp256k1Backend> Backends => new() { Secp256k1Backend.Native, Secp256k1Backend.Managed };

    public static ISecp256k1Signer Signer(Secp256k1Backend backend) =>
        Secp256k1SignerFactory.Create(Secp256k1PrivateKey.FromHex(PrivateKeyHex), backend);

    public static OrderV2 OrderV2(EthereumAddress maker, EthereumAddress signer, SignatureType type) => new(
        479249096354, maker, signer, TokenId.Parse("1234"), 100000000, 50000000, Side.Buy, type, 1710000000000,
        Bytes32.Zero, Bytes32.Zero);

    public static OrderV1 OrderV1() => new(
        479249096354, Address, Address, EthereumAddress.Zero, TokenId.Parse("1234"), 100000000, 50000000, 0, 0, 100,
        Side.Buy, SignatureType.Eoa);

    public static string Hex32(ReadOnlySpan<byte> bytes) => Hex.Encode0x(bytes);
}
