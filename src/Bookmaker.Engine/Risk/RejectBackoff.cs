namespace Bookmaker.Engine.Risk;

/// <summary>
/// Per-market backoff after a venue reject that would only repeat if the same order went out again — off-tick,
/// insufficient balance, refused (403 / unauthorized), market unavailable. Without it a market maker re-sends the
/// refused quote at every requote (≈ 4 a second), which burns the rate limit and, against a Cloudflare 403, invites a
/// ban. The first reject holds the market for the initial delay, each further one doubles it up to the maximum; an
/// order the venue accepts there ends the episode. Markets are risk groups (both tokens of a binary market share one),
/// indexed by the group's dense index; lives on the loop.
/// </summary>
public sealed class RejectBackoff
{
    private readonly long _initialTicks;
    private readonly long _maxTicks;
    private long[] _untilTicks = [];
    private long[] _delayTicks = [];
    private long[] _startedTicks = [];

    /// <summary>Creates the backoff: <paramref name="initial"/> after the first reject, doubling up to <paramref name="max"/>.</summary>
    public RejectBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initialTicks = initial.Ticks;
        _maxTicks = max.Ticks;
    }

    /// <summary>True while the market (risk group) waits out a backoff at <paramref name="nowTicks"/>.</summary>
    public bool IsHolding(int group, long nowTicks) => (uint)group < (uint)_untilTicks.Length && _untilTicks[group] > nowTicks;

    /// <summary>When the market's hold ends (UTC ticks), 0 when it holds nothing.</summary>
    public long HoldsUntil(int group) => (uint)group < (uint)_untilTicks.Length ? _untilTicks[group] : 0;

    /// <summary>
    /// A repeating reject in the market of an order created at <paramref name="orderCreatedTicks"/>: starts or doubles
    /// its hold; returns the hold's length. An order sent before the current hold began was already on its way when the
    /// first refusal came back — part of the same burst, not a retry — so its refusal does not double the hold.
    /// </summary>
    public TimeSpan OnReject(int group, long nowTicks, long orderCreatedTicks)
    {
        Ensure(group);
        if (_delayTicks[group] != 0 && orderCreatedTicks < _startedTicks[group]) return TimeSpan.FromTicks(_delayTicks[group]);
        long delay = _delayTicks[group] == 0 ? _initialTicks : Math.Min(_delayTicks[group] * 2, _maxTicks);
        _delayTicks[group] = delay;
        _startedTicks[group] = nowTicks;
        _untilTicks[group] = nowTicks + delay;
        return TimeSpan.FromTicks(delay);
    }

    /// <summary>The venue accepted an order in the market: the episode is over (the next reject starts from the initial delay).</summary>
    public void OnAccepted(int group)
    {
        if ((uint)group >= (uint)_untilTicks.Length) return;
        _untilTicks[group] = 0;
        _delayTicks[group] = 0;
    }

    /// <summary>
    /// The cause may be gone (the market's tick was re-read): the hold ends now, but the delay is kept, so a reject that
    /// still repeats doubles it.
    /// </summary>
    public void Lift(int group)
    {
        if ((uint)group < (uint)_untilTicks.Length) _untilTicks[group] = 0;
    }

    private void Ensure(int group)
    {
        if (group < _untilTicks.Length) return;
        int n = Math.Max(group + 1, _untilTicks.Length * 2);
        Array.Resize(ref _untilTicks, n);
        Array.Resize(ref _delayTicks, n);
        Array.Resize(ref _startedTicks, n);
    }
}
