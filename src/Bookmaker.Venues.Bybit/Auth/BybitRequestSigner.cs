using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Bookmaker.Venues.Bybit.Auth;

/// <summary>
/// Signs Bybit v5 requests: lowercase hex HMAC-SHA256, keyed with the UTF-8 secret, over
/// <c>timestamp + apiKey + recvWindow + payload</c>, where payload is the exact query string after <c>?</c> (GET; an
/// absent query signs as an empty one) or the exact body bytes sent (POST). The WebSocket <c>auth</c> op signs
/// <c>GET/realtime + expires</c>.
/// <para>
/// The HMAC is the platform's: one <see cref="IncrementalHash"/> keyed once and reused under a short lock (keying once is
/// what makes it faster than the one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/>, which re-keys each call), fed
/// prefix and payload from one buffer in a single call. Allocation-free through <see cref="WriteSignature"/>.
/// </para>
/// </summary>
[SkipLocalsInit]
public sealed class BybitRequestSigner : IDisposable
{
    /// <summary>Length of an X-BAPI-SIGN value (hex of 32 bytes).</summary>
    public const int SignatureLength = 64;

    /// <summary>The default receive window, in milliseconds (the venue's default).</summary>
    public const int DefaultRecvWindowMs = 5000;

    private const int StackLimit = 1024;
    private const int MacSize = 32;
    private static readonly byte[] RealtimePrefix = "GET/realtime"u8.ToArray();

    // The key schedule (secret-equivalent) lives inside the platform's HMAC context; released on Dispose.
    private readonly IncrementalHash _hmac;
    private readonly byte[] _apiKeyUtf8;
    private readonly Lock _gate = new();
    private volatile bool _disposed;

    /// <summary>Creates the signer for <paramref name="credentials"/>.</summary>
    public BybitRequestSigner(BybitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        byte[] key = Encoding.UTF8.GetBytes(credentials.Secret);
        try
        {
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        ApiKey = credentials.ApiKey;
        _apiKeyUtf8 = Encoding.UTF8.GetBytes(ApiKey);
    }

    /// <summary>The API key this signer signs for.</summary>
    public string ApiKey { get; }

    /// <summary>
    /// Writes the 64 lowercase hex characters of the REST signature as UTF-8 into <paramref name="destination"/>;
    /// returns 64. Allocation-free.
    /// </summary>
    public int WriteSignature(long timestampMs, int recvWindowMs, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (destination.Length < SignatureLength) throw new ArgumentException("needs 64 bytes", nameof(destination));
        Span<byte> mac = stackalloc byte[MacSize];
        ComputeRestMac(timestampMs, recvWindowMs, payload, mac);
        return WriteHex(mac, destination);
    }

    /// <summary>The X-BAPI-SIGN value for a request whose query string or body is <paramref name="payload"/>.</summary>
    public string Sign(long timestampMs, int recvWindowMs, ReadOnlySpan<byte> payload)
    {
        Span<byte> mac = stackalloc byte[MacSize];
        ComputeRestMac(timestampMs, recvWindowMs, payload, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>All four headers for one request.</summary>
    public BybitAuthHeaders CreateHeaders(long timestampMs, int recvWindowMs, ReadOnlySpan<byte> payload) =>
        new(ApiKey, timestampMs.ToString(CultureInfo.InvariantCulture), recvWindowMs.ToString(CultureInfo.InvariantCulture),
            Sign(timestampMs, recvWindowMs, payload));

    /// <summary>The signature of the WebSocket <c>auth</c> op for <paramref name="expiresMs"/> (HMAC of <c>GET/realtime{expires}</c>).</summary>
    public string SignWebSocket(long expiresMs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> buffer = stackalloc byte[64];
        RealtimePrefix.CopyTo(buffer);
        Utf8Formatter.TryFormat(expiresMs, buffer[RealtimePrefix.Length..], out int digits);
        Span<byte> mac = stackalloc byte[MacSize];
        Hash(buffer[..(RealtimePrefix.Length + digits)], mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Releases the HMAC context (and the key material inside it).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _hmac.Dispose();
        }
    }

    /// <summary>Shows the key only.</summary>
    public override string ToString() => $"BybitRequestSigner(key={ApiKey})";

    private void ComputeRestMac(long timestampMs, int recvWindowMs, ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recvWindowMs);
        int capacity = 20 + _apiKeyUtf8.Length + 11 + payload.Length;
        byte[]? rented = null;
        Span<byte> buffer = capacity <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        try
        {
            Utf8Formatter.TryFormat(timestampMs, buffer, out int n);
            _apiKeyUtf8.CopyTo(buffer[n..]);
            n += _apiKeyUtf8.Length;
            Utf8Formatter.TryFormat(recvWindowMs, buffer[n..], out int w);
            n += w;
            payload.CopyTo(buffer[n..]);
            n += payload.Length;
            Hash(buffer[..n], mac);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Hash(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _hmac.AppendData(message);
            _hmac.GetHashAndReset(mac);
        }
    }

    private static int WriteHex(ReadOnlySpan<byte> mac, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < mac.Length; i++)
        {
            destination[2 * i] = (byte)digits[mac[i] >> 4];
            destination[2 * i + 1] = (byte)digits[mac[i] & 0xF];
        }

        return mac.Length * 2;
    }
}
