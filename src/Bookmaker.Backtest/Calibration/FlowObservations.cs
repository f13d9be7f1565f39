namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// What one market showed, collected the same way from a recording and from a simulation so the two compare like for
/// like: the top of book sampled once a second while both sides are quoted (spread in ticks, size at the best bid and
/// at the best ask in quote currency, the mid), the mid's every change (for markouts), and the taker orders — every
/// print of one side at one timestamp is one order, with its quote size, volume-weighted price and the mid just before.
/// </summary>
public sealed class FlowObservations
{
    private static readonly long Second = TimeSpan.TicksPerSecond;
    private readonly double _tick;
    private readonly List<long> _midTimes = [];
    private readonly List<double> _mids = [];
    private long _nextSample = long.MinValue;
    private double _bid, _bidSize, _ask, _askSize;
    private bool _twoSided;
    private long _first = long.MinValue, _last = long.MinValue;
    private long _pendingTime = long.MinValue;
    private long _pendingKey = long.MinValue;
    private int _pendingSign;
    private double _pendingQuote, _pendingShares, _pendingMid;

    /// <summary>Observes a market whose tick is <paramref name="tick"/> (price units).</summary>
    public FlowObservations(double tick)
    {
        if (!(tick > 0)) throw new ArgumentOutOfRangeException(nameof(tick), "tick must be > 0");
        _tick = tick;
    }

    /// <summary>Tick, price units.</summary>
    public double Tick => _tick;

    /// <summary>Spread samples, ticks.</summary>
    public List<double> SpreadTicks { get; } = [];

    /// <summary>Touch depth samples (best bid and best ask, one each per sample), quote currency.</summary>
    public List<double> TouchDepthQuote { get; } = [];

    /// <summary>The mid at each one-second sample.</summary>
    public List<double> SampledMids { get; } = [];

    /// <summary>Taker orders.</summary>
    public List<TakerOrder> Orders { get; } = [];

    /// <summary>Seconds from the first to the last observation.</summary>
    public double SpanSeconds => _first == long.MinValue ? 0 : (_last - _first) / (double)Second;

    /// <summary>Time of the last observation (UTC ticks).</summary>
    public long LastTicks => _last;

    /// <summary>The top of book changed (or was re-read) at <paramref name="time"/>; a side with no level has size 0.</summary>
    public void OnTop(long time, double bid, double bidSize, double ask, double askSize)
    {
        Touch(time);
        SampleUpTo(time);
        _bid = bid;
        _bidSize = bidSize;
        _ask = ask;
        _askSize = askSize;
        bool twoSided = bidSize > 0 && askSize > 0 && ask > bid;
        if (twoSided && _nextSample == long.MinValue) _nextSample = time + Second;
        _twoSided = twoSided;
        if (twoSided)
        {
            double mid = (bid + ask) / 2;
            if (_mids.Count == 0 || _mids[^1] != mid)
            {
                _midTimes.Add(time);
                _mids.Add(mid);
            }
        }
    }

    /// <summary>
    /// A print at <paramref name="time"/>: aggressor <paramref name="sign"/> (+1 buy), price and size in shares. Prints
    /// of one side with the same <paramref name="orderKey"/> (the venue's timestamp) are one taker order.
    /// </summary>
    public void OnPrint(long time, long orderKey, int sign, double price, double size)
    {
        Touch(time);
        if (orderKey != _pendingKey || sign != _pendingSign) FlushOrder();
        if (_pendingTime == long.MinValue)
        {
            _pendingKey = orderKey;
            _pendingTime = time;
            _pendingSign = sign;
            _pendingMid = _twoSided ? (_bid + _ask) / 2 : double.NaN;
        }

        _pendingQuote += price * size;
        _pendingShares += size;
    }

    /// <summary>Closes the observation at <paramref name="end"/> (UTC ticks; the last observation when earlier).</summary>
    public void Finish(long end)
    {
        FlushOrder();
        SampleUpTo(Math.Max(end, _last));
        Touch(Math.Max(end, _last));
    }

    /// <summary>The mid in force at <paramref name="time"/> (NaN before the first two-sided book).</summary>
    public double MidAt(long time)
    {
        int i = _midTimes.BinarySearch(time);
        if (i < 0) i = ~i - 1;
        return i < 0 ? double.NaN : _mids[i];
    }

    private void Touch(long time)
    {
        if (_first == long.MinValue) _first = time;
        if (time > _last) _last = time;
    }

    private void SampleUpTo(long time)
    {
        if (_nextSample == long.MinValue) return;
        while (_nextSample <= time)
        {
            if (_twoSided)
            {
                SpreadTicks.Add(Math.Round((_ask - _bid) / _tick, 6));
                TouchDepthQuote.Add(_bid * _bidSize);
                TouchDepthQuote.Add(_ask * _askSize);
                SampledMids.Add((_bid + _ask) / 2);
            }

            _nextSample += Second;
        }
    }

    private void FlushOrder()
    {
        if (_pendingTime == long.MinValue) return;
        if (_pendingShares > 0) Orders.Add(new TakerOrder(_pendingTime, _pendingSign, _pendingQuote / _pendingShares, _pendingQuote, _pendingMid));
        _pendingTime = long.MinValue;
        _pendingKey = long.MinValue;
        _pendingSign = 0;
        _pendingQuote = _pendingShares = 0;
        _pendingMid = double.NaN;
    }
}

/// <summary>One taker order: time (UTC ticks), sign (+1 buy), volume-weighted price, size in quote currency, mid just before.</summary>
public readonly record struct TakerOrder(long Time, int Sign, double Price, double Quote, double MidBefore);
