using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Venues;

/// <summary>Connectivity and trading mode of a venue, as the adapter sees it.</summary>
public enum VenueState : byte
{
    /// <summary>Connected, accepting orders.</summary>
    Live,

    /// <summary>Feed or session lost; reconnecting.</summary>
    Disconnected,

    /// <summary>Reconnected; books gated until fresh snapshots arrive and reconciliation has run.</summary>
    Reconnected,

    /// <summary>The venue accepts cancels only (Polymarket 503 cancel-only).</summary>
    CancelOnly,

    /// <summary>The venue accepts post-only orders and cancels only.</summary>
    PostOnly,

    /// <summary>Matching engine restarting (Polymarket 425): retry later.</summary>
    Restarting,

    /// <summary>
    /// The venue's dead-man session (Polymarket heartbeat) is failing: the venue may cancel every open order when its
    /// window runs out. Market data is unaffected (books stay valid); no new orders until the session is restored and
    /// a reconciliation has confirmed what is still open.
    /// </summary>
    SessionLost,

    /// <summary>
    /// The session has been failing for longer than the venue's window: every open order is presumed cancelled by the
    /// venue (still tracked locally, never quoted on top of) until a reconciliation confirms.
    /// </summary>
    SessionExpired,

    /// <summary>The session works again: the engine reconciles, and the venue is live once that reconciliation is complete.</summary>
    SessionRestored,

    /// <summary>
    /// One market (<see cref="VenueStatusEvent.Market"/>) no longer trades: resolved (Polymarket <c>market_resolved</c>),
    /// closed or not accepting orders. The engine cancels our orders there and the gate refuses new ones for the rest of
    /// the run; other markets of the venue are unaffected.
    /// </summary>
    MarketClosed,

    /// <summary>
    /// The venue's edge refused us (HTTP 403, e.g. a Cloudflare block): the adapter has paused all REST traffic for
    /// <see cref="VenueStatusEvent.RetryAfter"/> — cancels included, they wait for the window's end — and the gate
    /// refuses new orders until then.
    /// </summary>
    Blocked,

    /// <summary>
    /// The adapter's submit circuit breaker (Polly, in the venue's REST pipeline) opened after a storm of failed
    /// submits (429, 5xx, timeouts): it refuses new orders for <see cref="VenueStatusEvent.RetryAfter"/>, and the gate
    /// mirrors that and denies submits to this venue <c>circuit_open</c> meanwhile. Cancels are unaffected.
    /// </summary>
    CircuitOpen,

    /// <summary>The submit circuit's break ended: the next submit is the breaker's trial (success closes it, failure re-opens it).</summary>
    CircuitHalfOpen,

    /// <summary>A trial submit succeeded: the submit circuit is closed again.</summary>
    CircuitClosed,
}

/// <summary>A change of venue state.</summary>
/// <param name="Venue">Venue name.</param>
/// <param name="State">New state.</param>
/// <param name="Timestamp">Engine clock time.</param>
/// <param name="RetryAfter">How long the venue asked us to wait, when it said.</param>
/// <param name="Text">Human-readable detail.</param>
/// <param name="Market">For <see cref="VenueState.MarketClosed"/>: the market (Polymarket condition id, or a symbol); null otherwise.</param>
public sealed record VenueStatusEvent(string Venue, VenueState State, DateTimeOffset Timestamp, TimeSpan? RetryAfter = null, string? Text = null, string? Market = null);

/// <summary>Endpoint classes, the unit of rate limiting and circuit breaking.</summary>
public enum VenueEndpoint : byte
{
    /// <summary>Single order submit.</summary>
    Submit,

    /// <summary>Batch submit.</summary>
    SubmitBatch,

    /// <summary>Single/bulk cancel by id.</summary>
    Cancel,

    /// <summary>Cancel everything.</summary>
    CancelAll,

    /// <summary>Cancel one market's orders.</summary>
    CancelMarket,

    /// <summary>Read-only queries (open orders, balances, trades).</summary>
    Query,

    /// <summary>Heartbeat / keep-alive.</summary>
    Heartbeat,

    /// <summary>Amend of a resting order.</summary>
    Amend,
}

