using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="MarkoutTracker"/>.</summary>
/// <param name="Horizons">Markout horizons (default 1 s, 5 s, 30 s; 1..4 of them, increasing).</param>
/// <param name="DecisionHorizon">Index of the horizon the decision uses (default 1: 5 s).</param>
/// <param name="WindowFills">Fills in each horizon's rolling average (default 50).</param>
/// <param name="MinFills">Completed markouts needed before deciding (default 10).</param>
/// <param name="ThresholdBps">Size-weighted average markout below which spreads widen, in bps (default −10).</param>
/// <param name="WidenFactor">Half-spread multiplier while below the threshold (default 1.5).</param>
/// <param name="PauseAfter">Below the threshold continuously this long ⇒ pause the market (default 5 min).</param>
/// <param name="PendingCapacity">Fills awaiting their horizons; the oldest is dropped when full (default 256).</param>
public sealed record MarkoutTrackerOptions(
    IReadOnlyList<TimeSpan>? Horizons = null,
    int DecisionHorizon = 1,
    int WindowFills = 50,
    int MinFills = 10,
    double ThresholdBps = -10.0,
    double WidenFactor = 1.5,
    TimeSpan? PauseAfter = null,
    int PendingCapacity = 256)
{
    /// <summary>Effective horizons.</summary>
    public IReadOnlyList<TimeSpan> EffectiveHorizons => Horizons ?? [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>Effective pause delay.</summary>
    public TimeSpan Pause => PauseAfter ?? TimeSpan.FromMinutes(5);

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        var h = EffectiveHorizons;
        OptionError.Check(errors, h.Count is >= 1 and <= 4, "mm.protect.markout.horizons", OptionError.Text(h.Count), "must have 1..4 horizons");
        for (int i = 0; i < h.Count; i++)
            OptionError.Check(errors, h[i] > TimeSpan.Zero && (i == 0 || h[i] > h[i - 1]), $"mm.protect.markout.horizons[{i}]", h[i].ToString(), "must be > 0 and increasing");
        OptionError.Check(errors, DecisionHorizon >= 0 && DecisionHorizon < h.Count, "mm.protect.markout.decisionHorizon", OptionError.Text(DecisionHorizon), "must index a horizon");
        OptionError.Check(errors, WindowFills is >= 1 and <= 100_000, "mm.protect.markout.windowFills", OptionError.Text(WindowFills), "must be in [1, 100000]");
        OptionError.Check(errors, MinFills >= 1 && MinFills <= WindowFills, "mm.protect.markout.minFills", OptionError.Text(MinFills), "must be in [1, windowFills]");
        OptionError.Check(errors, double.IsFinite(ThresholdBps), "mm.protect.markout.thresholdBps", OptionError.Text(ThresholdBps), "must be finite");
        OptionError.Check(errors, double.IsFinite(WidenFactor) && WidenFactor >= 1, "mm.protect.markout.widenFactor", OptionError.Text(WidenFactor), "must be >= 1");
        OptionError.Check(errors, Pause > TimeSpan.Zero, "mm.protect.markout.pauseAfter", Pause.ToString(), "must be > 0");
        OptionError.Check(errors, PendingCapacity is >= 1 and <= 1_000_000, "mm.protect.markout.pendingCapacity", OptionError.Text(PendingCapacity), "must be in [1, 1000000]");
        return errors;
    }
}

/// <summary>
/// Markout P&amp;L of our fills: how the fair price moved after each fill, at several horizons.
/// </summary>
/// <remarks>
/// <para>Markout of a fill at horizon h, in bps: m = side × (fair(t_fill + h) − fill price) / fill price × 10,000, with
/// side = +1 for buys and −1 for sells and fair(t + h) the first fair price fed at or after t + h. Negative markouts
/// mean we were picked off (adverse selection).</para>
/// <para>Rolling average per horizon: size-weighted over the last WindowFills completed markouts.</para>
/// <para>Decision (on the decision horizon, once MinFills are complete): average &lt; threshold ⇒
/// <see cref="ProtectionAction.WidenSpread"/> × WidenFactor; below continuously for PauseAfter ⇒
/// <see cref="ProtectionAction.PauseMarket"/>.</para>
/// One per market; fed on the event loop; allocation free after construction.
/// </remarks>
public sealed class MarkoutTracker
{
    private readonly long[] _horizons;
    private readonly int _decision;
    private readonly int _minFills;
    private readonly double _threshold;
    private readonly double _widen;
    private readonly long _pauseTicks;

    // Pending fills (ring).
    private readonly long[] _fillTime;
    private readonly sbyte[] _fillSign;
    private readonly double[] _fillPrice;
    private readonly double[] _fillSize;
    private readonly byte[] _fillDone;
    private int _head;
    private int _pending;

