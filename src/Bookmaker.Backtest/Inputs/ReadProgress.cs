namespace Bookmaker.Backtest.Inputs;

/// <summary>
/// How many bytes of the data files the replay has read so far, for the progress bar of a run whose end time is not
/// known in advance (a gzip recording cannot be seeked to its last line). Counted on the prefetch threads and read on the
/// engine thread, hence atomic; it only informs the display and never the replay.
/// </summary>
public sealed class ReadProgress(long totalBytes)
{
    private long _read;

    /// <summary>The files' size on disk (compressed bytes for gzip).</summary>
    public long TotalBytes { get; } = totalBytes;

    /// <summary>Bytes read so far (compressed bytes for gzip).</summary>
    public long BytesRead => Interlocked.Read(ref _read);

    /// <summary>Read fraction in [0, 1]; null when the files are empty.</summary>
    public double? Fraction => TotalBytes > 0 ? Math.Clamp((double)BytesRead / TotalBytes, 0, 1) : null;

    /// <summary>Wraps <paramref name="file"/> so what is read through it is counted here.</summary>
    public Stream Track(Stream file) => new Counting(file, this);

    private sealed class Counting(Stream inner, ReadProgress progress) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            Interlocked.Add(ref progress._read, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
