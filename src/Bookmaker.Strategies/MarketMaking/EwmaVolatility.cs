namespace Bookmaker.Strategies.MarketMaking;

/// <summary>Options of <see cref="EwmaVolatility"/>.</summary>
/// <param name="SampleInterval">Fixed sampling interval of the fair price (default 1 s).</param>
/// <param name="Lambda">EWMA decay λ ∈ (0, 1): var ← λ·var + (1 − λ)·r² (default 0.94, RiskMetrics).</param>
/// <param name="WarmupSamples">Returns needed before <see cref="EwmaVolatility.IsWarm"/> (default 30).</param>
public sealed record EwmaVolatilityOptions(TimeSpan SampleInterval, double Lambda = 0.94, int WarmupSamples = 30)
{
    /// <summary>Defaults: 1 s interval, λ = 0.94, 30 samples of warm-up.</summary>
    public static EwmaVolatilityOptions Default { get; } = new(TimeSpan.FromSeconds(1));

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, SampleInterval > TimeSpan.Zero, "mm.volatility.sampleInterval", SampleInterval.ToString(), "must be > 0");
        OptionError.Check(errors, double.IsFinite(Lambda) && Lambda is > 0 and < 1, "mm.volatility.lambda", OptionError.Text(Lambda), "must be in (0, 1)");
        OptionError.Check(errors, WarmupSamples >= 1, "mm.volatility.warmupSamples", OptionError.Text(WarmupSamples), "must be >= 1");
        return errors;
    }
}

/// <summary>
/// Exponentially weighted volatility of the fair price's log returns, sampled on a fixed clock grid.
/// </summary>
/// <remarks>
/// <para>Sampling: updates arrive irregularly, so the estimator samples the last value seen at each interval boundary
/// k·Δ (k integer, times in ticks). A boundary with no update in between repeats the previous value (a zero return).
/// Return at boundary k: r_k = ln(p_k / p_(k−1)) — log returns, never plain price differences.</para>
/// <para>Variance per sample: the first return seeds var = r₁²; afterwards var ← λ·var + (1 − λ)·r². A gap of n
/// boundaries with no update contributes n − 1 zero returns, applied in closed form (var·λ^(n−1)), so a long gap costs
/// O(1).</para>
/// <para>Outputs: variance per second = var / Δ_seconds; annualised volatility in bps
/// σ_annual = sqrt(var_per_sec × 31,536,000) × 10,000 (365-day year).</para>
/// One instance per instrument; mutated only on the event loop; allocation free after construction.
/// </remarks>
public sealed class EwmaVolatility
{
    /// <summary>Seconds in a 365-day year.</summary>
    public const double SecondsPerYear = 31_536_000.0;

    private readonly long _interval;
    private readonly double _lambda;
    private readonly int _warmup;
    private readonly double _intervalSeconds;
    private bool _started;
    private long _lastBoundary;   // last boundary index k already sampled
    private double _lastValue;    // latest fair price seen
    private double _lastSample;   // value sampled at _lastBoundary
    private double _variance;     // per sample
    private long _samples;

    /// <summary>Creates an estimator; <paramref name="options"/> must be valid.</summary>
    public EwmaVolatility(EwmaVolatilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().Count > 0) throw new ArgumentException("invalid volatility options", nameof(options));
        _interval = options.SampleInterval.Ticks;
        _intervalSeconds = options.SampleInterval.TotalSeconds;
        _lambda = options.Lambda;
        _warmup = options.WarmupSamples;
    }

    /// <summary>Number of returns folded in so far.</summary>
    public long Samples => _samples;

    /// <summary>True once <see cref="EwmaVolatilityOptions.WarmupSamples"/> returns have been seen.</summary>
    public bool IsWarm => _samples >= _warmup;

    /// <summary>EWMA variance of log returns per sample interval.</summary>
    public double VariancePerSample => _variance;

    /// <summary>EWMA variance of log returns per second.</summary>
    public double VariancePerSecond => _variance / _intervalSeconds;

    /// <summary>Annualised volatility in basis points: sqrt(var_per_sec × 31,536,000) × 10,000.</summary>
    public double AnnualisedBps => Math.Sqrt(VariancePerSecond * SecondsPerYear) * 10_000.0;

    /// <summary>
    /// Feeds the fair price observed at <paramref name="nowTicks"/>. Every boundary passed since the previous update is
    /// sampled with the value that prevailed at it (the previous update's value). Non-positive or non-finite prices
    /// and time going backwards are ignored.
    /// </summary>
    public void Update(long nowTicks, double fair)
    {
        if (!double.IsFinite(fair) || fair <= 0) return;
        long k = nowTicks / _interval;
        if (!_started)
        {
            _started = true;
            _lastBoundary = k;
            _lastValue = fair;
            _lastSample = fair;
            return;
        }

        if (k > _lastBoundary)
        {
            long crossed = k - _lastBoundary;
            double r = Math.Log(_lastValue / _lastSample);
            Fold(r * r);
            if (crossed > 1)
            {
                // The remaining boundaries repeat the same value: zero returns.
                _variance *= Math.Pow(_lambda, crossed - 1);
                _samples += crossed - 1;
            }

            _lastSample = _lastValue;
            _lastBoundary = k;
        }
        else if (k < _lastBoundary)
        {
            return;
        }

        _lastValue = fair;
    }

    private void Fold(double r2)
    {
        _variance = _samples == 0 ? r2 : _lambda * _variance + (1 - _lambda) * r2;
        _samples++;
    }

    /// <summary>Forgets everything (e.g. after a resync or a tick-size change that reset the book).</summary>
    public void Reset()
    {
        _started = false;
        _variance = 0;
        _samples = 0;
    }
}
