using System.Globalization;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Auth;

/// <summary>The four L1 headers used to create or derive API keys.</summary>
/// <param name="Address">POLY_ADDRESS: checksummed EOA.</param>
/// <param name="Signature">POLY_SIGNATURE: 0x + r‖s‖v hex of the ClobAuth signature.</param>
/// <param name="Timestamp">POLY_TIMESTAMP: unix seconds (the same text that was signed).</param>
/// <param name="Nonce">POLY_NONCE.</param>
public readonly record struct L1AuthHeaders(string Address, string Signature, string Timestamp, string Nonce)
{
    /// <summary>Header names.</summary>
    public const string AddressHeader = "POLY_ADDRESS", SignatureHeader = "POLY_SIGNATURE", TimestampHeader = "POLY_TIMESTAMP", NonceHeader = "POLY_NONCE";
}

/// <summary>
/// Signs the EIP-712 <c>ClobAuth</c> attestation (domain ClobAuthDomain/"1"/chainId, no verifyingContract).
/// </summary>
public sealed class L1Authenticator
{
    /// <summary>Domain name of ClobAuth.</summary>
    public const string DomainName = "ClobAuthDomain";

    private readonly ISecp256k1Signer _key;

    /// <summary>Creates the authenticator for one key on one chain.</summary>
    public L1Authenticator(ISecp256k1Signer key, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        DomainSeparator = Eip712.DomainSeparator(DomainName, "1", chainId, null);
    }

    /// <summary>The ClobAuth domain separator for this chain.</summary>
    public Bytes32 DomainSeparator { get; }

    /// <summary>The 0x-hex signature of ClobAuth(address, timestamp, nonce, message).</summary>
    public string Sign(long timestampSeconds, ulong nonce)
    {
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Span<byte> signature = stackalloc byte[65];
        Eip712.HashClobAuth(_key.Address, timestampSeconds.ToString(CultureInfo.InvariantCulture), nonce, structHash);
        Eip712.Digest(DomainSeparator, structHash, digest);
        _key.Sign(digest, signature);
        return Hex.Encode0x(signature);
    }

    /// <summary>The L1 headers for a key-management request.</summary>
    public L1AuthHeaders CreateHeaders(long timestampSeconds, ulong nonce = 0) => new(
        _key.Address.ToChecksumString(),
        Sign(timestampSeconds, nonce),
        timestampSeconds.ToString(CultureInfo.InvariantCulture),
        nonce.ToString(CultureInfo.InvariantCulture));
}
