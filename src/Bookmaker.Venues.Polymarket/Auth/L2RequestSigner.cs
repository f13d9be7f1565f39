using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Auth;

/// <summary>The five L2 headers of an authenticated request.</summary>
/// <param name="Address">POLY_ADDRESS: the signing EOA (never the funder).</param>
/// <param name="Signature">POLY_SIGNATURE: URL-safe base64 HMAC-SHA256, '=' padding kept.</param>
/// <param name="Timestamp">POLY_TIMESTAMP: unix seconds.</param>
/// <param name="ApiKey">POLY_API_KEY.</param>
/// <param name="Passphrase">POLY_PASSPHRASE (secret: ToString hides it).</param>
public readonly record struct L2AuthHeaders(string Address, string Signature, string Timestamp, string ApiKey, string Passphrase)
{
    /// <summary>Header names as the API spells them.</summary>
    public const string AddressHeader = "POLY_ADDRESS", SignatureHeader = "POLY_SIGNATURE", TimestampHeader = "POLY_TIMESTAMP",
        ApiKeyHeader = "POLY_API_KEY", PassphraseHeader = "POLY_PASSPHRASE";

    /// <summary>Hides the passphrase.</summary>
    public override string ToString() => $"L2AuthHeaders(address={Address}, timestamp={Timestamp}, key={ApiKey}, passphrase=***)";
}

/// <summary>
/// Signs L2 requests: HMAC-SHA256 keyed with the URL-safe-base64-decoded secret over
/// <c>timestamp + method + path + body</c> (method as sent, e.g. "POST"), where path has no host and no query
/// string and body is the exact bytes sent. The prefix is assembled in a stack buffer (no string concatenation)
/// and fed, with the body, to one reused HMAC context: measured 3-4× faster than the one-shot
/// <see cref="HMACSHA256.TryHashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, out int)"/>, which
/// sets the key up again on every call. Thread-safe (a short lock guards the context).
/// </summary>
public sealed class L2RequestSigner : IDisposable
{
    /// <summary>Length of a POLY_SIGNATURE value (base64 of 32 bytes, with padding).</summary>
    public const int SignatureLength = 44;

    private const int StackLimit = 512;

    private readonly IncrementalHash _hmac;
    private readonly Lock _gate = new();
    private readonly string _apiKey;
    private readonly string _passphrase;

    /// <summary>Creates the signer for <paramref name="credentials"/> used by the EOA <paramref name="address"/>.</summary>
    public L2RequestSigner(ApiCredentials credentials, EthereumAddress address)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        byte[] key = DecodeSecret(credentials.Secret);
        try
        {
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        _apiKey = credentials.ApiKey;
        _passphrase = credentials.Passphrase;
        Address = address.ToChecksumString();
    }

    /// <summary>POLY_ADDRESS value.</summary>
    public string Address { get; }

    /// <summary>
    /// Writes the URL-safe base64 HMAC as UTF-8 into <paramref name="destination"/> (≥ 44 bytes); returns 44.
    /// Allocation free.
    /// </summary>
    public int WriteSignature(long timestampSeconds, ReadOnlySpan<char> method, ReadOnlySpan<char> path, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        int query = path.IndexOf('?');
        if (query >= 0) path = path[..query];
        int max = 20 + method.Length + Encoding.UTF8.GetMaxByteCount(path.Length);
        byte[]? rented = null;
        Span<byte> prefix = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            Utf8Formatter.TryFormat(timestampSeconds, prefix, out int n);
            foreach (char c in method)
            {
                if (c > 0x7F) throw new ArgumentException("HTTP method must be ASCII", nameof(method));
                prefix[n++] = (byte)c; // signed exactly as sent (the SDKs do not change case)
            }

            n += Encoding.UTF8.GetBytes(path, prefix[n..]);
            Span<byte> mac = stackalloc byte[32];
            lock (_gate)
            {
                _hmac.AppendData(prefix[..n]);
                if (!body.IsEmpty) _hmac.AppendData(body);
                _hmac.GetHashAndReset(mac);
            }

            Base64.EncodeToUtf8(mac, destination, out _, out int written);
            for (int i = 0; i < written; i++)
            {
                if (destination[i] == (byte)'+') destination[i] = (byte)'-';
                else if (destination[i] == (byte)'/') destination[i] = (byte)'_';
            }

            return written;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The POLY_SIGNATURE value as a string.</summary>
    public string Sign(long timestampSeconds, ReadOnlySpan<char> method, ReadOnlySpan<char> path, ReadOnlySpan<byte> body)
    {
        Span<byte> utf8 = stackalloc byte[SignatureLength];
        int n = WriteSignature(timestampSeconds, method, path, body, utf8);
        return Encoding.ASCII.GetString(utf8[..n]);
    }

    /// <summary>All five headers for one request.</summary>
    public L2AuthHeaders CreateHeaders(long timestampSeconds, ReadOnlySpan<char> method, ReadOnlySpan<char> path, ReadOnlySpan<byte> body) =>
        new(Address, Sign(timestampSeconds, method, path, body), timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), _apiKey, _passphrase);

    /// <summary>Releases the HMAC context (and the key material inside it).</summary>
    public void Dispose() => _hmac.Dispose();

    /// <summary>Shows the address only.</summary>
    public override string ToString() => $"L2RequestSigner({Address}, key={_apiKey})";

    /// <summary>URL-safe base64 decode as the SDKs do it ('-'→'+', '_'→'/', '=' re-padded). Never echoes the secret.</summary>
    internal static byte[] DecodeSecret(string secret)
    {
        var chars = new char[(secret.Length + 3) / 4 * 4];
        int i = 0;
        foreach (char c in secret.AsSpan().Trim())
        {
            chars[i++] = c switch { '-' => '+', '_' => '/', _ => c };
        }

        while (i % 4 != 0) chars[i++] = '=';
        try
        {
            return Convert.FromBase64CharArray(chars, 0, i);
        }
        catch (FormatException)
        {
            throw new FormatException("the API secret is not valid base64 (value not shown)");
        }
        finally
        {
            Array.Clear(chars);
        }
    }
}
