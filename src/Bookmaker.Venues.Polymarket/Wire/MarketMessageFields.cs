using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// The fields of one top-level market-channel message, gathered in any key order (recorded <c>price_change</c> frames
/// carry <c>event_type</c> after the array) and acted on at the message's closing brace. The first fault is kept.
/// </summary>
internal struct MarketMessageFields
{
    /// <summary>An <c>asset_id</c> was not seen in the message.</summary>
    public const int AssetNotSeen = -2;

    /// <summary>An <c>asset_id</c> was seen but is none of ours.</summary>
    public const int AssetUnknown = -1;

    public MarketEventType Type;
    public int Asset;
    public long VenueTicks;
    public Price Price;
    public Quantity Size;
    public Side Side;
    public Price NewTick;
    public Price BestBid;
    public Price BestAsk;
    public bool HasPrice, HasSize, HasSide, HasNewTick, HasBestBid, HasBestAsk;
    public bool HasError;
    public MalformedReason Error;

    /// <summary>Records a fault (only the first counts).</summary>
    public void Fail(MalformedReason reason)
    {
        if (HasError) return;
        HasError = true;
        Error = reason;
    }

    /// <summary>Passes <paramref name="ok"/> through, recording <see cref="MalformedReason.BadNumber"/> when a number did not parse.</summary>
    public bool Number(bool ok)
    {
        if (!ok) Fail(MalformedReason.BadNumber);
        return ok;
    }
}
