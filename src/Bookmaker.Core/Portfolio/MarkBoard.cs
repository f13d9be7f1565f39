using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The one store of marks: the latest mark price of every instrument by dense <c>Instrument.Index</c>, whether a
/// position is held or not, so a position that opens is valued at once at the mark its book already has. Raw 0 means
/// no mark. Owned by <see cref="Portfolio"/>; <see cref="Position.Mark"/> reads it.
/// </summary>
internal sealed class MarkBoard
{
    private long[] _raw = [];

    /// <summary>Instruments covered.</summary>
    public int Count => _raw.Length;

    /// <summary>Covers instruments up to <paramref name="count"/> (the registry grew).</summary>
    public void Grow(int count)
    {
        if (count > _raw.Length) Array.Resize(ref _raw, count);
    }

    /// <summary>The raw mark of an instrument, 0 when it has none.</summary>
    public long Raw(int index) => (uint)index < (uint)_raw.Length ? _raw[index] : 0;

    /// <summary>The mark of an instrument, null when it has none.</summary>
    public Price? Get(int index) => Raw(index) is > 0 and var raw ? new Price(raw) : null;

    /// <summary>Stores a mark (≤ 0 clears it); returns true when it changed.</summary>
    public bool Set(int index, Price mark)
    {
        long raw = Math.Max(0, mark.Raw);
        if (_raw[index] == raw) return false;
        _raw[index] = raw;
        return true;
    }
}
