using System.Buffers;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// The shapes of Polymarket credentials, checked at start-up so a pasted fragment, a quoted value or a key from another
/// venue is refused with its key named instead of failing later as a 401 or a signature the venue rejects. Never
/// formats the value it checks.
/// </summary>
internal static class CredentialFormats
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/");

    /// <summary>The order n of the secp256k1 group, big-endian: a private key must lie in [1, n − 1].</summary>
    private static ReadOnlySpan<byte> CurveOrder =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>32 bytes as 64 hex digits, "0x" optional (the signer accepts both), in the secp256k1 scalar range.</summary>
    public static bool IsPrivateKey(string text)
    {
        ReadOnlySpan<char> hex = text.AsSpan();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        if (hex.Length != 64 || hex.ContainsAnyExcept(HexDigits)) return false;
        Span<byte> key = stackalloc byte[32];
        try
        {
            Convert.FromHexString(hex, key, out _, out _);
            return key.ContainsAnyExcept((byte)0) && key.SequenceCompareTo(CurveOrder) < 0;
        }
        finally
        {
            key.Clear();
        }
    }

    /// <summary>A UUID in its usual 8-4-4-4-12 form (the L2 API key the venue issues).</summary>
    public static bool IsApiKey(string text) => Guid.TryParseExact(text, "D", out _);

    /// <summary>
    /// URL-safe base64 (standard '+' and '/' and missing '=' padding accepted, as the signer decodes it) of exactly
    /// 32 bytes: the HMAC secret <c>POST /auth/api-key</c> returns.
    /// </summary>
    public static bool IsApiSecret(string text)
    {
        ReadOnlySpan<char> body = text.AsSpan().TrimEnd('=');
        if (text.Length - body.Length > 2 || body.ContainsAnyExcept(Base64Chars)) return false;
        // 32 bytes are 43 base64 characters (42 full sextets and 4 bits); 44 with one '='.
        if (body.Length != 43) return false;
        Span<char> standard = stackalloc char[44];
        Span<byte> bytes = stackalloc byte[33];
        try
        {
            for (int i = 0; i < 43; i++) standard[i] = body[i] switch { '-' => '+', '_' => '/', char c => c };
            standard[43] = '=';
            return Convert.TryFromBase64Chars(standard, bytes, out int written) && written == 32;
        }
        finally
        {
            standard.Clear();
            bytes.Clear();
        }
    }

    /// <summary>64 hex digits: the passphrase <c>POST /auth/api-key</c> returns.</summary>
    public static bool IsApiPassphrase(string text) => text.Length == 64 && !text.AsSpan().ContainsAnyExcept(HexDigits);
}
