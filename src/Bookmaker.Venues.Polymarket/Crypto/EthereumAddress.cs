using System.Buffers.Binary;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// A 20-byte Ethereum account address, stored by value (no array) so orders can carry it without garbage.
/// Text is EIP-55 mixed-case checksummed on output; on input a mixed-case address must carry a valid checksum,
/// because a typo in a funder address would send collateral nowhere.
/// </summary>
public readonly record struct EthereumAddress
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 20;

    private readonly ulong _high;  // bytes 0..7
    private readonly ulong _middle; // bytes 8..15
    private readonly uint _low;    // bytes 16..19

    private static readonly System.Buffers.SearchValues<char> LowerHexLetters = System.Buffers.SearchValues.Create("abcdef");
    private static readonly System.Buffers.SearchValues<char> UpperHexLetters = System.Buffers.SearchValues.Create("ABCDEF");

    /// <summary>The zero address 0x000…000.</summary>
    public static readonly EthereumAddress Zero;

    /// <summary>Creates an address from exactly 20 big-endian bytes.</summary>
    public EthereumAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException("an address is 20 bytes", nameof(bytes));
        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _middle = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _low = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    /// <summary>Writes the address as an ABI word: 12 zero bytes then the 20 address bytes.</summary>
    public void WriteAbiWord(Span<byte> word32)
    {
        word32[..12].Clear();
        CopyTo(word32[12..]);
    }

    /// <summary>The address of an uncompressed public key (64 bytes X‖Y): the last 20 bytes of keccak256(X‖Y).</summary>
    public static EthereumAddress FromPublicKey(ReadOnlySpan<byte> publicKeyXY)
    {
        if (publicKeyXY.Length == 65 && publicKeyXY[0] == 0x04) publicKeyXY = publicKeyXY[1..];
        if (publicKeyXY.Length != 64) throw new ArgumentException("expected a 64-byte X‖Y public key", nameof(publicKeyXY));
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(publicKeyXY, hash);
        return new EthereumAddress(hash[12..]);
    }

    /// <summary>Parses "0x" + 40 hex digits. All-lower or all-upper is accepted; mixed case must be a valid EIP-55 checksum.</summary>
    public static EthereumAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 42 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"'{text}' is not an address (expected 0x and 40 hex digits)");
        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(text.AsSpan(2), bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new FormatException($"'{text}' is not an address (non-hex digit)");
        var address = new EthereumAddress(bytes);
        var hex = text.AsSpan(2);
        bool hasLower = hex.ContainsAny(LowerHexLetters), hasUpper = hex.ContainsAny(UpperHexLetters);
        if (hasLower && hasUpper && !string.Equals(address.ToChecksumString(), "0x" + hex.ToString(), StringComparison.Ordinal))
            throw new FormatException($"'{text}' has an invalid EIP-55 checksum");
        return address;
    }

    /// <summary>EIP-55 checksummed text, e.g. 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266.</summary>
    public string ToChecksumString()
    {
        Span<char> text = stackalloc char[42];
        WriteChecksum(text);
        return new string(text);
    }

    /// <summary>Writes the 42-char EIP-55 text into <paramref name="destination"/> without allocating.</summary>
    public void WriteChecksum(Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        Hex.Write0x(bytes, destination);
        Span<byte> ascii = stackalloc byte[40];
        for (int i = 0; i < 40; i++) ascii[i] = (byte)destination[i + 2];
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(ascii, hash);
        for (int i = 0; i < 40; i++)
        {
            char c = destination[i + 2];
            int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            if (c >= 'a' && nibble >= 8) destination[i + 2] = (char)(c - 32);
        }
    }

    /// <summary>Lower-case "0x…" text.</summary>
    public string ToLowerHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Hex.Encode0x(bytes);
    }

    /// <inheritdoc />
    public override string ToString() => ToChecksumString();
}
