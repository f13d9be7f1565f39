using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>How worrying an arbitrage health figure is (the lead maps it onto the engine's AlertCenter).</summary>
public enum ArbAlertSeverity : byte
{
    /// <summary>Healthy (or too few attempts to judge).</summary>
    None = 0,

    /// <summary>Worth a look.</summary>
    Warning = 1,

    /// <summary>Stop and look.</summary>
    Critical = 2,
}

/// <summary>Alert thresholds of <see cref="ArbMetrics"/>.</summary>
/// <param name="SuccessWarningBelow">Success rate under which to warn (0.70).</param>
/// <param name="SuccessCriticalBelow">Success rate under which it is critical (0.50).</param>
/// <param name="UnwindWarningAbove">Unwind rate above which to warn (0.20).</param>
/// <param name="UnwindCriticalAbove">Unwind rate above which it is critical (0.30).</param>
/// <param name="MinAttempts">Attempts needed before rates are judged (a 1-of-2 start is not a 50 % success rate).</param>
public sealed record ArbAlertThresholds(
    double SuccessWarningBelow = 0.70,
    double SuccessCriticalBelow = 0.50,
    double UnwindWarningAbove = 0.20,
    double UnwindCriticalAbove = 0.30,
    int MinAttempts = 10);

/// <summary>Latency percentiles in clock ticks.</summary>
/// <param name="Count">Samples in the window.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest.</param>
public readonly record struct LatencySummary(int Count, long P50, long P90, long P99, long Max);

/// <summary>The alert state of the two rates.</summary>
/// <param name="Success">Severity of the success rate.</param>
/// <param name="Unwind">Severity of the unwind rate.</param>
public readonly record struct ArbHealth(ArbAlertSeverity Success, ArbAlertSeverity Unwind)
{
    /// <summary>The worse of the two.</summary>
    public ArbAlertSeverity Worst => (ArbAlertSeverity)Math.Max((byte)Success, (byte)Unwind);
}

/// <summary>
/// Counters of the arbitrage loop: opportunities seen, baskets attempted, successes (complete sets filled), unwinds,
/// failures with nothing done, profit and loss, and detection-to-last-ack latency (a window of the most recent samples,
/// in the host clock's ticks). Recording allocates nothing; summaries sort a scratch copy (off the hot path).
/// Single-threaded like the rest of the core.
/// </summary>
public sealed class ArbMetrics
{
    private readonly long[] _latencies;
    private readonly long[] _scratch;
    private int _latencyCount;
    private int _latencyNext;

    /// <summary>Creates the metrics with a latency window of <paramref name="latencyWindow"/> samples.</summary>
    public ArbMetrics(ArbAlertThresholds? thresholds = null, int latencyWindow = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latencyWindow, 1);
        Thresholds = thresholds ?? new ArbAlertThresholds();
        _latencies = new long[latencyWindow];
        _scratch = new long[latencyWindow];
    }

    /// <summary>The thresholds.</summary>
    public ArbAlertThresholds Thresholds { get; }

    /// <summary>Opportunities reported by the scanner (after dedup).</summary>
    public long Opportunities { get; private set; }

    /// <summary>Baskets submitted.</summary>
    public long Attempts { get; private set; }

    /// <summary>Baskets that ended as complete sets (incl. ones completed by the policy).</summary>
    public long Successes { get; private set; }

    /// <summary>Baskets that had to be unwound.</summary>
    public long Unwinds { get; private set; }

    /// <summary>Baskets where no leg filled (all killed or rejected): no position, no loss beyond fees.</summary>
    public long Misses { get; private set; }

    /// <summary>Σ profit of successes.</summary>
    public Money TotalProfit { get; private set; }

    /// <summary>Σ loss of unwinds and misses (positive = money lost).</summary>
    public Money TotalLoss { get; private set; }

    /// <summary>Entry legs that reached a final state.</summary>
    public long EntryLegs { get; private set; }

    /// <summary>Entry legs that ended short of their size (killed, rejected, cut by a timeout).</summary>
    public long EntryLegsKilled { get; private set; }

    /// <summary>
    /// The chance an entry leg is killed, measured, with a prior of 1 in 20 worth 20 legs so that the first baskets
    /// neither ignore the risk nor treat one unlucky kill as a 100 % rate.
    /// </summary>
    public double LegKillProbability => (EntryLegsKilled + PriorKilledLegs) / (EntryLegs + PriorLegs);

    private const double PriorLegs = 20;
    private const double PriorKilledLegs = 1;

    /// <summary>Records an entry leg's final state: <paramref name="killed"/> when it filled less than its size.</summary>
    public void RecordEntryLeg(bool killed)
    {
        EntryLegs++;
        if (killed) EntryLegsKilled++;
    }

    /// <summary>Evaluations skipped because a leg's book had not yet shown an update newer than our own fill on it.</summary>
    public long EchoWaits { get; private set; }

    /// <summary>Records an evaluation skipped for an unabsorbed own fill.</summary>
    public void RecordEchoWait() => EchoWaits++;

    /// <summary>Records a reported opportunity.</summary>
    public void RecordOpportunity() => Opportunities++;

    /// <summary>Records a submitted basket.</summary>
    public void RecordAttempt() => Attempts++;

    /// <summary>Records a basket that ended complete, with its realised profit and detection-to-last-ack latency.</summary>
    public void RecordSuccess(Money profit, long detectionToLastAckTicks)
    {
        Successes++;
        TotalProfit += profit;
        RecordLatency(detectionToLastAckTicks);
    }

    /// <summary>Records an unwound basket with its loss (positive = lost) and latency.</summary>
    public void RecordUnwind(Money loss, long detectionToLastAckTicks)
    {
        Unwinds++;
        TotalLoss += loss;
        RecordLatency(detectionToLastAckTicks);
    }

    /// <summary>Records a basket where nothing filled, with its loss (usually zero) and latency.</summary>
    public void RecordMiss(Money loss, long detectionToLastAckTicks)
    {
        Misses++;
        TotalLoss += loss;
        RecordLatency(detectionToLastAckTicks);
    }

    /// <summary>Σ expected profit (the scanner's, at detection) of the baskets that ended as successes.</summary>
    public Money SuccessExpected { get; private set; }

    /// <summary>Σ expected profit of the baskets that were unwound.</summary>
    public Money UnwoundExpected { get; private set; }

    /// <summary>Σ expected profit of the baskets where nothing filled.</summary>
    public Money MissedExpected { get; private set; }

    /// <summary>Σ realised P&amp;L of the unwound baskets (negative = what the unwinds cost).</summary>
    public Money UnwoundPnl { get; private set; }

    /// <summary>Σ realised P&amp;L of the missed baskets (fees of legs that partly traded, usually zero).</summary>
    public Money MissedPnl { get; private set; }

    /// <summary>
    /// Records what a closed basket was expected to earn next to what it realised, by outcome — the realised vs
    /// expected edge of the backtest's <c>arbitrage</c> block. Called once per outcome, after the matching Record*.
    /// </summary>
    public void RecordExpected(BasketOutcome outcome, Money expected, Money realised)
    {
        switch (outcome)
        {
            case BasketOutcome.Success:
                SuccessExpected += expected;
                break;
            case BasketOutcome.Unwound:
                UnwoundExpected += expected;
                UnwoundPnl += realised;
                break;
            default:
                MissedExpected += expected;
                MissedPnl += realised;
                break;
        }
    }

    /// <summary>Successes per attempt (0 with no attempts).</summary>
    public double SuccessRate => Attempts == 0 ? 0 : (double)Successes / Attempts;

    /// <summary>Unwinds per attempt.</summary>
    public double UnwindRate => Attempts == 0 ? 0 : (double)Unwinds / Attempts;

    /// <summary>Mean profit per success (exact, rounded toward zero).</summary>
    public Money ProfitPerSuccess => Successes == 0 ? Money.Zero : new Money(TotalProfit.Raw / Successes);

    /// <summary>Mean loss per failure (unwinds and misses).</summary>
    public Money LossPerFailure => Unwinds + Misses == 0 ? Money.Zero : new Money(TotalLoss.Raw / (Unwinds + Misses));

    /// <summary>Severity of the success and unwind rates against the thresholds (None below the minimum attempts).</summary>
    public ArbHealth Health()
    {
        var t = Thresholds;
        if (Attempts < t.MinAttempts) return new ArbHealth(ArbAlertSeverity.None, ArbAlertSeverity.None);
        double s = SuccessRate, u = UnwindRate;
        var success = s < t.SuccessCriticalBelow ? ArbAlertSeverity.Critical : s < t.SuccessWarningBelow ? ArbAlertSeverity.Warning : ArbAlertSeverity.None;
        var unwind = u > t.UnwindCriticalAbove ? ArbAlertSeverity.Critical : u > t.UnwindWarningAbove ? ArbAlertSeverity.Warning : ArbAlertSeverity.None;
        return new ArbHealth(success, unwind);
    }

    /// <summary>Percentiles (nearest rank) of the latency window.</summary>
    public LatencySummary Latency()
    {
        int n = _latencyCount;
        if (n == 0) return default;
        var s = _scratch.AsSpan(0, n);
        _latencies.AsSpan(0, n).CopyTo(s);
        s.Sort();
        return new LatencySummary(n, Rank(s, 50), Rank(s, 90), Rank(s, 99), s[n - 1]);
    }

    private static long Rank(Span<long> sorted, int percentile)
    {
        int rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private void RecordLatency(long ticks)
    {
        _latencies[_latencyNext] = ticks;
        _latencyNext = (_latencyNext + 1) % _latencies.Length;
        if (_latencyCount < _latencies.Length) _latencyCount++;
    }
}
