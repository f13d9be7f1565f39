using System.Text.Json;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Maps Polymarket token ids (<c>asset_id</c>, a decimal string of up to 78 digits) to dense instrument indexes without
/// allocating on lookup: the UTF-8 bytes of the JSON value are transcoded into a stack buffer and looked up through
/// <see cref="Dictionary{TKey,TValue}.GetAlternateLookup{TAlternateKey}"/> keyed by <see cref="ReadOnlySpan{T}"/> of char.
/// </summary>
/// <remarks>
/// Build the map before parsing starts (or between frames): it is not safe to mutate while a parser reads it on
/// another thread.
/// </remarks>
public sealed class AssetIndexMap
{
    /// <summary>Longest token id accepted; uint256 is at most 78 decimal digits, the rest is headroom.</summary>
    public const int MaxTokenIdLength = 128;

    private readonly Dictionary<string, int> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<int, string> _byIndex = [];

    /// <summary>Creates an empty map.</summary>
    public AssetIndexMap() => _bySpan = _byToken.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Number of registered tokens.</summary>
    public int Count => _byToken.Count;

    /// <summary>Registers (or re-registers) a token id for an instrument index.</summary>
    public void Add(string tokenId, int instrumentIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentOutOfRangeException.ThrowIfNegative(instrumentIndex);
        if (tokenId.Length > MaxTokenIdLength) throw new ArgumentException($"token id longer than {MaxTokenIdLength} characters", nameof(tokenId));
        _byToken[tokenId] = instrumentIndex;
        _byIndex[instrumentIndex] = tokenId;
    }

    /// <summary>Looks a token id up (UTF-16).</summary>
    public bool TryGetIndex(ReadOnlySpan<char> tokenId, out int instrumentIndex) => _bySpan.TryGetValue(tokenId, out instrumentIndex);

    /// <summary>Looks a token id up from raw UTF-8 (ASCII digits in practice); allocation free.</summary>
    public bool TryGetIndex(ReadOnlySpan<byte> utf8TokenId, out int instrumentIndex)
    {
        instrumentIndex = -1;
        if (utf8TokenId.Length is 0 or > MaxTokenIdLength) return false;
        Span<char> chars = stackalloc char[MaxTokenIdLength];
        for (int i = 0; i < utf8TokenId.Length; i++)
        {
            byte b = utf8TokenId[i];
            if (b > 127) return false; // token ids are ASCII digits; anything else cannot be registered
            chars[i] = (char)b;
        }

        return _bySpan.TryGetValue(chars[..utf8TokenId.Length], out instrumentIndex);
    }

    /// <summary>Looks up the string token at the reader's position, unescaping into a stack buffer if needed.</summary>
    internal bool TryGetIndex(ref Utf8JsonReader reader, out int instrumentIndex)
    {
        instrumentIndex = -1;
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence) return false;
        if (!reader.ValueIsEscaped) return TryGetIndex(reader.ValueSpan, out instrumentIndex);
        if (reader.ValueSpan.Length > MaxTokenIdLength) return false;
        Span<char> chars = stackalloc char[MaxTokenIdLength];
        int n = reader.CopyString(chars);
        return _bySpan.TryGetValue(chars[..n], out instrumentIndex);
    }

    /// <summary>The token id registered for an instrument index, if any.</summary>
    public string? TokenOf(int instrumentIndex) => _byIndex.GetValueOrDefault(instrumentIndex);
}
