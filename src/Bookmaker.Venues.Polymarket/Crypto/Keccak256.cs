using Org.BouncyCastle.Crypto.Digests;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256). The permutation is BouncyCastle's
/// <see cref="KeccakDigest"/>, fed and read through its span overloads; this wrapper only keeps one digest per
/// thread, so hashing allocates nothing in steady state.
/// </summary>
public static class Keccak256
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashLength = 32;

    [ThreadStatic] private static KeccakDigest? t_digest;

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashLength) throw new ArgumentException("destination needs 32 bytes", nameof(destination));
        var digest = t_digest ??= new KeccakDigest(256);
        digest.Reset();
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    /// <summary>Hashes <paramref name="data"/> and returns a new 32-byte array (convenience, allocates).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashLength];
        Hash(data, result);
        return result;
    }

    /// <summary>Hashes the UTF-8 bytes of an ASCII/Unicode string (type strings, EIP-712 string members).</summary>
    public static byte[] HashUtf8(string text) => Hash(System.Text.Encoding.UTF8.GetBytes(text));
}
