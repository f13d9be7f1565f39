namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// A reusable, growable buffer of <see cref="MatchEvent"/>s the caller hands to the engine. It grows only while warming
/// up; <see cref="Clear"/> keeps the storage, so steady-state matching allocates nothing.
/// </summary>
public sealed class MatchEventBuffer
{
    private MatchEvent[] _items;

    /// <summary>Creates a buffer with room for <paramref name="capacity"/> events.</summary>
    public MatchEventBuffer(int capacity = 64) => _items = new MatchEvent[Math.Max(4, capacity)];

    /// <summary>Events written since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The event at <paramref name="index"/>.</summary>
    public ref readonly MatchEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _items[index];
        }
    }

    /// <summary>The events as a span (valid until the next write).</summary>
    public ReadOnlySpan<MatchEvent> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Forgets the events, keeps the storage.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends one event.</summary>
    public void Add(in MatchEvent e)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = e;
    }
}
