using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Bookmaker.Venues.Simulated.Replay;

/// <summary>
/// A two-stage pipeline for replays: the source sequence (e.g. gunzip + JSON decode + normalization) is enumerated on
/// one background thread into batches handed over through a bounded channel, while the caller's thread consumes them
/// (e.g. book + queue model). Items arrive in exactly the source's order, and they are the source's own items, so the
/// consumer sees the same sequence as a plain enumeration; only the time of decoding moves to another thread.
/// Batch arrays are recycled (steady state allocates no batches); the producer runs at most
/// <c>capacity</c> batches ahead.
/// </summary>
public static class BackgroundPrefetch
{
    /// <summary>Default number of items per batch.</summary>
    public const int DefaultBatchSize = 4096;

    /// <summary>Default number of full batches the producer may run ahead of the consumer.</summary>
    public const int DefaultCapacity = 4;

    /// <summary>
    /// Enumerates <paramref name="source"/> on a background thread, lazily (the thread starts at the first
    /// <c>MoveNext</c>). An exception of the source is rethrown to the consumer after the items before it; disposing the
    /// enumerator early stops the producer and waits for it (so files it opened are closed). Each enumeration runs the
    /// source once more.
    /// </summary>
    public static IEnumerable<T> Prefetch<T>(IEnumerable<T> source, int batchSize = DefaultBatchSize, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return Run(source, batchSize, capacity);
    }

    private readonly record struct Batch<T>(T[] Items, int Count);

    private static IEnumerable<T> Run<T>(IEnumerable<T> source, int batchSize, int capacity)
    {
        var channel = Channel.CreateBounded<Batch<T>>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var free = new ConcurrentQueue<T[]>();
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() =>
        {
            CancellationToken token = stop.Token;
            T[] items = free.TryDequeue(out T[]? recycled) ? recycled : new T[batchSize];
            int n = 0;
            try
            {
                foreach (T item in source)
                {
                    items[n++] = item;
                    if (n < items.Length) continue;
                    Write(channel.Writer, new Batch<T>(items, n), token);
                    items = free.TryDequeue(out recycled) ? recycled : new T[batchSize];
                    n = 0;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                n = 0; // The consumer stopped early.
            }
#pragma warning disable CA1031 // Any exception of the source goes to the consumer, which rethrows it after the items before it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }

            try
            {
                if (n > 0) Write(channel.Writer, new Batch<T>(items, n), token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early.
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        })
        { IsBackground = true, Name = "replay prefetch" };

        producer.Start();
        try
        {
            ChannelReader<Batch<T>> reader = channel.Reader;
            while (true)
            {
                if (!reader.TryRead(out Batch<T> batch))
                {
                    if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) break;
                    continue;
                }

                for (int i = 0; i < batch.Count; i++) yield return batch.Items[i];
                // The consumer has moved past every item of the batch: clear it (no stale references) and recycle it.
                Array.Clear(batch.Items, 0, batch.Count);
                free.Enqueue(batch.Items);
            }

            producer.Join();
            failure?.Throw();
        }
        finally
        {
            if (producer.IsAlive)
            {
                stop.Cancel();
                while (channel.Reader.TryRead(out _))
                {
                    // Unblocks a producer waiting for room.
                }

                producer.Join();
            }
        }
    }

    private static void Write<T>(ChannelWriter<Batch<T>> writer, Batch<T> batch, CancellationToken token)
    {
        if (!writer.TryWrite(batch)) writer.WriteAsync(batch, token).AsTask().GetAwaiter().GetResult();
    }
}
