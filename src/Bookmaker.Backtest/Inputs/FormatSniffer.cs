using System.IO.Compression;
using System.Text;

namespace Bookmaker.Backtest.Inputs;

/// <summary>
/// Recognises a recording by its first non-blank line (after gunzip when the file starts with the gzip magic), so a
/// misnamed file is still read the right way: <c>[</c> is a Polymarket JSON array, <c>{"recv_ns"</c> the recorder, a
/// number then a space then <c>{</c> a Binance line.
/// </summary>
public static class FormatSniffer
{
    /// <summary>Detects the format of <paramref name="path"/>; <see cref="DataFormat.Unknown"/> when nothing fits or the file cannot be read.</summary>
    public static DataFormat Detect(string path)
    {
        try
        {
            using var stream = OpenText(path);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[4096];
            int n = reader.ReadBlock(buffer, 0, buffer.Length);
            return Classify(new string(buffer, 0, n).TrimStart());
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return DataFormat.Unknown;
        }
    }

    /// <summary>
    /// Opens a file for reading as text bytes, through gunzip when it starts with the gzip magic (1f 8b); the bytes read
    /// from disk are counted in <paramref name="progress"/> when given.
    /// </summary>
    public static Stream OpenText(string path, ReadProgress? progress = null)
    {
        var fileStream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int b0 = fileStream.ReadByte();
        int b1 = fileStream.ReadByte();
        fileStream.Position = 0;
        if (b0 != 0x1f || b1 != 0x8b) return progress?.Track(fileStream) ?? fileStream;
        // The trailer's last 4 bytes are the uncompressed length mod 2^32: GZipStream ends a cut stream without an
        // error, so the length is checked at the end (see GzipLengthCheckStream).
        var trailer = new byte[4];
        fileStream.Seek(-4, SeekOrigin.End);
        fileStream.ReadExactly(trailer);
        fileStream.Position = 0;
        var file = progress?.Track(fileStream) ?? fileStream;
        return new GzipLengthCheckStream(new GZipStream(file, CompressionMode.Decompress), BitConverter.ToUInt32(trailer));
    }

    private static DataFormat Classify(string head)
    {
        if (head.Length == 0) return DataFormat.Unknown;
        if (head[0] == '[') return DataFormat.PolymarketArray;
        if (head[0] == '{')
        {
            // Bybit messages name a topic (Polymarket's never do: they carry event_type); the recorder's lines wrap them
            // in {"recv_ns":…,"msg":…} like Polymarket's, and its first lines may be subscribe acks, so the whole head is read.
            if (head.Contains("\"topic\":\"orderbook.", StringComparison.Ordinal) || head.Contains("\"topic\":\"publicTrade.", StringComparison.Ordinal)) return DataFormat.Bybit;
            return head.AsSpan(0, Math.Min(head.Length, 64)).Contains("\"recv_ns\"", StringComparison.Ordinal) ? DataFormat.PolymarketRecorder : DataFormat.Unknown;
        }

        int i = 0;
        while (i < head.Length && char.IsAsciiDigit(head[i])) i++;
        return i > 0 && i + 1 < head.Length && head[i] == ' ' && head[i + 1] == '{' ? DataFormat.Binance : DataFormat.Unknown;
    }
}
