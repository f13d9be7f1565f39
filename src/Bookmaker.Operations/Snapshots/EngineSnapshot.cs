using System.Text.Json.Serialization;

namespace Bookmaker.Operations.Snapshots;

/// <summary>
/// What the engine looked like at one housekeeping tick, copied on the event loop and never changed afterwards: the
/// control plane, the metrics and the event stream read only this, from any thread, so the loop stays the one writer
/// of engine state. Money and sizes are decimal copies of the exact fixed-point values (display only).
/// </summary>
/// <param name="Sequence">Increases by one per snapshot.</param>
/// <param name="EngineTime">Engine clock at the tick (simulated in paper on the synthetic venue).</param>
/// <param name="WallTime">Wall clock when it was taken (how fresh it is).</param>
/// <param name="State">ACTIVE, REDUCING or HALTED (never the display of a stalled loop: readers judge the loop apart).</param>
/// <param name="KillSwitchEngaged">True while the kill-switch file holds the engine halted.</param>
/// <param name="Breached">True after a daily-loss breach not yet reset.</param>
/// <param name="DailyPnl">The gate's P&amp;L of the trading day.</param>
/// <param name="DailyLossLimit">The daily loss limit (positive).</param>
/// <param name="Pnl">P&amp;L by kind.</param>
/// <param name="Orders">Order counters since start.</param>
/// <param name="Journal">The journal's health.</param>
/// <param name="Venues">Per venue: liveness and market-data age per market.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="OpenOrders">Open orders.</param>
/// <param name="Alerts">Active alerts.</param>
/// <param name="AlertCounts">Warnings and criticals raised since start.</param>
/// <param name="LoopLagSeconds">How late the housekeeping timer fired (engine clock): the event loop's lag.</param>
public sealed record EngineSnapshot(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("engine_time")] DateTimeOffset EngineTime,
    [property: JsonPropertyName("wall_time")] DateTimeOffset WallTime,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("kill_switch_engaged")] bool KillSwitchEngaged,
    [property: JsonPropertyName("breached")] bool Breached,
    [property: JsonPropertyName("daily_pnl")] decimal DailyPnl,
    [property: JsonPropertyName("daily_loss_limit")] decimal DailyLossLimit,
    [property: JsonPropertyName("pnl")] PnlSnapshot Pnl,
    [property: JsonPropertyName("orders")] OrderCounters Orders,
    [property: JsonPropertyName("journal")] JournalHealth Journal,
    [property: JsonPropertyName("venues")] IReadOnlyList<VenueHealth> Venues,
    [property: JsonPropertyName("positions")] IReadOnlyList<PositionRow> Positions,
    [property: JsonPropertyName("open_orders")] IReadOnlyList<OrderRow> OpenOrders,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertRow> Alerts,
    [property: JsonPropertyName("alert_counts")] AlertCounts AlertCounts,
    [property: JsonPropertyName("loop_lag_seconds")] double LoopLagSeconds)
{
    /// <summary>The share of the daily loss limit used (0 when the day is in profit; 1 at the breach).</summary>
    [JsonPropertyName("daily_loss_used_ratio")]
    public double DailyLossUsedRatio => DailyLossLimit <= 0 || DailyPnl >= 0 ? 0 : (double)Math.Min(1m, -DailyPnl / DailyLossLimit);

    /// <summary>Every market's mid, top levels and our inventory against its limit (the dashboard's ladder).</summary>
    [JsonPropertyName("markets")]
    public IReadOnlyList<MarketRow> Markets { get; init; } = [];

    /// <summary>Per venue and coin, the balance the venue last stated and what open orders lock (spot accounts; empty elsewhere).</summary>
    [JsonPropertyName("balances")]
    public IReadOnlyList<BalanceRow> Balances { get; init; } = [];

    /// <summary>Our last fills, oldest first (bounded).</summary>
    [JsonPropertyName("fills")]
    public IReadOnlyList<FillRow> Fills { get; init; } = [];

    /// <summary>The order round trip against its SLA; null when no SLA is tracked.</summary>
    [JsonPropertyName("round_trip")]
    public RoundTripRow? RoundTrip { get; init; }
}

/// <summary>P&amp;L by kind (decimal copies; display only).</summary>
/// <param name="Realized">Realized.</param>
/// <param name="Unrealized">Unrealized at the marks.</param>
/// <param name="Fees">Fees paid (positive).</param>
/// <param name="Rebates">Rebates earned.</param>
/// <param name="Net">Realized + unrealized − fees + rebates + funding.</param>
/// <param name="Equity">Cash plus positions at the marks.</param>
public sealed record PnlSnapshot(
    [property: JsonPropertyName("realized")] decimal Realized,
    [property: JsonPropertyName("unrealized")] decimal Unrealized,
    [property: JsonPropertyName("fees")] decimal Fees,
    [property: JsonPropertyName("rebates")] decimal Rebates,
    [property: JsonPropertyName("net")] decimal Net,
    [property: JsonPropertyName("equity")] decimal Equity)
{
    /// <summary>Funding of perpetual positions: positive received, negative paid (0 without perpetuals).</summary>
    [JsonPropertyName("funding")]
    public decimal Funding { get; init; }
}

