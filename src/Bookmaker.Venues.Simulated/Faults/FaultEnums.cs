namespace Bookmaker.Venues.Simulated.Faults;

/// <summary>Where a fault can strike: one request type of the execution client, or one stream.</summary>
public enum FaultEndpoint : byte
{
    /// <summary><c>order</c>: a single order submission.</summary>
    Order,

    /// <summary><c>batch</c>: a batch order submission.</summary>
    Batch,

    /// <summary><c>cancel</c>: cancel of one order.</summary>
    Cancel,

    /// <summary><c>cancel_all</c>: cancel every open order.</summary>
    CancelAll,

    /// <summary><c>cancel_market</c>: cancel all orders of one market.</summary>
    CancelMarket,

    /// <summary><c>query</c>: order / balance / position queries.</summary>
    Query,

    /// <summary><c>heartbeat</c>: the venue heartbeat (dead-man switch) request.</summary>
    Heartbeat,

    /// <summary><c>feed</c>: public market-data stream, per message.</summary>
    Feed,

    /// <summary><c>user_feed</c>: private order/fill stream, per message.</summary>
    UserFeed,
}

/// <summary>What goes wrong.</summary>
public enum FaultKind : byte
{
    /// <summary>No fault: behave normally.</summary>
    None,

    /// <summary><c>error</c>: HTTP 500, request not executed.</summary>
    Error,

    /// <summary><c>restart</c>: the venue is restarting; this and every request in the window get HTTP 425 (param: window).</summary>
    Restart,

    /// <summary><c>ratelimit</c>: HTTP 429 with Retry-After (param: retry after).</summary>
    RateLimit,

    /// <summary><c>cancel_only</c>: HTTP 503, the venue accepts only cancels for a window (param: window).</summary>
    CancelOnly,

    /// <summary><c>timeout</c>: never answered; the request was not executed.</summary>
    Timeout,

    /// <summary><c>late</c>: executed, but the answer arrives after the client gave up (param: delay) — the order is live.</summary>
    Late,

    /// <summary><c>partial</c>: a bulk request does only part of its work (param: fraction done, 0..1).</summary>
    Partial,

    /// <summary><c>drop</c>: the message is lost.</summary>
    Drop,

    /// <summary><c>duplicate</c>: the message is delivered twice.</summary>
    Duplicate,

    /// <summary><c>reorder</c>: the message is held back behind the next N messages (param: N).</summary>
    Reorder,

    /// <summary><c>stale</c>: the stream stalls (no messages, connection up) for a window (param: window).</summary>
    Stale,

    /// <summary><c>disconnect</c>: the connection drops and stays down for a window (param: window).</summary>
    Disconnect,
}

/// <summary>What kind of parameter a fault takes.</summary>
public enum FaultParameterKind : byte
{
    /// <summary>No parameter.</summary>
    None,

    /// <summary>A duration such as <c>30s</c>.</summary>
    Duration,

    /// <summary>A fraction in [0, 1].</summary>
    Fraction,

    /// <summary>A positive whole count.</summary>
    Count,
}
