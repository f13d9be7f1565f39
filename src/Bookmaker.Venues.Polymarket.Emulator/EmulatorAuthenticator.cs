using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Checks a request's credentials as the venue does: L2 (five headers, the key known, passphrase and address
/// matching, the HMAC recomputed over timestamp + method + path + body) and L1 (the ClobAuth signer recovered from the
/// signature equals the address header).
/// </summary>
/// <param name="accounts">The keys issued.</param>
/// <param name="options">Chain id and the optional timestamp skew check.</param>
/// <param name="gate">The venue lock: only the key lookup needs it; the HMAC runs outside.</param>
internal sealed class EmulatorAuthenticator(EmulatorAccounts accounts, EmulatorOptions options, Lock gate)
{
    /// <summary>The key the L2 headers prove, or null.</summary>
    public ApiKeyRecord? AuthenticateL2(Func<string, string?> header, string method, string path, ReadOnlySpan<byte> body)
    {
        string? address = header(L2AuthHeaders.AddressHeader), signature = header(L2AuthHeaders.SignatureHeader),
            timestamp = header(L2AuthHeaders.TimestampHeader), apiKey = header(L2AuthHeaders.ApiKeyHeader),
            passphrase = header(L2AuthHeaders.PassphraseHeader);
        if (address is null || signature is null || timestamp is null || apiKey is null || passphrase is null) return null;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long ts)) return null;
        ApiKeyRecord? key;
        lock (gate)
        {
            if (!accounts.TryGet(apiKey, out key)) return null;
            if (options.MaxTimestampSkew is TimeSpan skew && Math.Abs(options.Time.GetUtcNow().ToUnixTimeSeconds() - ts) > skew.TotalSeconds) return null;
        }

        if (!FixedEquals(passphrase, key.Credentials.Passphrase)) return null;
        if (!string.Equals(address, key.AddressText, StringComparison.OrdinalIgnoreCase)) return null;
        string expected = key.Hmac.Sign(ts, method, path, body);
        return FixedEquals(signature, expected) ? key : null;
    }

    /// <summary>Checks the four L1 headers by recovering the ClobAuth signer; returns the address and nonce.</summary>
    public bool AuthenticateL1(Func<string, string?> header, out EthereumAddress address, out ulong nonce)
    {
        address = default;
        nonce = 0;
        string? addressText = header(L1AuthHeaders.AddressHeader), signature = header(L1AuthHeaders.SignatureHeader),
            timestamp = header(L1AuthHeaders.TimestampHeader), nonceText = header(L1AuthHeaders.NonceHeader) ?? "0";
        if (addressText is null || signature is null || timestamp is null) return false;
        if (!ulong.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out nonce)) return false;
        try
        {
            address = EthereumAddress.Parse(addressText);
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashClobAuth(address, timestamp, nonce, structHash);
        Eip712.Digest(Eip712.DomainSeparator(L1Authenticator.DomainName, "1", options.Contracts.ChainId, null), structHash, digest);
        return Secp256k1Recovery.TryRecoverAddress(digest, signature, out EthereumAddress signer) && signer == address;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
