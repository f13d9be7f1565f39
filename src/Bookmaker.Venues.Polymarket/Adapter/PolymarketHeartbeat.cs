using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Dead-man switch: <c>POST /v1/heartbeats</c> every interval so the venue cancels all our orders if the engine dies.
/// The first beat sends an empty id, later beats the id the venue returned; a 400 "Invalid Heartbeat ID" carrying the
/// expected id is adopted and retried at once. The first failure raises a <see cref="VenueStatusEvent"/>
/// (<see cref="VenueState.Disconnected"/>, text starting "heartbeat failed") — the engine alerts and should treat
/// resting orders as possibly cancelled; recovery raises <see cref="VenueState.Reconnected"/> ("heartbeat restored": the
/// engine reconciles, since the venue may have cancelled our orders meanwhile; no trading mode is lifted by it). Beats are
/// sent only while the engine is alive (<see cref="IVenueEventSink.IsAlive"/>): when its loop stalls or dies the beats
/// stop, so the venue cancels every order on its own even if nothing else in the process works.
/// </summary>
public sealed class PolymarketHeartbeat : IAsyncDisposable
{
    private readonly PolymarketRestClient _rest;
    private readonly Func<IVenueEventSink?> _sink;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private ITimer? _timer;
    private int _running;
    private bool _failing;

    /// <summary>Creates the heartbeat (call <see cref="Start"/>).</summary>
    public PolymarketHeartbeat(PolymarketRestClient rest, Func<IVenueEventSink?> sink, TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _rest = rest;
        _sink = sink;
        _time = time;
        _interval = interval;
    }

    /// <summary>The id to send next.</summary>
    public string HeartbeatId { get; private set; } = "";

    /// <summary>Successful beats.</summary>
    public int Beats { get; private set; }

    /// <summary>Failed beats.</summary>
    public int Failures { get; private set; }

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
            var r = await _rest.PostHeartbeatAsync(HeartbeatId, ct).ConfigureAwait(false);
            if (!r.IsSuccess && r.Value?.HeartbeatId is { Length: > 0 } expected && expected != HeartbeatId)
            {
                HeartbeatId = expected;
                r = await _rest.PostHeartbeatAsync(HeartbeatId, ct).ConfigureAwait(false);
            }

            if (r.IsSuccess)
            {
                HeartbeatId = r.Value!.HeartbeatId ?? HeartbeatId;
                Beats++;
                if (_failing)
                {
                    _failing = false;
                    _sink()?.OnVenueStatus(new VenueStatusEvent(VenueNames.Polymarket, VenueState.Reconnected, _time.GetUtcNow(), null, "heartbeat restored"));
                }

                return true;
            }

            Failures++;
            if (!_failing)
            {
                _failing = true;
                _sink()?.OnVenueStatus(new VenueStatusEvent(VenueNames.Polymarket, VenueState.Disconnected, _time.GetUtcNow(), r.Error?.RetryAfter,
                    $"heartbeat failed (HTTP {r.HttpStatus}: {r.Error?.Text}); the venue may cancel all open orders"));
            }

            return false;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
