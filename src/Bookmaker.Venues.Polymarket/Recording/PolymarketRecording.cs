using System.IO.Compression;
using System.Text.Json;

namespace Bookmaker.Venues.Polymarket.Recording;

/// <summary>One recorded frame.</summary>
/// <param name="ReceiveUnixNanoseconds">Receive time, unix nanoseconds.</param>
/// <param name="Message">The raw frame bytes (JSON).</param>
public sealed record RecordedFrame(long ReceiveUnixNanoseconds, byte[] Message);

/// <summary>Reads recorder files (<c>{"recv_ns":…,"msg":…}</c> lines, gzip), as <c>bookmaker record</c> writes them.</summary>
public static class PolymarketRecording
{
    /// <summary>Every frame of <paramref name="path"/>, in file order. Throws <see cref="InvalidDataException"/> on a bad line.</summary>
    public static IEnumerable<RecordedFrame> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, System.Text.Encoding.UTF8);
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            yield return Parse(text, line);
        }
    }

    private static RecordedFrame Parse(string text, int line)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            long ns = doc.RootElement.GetProperty("recv_ns").GetInt64();
            var msg = doc.RootElement.GetProperty("msg");
            return new RecordedFrame(ns, System.Text.Encoding.UTF8.GetBytes(msg.GetRawText()));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"recording line {line} is not {{\"recv_ns\":…,\"msg\":…}}", ex);
        }
    }
}
