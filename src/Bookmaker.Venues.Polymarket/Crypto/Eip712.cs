using System.Text;
using Bookmaker.Venues.Polymarket.Orders;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// EIP-712 typed-data hashing for the few fixed types Polymarket signs. Hand-written (no generic typed-data
/// engine): each struct is encoded as its ABI words and hashed with Keccak-256 into stack buffers, so hashing an
/// order allocates nothing. Type hashes are computed once from the type strings.
/// </summary>
public static class Eip712
{
    /// <summary>The V2 order type string (also appended, ASCII, to POLY_1271 signatures).</summary>
    public const string OrderV2Type =
        "Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)";

    /// <summary>The V1 order type string.</summary>
    public const string OrderV1Type =
        "Order(uint256 salt,address maker,address signer,address taker,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,uint8 side,uint8 signatureType)";

    /// <summary>The L1 authentication type string.</summary>
    public const string ClobAuthType = "ClobAuth(address address,string timestamp,uint256 nonce,string message)";

    /// <summary>ERC-7739 nested typed-data wrapper used by deposit wallets; referenced types follow alphabetically.</summary>
    public const string TypedDataSignType =
        "TypedDataSign(Order contents,string name,string version,uint256 chainId,address verifyingContract,bytes32 salt)" + OrderV2Type;

    /// <summary>The fixed text a ClobAuth message attests.</summary>
    public const string ClobAuthMessage = "This message attests that I control the given wallet";

    private const string DomainWithContractType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    private const string DomainWithoutContractType = "EIP712Domain(string name,string version,uint256 chainId)";

    /// <summary>keccak256 of <see cref="OrderV2Type"/>.</summary>
    public static readonly Bytes32 OrderV2TypeHash = TypeHash(OrderV2Type);

    /// <summary>keccak256 of <see cref="OrderV1Type"/>.</summary>
    public static readonly Bytes32 OrderV1TypeHash = TypeHash(OrderV1Type);

    /// <summary>keccak256 of <see cref="ClobAuthType"/>.</summary>
    public static readonly Bytes32 ClobAuthTypeHash = TypeHash(ClobAuthType);

    /// <summary>keccak256 of <see cref="TypedDataSignType"/>.</summary>
    public static readonly Bytes32 TypedDataSignTypeHash = TypeHash(TypedDataSignType);

    private static readonly Bytes32 DomainWithContractTypeHash = TypeHash(DomainWithContractType);
    private static readonly Bytes32 DomainWithoutContractTypeHash = TypeHash(DomainWithoutContractType);
    private static readonly Bytes32 ClobAuthMessageHash = TypeHash(ClobAuthMessage);

