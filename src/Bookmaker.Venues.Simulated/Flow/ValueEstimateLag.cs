namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// What the makers believe the value is: the latent value as it was <c>lag</c> seconds ago (a ring of past values
/// sampled every step), plus each maker's own Gaussian error. Makers quoting around a stale, noisy estimate — not the
/// truth — are what lets informed takers pick them off after the value moves.
/// </summary>
public sealed class ValueEstimateLag
{
    private readonly long[] _times;
    private readonly double[] _values;
    private readonly long _lagTicks;
    private int _head;
    private int _count;

    /// <summary>Keeps enough history for <paramref name="lagSeconds"/> at steps of <paramref name="step"/>.</summary>
    public ValueEstimateLag(double lagSeconds, TimeSpan step)
    {
        _lagTicks = (long)(Math.Max(0, lagSeconds) * TimeSpan.TicksPerSecond);
        int size = (int)Math.Min(1 << 16, Math.Max(4, _lagTicks / Math.Max(1, step.Ticks) + 4));
        _times = new long[size];
        _values = new double[size];
    }

    /// <summary>Records the value at <paramref name="nowTicks"/> (call once per step, times ascending).</summary>
    public void Record(long nowTicks, double value)
    {
        _head = (_head + 1) % _times.Length;
        _times[_head] = nowTicks;
        _values[_head] = value;
        if (_count < _times.Length) _count++;
    }

    /// <summary>The value as it was at <c>now − lag</c> (the oldest kept value when the history is shorter).</summary>
    public double Lagged(long nowTicks)
    {
        if (_count == 0) return double.NaN;
        long target = nowTicks - _lagTicks;
        int i = _head;
        for (int n = 0; n < _count - 1 && _times[i] > target; n++) i = (i - 1 + _times.Length) % _times.Length;
        return _values[i];
    }
}
