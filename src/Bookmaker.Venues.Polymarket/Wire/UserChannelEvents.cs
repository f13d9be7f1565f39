using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>The <c>type</c> of a user-channel <c>order</c> event.</summary>
public enum UserOrderEventType : byte
{
    /// <summary>A type this code does not know (delivered anyway; the numbers still hold).</summary>
    Unknown,

    /// <summary>The order was placed (it rests, or is about to match).</summary>
    Placement,

    /// <summary>Part of the order matched; <see cref="UserOrderEvent.SizeMatched"/> grew.</summary>
    Update,

    /// <summary>The order was cancelled.</summary>
    Cancellation,
}

/// <summary>
/// Settlement status of a Polymarket trade. Flow: MATCHED → MINED → CONFIRMED (terminal), or MATCHED → RETRYING →
/// FAILED (terminal). A fill is reported at MATCHED; <see cref="Failed"/> means the on-chain settlement did not
/// happen and that fill must be reversed (<c>ExecutionReportKind.FillReversed</c>).
/// </summary>
public enum TradeStatus : byte
{
    /// <summary>Matched by the operator; not yet on chain.</summary>
    Matched,

    /// <summary>Included in a block.</summary>
    Mined,

    /// <summary>Final on chain (terminal).</summary>
    Confirmed,

    /// <summary>Settlement transaction failed once and is being retried.</summary>
    Retrying,

    /// <summary>Settlement failed for good (terminal): the fill is reversed.</summary>
    Failed,
}

/// <summary>Helpers on <see cref="TradeStatus"/>.</summary>
public static class TradeStatusExtensions
{
    /// <summary>True for CONFIRMED and FAILED: no further status will come.</summary>
    public static bool IsTerminal(this TradeStatus status) => status is TradeStatus.Confirmed or TradeStatus.Failed;

    /// <summary>True for FAILED: a fill previously reported for this trade must be reversed.</summary>
    public static bool ReversesFill(this TradeStatus status) => status == TradeStatus.Failed;
}

/// <summary>Whether our side of a trade was the taker or a maker.</summary>
public enum TraderSide : byte
{
    /// <summary>Not stated.</summary>
    Unknown,

    /// <summary>Our order took liquidity (<see cref="UserTradeEvent.TakerOrderId"/> is ours).</summary>
    Taker,

    /// <summary>One or more of <see cref="UserTradeEvent.MakerOrders"/> are ours.</summary>
    Maker,
}

/// <summary>A user-channel <c>order</c> event.</summary>
/// <param name="OrderId">Venue order id (0x… hash).</param>
/// <param name="Type">PLACEMENT / UPDATE / CANCELLATION.</param>
/// <param name="AssetId">Token id.</param>
/// <param name="Market">Condition id.</param>
/// <param name="Side">Order side.</param>
/// <param name="Price">Limit price.</param>
/// <param name="OriginalSize">Size when placed.</param>
/// <param name="SizeMatched">Cumulative matched size.</param>
/// <param name="Status">Venue status text (LIVE, CANCELED, MATCHED…), if sent.</param>
/// <param name="Outcome">Outcome label (YES/NO or a name).</param>
/// <param name="OrderType">GTC/GTD/FOK/FAK, if sent.</param>
/// <param name="Owner">API key that owns the order.</param>
/// <param name="AssociateTrades">Trade ids linked to the order (empty when null).</param>
/// <param name="TimestampTicks">Event time, UTC ticks, when sent.</param>
public sealed record UserOrderEvent(
    string OrderId,
    UserOrderEventType Type,
    string AssetId,
    string? Market,
    Side Side,
    Price Price,
    Quantity OriginalSize,
    Quantity SizeMatched,
    string? Status,
    string? Outcome,
    string? OrderType,
    string? Owner,
    IReadOnlyList<string> AssociateTrades,
    long? TimestampTicks)
{
    /// <summary>Open size remaining (never negative).</summary>
    public Quantity LeavesSize => Quantity.Max(Quantity.Zero, OriginalSize - SizeMatched);
}

