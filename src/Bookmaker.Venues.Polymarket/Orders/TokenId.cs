using System.Globalization;
using System.Numerics;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// A CTF ERC-1155 position id: a uint256 that the API writes in decimal (up to 78 digits). Parsed once per market
/// and kept both as text (for JSON) and as the 32-byte word (for hashing).
/// </summary>
public readonly record struct TokenId
{
    private TokenId(string text, Bytes32 word)
    {
        Text = text;
        Word = word;
    }

    /// <summary>The canonical decimal text.</summary>
    public string Text { get; }

    /// <summary>The uint256 ABI word.</summary>
    public Bytes32 Word { get; }

    /// <summary>Parses a non-negative decimal below 2^256.</summary>
    public static TokenId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text.Length > 78 || !text.AsSpan().ContainsOnlyDigits())
            throw new FormatException($"'{text}' is not a token id (decimal uint256)");
        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value.GetByteCount(isUnsigned: true) > 32) throw new FormatException($"'{text}' exceeds uint256");
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        int n = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(word[(32 - n)..], out _, isUnsigned: true, isBigEndian: true);
        return new TokenId(value.ToString(CultureInfo.InvariantCulture), new Bytes32(word));
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

internal static class SpanDigitExtensions
{
    internal static bool ContainsOnlyDigits(this ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
