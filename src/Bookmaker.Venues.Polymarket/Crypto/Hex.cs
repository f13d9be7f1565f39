namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>Lower-case hex with an optional "0x" prefix, the way Ethereum tooling writes bytes.</summary>
public static class Hex
{
    /// <summary>Decodes hex text with or without a "0x" prefix; throws <see cref="FormatException"/> on bad input.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        if (text.Length % 2 != 0) throw new FormatException("hex text has an odd number of digits");
        var bytes = new byte[text.Length / 2];
        var status = Convert.FromHexString(text, bytes, out _, out _);
        if (status != System.Buffers.OperationStatus.Done) throw new FormatException("hex text contains a non-hex character");
        return bytes;
    }

    /// <summary>"0x" followed by lower-case hex of <paramref name="bytes"/>.</summary>
    public static string Encode0x(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Writes "0x" + lower-case hex as UTF-16 into <paramref name="destination"/>; returns chars written.</summary>
    public static int Write0x(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        destination[0] = '0';
        destination[1] = 'x';
        const string digits = "0123456789abcdef";
        int p = 2;
        foreach (byte b in bytes)
        {
            destination[p++] = digits[b >> 4];
            destination[p++] = digits[b & 0xF];
        }

        return p;
    }
}
