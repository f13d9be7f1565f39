using Bookmaker.Core.Orders;

namespace Bookmaker.Venues.Bybit.Rest;

/// <summary>How the engine must treat a Bybit <c>retCode</c>: the action differs, not just the wording.</summary>
public enum BybitErrorClass : byte
{
    /// <summary>0: success.</summary>
    Ok,

    /// <summary>The venue refused the order itself (size, price, state…): nothing was placed; do not retry as is.</summary>
    Reject,

    /// <summary>Rate limited (10006, 10018, 170005, 170222, 10429, 20003): back off; nothing was placed.</summary>
    RateLimited,

    /// <summary>10002: our timestamp is outside the window: re-sync the server clock, then the request may be re-sent.</summary>
    Timestamp,

    /// <summary>Balance or margin insufficient.</summary>
    Balance,

    /// <summary>A post-only order would have taken liquidity.</summary>
    PostOnlyWouldCross,

    /// <summary>Outside the venue's price band: re-price inside <c>buyLmt</c> / <c>sellLmt</c>.</summary>
    PriceBand,

    /// <summary>The venue may or may not have acted (timeouts, internal errors): reconcile before anything else.</summary>
    StateUnknown,

    /// <summary>The request repeats one the venue already has (duplicate id): treat as already sent, reconcile.</summary>
    Duplicate,

    /// <summary>The order is not (or no longer) on the book.</summary>
    NotFound,

    /// <summary>Service restarting or WS trade service unavailable: pause submits, retry later.</summary>
    VenueRestarting,

    /// <summary>Authentication or key problems (bad key, signature, expired key, IP not whitelisted): stop, tell the operator.</summary>
    FatalAuth,

    /// <summary>Account or configuration makes trading impossible (compliance, banned, UTA needed, RPI not allowed).</summary>
    FatalAccount,

    /// <summary>The symbol does not trade for us now (delisting, reduce-only, pre-market, not API-tradable): stop quoting it.</summary>
    StopQuoting,

    /// <summary>Benign on start-up configuration ("not modified").</summary>
    NotModified,

    /// <summary>A code this table does not know: treated like <see cref="StateUnknown"/> for orders (reconcile first).</summary>
    Unknown,
}

/// <summary>
/// The reference's <c>retCode</c>s (sections 2 and the addendum's C) in classes that decide what the engine does, and the
/// engine's <see cref="RejectReason"/> for each. Unknown codes are treated as "state unknown": a trading bot that guesses
/// "rejected" for a code it has never seen can leave a live order it does not track.
/// </summary>
public static class BybitErrorCodes
{
    /// <summary>The class of <paramref name="retCode"/>.</summary>
    public static BybitErrorClass Classify(int retCode) => retCode switch
    {
        0 => BybitErrorClass.Ok,
        10006 or 10018 or 170005 or 170222 or 10429 or 20003 or 10403 => BybitErrorClass.RateLimited,
        10002 => BybitErrorClass.Timestamp,
        10003 or 10004 or 10005 or 10007 or 10010 or 33004 => BybitErrorClass.FatalAuth,
        10024 or 10027 or 10028 or 10029 or 110119 or 170355 => BybitErrorClass.FatalAccount,
        10016 or 10019 => BybitErrorClass.VenueRestarting,
        10000 or 110079 or 170001 or 170007 or 170032 or 170234 or 170146 or 170147 or 170310 or 170191 or 170212 => BybitErrorClass.StateUnknown,
        10014 or 110072 or 170141 or 20006 => BybitErrorClass.Duplicate,
        110004 or 110006 or 110007 or 110012 or 110044 or 110045 or 170131 or 170033 => BybitErrorClass.Balance,
        170217 or 170218 => BybitErrorClass.PostOnlyWouldCross,
        110003 or 110120 or 110121 or 30208 or 30209 or 170193 or 170194 or 170371 or 170372 => BybitErrorClass.PriceBand,
        110001 or 110008 or 110010 or 170139 or 170142 or 170143 or 170190 or 170213 => BybitErrorClass.NotFound,
        110023 or 30228 or 110095 or 110098 or 170151 or 170157 or 170159 => BybitErrorClass.StopQuoting,
        110043 or 110025 or 110026 => BybitErrorClass.NotModified,
        10001 or 110009 or 110017 or 110020 or 110021 or 110022 or 110040 or 110085 or 110086 or 110090 or 110094 or 40004
            or 170134 or 170136 or 170137 or 170140 or 170210 or 170311 or 170312 or 170313 or 170124 or 170132 or 170133
            or 170341 or 170381 or 170382 or 170810 or 10404 or 10017 => BybitErrorClass.Reject,
        _ => BybitErrorClass.Unknown,
    };

    /// <summary>The engine's reject reason for a refused order with <paramref name="retCode"/>.</summary>
    public static RejectReason ToRejectReason(int retCode) => retCode switch
    {
        170134 or 110003 => RejectReason.InvalidTick,
        110017 or 110094 or 170136 or 170137 or 170140 or 170124 or 170341 or 170381 or 170382 => RejectReason.InvalidSize,
        170132 or 170133 => RejectReason.InvalidPrice,
        _ => Classify(retCode) switch
        {
            BybitErrorClass.RateLimited => RejectReason.RateLimited,
            BybitErrorClass.Balance => RejectReason.InsufficientBalance,
            BybitErrorClass.PostOnlyWouldCross => RejectReason.PostOnlyWouldCross,
            BybitErrorClass.PriceBand => RejectReason.InvalidPrice,
            BybitErrorClass.Duplicate => RejectReason.Duplicate,
            BybitErrorClass.VenueRestarting => RejectReason.VenueRestarting,
            BybitErrorClass.FatalAuth => RejectReason.Unauthorized,
            BybitErrorClass.StopQuoting or BybitErrorClass.FatalAccount => RejectReason.MarketUnavailable,
            BybitErrorClass.StateUnknown => RejectReason.Timeout,
            BybitErrorClass.Timestamp => RejectReason.Unauthorized,
            _ => RejectReason.VenueError,
        },
    };

    /// <summary>
    /// The order-stream <c>rejectReason</c> text (<c>EC_…</c>) as the engine's reason; <see cref="RejectReason.Other"/>
    /// for one this table does not know.
    /// </summary>
    public static RejectReason FromRejectText(ReadOnlySpan<char> text) => text switch
    {
        "EC_PostOnlyWillTakeLiquidity" => RejectReason.PostOnlyWouldCross,
        "EC_ReachMarketPriceLimit" or "EC_ReachRiskPriceLimit" => RejectReason.InvalidPrice,
        "EC_InCallAuctionStatus" => RejectReason.MarketUnavailable,
        "EC_BySelfMatch" => RejectReason.SelfTrade,
        "EC_DuplicatedClOrdID" => RejectReason.Duplicate,
        "EC_NoImmediateQtyToFill" => RejectReason.NotFilled,
        "EC_NoError" => RejectReason.None,
        _ => RejectReason.Other,
    };
}
