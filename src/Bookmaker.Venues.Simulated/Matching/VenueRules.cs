using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>One rejection the venue can give: the typed reason, the venue's code and its own words.</summary>
/// <param name="Reason">Typed reason.</param>
/// <param name="Code">HTTP status (Polymarket) or retCode (Bybit).</param>
/// <param name="Text">The venue's error text.</param>
public readonly record struct RejectText(RejectReason Reason, int Code, string Text);

/// <summary>
/// The error vocabulary and batch limit of the venue a simulated instrument imitates, so an adapter under test sees
/// the strings the real venue sends. Polymarket texts are verbatim from the CLOB error catalogue; Bybit rejects
/// carry the documented retCodes with short texts.
/// </summary>
public sealed class VenueRules
{
    private readonly string _batchFormat;

    private VenueRules(string name, int maxBatch, string batchFormat, int batchCode)
    {
        Name = name;
        MaxBatch = maxBatch;
        _batchFormat = batchFormat;
        BatchCode = batchCode;
    }

    /// <summary>Venue name.</summary>
    public string Name { get; }

    /// <summary>Most orders one batch may carry; more and the whole batch is refused.</summary>
    public int MaxBatch { get; }

    /// <summary>Code of the whole-batch refusal.</summary>
    public int BatchCode { get; }

    /// <summary>Price not a multiple of the tick.</summary>
    public RejectText Tick { get; private init; }

    /// <summary>Size below the minimum.</summary>
    public RejectText MinSize { get; private init; }

    /// <summary>Size not a multiple of the size step.</summary>
    public RejectText SizeStep { get; private init; }

    /// <summary>Price outside the instrument's bounds (Polymarket adds the bounds to the text).</summary>
    public RejectText PriceBounds { get; private init; }

    /// <summary>Not enough free cash or tokens.</summary>
    public RejectText Balance { get; private init; }

    /// <summary>A post-only order would cross.</summary>
    public RejectText PostOnlyCrosses { get; private init; }

    /// <summary>Post-only on a type that cannot rest.</summary>
    public RejectText PostOnlyType { get; private init; }

    /// <summary>FOK could not fill completely.</summary>
    public RejectText FokNotFilled { get; private init; }

    /// <summary>FAK / market order found nothing to match.</summary>
    public RejectText FakNoMatch { get; private init; }

    /// <summary>Self-trade prevention refused the order.</summary>
    public RejectText SelfTrade { get; private init; }

    /// <summary>GTD expiry already past (or missing).</summary>
    public RejectText Expiration { get; private init; }

    /// <summary>Market BUY amount below the venue minimum.</summary>
    public RejectText MarketBuyAmount { get; private init; }

    /// <summary>Smallest quote amount of a market BUY sized in quote currency (zero = none).</summary>
    public Money MinQuoteAmount { get; private init; }

    /// <summary>Unknown instrument or account.</summary>
    public RejectText Unknown { get; private init; }

    /// <summary>Cancel of an order that is not live.</summary>
    public RejectText CancelNotFound { get; private init; }

    /// <summary>Text of the whole-batch refusal for <paramref name="count"/> orders.</summary>
    public string BatchTooLarge(int count) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, _batchFormat, count, MaxBatch);

    /// <summary>Polymarket CLOB texts (HTTP 400 family), batch limit 15.</summary>
    public static VenueRules Polymarket { get; } = new("polymarket", 15, "Too many orders in payload: {0}, max allowed: {1}", 400)
    {
        Tick = new(RejectReason.InvalidTick, 400, "order is invalid. Price breaks minimum tick size rules"),
        MinSize = new(RejectReason.InvalidSize, 400, "order is invalid. Size lower than the minimum"),
        SizeStep = new(RejectReason.InvalidSize, 400, "Invalid order payload"),
        PriceBounds = new(RejectReason.InvalidPrice, 400, "invalid price"),
        Balance = new(RejectReason.InsufficientBalance, 400, "not enough balance / allowance"),
        PostOnlyCrosses = new(RejectReason.PostOnlyWouldCross, 400, "invalid post-only order: order crosses book"),
        PostOnlyType = new(RejectReason.Other, 400, "invalid post-only order: only GTC and GTD order types are allowed"),
        FokNotFilled = new(RejectReason.NotFilled, 400, "order couldn't be fully filled, FOK orders are fully filled/killed"),
        FakNoMatch = new(RejectReason.NotFilled, 400, "no orders found to match with FAK order"),
        // The CLOB documents no self-trade text; this one is the simulator's own.
        SelfTrade = new(RejectReason.SelfTrade, 400, "order would match an order of the same owner"),
        Expiration = new(RejectReason.Other, 400, "invalid expiration"),
        MarketBuyAmount = new(RejectReason.InvalidSize, 400, "invalid amount for a marketable buy order"),
        MinQuoteAmount = Money.FromUnits(1),
        Unknown = new(RejectReason.MarketUnavailable, 404, "the market is not yet ready to process new orders"),
        CancelNotFound = new(RejectReason.Other, 400, "Order not found or already canceled"),
    };

    /// <summary>Bybit v5 retCodes (spot codes where derivatives have none), batch limit 20 (linear).</summary>
    public static VenueRules Bybit { get; } = new("bybit", 20, "Batch size {0} exceeds the limit of {1}", 10001)
    {
        Tick = new(RejectReason.InvalidTick, 170134, "Order price has too many decimals."),
        MinSize = new(RejectReason.InvalidSize, 170136, "Order quantity below the lower limit."),
        SizeStep = new(RejectReason.InvalidSize, 170137, "Order quantity has too many decimals."),
        PriceBounds = new(RejectReason.InvalidPrice, 110003, "Order price is out of permissible range."),
        Balance = new(RejectReason.InsufficientBalance, 110007, "Available balance not enough for new order."),
        PostOnlyCrosses = new(RejectReason.PostOnlyWouldCross, 170218, "EC_PostOnlyWillTakeLiquidity"),
        PostOnlyType = new(RejectReason.Other, 10001, "PostOnly is only allowed for limit GTC/GTD orders."),
        FokNotFilled = new(RejectReason.NotFilled, 0, "EC_CancelForNoFullFill"),
        FakNoMatch = new(RejectReason.NotFilled, 0, "EC_CancelForNoFullFill"),
        SelfTrade = new(RejectReason.SelfTrade, 0, "EC_BySelfMatch"),
        Expiration = new(RejectReason.Other, 10001, "Invalid expiry."),
        MarketBuyAmount = new(RejectReason.InvalidSize, 110094, "Order value below the minimum."),
        Unknown = new(RejectReason.MarketUnavailable, 10001, "Symbol not found."),
        CancelNotFound = new(RejectReason.Other, 110001, "Order does not exist."),
    };
}