/// <summary>
/// A request that failed as a whole (transport error, timeout, HTTP status) rather than with a per-order answer. The
/// orders it names are in an unknown state until reconciliation proves otherwise.
/// </summary>
/// <param name="Venue">Venue.</param>
/// <param name="Endpoint">Endpoint class.</param>
/// <param name="HttpStatus">HTTP status, or 0 for a timeout / transport failure.</param>
/// <param name="Reason">Typed reason.</param>
/// <param name="Text">The venue's words.</param>
/// <param name="Orders">Orders the request carried.</param>
/// <param name="Timestamp">Engine clock time.</param>
/// <param name="RetryAfter">Retry-After, when present.</param>
public sealed record VenueRequestFailed(
    string Venue,
    VenueEndpoint Endpoint,
    int HttpStatus,
    RejectReason Reason,
    string? Text,
    IReadOnlyList<ClientOrderId> Orders,
    DateTimeOffset Timestamp,
    TimeSpan? RetryAfter = null);

/// <summary>An open order as the venue reports it during reconciliation.</summary>
/// <param name="OrderId">Our id (adapters map venue ids back; unknown ones get an empty id).</param>
/// <param name="VenueOrderId">Venue id.</param>
/// <param name="Instrument">Instrument.</param>
/// <param name="Side">Side.</param>
/// <param name="Price">Limit price.</param>
/// <param name="OriginalSize">Size placed.</param>
/// <param name="FilledSize">Size filled so far.</param>
public sealed record VenueOpenOrder(ClientOrderId OrderId, string VenueOrderId, InstrumentId Instrument, Side Side, Price Price, Quantity OriginalSize, Quantity FilledSize);

/// <summary>
/// The venue's view of our account at one moment, answering a reconciliation request: open orders, balances,
/// positions and fills since a point. The engine compares it with its own state and repairs every difference.
/// </summary>
/// <param name="Venue">Venue.</param>
/// <param name="RequestId">The id passed to <see cref="IExecutionClient.RequestAccountSnapshot"/>.</param>
/// <param name="Timestamp">Engine clock time of the snapshot.</param>
/// <param name="Complete">False when part of the venue state could not be read; an incomplete snapshot repairs nothing.</param>
/// <param name="OpenOrders">Every open order.</param>
/// <param name="Cash">Quote-currency balance (total, before open-order locks).</param>
/// <param name="Positions">Token/contract positions by instrument.</param>
/// <param name="FillsSince">Fills since the requested point (never those of FAILED trades).</param>
/// <param name="Settlements">
/// Where the trades of those fills stand, FAILED ones included (venues with a settlement ladder; null or empty for
/// venues that settle at the match). Positions are the venue's settled balances — a venue that lists an instrument
/// lists it even at zero, so a position the venue does not hold is corrected.
/// </param>
/// <param name="Balances">
/// Per-coin balances with what open orders lock (spot venues; null where the venue has none to give): shown to the
/// operator as the venue states them; the positions above already carry the spot base coins' totals.
/// </param>
public sealed record AccountSnapshot(
    string Venue,
    long RequestId,
    DateTimeOffset Timestamp,
    bool Complete,
    IReadOnlyList<VenueOpenOrder> OpenOrders,
    Money Cash,
    IReadOnlyDictionary<InstrumentId, Quantity> Positions,
    IReadOnlyList<Fill> FillsSince,
    IReadOnlyList<VenueTradeSettlement>? Settlements = null,
    IReadOnlyList<CoinBalance>? Balances = null);

/// <summary>The venue's per-coin balances pushed between snapshots (Bybit's <c>wallet</c> topic).</summary>
/// <param name="Venue">Venue.</param>
/// <param name="Coins">Every coin the push names (coins it leaves out keep their last figures).</param>
/// <param name="Timestamp">When the venue stated them.</param>
public sealed record VenueBalances(string Venue, IReadOnlyList<CoinBalance> Coins, DateTimeOffset Timestamp);

/// <summary>A fill of ours as the venue's trade list describes it, with the trade's settlement state.</summary>
/// <param name="Fill">The fill (its order id is empty when the venue's order is not mapped to ours, e.g. after a restart).</param>
/// <param name="State">Where the trade stands.</param>
public sealed record VenueTradeSettlement(Fill Fill, SettlementState State);
