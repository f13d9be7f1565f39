using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Backtest.Sources;

/// <summary>
/// Merges the message streams of several files into one in time order; equal times keep the files' order (the sorted
/// <c>--data</c> list), so the merge is deterministic. Each stream must already be in time order (the readers make it so).
/// </summary>
public static class TimeMerge
{
    /// <summary>The merged stream; a single stream is passed through.</summary>
    public static IEnumerable<ReplayMessage> Merge(IReadOnlyList<IEnumerable<ReplayMessage>> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return streams.Count == 1 ? streams[0] : MergeMany(streams);
    }

    private static IEnumerable<ReplayMessage> MergeMany(IReadOnlyList<IEnumerable<ReplayMessage>> streams)
    {
        var enumerators = new IEnumerator<ReplayMessage>[streams.Count];
        var queue = new PriorityQueue<int, (long Time, int File)>();
        try
        {
            for (int i = 0; i < streams.Count; i++)
            {
                enumerators[i] = streams[i].GetEnumerator();
                if (enumerators[i].MoveNext()) queue.Enqueue(i, (enumerators[i].Current.TimeTicks, i));
            }

            while (queue.TryDequeue(out int i, out _))
            {
                yield return enumerators[i].Current;
                if (enumerators[i].MoveNext()) queue.Enqueue(i, (enumerators[i].Current.TimeTicks, i));
            }
        }
        finally
        {
            foreach (var e in enumerators) e?.Dispose();
        }
    }

    /// <summary>
    /// The window <c>[from, to]</c>: messages after <paramref name="toTicks"/> end the stream (reading stops there);
    /// messages before <paramref name="fromTicks"/> are replayed at <paramref name="fromTicks"/>, so books are built
    /// from the recording's start but the strategies' time begins at <c>from</c>.
    /// </summary>
    public static IEnumerable<ReplayMessage> Window(IEnumerable<ReplayMessage> messages, long fromTicks, long toTicks)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var m in messages)
        {
            if (m.TimeTicks > toTicks) yield break;
            yield return m.TimeTicks < fromTicks ? m with { TimeTicks = fromTicks } : m;
        }
    }
}
