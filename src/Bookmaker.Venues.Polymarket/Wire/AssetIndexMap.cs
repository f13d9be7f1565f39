using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Maps Polymarket token ids (<c>asset_id</c>, a decimal string of up to 78 digits) to dense instrument indexes without
/// allocating on lookup. UTF-8 lookups (the feed path) hash the raw bytes eight at a time into a 64-bit key, find the
/// candidate in a <c>Dictionary&lt;ulong,int&gt;</c> and verify it byte for byte; UTF-16 lookups use
/// <see cref="Dictionary{TKey,TValue}.GetAlternateLookup{TAlternateKey}"/> keyed by <see cref="ReadOnlySpan{T}"/> of char.
/// </summary>
/// <remarks>
/// Measured (bench/PolymarketParseBenchmarks): the byte hash with verification is several times faster than widening
/// the bytes into a stack buffer and using the string dictionary's alternate lookup, because the default string
/// hash (randomized Marvin over 78 chars) dominates; both allocate nothing. Two tokens with the same 64-bit hash are
/// handled: the later one is looked up through the string path.
/// </remarks>
/// <remarks>
/// Threading: build the map before parsing starts (or between frames): it is not safe to mutate while a parser reads it on
/// another thread.
/// </remarks>
public sealed class AssetIndexMap
{
    /// <summary>Longest token id accepted; uint256 is at most 78 decimal digits, the rest is headroom.</summary>
    public const int MaxTokenIdLength = 128;

    private readonly Dictionary<string, int> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Dictionary<int, string> _byIndex = [];
    private readonly Dictionary<ulong, int> _byHash = [];
    private readonly List<(byte[] Utf8, int Index)> _slots = [];
    private readonly HashSet<ulong> _collided = [];

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
        byte[] utf8 = Encoding.UTF8.GetBytes(tokenId);
        ulong hash = Hash(utf8);
        if (_byHash.TryGetValue(hash, out int slot))
        {
            if (_slots[slot].Utf8.AsSpan().SequenceEqual(utf8)) _slots[slot] = (utf8, instrumentIndex);
            else _collided.Add(hash); // astronomically rare; the string path settles it
            return;
        }

        _byHash[hash] = _slots.Count;
        _slots.Add((utf8, instrumentIndex));
    }

    /// <summary>Looks a token id up (UTF-16).</summary>
    public bool TryGetIndex(ReadOnlySpan<char> tokenId, out int instrumentIndex) => _bySpan.TryGetValue(tokenId, out instrumentIndex);

    /// <summary>Looks a token id up from raw UTF-8 (ASCII digits in practice); allocation free.</summary>
    public bool TryGetIndex(ReadOnlySpan<byte> utf8TokenId, out int instrumentIndex)
    {
        instrumentIndex = -1;
        if (utf8TokenId.Length is 0 or > MaxTokenIdLength) return false;
        ulong hash = Hash(utf8TokenId);
        if (_byHash.TryGetValue(hash, out int slot))
        {
            (byte[] utf8, int index) = _slots[slot];
            if (utf8.AsSpan().SequenceEqual(utf8TokenId))
            {
                instrumentIndex = index;
                return true;
            }
        }

        return _collided.Contains(hash) && TryGetIndexViaString(utf8TokenId, out instrumentIndex);
    }

    private bool TryGetIndexViaString(ReadOnlySpan<byte> utf8TokenId, out int instrumentIndex)
    {
        instrumentIndex = -1;
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

    /// <summary>
    /// A fast, non-cryptographic 64-bit hash of the bytes, eight at a time. Token ids are not attacker-chosen keys of
    /// an unbounded table (we register them ourselves), so hash flooding is not a concern here.
    /// </summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        ulong h = (ulong)bytes.Length * Prime;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Prime;
            h ^= h >> 29;
        }

        ulong tail = 0;
        for (int k = 0; i < bytes.Length; i++, k += 8) tail |= (ulong)bytes[i] << k;
        h = (h ^ tail) * Prime;
        return h ^ (h >> 32);
    }

    /// <summary>The token id registered for an instrument index, if any.</summary>
    public string? TokenOf(int instrumentIndex) => _byIndex.GetValueOrDefault(instrumentIndex);
}
