namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// Signs 32-byte digests with one secp256k1 key the way Ethereum expects: RFC 6979 deterministic nonce
/// (HMAC-SHA256), low-s, 65 bytes r‖s‖v with v = 27 + recovery id. Every backend gives identical bytes for the
/// same key and digest (the test vectors are run against each).
/// </summary>
public interface ISecp256k1Signer : IDisposable
{
    /// <summary>"native" (libsecp256k1) or "managed" (BouncyCastle).</summary>
    string BackendName { get; }

    /// <summary>The key's Ethereum address.</summary>
    EthereumAddress Address { get; }

    /// <summary>Signs <paramref name="digest32"/>, writing r(32)‖s(32)‖v(1) into <paramref name="signature65"/>.</summary>
    void Sign(ReadOnlySpan<byte> digest32, Span<byte> signature65);
}

/// <summary>Which implementation signs.</summary>
public enum Secp256k1Backend
{
    /// <summary>libsecp256k1 when it can be loaded, otherwise BouncyCastle.</summary>
    Auto = 0,

    /// <summary>The system libsecp256k1 through P/Invoke; fails if it is not installed.</summary>
    Native = 1,

    /// <summary>BouncyCastle, pure managed code.</summary>
    Managed = 2,
}

/// <summary>Creates signers, preferring the native library (about an order of magnitude faster).</summary>
public static class Secp256k1SignerFactory
{
    /// <summary>True when libsecp256k1 (with the recovery module) could be loaded on this machine.</summary>
    public static bool NativeAvailable => LibSecp256k1.IsAvailable;

    /// <summary>A signer for <paramref name="key"/> on the requested backend. The signer does not own the key.</summary>
    public static ISecp256k1Signer Create(Secp256k1PrivateKey key, Secp256k1Backend backend = Secp256k1Backend.Auto)
    {
        ArgumentNullException.ThrowIfNull(key);
        return backend switch
        {
            Secp256k1Backend.Native => new NativeSecp256k1Signer(key),
            Secp256k1Backend.Managed => new ManagedSecp256k1Signer(key),
            _ => NativeAvailable ? new NativeSecp256k1Signer(key) : new ManagedSecp256k1Signer(key),
        };
    }
}
