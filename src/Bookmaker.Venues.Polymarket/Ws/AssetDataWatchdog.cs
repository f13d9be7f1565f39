namespace Bookmaker.Venues.Polymarket.Ws;

/// <summary>Settings of <see cref="AssetDataWatchdog"/>.</summary>
public sealed record AssetWatchdogSettings
{
    /// <summary>Shortest silence ever judged suspicious, however busy the market was (default 10 s).</summary>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest silence ever tolerated, however quiet the market is (default 60 s).</summary>
    public TimeSpan MaxSilence { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A market may stay silent this many times its usual gap between messages (default 10).</summary>
    public int RhythmFactor { get; init; } = 10;

    /// <summary>How long a book may wait for its snapshot on a connected socket before it is fetched again (default 5 s).</summary>
    public TimeSpan SnapshotGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the assets are checked (default 1 s).</summary>
    public TimeSpan CheckPeriod { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Per-asset data watchdog of one market-channel connection. Socket liveness is not market liveness: PONG replies keep
/// a socket's own stale timer content while one market's data has stopped (the venue's feed is known to stall per
/// asset). Each asset learns its own rhythm — an exponential average of the gaps between its messages — and is due for
/// a resubscribe and a REST re-snapshot when it has been silent longer than <see cref="AssetWatchdogSettings.RhythmFactor"/>
/// times that gap (clamped to [min, max]); a book gated (awaiting its snapshot) for longer than the grace is due as
/// well, so no invalidated book waits for a snapshot forever. Not thread-safe: its owner calls it under its lock.
/// </summary>
public sealed class AssetDataWatchdog
{
    private const double Smoothing = 0.2;
    private readonly AssetWatchdogSettings _settings;
    private readonly Dictionary<int, int> _slot = [];
    private readonly int[] _index;
    private readonly long[] _lastData;
    private readonly double[] _gapTicks;
    private readonly long[] _gatedSince;
    private readonly long[] _probedAt;
    private readonly long[] _messages;

    /// <summary>Creates a watchdog for the given instrument indexes, all gated from <paramref name="nowTicks"/>.</summary>
    public AssetDataWatchdog(IReadOnlyCollection<int> instrumentIndexes, AssetWatchdogSettings settings, long nowTicks)
    {
        ArgumentNullException.ThrowIfNull(instrumentIndexes);
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        int n = instrumentIndexes.Count;
        _index = new int[n];
        _lastData = new long[n];
        _gapTicks = new double[n];
        _gatedSince = new long[n];
        _probedAt = new long[n];
        _messages = new long[n];
        int k = 0;
        foreach (int i in instrumentIndexes)
        {
            _slot[i] = k;
            _index[k] = i;
            _lastData[k] = nowTicks;
            _gatedSince[k] = nowTicks;
            k++;
        }
    }

    /// <summary>Data for the asset arrived (any message naming it).</summary>
    public void OnData(int instrumentIndex, long nowTicks)
    {
        if (!_slot.TryGetValue(instrumentIndex, out int k)) return;
        long gap = nowTicks - _lastData[k];
        if (gap > 0 && _gatedSince[k] == 0)
            _gapTicks[k] = _gapTicks[k] == 0 ? gap : _gapTicks[k] + (Smoothing * (gap - _gapTicks[k]));
        _lastData[k] = nowTicks;
        _messages[k]++;
    }

    /// <summary>The asset's book now awaits a snapshot.</summary>
    public void OnGated(int instrumentIndex, long nowTicks)
    {
        if (_slot.TryGetValue(instrumentIndex, out int k) && _gatedSince[k] == 0) _gatedSince[k] = nowTicks;
    }

    /// <summary>The asset's book got its snapshot.</summary>
    public void OnLive(int instrumentIndex, long nowTicks)
    {
        if (!_slot.TryGetValue(instrumentIndex, out int k)) return;
        _gatedSince[k] = 0;
        _lastData[k] = nowTicks;
    }

    /// <summary>Messages received for the asset so far (a REST snapshot is applied only if none arrived while it was fetched).</summary>
    public long Messages(int instrumentIndex) => _slot.TryGetValue(instrumentIndex, out int k) ? _messages[k] : -1;

    /// <summary>True while the asset's book awaits a snapshot.</summary>
    public bool IsGated(int instrumentIndex) => _slot.TryGetValue(instrumentIndex, out int k) && _gatedSince[k] != 0;

    /// <summary>How long this asset may stay silent before it is resubscribed and re-snapshotted.</summary>
    public TimeSpan SilenceLimit(int instrumentIndex)
    {
        if (!_slot.TryGetValue(instrumentIndex, out int k) || _gapTicks[k] == 0) return _settings.MaxSilence;
        double limit = _gapTicks[k] * _settings.RhythmFactor;
        long clamped = (long)Math.Clamp(limit, _settings.MinSilence.Ticks, _settings.MaxSilence.Ticks);
        return TimeSpan.FromTicks(clamped);
    }

    /// <summary>
    /// Adds to <paramref name="due"/> every asset silent beyond its limit or gated beyond the grace, and restarts its
    /// clock, so an asset that stays silent is retried once per limit, not at every check.
    /// </summary>
    public void CollectDue(long nowTicks, List<int> due)
    {
        ArgumentNullException.ThrowIfNull(due);
        for (int k = 0; k < _index.Length; k++)
        {
            bool gatedTooLong = _gatedSince[k] != 0 && nowTicks - _gatedSince[k] > _settings.SnapshotGrace.Ticks;
            bool silentTooLong = _gatedSince[k] == 0 && nowTicks - Math.Max(_lastData[k], _probedAt[k]) > SilenceLimit(_index[k]).Ticks;
            if (!gatedTooLong && !silentTooLong) continue;
            due.Add(_index[k]);
            if (gatedTooLong) _gatedSince[k] = nowTicks;
            else _probedAt[k] = nowTicks;
        }
    }

    /// <summary>Restarts every asset's clock (a new connection: its subscribe brings fresh snapshots).</summary>
    public void Restart(long nowTicks)
    {
        for (int k = 0; k < _index.Length; k++)
        {
            _lastData[k] = nowTicks;
            if (_gatedSince[k] != 0) _gatedSince[k] = nowTicks;
        }
    }
}