/// <summary>One maker order filled by a trade.</summary>
/// <param name="OrderId">The maker's venue order id.</param>
/// <param name="Owner">API key owning the maker order.</param>
/// <param name="MakerAddress">Funder address of the maker.</param>
/// <param name="MatchedAmount">Size matched against this maker order.</param>
/// <param name="Price">The maker order's price.</param>
/// <param name="AssetId">Token id of the maker order (may be the complement token in a MINT/MERGE match).</param>
/// <param name="Side">The maker order's side, when sent.</param>
/// <param name="FeeRateBps">Fee rate, when sent.</param>
/// <param name="Outcome">Outcome label.</param>
public sealed record MakerOrderFill(
    string OrderId,
    string? Owner,
    string? MakerAddress,
    Quantity MatchedAmount,
    Price Price,
    string AssetId,
    Side? Side,
    int? FeeRateBps,
    string? Outcome);

/// <summary>
/// A user-channel <c>trade</c> event. The same trade id arrives several times as its <see cref="Status"/> advances;
/// an adapter reports the fill once (at the first status seen) and reverses it on <see cref="TradeStatus.Failed"/>.
/// </summary>
/// <param name="TradeId">Trade id.</param>
/// <param name="Status">Settlement status.</param>
/// <param name="TakerOrderId">Venue id of the taker order.</param>
/// <param name="Market">Condition id.</param>
/// <param name="AssetId">Token id traded by the taker.</param>
/// <param name="Side">Taker side.</param>
/// <param name="Price">Trade price (taker's view).</param>
/// <param name="Size">Trade size (taker's view).</param>
/// <param name="FeeRateBps">Fee rate in basis points (0 when absent).</param>
/// <param name="TraderSide">Whether we were taker or maker.</param>
/// <param name="MakerOrders">Maker orders filled.</param>
/// <param name="Owner">API key of the receiving user.</param>
/// <param name="TransactionHash">Settlement transaction, when known.</param>
/// <param name="MatchTimeTicks">Match time, UTC ticks, when sent.</param>
/// <param name="LastUpdateTicks">Last status change, UTC ticks, when sent.</param>
public sealed record UserTradeEvent(
    string TradeId,
    TradeStatus Status,
    string TakerOrderId,
    string? Market,
    string AssetId,
    Side Side,
    Price Price,
    Quantity Size,
    int FeeRateBps,
    TraderSide TraderSide,
    IReadOnlyList<MakerOrderFill> MakerOrders,
    string? Owner,
    string? TransactionHash,
    long? MatchTimeTicks,
    long? LastUpdateTicks);

/// <summary>Receives what <see cref="UserChannelParser"/> decodes.</summary>
public interface IUserChannelSink
{
    /// <summary>An order event.</summary>
    void OnOrder(UserOrderEvent order);

    /// <summary>A trade event.</summary>
    void OnTrade(UserTradeEvent trade);

    /// <summary>A message was unusable; the adapter should reconcile orders over REST.</summary>
    void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame);
}

/// <summary>Running counts kept by <see cref="UserChannelParser"/>.</summary>
public sealed class UserChannelCounters
{
    private readonly long[] _malformed = new long[MalformedReasonExtensions.Count];

    /// <summary>Frames handed to the parser.</summary>
    public long Frames { get; internal set; }

    /// <summary><c>PONG</c> answers.</summary>
    public long Pongs { get; internal set; }

    /// <summary>Order events delivered.</summary>
    public long Orders { get; internal set; }

    /// <summary>Trade events delivered.</summary>
    public long Trades { get; internal set; }

    /// <summary>Messages of unknown <c>event_type</c>, skipped.</summary>
    public long UnknownEventTypes { get; internal set; }

    /// <summary>Malformed messages for one reason.</summary>
    public long Malformed(MalformedReason reason) => _malformed[(int)reason];

    /// <summary>All malformed messages.</summary>
    public long MalformedTotal => _malformed.Sum();

    internal void CountMalformed(MalformedReason reason) => _malformed[(int)reason]++;
}
