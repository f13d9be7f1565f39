using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;

namespace Bookmaker.Storage.Recording;

/// <summary>
/// Writes raw venue frames (Polymarket's market channel, Bybit's public stream) to a gzip-compressed JSON-lines file,
/// one line per frame: <c>{"recv_ns":&lt;unix nanoseconds of receipt&gt;,"msg":&lt;the frame's JSON, byte for byte&gt;}</c>.
/// Non-JSON frames (Polymarket's <c>PONG</c> keep-alive answer) are skipped. Thread-safe (one lock around the write).
/// The replay venue and <c>bookmaker backtest</c> read this format (docs/backtest.md).
/// </summary>
public sealed class RawFrameRecorder : IAsyncDisposable, IDisposable
{
    private static readonly byte[] Prefix = "{\"recv_ns\":"u8.ToArray();
    private static readonly byte[] Middle = ",\"msg\":"u8.ToArray();
    private static readonly byte[] Suffix = "}\n"u8.ToArray();
    private readonly Stream _file;
    private readonly GZipStream _gzip;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Creates (overwrites) <paramref name="path"/>.</summary>
    public RawFrameRecorder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: false);
        _gzip = new GZipStream(_file, CompressionLevel.Fastest);
    }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames skipped (not JSON).</summary>
    public long Skipped { get; private set; }

    /// <summary>Receive ticks (UTC, 100 ns) → unix nanoseconds.</summary>
    public static long TicksToUnixNanoseconds(long utcTicks) => (utcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Records one frame received at <paramref name="receiveUtcTicks"/> (UTC ticks of the engine clock).</summary>
    public void Record(ReadOnlySpan<byte> frame, long receiveUtcTicks)
    {
        ReadOnlySpan<byte> msg = frame.Trim(" \t\r\n"u8);
        if (msg.IsEmpty || (msg[0] != (byte)'{' && msg[0] != (byte)'['))
        {
            lock (_gate) Skipped++;
            return;
        }

        Span<byte> number = stackalloc byte[24];
        Utf8Formatter.TryFormat(TicksToUnixNanoseconds(receiveUtcTicks), number, out int n);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _gzip.Write(Prefix);
            _gzip.Write(number[..n]);
            _gzip.Write(Middle);
            WriteSingleLine(msg);
            _gzip.Write(Suffix);
            Frames++;
        }
    }

    private void WriteSingleLine(ReadOnlySpan<byte> msg)
    {
        // Raw CR/LF can only be insignificant whitespace in valid JSON (strings escape them): blank them so one frame
        // stays one line. The venue sends compact frames, so this copy is the exception.
        if (msg.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            _gzip.Write(msg);
            return;
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(msg.Length);
        try
        {
            msg.CopyTo(copy);
            var span = copy.AsSpan(0, msg.Length);
            span.Replace((byte)'\n', (byte)' ');
            span.Replace((byte)'\r', (byte)' ');
            _gzip.Write(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _gzip.Dispose();
            _file.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

