using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Turns a refusal that reveals the venue's trading mode — 503 cancel-only or post-only, 425 restarting — into a
/// <see cref="VenueStatusEvent"/>, and announces the end of a cancel-only / post-only window, which the venue itself
/// never does: after Retry-After (or <see cref="PolymarketAdapterSettings.ModeProbeInterval"/>) the engine is told the
/// venue is live again; if it is not, the next submit's 503 raises the mode once more.
/// </summary>
internal sealed class VenueModeWatch(VenueEventReporter events, TimeProvider time, TimeSpan probeInterval)
{
    private readonly Lock _gate = new();
    private ITimer? _probe;

    /// <summary>Raises the mode a refusal reveals, if any.</summary>
    public void OnRefusal(PolymarketError e)
    {
        VenueState? state = e.Reason switch
        {
            RejectReason.CancelOnly when e.Text?.Contains("closed only", StringComparison.OrdinalIgnoreCase) != true => VenueState.CancelOnly,
            RejectReason.PostOnlyMode => VenueState.PostOnly,
            RejectReason.VenueRestarting => VenueState.Restarting,
            _ => null,
        };
        if (state is VenueState s)
        {
            events.Status(s, e.RetryAfter, e.Text);
            if (s is VenueState.CancelOnly or VenueState.PostOnly) ScheduleProbe(e.RetryAfter ?? probeInterval);
        }
    }

    /// <summary>Stops a pending probe (adapter stop).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _probe?.Dispose();
            _probe = null;
        }
    }

    private void ScheduleProbe(TimeSpan after)
    {
        lock (_gate)
        {
            if (_probe is not null) return;
            _probe = time.CreateTimer(_ =>
            {
                Stop();
                events.Status(VenueState.Live, null, "trading-mode window elapsed; submits resume (a new 503 restores the mode)");
            }, null, after, Timeout.InfiniteTimeSpan);
        }
    }
}