    /// <summary>
    /// hashStruct(EIP712Domain). With <paramref name="verifyingContract"/> null the domain type has no
    /// verifyingContract member (the ClobAuth domain), which changes the type hash, not just the encoding.
    /// </summary>
    public static Bytes32 DomainSeparator(string name, string version, ulong chainId, EthereumAddress? verifyingContract)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        Span<byte> buffer = stackalloc byte[5 * 32];
        int words = verifyingContract is null ? 4 : 5;
        (verifyingContract is null ? DomainWithoutContractTypeHash : DomainWithContractTypeHash).CopyTo(buffer);
        Keccak256.Hash(Encoding.UTF8.GetBytes(name), buffer[32..]);
        Keccak256.Hash(Encoding.UTF8.GetBytes(version), buffer[64..]);
        Bytes32.WriteUInt256(chainId, buffer[96..]);
        verifyingContract?.WriteAbiWord(buffer[128..]);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(buffer[..(words * 32)], hash);
        return new Bytes32(hash);
    }

    /// <summary>hashStruct(Order) for a V2 order into <paramref name="hash32"/>.</summary>
    public static void HashOrderV2(in OrderV2 order, Span<byte> hash32)
    {
        Span<byte> buffer = stackalloc byte[12 * 32];
        OrderV2TypeHash.CopyTo(buffer);
        Bytes32.WriteUInt256(order.Salt, buffer[32..]);
        order.Maker.WriteAbiWord(buffer[64..]);
        order.Signer.WriteAbiWord(buffer[96..]);
        order.TokenId.Word.CopyTo(buffer[128..]);
        Bytes32.WriteUInt256(checked((ulong)order.MakerAmount), buffer[160..]);
        Bytes32.WriteUInt256(checked((ulong)order.TakerAmount), buffer[192..]);
        Bytes32.WriteUInt256((ulong)order.Side, buffer[224..]);
        Bytes32.WriteUInt256((ulong)order.SignatureType, buffer[256..]);
        Bytes32.WriteUInt256(checked((ulong)order.TimestampMs), buffer[288..]);
        order.Metadata.CopyTo(buffer[320..]);
        order.Builder.CopyTo(buffer[352..]);
        Keccak256.Hash(buffer, hash32);
    }

    /// <summary>hashStruct(Order) for a legacy V1 order.</summary>
    public static void HashOrderV1(in OrderV1 order, Span<byte> hash32)
    {
        Span<byte> buffer = stackalloc byte[13 * 32];
        OrderV1TypeHash.CopyTo(buffer);
        Bytes32.WriteUInt256(order.Salt, buffer[32..]);
        order.Maker.WriteAbiWord(buffer[64..]);
        order.Signer.WriteAbiWord(buffer[96..]);
        order.Taker.WriteAbiWord(buffer[128..]);
        order.TokenId.Word.CopyTo(buffer[160..]);
        Bytes32.WriteUInt256(checked((ulong)order.MakerAmount), buffer[192..]);
        Bytes32.WriteUInt256(checked((ulong)order.TakerAmount), buffer[224..]);
        Bytes32.WriteUInt256(order.Expiration, buffer[256..]);
        Bytes32.WriteUInt256(order.Nonce, buffer[288..]);
        Bytes32.WriteUInt256(order.FeeRateBps, buffer[320..]);
        Bytes32.WriteUInt256((ulong)order.Side, buffer[352..]);
        Bytes32.WriteUInt256((ulong)order.SignatureType, buffer[384..]);
        Keccak256.Hash(buffer, hash32);
    }

    /// <summary>hashStruct(ClobAuth) with the fixed attestation message.</summary>
    public static void HashClobAuth(EthereumAddress address, string timestamp, ulong nonce, Span<byte> hash32)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        Span<byte> buffer = stackalloc byte[5 * 32];
        ClobAuthTypeHash.CopyTo(buffer);
        address.WriteAbiWord(buffer[32..]);
        Keccak256.Hash(Encoding.UTF8.GetBytes(timestamp), buffer[64..]);
        Bytes32.WriteUInt256(nonce, buffer[96..]);
        ClobAuthMessageHash.CopyTo(buffer[128..]);
        Keccak256.Hash(buffer, hash32);
    }

    /// <summary>
    /// hashStruct(TypedDataSign) for a deposit wallet: the order is the nested <c>contents</c>, and the wallet's
    /// own domain (name "DepositWallet", version "1", zero salt) is spelled out as members.
    /// </summary>
    public static void HashTypedDataSign(ReadOnlySpan<byte> contentsHash32, ulong chainId, EthereumAddress depositWallet, Span<byte> hash32)
    {
        Span<byte> buffer = stackalloc byte[7 * 32];
        TypedDataSignTypeHash.CopyTo(buffer);
        contentsHash32.CopyTo(buffer[32..]);
        DepositWalletNameHash.CopyTo(buffer[64..]);
        DepositWalletVersionHash.CopyTo(buffer[96..]);
        Bytes32.WriteUInt256(chainId, buffer[128..]);
        depositWallet.WriteAbiWord(buffer[160..]);
        buffer[192..].Clear();
        Keccak256.Hash(buffer, hash32);
    }

    /// <summary>The signed digest keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash).</summary>
    public static void Digest(Bytes32 domainSeparator, ReadOnlySpan<byte> structHash32, Span<byte> digest32)
    {
        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.CopyTo(buffer[2..]);
        structHash32.CopyTo(buffer[34..]);
        Keccak256.Hash(buffer, digest32);
    }

    private static readonly Bytes32 DepositWalletNameHash = TypeHash("DepositWallet");
    private static readonly Bytes32 DepositWalletVersionHash = TypeHash("1");

    private static Bytes32 TypeHash(string text) => new(Keccak256.HashUtf8(text));
}
