namespace Bookmaker.Backtest.Inputs;

/// <summary>
/// Reads a gzip stream and, at its end, compares the bytes produced with the length the gzip trailer states (ISIZE,
/// mod 2^32): .NET's <see cref="System.IO.Compression.GZipStream"/> ends a truncated file quietly, and a backtest must
/// not take half a recording for all of it. A mismatch throws <see cref="InvalidDataException"/> at the end. (A file of
/// several gzip members states only its last member's length; such a file is reported as truncated.)
/// </summary>
public sealed class GzipLengthCheckStream(Stream inner, uint statedLength) : Stream
{
    private long _produced;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => _produced; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        _produced += n;
        if (n == 0 && buffer.Length > 0 && (uint)_produced != statedLength)
            throw new InvalidDataException($"gzip data ends after {_produced} bytes but its trailer states {statedLength} (mod 2^32)");
        return n;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
