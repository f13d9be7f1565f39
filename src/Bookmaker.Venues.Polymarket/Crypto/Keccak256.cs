using Org.BouncyCastle.Crypto.Digests;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256). The permutation is BouncyCastle's
/// <see cref="KeccakDigest"/>; this wrapper only adds span input and per-thread reuse so hashing allocates nothing
/// in steady state (BouncyCastle 1.8 takes arrays, so input is copied into a per-thread scratch array first).
/// </summary>
public static class Keccak256
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashLength = 32;

    [ThreadStatic] private static KeccakDigest? t_digest;
    [ThreadStatic] private static byte[]? t_scratch;
    [ThreadStatic] private static byte[]? t_output;

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashLength) throw new ArgumentException("destination needs 32 bytes", nameof(destination));
        var digest = t_digest ??= new KeccakDigest(256);
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < data.Length)
        {
            scratch = new byte[Math.Max(512, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)data.Length))];
            t_scratch = scratch;
        }

        data.CopyTo(scratch);
        var output = t_output ??= new byte[HashLength];
        digest.Reset();
        digest.BlockUpdate(scratch, 0, data.Length);
        digest.DoFinal(output, 0);
        output.CopyTo(destination);
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