    // Completed markouts per horizon (ring of WindowFills each), with running sums.
    private readonly double[] _mSize;   // [h * window + i] markout × size
    private readonly double[] _size;    // [h * window + i]
    private readonly int[] _next;
    private readonly int[] _completed;
    private readonly double[] _sumMSize;
    private readonly double[] _sumSize;
    private readonly int _window;
    private long _belowSince = -1;

    /// <summary>Creates a tracker; <paramref name="options"/> must be valid.</summary>
    public MarkoutTracker(MarkoutTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().Count > 0) throw new ArgumentException("invalid markout options", nameof(options));
        _horizons = [.. options.EffectiveHorizons.Select(h => h.Ticks)];
        _decision = options.DecisionHorizon;
        _minFills = options.MinFills;
        _threshold = options.ThresholdBps;
        _widen = options.WidenFactor;
        _pauseTicks = options.Pause.Ticks;
        int cap = options.PendingCapacity;
        _fillTime = new long[cap];
        _fillSign = new sbyte[cap];
        _fillPrice = new double[cap];
        _fillSize = new double[cap];
        _fillDone = new byte[cap];
        _window = options.WindowFills;
        int h = _horizons.Length;
        _mSize = new double[h * _window];
        _size = new double[h * _window];
        _next = new int[h];
        _completed = new int[h];
        _sumMSize = new double[h];
        _sumSize = new double[h];
    }

    /// <summary>Fills dropped because too many were pending.</summary>
    public long Dropped { get; private set; }

    /// <summary>Fills still waiting for at least one horizon.</summary>
    public int Pending => _pending;

    /// <summary>Records one of our fills.</summary>
    public void RecordFill(long nowTicks, Side side, Price price, Quantity size)
    {
        if (price.Raw <= 0 || size.Raw <= 0) return;
        if (_pending == _fillTime.Length)
        {
            _head = (_head + 1) % _fillTime.Length;
            _pending--;
            Dropped++;
        }

        int slot = (_head + _pending) % _fillTime.Length;
        _fillTime[slot] = nowTicks;
        _fillSign[slot] = (sbyte)side.Sign();
        _fillPrice[slot] = price.ToDouble();
        _fillSize[slot] = size.ToDouble();
        _fillDone[slot] = 0;
        _pending++;
    }

    /// <summary>Feeds the fair price at <paramref name="nowTicks"/>: completes every horizon that has come due.</summary>
    public void OnFairPrice(long nowTicks, double fair)
    {
        if (!double.IsFinite(fair) || fair <= 0) return;
        byte all = (byte)((1 << _horizons.Length) - 1);
        for (int j = 0; j < _pending; j++)
        {
            int slot = (_head + j) % _fillTime.Length;
            long t = _fillTime[slot];
            if (t + _horizons[0] > nowTicks) break; // later fills are younger still
            for (int h = 0; h < _horizons.Length; h++)
            {
                byte bit = (byte)(1 << h);
                if ((_fillDone[slot] & bit) != 0 || t + _horizons[h] > nowTicks) continue;
                double m = _fillSign[slot] * (fair - _fillPrice[slot]) / _fillPrice[slot] * 10_000.0;
                Add(h, m, _fillSize[slot]);
                _fillDone[slot] |= bit;
            }
        }

        while (_pending > 0 && _fillDone[_head] == all)
        {
            _head = (_head + 1) % _fillTime.Length;
            _pending--;
        }
    }

    private void Add(int h, double markoutBps, double size)
    {
        int i = h * _window + _next[h];
        if (_completed[h] >= _window)
        {
            _sumMSize[h] -= _mSize[i];
            _sumSize[h] -= _size[i];
        }

        _mSize[i] = markoutBps * size;
        _size[i] = size;
        _sumMSize[h] += _mSize[i];
        _sumSize[h] += size;
        _next[h] = (_next[h] + 1) % _window;
        _completed[h]++;
    }

    /// <summary>Completed markouts at horizon index <paramref name="horizon"/> (all time).</summary>
    public int Completed(int horizon) => _completed[horizon];

    /// <summary>Size-weighted rolling average markout in bps at horizon index <paramref name="horizon"/> (NaN if none).</summary>
    public double AverageBps(int horizon) => _sumSize[horizon] > 0 ? _sumMSize[horizon] / _sumSize[horizon] : double.NaN;

    /// <summary>Decides on the decision horizon (see remarks). Call after <see cref="OnFairPrice"/>.</summary>
    public ProtectionDecision Evaluate(long nowTicks)
    {
        if (_completed[_decision] < _minFills) return ProtectionDecision.Clear;
        double avg = AverageBps(_decision);
        if (!(avg < _threshold))
        {
            _belowSince = -1;
            return ProtectionDecision.Clear;
        }

        if (_belowSince < 0) _belowSince = nowTicks;
        return nowTicks - _belowSince >= _pauseTicks
            ? new(ProtectionAction.PauseMarket, ProtectionReason.MarkoutPersistent)
            : new(ProtectionAction.WidenSpread, ProtectionReason.MarkoutBelowThreshold, _widen);
    }
}
