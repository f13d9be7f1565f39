namespace Bookmaker.Strategies.MarketMaking;

/// <summary>Options of <see cref="TradeIntensityEstimator"/>.</summary>
/// <param name="Window">Rolling window of trades used in the fit (default 10 min).</param>
/// <param name="Capacity">Most trades kept in the window; older ones are overwritten first (default 1024).</param>
/// <param name="BinWidth">Distance grid step δ in price units (default 0.01 = one Polymarket cent).</param>
/// <param name="Bins">Grid points δ_i = i·BinWidth, i = 0..Bins−1 (default 10, at most 64).</param>
/// <param name="MinPoints">Grid points with at least one trade needed for a fit (default 3).</param>
public sealed record TradeIntensityOptions(
    TimeSpan Window,
    int Capacity = 1024,
    double BinWidth = 0.01,
    int Bins = 10,
    int MinPoints = 3)
{
    /// <summary>Defaults with a 10-minute window.</summary>
    public static TradeIntensityOptions Default { get; } = new(TimeSpan.FromMinutes(10));

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, Window > TimeSpan.Zero, "mm.intensity.window", Window.ToString(), "must be > 0");
        OptionError.Check(errors, Capacity is >= 8 and <= 1_000_000, "mm.intensity.capacity", OptionError.Text(Capacity), "must be in [8, 1000000]");
        OptionError.Positive(errors, "mm.intensity.binWidth", BinWidth);
        OptionError.Check(errors, Bins is >= 2 and <= 64, "mm.intensity.bins", OptionError.Text(Bins), "must be in [2, 64]");
        OptionError.Check(errors, MinPoints >= 2 && MinPoints <= Bins, "mm.intensity.minPoints", OptionError.Text(MinPoints), "must be in [2, bins]");
        return errors;
    }
}

/// <summary>
/// Estimates the order-arrival intensity λ(δ) = A·e^(−κδ) of Avellaneda–Stoikov from observed trades.
/// </summary>
/// <remarks>
/// <para>Each trade is recorded with its distance d = |trade price − mid at that moment|. A resting order at depth δ
/// would have been reached by every trade with d ≥ δ, so on the grid δ_i = i·BinWidth the empirical intensity is
/// λ_i = #{d ≥ δ_i} / window_seconds.</para>
/// <para>Fit (log-linear least squares over the grid points with λ_i &gt; 0): ln λ_i = ln A − κ·δ_i, so
/// κ = −slope and A = e^intercept. With fewer than <see cref="TradeIntensityOptions.MinPoints"/> points, or a
/// non-positive slope estimate, <see cref="TryEstimate"/> returns false and the caller keeps its configured κ.</para>
/// Allocation free after construction (ring buffer; grid counts on the stack).
/// </remarks>
public sealed class TradeIntensityEstimator
{
    private readonly long[] _times;
    private readonly double[] _distances;
    private readonly long _windowTicks;
    private readonly double _windowSeconds;
    private readonly double _binWidth;
    private readonly int _bins;
    private readonly int _minPoints;
    private int _head;   // index of the oldest entry
    private int _count;

    /// <summary>Creates an estimator; <paramref name="options"/> must be valid.</summary>
    public TradeIntensityEstimator(TradeIntensityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().Count > 0) throw new ArgumentException("invalid trade intensity options", nameof(options));
        _times = new long[options.Capacity];
        _distances = new double[options.Capacity];
        _windowTicks = options.Window.Ticks;
        _windowSeconds = options.Window.TotalSeconds;
        _binWidth = options.BinWidth;
        _bins = options.Bins;
        _minPoints = options.MinPoints;
    }

    /// <summary>Trades currently held (before eviction by time).</summary>
    public int Count => _count;

    /// <summary>Records a trade at <paramref name="tradePrice"/> while the mid was <paramref name="mid"/>.</summary>
    public void Record(long nowTicks, double tradePrice, double mid)
    {
        double d = Math.Abs(tradePrice - mid);
        if (!double.IsFinite(d)) return;
        int slot = (_head + _count) % _times.Length;
        if (_count == _times.Length)
        {
            _head = (_head + 1) % _times.Length;
            _count--;
        }

        _times[slot] = nowTicks;
        _distances[slot] = d;
        _count++;
    }

    /// <summary>
    /// Fits κ and A on the trades of the last window ending at <paramref name="nowTicks"/>; false (with κ = A = NaN)
    /// when there are too few grid points or the slope is not negative.
    /// </summary>
    public bool TryEstimate(long nowTicks, out double kappa, out double a)
    {
        Evict(nowTicks);
        kappa = double.NaN;
        a = double.NaN;
        Span<int> counts = stackalloc int[64];
        counts = counts[.._bins];
        counts.Clear();
        for (int j = 0; j < _count; j++)
        {
            double d = _distances[(_head + j) % _distances.Length];
            // Trade reaches every grid point at or below its distance (cumulative count).
            int reach = (int)Math.Min(_bins - 1, Math.Floor(d / _binWidth + 1e-9));
            counts[reach]++;
        }

        // Turn per-bin counts into cumulative "at least δ_i" counts.
        for (int i = _bins - 2; i >= 0; i--) counts[i] += counts[i + 1];

        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < _bins; i++)
        {
            if (counts[i] == 0) continue;
            double x = i * _binWidth;
            double y = Math.Log(counts[i] / _windowSeconds);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        if (n < _minPoints) return false;
        double den = n * sxx - sx * sx;
        if (den <= 0) return false;
        double slope = (n * sxy - sx * sy) / den;
        double intercept = (sy - slope * sx) / n;
        if (!(slope < 0) || !double.IsFinite(slope)) return false;
        kappa = -slope;
        a = Math.Exp(intercept);
        return true;
    }

    /// <summary>κ from the fit, or <paramref name="fallbackKappa"/> when the fit is not possible.</summary>
    public double KappaOr(long nowTicks, double fallbackKappa) =>
        TryEstimate(nowTicks, out double k, out _) ? k : fallbackKappa;

    private void Evict(long nowTicks)
    {
        long cutoff = nowTicks - _windowTicks;
        while (_count > 0 && _times[_head] < cutoff)
        {
            _head = (_head + 1) % _times.Length;
            _count--;
        }
    }
}
