using System.Buffers.Binary;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>A 32-byte value (bytes32 / uint256 ABI word) stored by value, big-endian.</summary>
public readonly record struct Bytes32
{
    private readonly ulong _a, _b, _c, _d;

    /// <summary>All zero (the default metadata and builder code).</summary>
    public static readonly Bytes32 Zero;

    /// <summary>From exactly 32 big-endian bytes.</summary>
    public Bytes32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32) throw new ArgumentException("expected 32 bytes", nameof(bytes));
        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>Parses "0x" + 64 hex digits.</summary>
    public static Bytes32 Parse(string hex)
    {
        var bytes = Hex.Decode(hex);
        if (bytes.Length != 32) throw new FormatException("expected 32 bytes of hex");
        return new Bytes32(bytes);
    }

    /// <summary>Writes the 32 bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>"0x" + 64 lower-case hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        CopyTo(bytes);
        return Hex.Encode0x(bytes);
    }

    /// <summary>A uint256 ABI word holding an unsigned 64-bit value.</summary>
    public static void WriteUInt256(ulong value, Span<byte> word32)
    {
        word32[..24].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(word32[24..], value);
    }
}
