using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// What the venues allow right now, as the risk gate judges it: trading modes (cancel-only, post-only), each venue's
/// submit pause (the venue said "retry after") and its adapter's submit circuit (mirrored, never decided here), lost
/// order sessions, venues blocked at their edge (HTTP 403), closed markets and the per-market reject back-off. One job: answer "may an order go to this venue and market now?" — the gate asks it in its documented
/// order and keeps the account and position checks to itself. Allocation-free on the check path.
/// </summary>
internal sealed class VenueConditions(RejectBackoff backoff)
{
    private readonly HashSet<string> _sessionLost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _blockedUntilTicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pausedUntilTicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _circuitOpenUntilTicks = new(StringComparer.Ordinal);
    private bool _cancelOnly;
    private bool _postOnly;

    /// <summary>Markets that no longer trade in this run.</summary>
    public ClosedMarkets ClosedMarkets { get; } = new();

    /// <summary>The venues' live order-price bands per instrument.</summary>
    public PriceBands Bands { get; } = new();

    /// <summary>The venues' mark and our liquidation price per perpetual.</summary>
    public LiquidationDistance Liquidation { get; } = new();

    /// <summary>The per-market reject back-off.</summary>
    public RejectBackoff Backoff => backoff;

    /// <summary>Denials that hold for every order whatever its venue and market (check 6 of the gate).</summary>
    public DenyReason ForAnyOrder() => _cancelOnly ? DenyReason.VenueUnavailable : DenyReason.None;

    /// <summary>Denials that hold for every order to <paramref name="venue"/> whatever its market (check 7 of the gate).</summary>
    public DenyReason ForVenue(string venue, long nowTicks)
    {
        if (_circuitOpenUntilTicks.Count != 0 && _circuitOpenUntilTicks.TryGetValue(venue, out long open) && open > nowTicks) return DenyReason.CircuitOpen;
        if (_pausedUntilTicks.Count != 0 && _pausedUntilTicks.TryGetValue(venue, out long paused) && paused > nowTicks) return DenyReason.SubmitsPaused;
        return DenyReason.None;
    }

    /// <summary>Denials for one order on <paramref name="instrument"/> of risk group <paramref name="group"/>.</summary>
    public DenyReason ForOrder(OrderRequest order, Instrument instrument, int group, long nowTicks)
    {
        if (_postOnly && !order.PostOnly) return DenyReason.VenuePostOnly;
        if (_sessionLost.Count != 0 && _sessionLost.Contains(instrument.Id.Venue)) return DenyReason.VenueUnavailable;
        if (ClosedMarkets.IsClosed(instrument.Index)) return DenyReason.MarketClosed;
        if (_blockedUntilTicks.Count != 0 && _blockedUntilTicks.TryGetValue(instrument.Id.Venue, out long blockedUntil) && blockedUntil > nowTicks)
            return DenyReason.VenueBlocked;
        if (backoff.IsHolding(group, nowTicks)) return DenyReason.RejectBackoff;
        return DenyReason.None;
    }

    /// <summary>The venue entered or left cancel-only / post-only mode.</summary>
    public void SetMode(bool cancelOnly, bool postOnly)
    {
        _cancelOnly = cancelOnly;
        _postOnly = postOnly;
    }

    /// <summary>A venue's order session was lost (true) or restored.</summary>
    public void SetSessionLost(string venue, bool lost)
    {
        if (lost) _sessionLost.Add(venue);
        else _sessionLost.Remove(venue);
    }

    /// <summary>The venue's edge refused us until <paramref name="untilTicks"/> (a later end extends the block).</summary>
    public void BlockUntil(string venue, long untilTicks)
    {
        if (!_blockedUntilTicks.TryGetValue(venue, out long current) || untilTicks > current) _blockedUntilTicks[venue] = untilTicks;
    }

    /// <summary>True while <paramref name="venue"/> is blocked.</summary>
    public bool IsBlocked(string venue, long nowTicks) => _blockedUntilTicks.TryGetValue(venue, out long until) && until > nowTicks;

    /// <summary>Pauses submits to <paramref name="venue"/> until <paramref name="untilTicks"/> (a later end extends the pause).</summary>
    public void PauseSubmitsUntil(string venue, long untilTicks)
    {
        if (!_pausedUntilTicks.TryGetValue(venue, out long current) || untilTicks > current) _pausedUntilTicks[venue] = untilTicks;
    }

    /// <summary>True while submits to <paramref name="venue"/> are paused.</summary>
    public bool AreSubmitsPaused(string venue, long nowTicks) => _pausedUntilTicks.TryGetValue(venue, out long until) && until > nowTicks;

    /// <summary>
    /// Mirrors <paramref name="venue"/>'s submit circuit: open until <paramref name="untilTicks"/> (the breaker's break),
    /// or closed (<paramref name="untilTicks"/> 0). The adapter's report replaces the previous one.
    /// </summary>
    public void MirrorCircuit(string venue, long untilTicks)
    {
        if (untilTicks > 0) _circuitOpenUntilTicks[venue] = untilTicks;
        else _circuitOpenUntilTicks.Remove(venue);
    }

    /// <summary>True while <paramref name="venue"/>'s submit circuit is open (as its adapter last reported).</summary>
    public bool IsCircuitOpen(string venue, long nowTicks) => _circuitOpenUntilTicks.TryGetValue(venue, out long until) && until > nowTicks;
}
