using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Dead-man switch: <c>POST /v1/heartbeats</c> every interval so the venue cancels all our orders if the engine dies.
/// The first beat sends an empty id, later beats the id the venue returned; a 400 "Invalid Heartbeat ID" carrying the
/// expected id is adopted and retried at once. A beat is never retried with backoff: the first failure raises
/// <see cref="VenueState.SessionLost"/> at once (a session problem, not a market-data one — books stay valid; the
/// engine places no new orders). When no beat has succeeded for the venue's window (10 s after the last good beat) the
/// venue has presumably cancelled every order: <see cref="VenueState.SessionExpired"/>. The first good beat after a
/// failure raises <see cref="VenueState.SessionRestored"/> (the engine reconciles and quotes again once that
/// reconciliation is complete). Beats are sent only while the engine is alive (<see cref="IVenueEventSink.IsAlive"/>):
/// when its loop stalls or dies the beats stop, so the venue cancels every order on its own even if nothing else in the
/// process works.
/// </summary>
public sealed class PolymarketHeartbeat : IAsyncDisposable
{
    private readonly PolymarketRestClient _rest;
    private readonly Func<IVenueEventSink?> _sink;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _window;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private ITimer? _expiry;
    private int _running;
    private bool _failing;
    private bool _expired;
    private DateTimeOffset _lastGood;

    /// <summary>Creates the heartbeat (call <see cref="Start"/>).</summary>
    /// <param name="rest">REST client.</param>
    /// <param name="sink">The engine's sink (read at each report).</param>
    /// <param name="time">Clock.</param>
    /// <param name="interval">Beat period.</param>
    /// <param name="window">How long the venue waits without a beat before it cancels every order (default 10 s).</param>
    public PolymarketHeartbeat(PolymarketRestClient rest, Func<IVenueEventSink?> sink, TimeProvider time, TimeSpan interval, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _rest = rest;
        _sink = sink;
        _time = time;
        _interval = interval;
        _window = window ?? TimeSpan.FromSeconds(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_window, TimeSpan.Zero, nameof(window));
        _lastGood = time.GetUtcNow();
    }

    /// <summary>The id to send next.</summary>
    public string HeartbeatId { get; private set; } = "";

    /// <summary>Successful beats.</summary>
    public int Beats { get; private set; }

    /// <summary>Failed beats.</summary>
    public int Failures { get; private set; }

    /// <summary>True while beats fail.</summary>
    public bool IsFailing
    {
        get
        {
            lock (_gate) return _failing;
        }
    }

    /// <summary>Beats not sent because the engine was not alive (stalled, dead or stopped): the venue's switch then fires.</summary>
    public int Withheld => Volatile.Read(ref _withheld);

    private int _withheld;

    /// <summary>Starts beating every interval (first beat after one interval; call <see cref="BeatAsync"/> for one now).</summary>
    public void Start() => _timer ??= _time.CreateTimer(_ => _ = BeatAsync(), null, _interval, _interval);

    /// <summary>Sends one beat (skipped if one is in flight). True on success.</summary>
    public async Task<bool> BeatAsync(CancellationToken ct = default)
    {
        // The dead-man switch must be able to fire: a dead or stalled engine never keeps it alive.
        if (_sink() is { IsAlive: false })
        {
            Interlocked.Increment(ref _withheld);
            return false;
        }

        if (Interlocked.Exchange(ref _running, 1) == 1) return false;
        try
        {
            RestResult<HeartbeatDto> r;
            try
            {
                r = await _rest.PostHeartbeatAsync(HeartbeatId, ct).ConfigureAwait(false);
                // The venue names the id it expects; "" after a lapsed session means "open a new one".
                if (!r.IsSuccess && r.Value?.HeartbeatId is string expected && expected != HeartbeatId)
                {
                    HeartbeatId = expected;
                    r = await _rest.PostHeartbeatAsync(HeartbeatId, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A beat that throws is a failed beat: the session is what matters, not why.
                Failed(0, ex.GetType().Name, null);
                return false;
            }

            if (r.IsSuccess)
            {
                HeartbeatId = r.Value!.HeartbeatId ?? HeartbeatId;
                Succeeded();
                return true;
            }

            Failed(r.HttpStatus, r.Error?.Text, r.Error?.RetryAfter);
            return false;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void Succeeded()
    {
        bool restored;
        lock (_gate)
        {
            Beats++;
            _lastGood = _time.GetUtcNow();
            restored = _failing;
            _failing = false;
            _expired = false;
            _expiry?.Dispose();
            _expiry = null;
        }

        if (restored) Report(VenueState.SessionRestored, null, "heartbeat restored; reconciling before quoting again");
    }

    private void Failed(int httpStatus, string? text, TimeSpan? retryAfter)
    {
        bool first;
        TimeSpan untilExpiry;
        lock (_gate)
        {
            Failures++;
            first = !_failing;
            _failing = true;
            untilExpiry = _lastGood + _window - _time.GetUtcNow();
            if (first && !_expired) _expiry = _time.CreateTimer(_ => Expire(), null, untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        if (first)
            Report(VenueState.SessionLost, retryAfter,
                $"heartbeat failed (HTTP {httpStatus}: {text}); the venue cancels every open order {Math.Max(0, untilExpiry.TotalSeconds):0.#} s from now unless a beat gets through");
    }

    private void Expire()
    {
        lock (_gate)
        {
            if (!_failing || _expired) return;
            _expired = true;
        }

        Report(VenueState.SessionExpired, null, $"no heartbeat for {_window.TotalSeconds:0.#} s: every open order is presumed cancelled by the venue until a reconciliation confirms");
    }

    private void Report(VenueState state, TimeSpan? retryAfter, string text) =>
        _sink()?.OnVenueStatus(new VenueStatusEvent(VenueNames.Polymarket, state, _time.GetUtcNow(), retryAfter, text));

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        lock (_gate) _expiry?.Dispose();
        return ValueTask.CompletedTask;
    }
}
