using System.Security.Cryptography;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// A secp256k1 private key. It never prints (<see cref="ToString"/> is "***"), never appears in exception text,
/// and is zeroed on <see cref="Dispose"/>. Only the signer backends in this assembly can read the bytes.
/// </summary>
public sealed class Secp256k1PrivateKey : IDisposable
{
    private readonly byte[] _secret = GC.AllocateArray<byte>(32, pinned: true);
    private bool _disposed;

    private Secp256k1PrivateKey(ReadOnlySpan<byte> secret) => secret.CopyTo(_secret);

    /// <summary>From 32 big-endian bytes; rejects zero and values ≥ the curve order.</summary>
    public static Secp256k1PrivateKey FromBytes(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != 32) throw new ArgumentException("a private key is 32 bytes", nameof(secret));
        if (!IsValidScalar(secret)) throw new ArgumentException("the private key is outside the secp256k1 range (zero or ≥ n)", nameof(secret));
        return new Secp256k1PrivateKey(secret);
    }

    /// <summary>From 64 hex digits with or without "0x". The error message never echoes the text.</summary>
    public static Secp256k1PrivateKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> text = hex.AsSpan().Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        Span<byte> bytes = stackalloc byte[32];
        try
        {
            if (text.Length != 64 || Convert.FromHexString(text, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
                throw new FormatException("the private key must be 64 hex digits (value not shown)");
            return FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The secret bytes, for the signer backends only.</summary>
    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>Always "***".</summary>
    public override string ToString() => "***";

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    private static ReadOnlySpan<byte> CurveOrder =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    private static bool IsValidScalar(ReadOnlySpan<byte> secret) =>
        secret.ContainsAnyExcept((byte)0) && secret.SequenceCompareTo(CurveOrder) < 0;
}
