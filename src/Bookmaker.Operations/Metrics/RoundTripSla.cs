namespace Bookmaker.Operations.Metrics;

/// <summary>
/// The order round-trip SLA: p95 of submit → acknowledgement over a sliding window, judged against a limit held for a
/// while (340 ms for 5 minutes by default, the review's bar). Samples go into fixed 5 ms buckets of 10-second slots —
/// a bounded histogram, allocated once, so recording a sample allocates nothing and the p95 is exact to 5 ms.
/// </summary>
/// <remarks>Recorded and judged on the event loop (engine clock); <see cref="LastP95"/> is read from any thread.</remarks>
public sealed class RoundTripSla
{
    /// <summary>Alert code raised while the SLA is broken.</summary>
    public const string AlertCode = "order_round_trip_sla";

    private const int BucketMs = 5;
    private const int Buckets = 2_000 / BucketMs + 1; // the last bucket holds everything from 2 s up
    private static readonly long SlotTicks = TimeSpan.FromSeconds(10).Ticks;

    private readonly long[][] _slots;
    private readonly long[] _slotIds;
    private readonly long[] _merged = new long[Buckets];
    private readonly TimeSpan _limit;
    private readonly TimeSpan _for;
    private long _breachSinceTicks;
    private double _lastP95 = double.NaN;

    /// <summary>Creates the tracker.</summary>
    /// <param name="limit">The p95 above which the SLA is broken (340 ms).</param>
    /// <param name="holdFor">How long the p95 must stay above the limit before it counts (5 min).</param>
    /// <param name="window">The window of the p95 (1 min; whole 10 s slots).</param>
    public RoundTripSla(TimeSpan limit, TimeSpan holdFor, TimeSpan window)
    {
        _limit = limit;
        _for = holdFor;
        int slots = Math.Max(1, (int)(window.Ticks / SlotTicks));
        _slots = new long[slots][];
        for (int i = 0; i < slots; i++) _slots[i] = new long[Buckets];
        _slotIds = new long[slots];
        Array.Fill(_slotIds, -1);
    }

    /// <summary>The p95 (seconds) at the last <see cref="Evaluate"/>, or null without samples in the window.</summary>
    public double? LastP95 => Volatile.Read(ref _lastP95) is var p && double.IsNaN(p) ? null : p;

    /// <summary>The limit.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>True while the p95 has stayed above the limit for the hold time.</summary>
    public bool IsBreached { get; private set; }

    /// <summary>Records one round trip that ended at <paramref name="atTicks"/> (engine clock).</summary>
    public void Record(long atTicks, double seconds)
    {
        long slot = atTicks / SlotTicks;
        int index = (int)(slot % _slots.Length);
        if (_slotIds[index] != slot)
        {
            Array.Clear(_slots[index]);
            _slotIds[index] = slot;
        }

        int bucket = (int)Math.Min(Buckets - 1, Math.Max(0, seconds * 1000 / BucketMs));
        _slots[index][bucket]++;
    }

    /// <summary>
    /// Recomputes the p95 over the window ending at <paramref name="nowTicks"/> and judges the SLA: true when its state
    /// changed (broken, or kept again), so the caller raises or clears the alert.
    /// </summary>
    public bool Evaluate(long nowTicks)
    {
        long current = nowTicks / SlotTicks;
        Array.Clear(_merged);
        long total = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slotIds[i] < 0 || current - _slotIds[i] >= _slots.Length) continue;
            for (int b = 0; b < Buckets; b++)
            {
                _merged[b] += _slots[i][b];
                total += _slots[i][b];
            }
        }

        double p95 = total == 0 ? double.NaN : Percentile(_merged, total, 0.95);
        Volatile.Write(ref _lastP95, p95);
        bool above = !double.IsNaN(p95) && p95 > _limit.TotalSeconds;
        if (!above) _breachSinceTicks = 0;
        else if (_breachSinceTicks == 0) _breachSinceTicks = nowTicks;
        bool breached = above && nowTicks - _breachSinceTicks >= _for.Ticks;
        if (breached == IsBreached) return false;
        IsBreached = breached;
        return true;
    }

    // The upper edge of the bucket holding the rank: never reports a p95 below the true one (fail closed).
    private static double Percentile(long[] buckets, long total, double q)
    {
        long rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (int b = 0; b < buckets.Length; b++)
        {
            seen += buckets[b];
            if (seen >= rank) return (b + 1) * BucketMs / 1000.0;
        }

        return buckets.Length * BucketMs / 1000.0;
    }
}