/// <summary>Order counters since the engine started.</summary>
/// <param name="Submitted">Sent to a venue.</param>
/// <param name="Cancelled">Reached Cancelled.</param>
/// <param name="Rejected">Rejected by a venue.</param>
/// <param name="Fills">Fills applied.</param>
/// <param name="Volume">Notional filled.</param>
/// <param name="DeniedByReason">Denials by the risk gate, by reason code.</param>
public sealed record OrderCounters(
    [property: JsonPropertyName("submitted")] long Submitted,
    [property: JsonPropertyName("cancelled")] long Cancelled,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("fills")] long Fills,
    [property: JsonPropertyName("volume")] decimal Volume,
    [property: JsonPropertyName("denied_by_reason")] IReadOnlyDictionary<string, long> DeniedByReason);

/// <summary>The journal as the engine sees it.</summary>
/// <param name="Writable">False once the journal faulted (the engine then fails closed).</param>
/// <param name="Backlog">Entries appended but not yet committed to disk.</param>
/// <param name="Fault">Why it cannot write, or null.</param>
public sealed record JournalHealth(
    [property: JsonPropertyName("writable")] bool Writable,
    [property: JsonPropertyName("backlog")] int Backlog,
    [property: JsonPropertyName("fault")] string? Fault);

/// <summary>One venue's health.</summary>
/// <param name="Venue">Venue name.</param>
/// <param name="Live">True while live for strategies (connected, reconciled, not restarting or cancel-only).</param>
/// <param name="Mode">The venue's trading mode (Live, Restarting, CancelOnly…).</param>
/// <param name="SessionLost">True while the order session (user stream, heartbeat) is lost.</param>
/// <param name="Markets">Market-data age per market.</param>
public sealed record VenueHealth(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("live")] bool Live,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("session_lost")] bool SessionLost,
    [property: JsonPropertyName("markets")] IReadOnlyList<MarketData> Markets);

/// <summary>One market's data age.</summary>
/// <param name="Market">Instrument symbol.</param>
/// <param name="AgeSeconds">Engine time since its book last changed; null before any data (unknown).</param>
/// <param name="Stale">True when the book is marked stale (gap, lost feed).</param>
public sealed record MarketData(
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("age_seconds")] double? AgeSeconds,
    [property: JsonPropertyName("stale")] bool Stale);

/// <summary>One open position.</summary>
/// <param name="Market">Instrument symbol.</param>
/// <param name="Venue">Venue.</param>
/// <param name="Quantity">Signed size.</param>
/// <param name="Mark">Mark price (0 before the first two-sided book).</param>
/// <param name="RealizedPnl">Realized P&amp;L of the position.</param>
public sealed record PositionRow(
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("mark")] decimal Mark,
    [property: JsonPropertyName("realized_pnl")] decimal RealizedPnl);

/// <summary>One coin of a venue account: the balance, what open orders lock, what new orders may spend.</summary>
/// <param name="Venue">Venue.</param>
/// <param name="Coin">Coin.</param>
/// <param name="Total">The whole balance.</param>
/// <param name="Locked">Locked by open orders (a spot sell locks base, a buy quote).</param>
/// <param name="Free">Total − locked.</param>
public sealed record BalanceRow(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("total")] decimal Total,
    [property: JsonPropertyName("locked")] decimal Locked,
    [property: JsonPropertyName("free")] decimal Free);

/// <summary>One open order.</summary>
/// <param name="Id">Client order id.</param>
/// <param name="Market">Instrument symbol.</param>
/// <param name="Side">Buy or Sell.</param>
/// <param name="Price">Limit price.</param>
/// <param name="Size">Order size.</param>
/// <param name="Filled">Filled so far.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="CreatedAt">When created (engine clock).</param>
public sealed record OrderRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("size")] decimal Size,
    [property: JsonPropertyName("filled")] decimal Filled,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

/// <summary>One active alert.</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Severity">WARNING or CRITICAL (INFO never stays active).</param>
/// <param name="Key">Scope.</param>
/// <param name="Message">Text (never a secret).</param>
/// <param name="RaisedAt">First raised (engine clock).</param>
public sealed record AlertRow(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("raised_at")] DateTimeOffset RaisedAt)
{
    /// <summary>Who acknowledged it, or null.</summary>
    [JsonPropertyName("acknowledged_by")]
    public string? AcknowledgedBy { get; init; }
}

/// <summary>Alerts raised since start, by severity.</summary>
/// <param name="Warning">Warnings.</param>
/// <param name="Critical">Criticals.</param>
public sealed record AlertCounts(
    [property: JsonPropertyName("warning")] long Warning,
    [property: JsonPropertyName("critical")] long Critical);
