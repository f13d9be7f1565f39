using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// Who signs and who funds: the signing key, the signature type and (for proxy/safe) the funder or (for
/// POLY_1271) the deposit wallet. Produces the order's maker/signer pair and its signature bytes.
/// </summary>
public sealed class OrderSigner
{
    /// <summary>Bytes of a POLY_1271 wrapped signature: 65 + 32 + 32 + type string + 2-byte length.</summary>
    public const int Poly1271SignatureLength = 65 + 32 + 32 + 186 + 2;

    /// <summary>Largest signature any type produces.</summary>
    public const int MaxSignatureLength = Poly1271SignatureLength;

    private static readonly byte[] OrderTypeAscii = System.Text.Encoding.ASCII.GetBytes(Eip712.OrderV2Type);

    private readonly ISecp256k1Signer _key;

    /// <summary>
    /// Creates the signer. <paramref name="wallet"/> is required for POLY_PROXY/POLY_GNOSIS_SAFE (the funder, used
    /// as maker) and POLY_1271 (the deposit wallet, used as maker and signer); it must be null for EOA.
    /// </summary>
    public OrderSigner(ISecp256k1Signer key, SignatureType type, EthereumAddress? wallet = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (type == SignatureType.Eoa && wallet is not null && wallet != key.Address)
            throw new ArgumentException("an EOA order has no separate funder; leave the wallet empty", nameof(wallet));
        if (type != SignatureType.Eoa && wallet is null)
            throw new ArgumentException($"signature type {type} needs the funder/deposit wallet address", nameof(wallet));
        _key = key;
        Type = type;
        (Maker, Signer) = type switch
        {
            SignatureType.Eoa => (key.Address, key.Address),
            SignatureType.PolyProxy or SignatureType.PolyGnosisSafe => (wallet!.Value, key.Address),
            SignatureType.Poly1271 => (wallet!.Value, wallet!.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown signature type"),
        };
        MakerText = Maker.ToChecksumString();
        SignerText = Signer.ToChecksumString();
        OwnerAddressText = key.Address.ToChecksumString();
    }

    /// <summary>The signature type put in every order.</summary>
    public SignatureType Type { get; }

    /// <summary>Order maker.</summary>
    public EthereumAddress Maker { get; }

    /// <summary>Order signer.</summary>
    public EthereumAddress Signer { get; }

    /// <summary>Checksummed maker text (cached for JSON).</summary>
    public string MakerText { get; }

    /// <summary>Checksummed signer text (cached for JSON).</summary>
    public string SignerText { get; }

    /// <summary>The key's own address, checksummed: POLY_ADDRESS for L1/L2 headers.</summary>
    public string OwnerAddressText { get; }

    /// <summary>The signing key's address.</summary>
    public EthereumAddress KeyAddress => _key.Address;

    /// <summary>
    /// Signs <paramref name="order"/> under <paramref name="domain"/> and writes the signature; returns its length
    /// (65, or <see cref="Poly1271SignatureLength"/> for deposit wallets).
    /// </summary>
    public int Sign(in OrderV2 order, ExchangeDomain domain, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (order.SignatureType != Type || order.Maker != Maker || order.Signer != Signer)
            throw new ArgumentException("the order's maker/signer/signature type do not belong to this signer", nameof(order));
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV2(order, structHash);
        if (Type != SignatureType.Poly1271)
        {
            Eip712.Digest(domain.Separator, structHash, digest);
            _key.Sign(digest, signature);
            return 65;
        }

        Span<byte> wrapped = stackalloc byte[32];
        Eip712.HashTypedDataSign(structHash, domain.ChainId, Signer, wrapped);
        Eip712.Digest(domain.Separator, wrapped, digest);
        _key.Sign(digest, signature);
        domain.Separator.CopyTo(signature[65..]);
        structHash.CopyTo(signature[97..]);
        OrderTypeAscii.CopyTo(signature[129..]);
        signature[129 + OrderTypeAscii.Length] = (byte)(OrderTypeAscii.Length >> 8);
        signature[130 + OrderTypeAscii.Length] = (byte)OrderTypeAscii.Length;
        return Poly1271SignatureLength;
    }

    /// <summary>Signs and returns "0x" + hex (allocates; convenience for tests and tools).</summary>
    public string SignToHex(in OrderV2 order, ExchangeDomain domain)
    {
        Span<byte> signature = stackalloc byte[MaxSignatureLength];
        int n = Sign(order, domain, signature);
        return Hex.Encode0x(signature[..n]);
    }
}
